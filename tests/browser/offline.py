"""Helpers of the offline browser tests: wait for the service worker, save for offline, read
the worker's caches."""

from playwright.sync_api import expect

PROVINCE = "EC-P"
NOTICE = {"es": "Leído sin conexión · guardado el", "en": "Read offline · saved on"}
FALLBACK = {"es": "Sin conexión", "en": "You are offline"}
SAVED = {"es": "Guardado para leer sin conexión", "en": "Saved for offline reading"}
# Every cached address, from inside the page (the test reads the worker's caches).
CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) { urls.push(request.url); }
  }
  return urls;
}"""


def controlled(page):
    page.wait_for_function("() => Boolean(navigator.serviceWorker.controller)")


def save_for_offline(page, url, language):
    """Open ``url``, wait for the worker, save with the province and wait for the answer."""
    page.goto(url)
    controlled(page)
    form = page.locator("[data-offline-save]")
    form.locator("select").select_option(PROVINCE)
    form.get_by_role("button").click()
    expect(form.locator("[data-offline-status]")).to_contain_text(SAVED[language], timeout=30_000)
