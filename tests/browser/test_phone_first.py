"""Issue 16 in Debian's Chromium: on a 390 × 844 and a 320 px phone, in both languages,
with and without JavaScript, every public page fits the screen, the directory shows its
first result high up and calls with tel: links, and the protocol keeps the reader's
province on every step and phase, with a local contact where the institution has none.

To stay lean the four (width, language, JavaScript) cases are paired so that each width,
language and JavaScript setting is seen twice; axe-core (WCAG 2.2 AA, target-size included)
runs in the two cases with JavaScript, 390 px in Spanish and 320 px in English (the 360 px
and desktop passes in both languages are ``test_accessibility``).
"""

import re

import pytest

from directory.cards import service_cards
from directory.models import Service
from tests.browser.axe import violations
from tests.browser.site import GUAYAS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CASES = [
    ({"width": 390, "height": 844}, "es", True),
    ({"width": 390, "height": 844}, "en", False),
    ({"width": 320, "height": 720}, "es", False),
    ({"width": 320, "height": 720}, "en", True),
]
TEL = re.compile(r"^tel:(\+593\d{8,9}|\d{3,10})$")
FIRST_RESULT_LIMIT = 900
SERVICE_ID = re.compile(r"/(?:servicio|service)/([0-9a-f-]{36})/")


def _context(browser, viewport, language, javascript):
    context = browser.new_context(
        viewport=viewport,
        locale="es-EC" if language == "es" else "en-GB",
        java_script_enabled=javascript,
        bypass_csp=True,  # axe-core is injected; the pages themselves are unchanged
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _overflow(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def _cards_calling(page, with_phone):
    """Problems with the result cards shown: a service with a public phone without a
    working tel: link."""
    problems = []
    for card in page.locator(".result-card").all():
        link = card.locator(".card__title a").first.get_attribute("href") or ""
        found = SERVICE_ID.search(link)
        if not found or found.group(1) not in with_phone:
            continue
        tels = [a.get_attribute("href") for a in card.locator("a[href^='tel:']").all()]
        if not tels or not all(TEL.match(href) for href in tels):
            problems.append(f"{link}: tel links {tels}")
    return problems


def test_public_pages_fit_a_phone_and_cards_call(browser, live_server, ruta_site):
    ids = [str(pk) for pk in Service.objects.values_list("pk", flat=True)]
    cards = service_cards(ids)
    with_phone = {pk for pk, card in cards.items() if card["phones"] or card["referral_phone"]}
    assert with_phone  # the fictional site has services with public phones
    problems, checked = [], 0
    for viewport, language, javascript in CASES:
        context, page = _context(browser, viewport, language, javascript)
        where = f"{viewport['width']} px, {language}, JS {'on' if javascript else 'off'}"
        for name, path in ruta_site.public_paths(language):
            page.goto(f"{live_server.url}{path}")
            checked += 1
            if (extra := _overflow(page)) > 0:
                problems.append(f"{name} ({where}): {extra} px of horizontal scroll")
            if javascript:  # axe-core needs JavaScript
                problems += [f"{name} ({where}): {line}" for line in violations(page)]
        # A query with two filters: the first result near the top.
        page.goto(f"{live_server.url}{ruta_site.public['directory results'][language]}")
        top = page.evaluate(
            "() => document.querySelector('.result-card').getBoundingClientRect().top"
            " + window.scrollY"
        )
        if top > FIRST_RESULT_LIMIT:
            problems.append(f"directory results ({where}): first result at {top:.0f} px")
        # Every card of every service: each one with a public phone calls it.
        directory = ruta_site.public["directory results"][language].split("?")[0]
        page.goto(f"{live_server.url}{directory}?page=1")
        assert page.locator(".result-card").count() == len(cards)
        problems += [f"directory ({where}): {line}" for line in _cards_calling(page, with_phone)]
        context.close()
    assert checked == len(CASES) * len(ruta_site.public)
    assert not problems, "\n".join(problems)


def _steps_in(page, province_name):
    """How many steps show contacts of the province, and how many steps name institutions
    (those that have an "in your province" section)."""
    steps = page.locator(".protocol-step", has=page.locator(".province-lookup"))
    shown = page.locator(".province-lookup__results", has_text=province_name)
    return shown.count(), steps.count()


@pytest.mark.parametrize(("language", "javascript"), [("es", False), ("en", True)])
def test_province_chosen_once_applies_everywhere(
    browser, live_server, ruta_site, language, javascript
):
    viewport = {"width": 390, "height": 844} if language == "es" else {"width": 320, "height": 720}
    context, page = _context(browser, viewport, language, javascript)
    guayas = "Guayas"
    taps = 0
    # Home → protocol → edition in force → its first phase, tapping links.
    phase_path = ruta_site.public["protocol phase"][language]
    edition = ruta_site.public["protocol edition"][language]
    index = edition.rstrip("/").rsplit("/", 1)[0] + "/"
    page.goto(f"{live_server.url}/{language}/")
    for href in (index, edition, phase_path):
        page.locator(f"main a[href^='{href}']").first.click()
        page.wait_for_url(f"**{href}**")
        taps += 1
    # Step 1: choose the province in its form (open the select, pick, submit: 3 taps).
    step = page.locator(".protocol-step").first
    step.locator("select[name=province]").select_option(GUAYAS)
    step.locator("button[type=submit]").click()
    taps += 3
    page.wait_for_url(f"**province={GUAYAS}**")
    shown, steps = _steps_in(page, guayas)
    assert steps > 1
    assert shown == steps  # chosen on step 1, applied on every step of the page
    # Step 1 names only the prosecutor's office, which has no office in Guayas: the step
    # still lists a local contact with a phone to call.
    first = page.locator(".protocol-step").first
    local = first.locator(".province-lookup__local .result-card")
    assert local.count() >= 1
    phone = first.locator(".province-lookup__local a[href^='tel:']").first
    assert TEL.match(phone.get_attribute("href"))
    assert first.locator(".province-lookup__national a[href='tel:911']").count() == 1
    taps += 1  # the local phone number
    # Every other phase: through the edition's overview (its links are cached for every
    # reader, so the cookie carries the province) and with the province in the address.
    page.goto(f"{live_server.url}{edition}")
    assert page.locator("#province-choice").input_value() == GUAYAS
    phase_links = page.locator(".step-by-step__phase-title a")
    hrefs = [a.get_attribute("href") for a in phase_links.all()]
    assert len(hrefs) > 1
    for href in hrefs[1:]:
        page.goto(f"{live_server.url}{href}")  # no ?province: the cookie
        shown, steps = _steps_in(page, guayas)
        assert shown == steps > 0, f"{href} without the province in the address"
        page.goto(f"{live_server.url}{href.split('#')[0]}?province={GUAYAS}")
        shown, steps = _steps_in(page, guayas)
        assert shown == steps > 0, href
    print(f"\nTaps home → step → local phone number (Guayas, {language}): {taps}")
    context.close()
