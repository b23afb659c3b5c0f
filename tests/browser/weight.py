"""Measure what a browser transfers to show a page: bytes by resource type, and hosts."""

import json
import re
from urllib.parse import urlparse
from urllib.request import urlopen


class PageWeight:
    """Load a URL in a fresh Chromium context (empty cache) and record the network.

    ``measure(url)`` returns ``{"total", "by_type", "count", "other_hosts", "urls"}``:
    transferred bytes (Chromium's ``encodedDataLength``: headers and compressed bodies) in
    total and per resource type ("Document", "Stylesheet", "Script", "Font", "Image", …),
    the number of responses, and every host other than the page's own that the page asked
    for, including requests the browser then blocked (e.g. by the Content-Security-Policy).
    ``prepare(page)``, if given, runs before the page is loaded (tests of this meter use it).
    """

    def __init__(self, browser):
        self.browser = browser

    def measure(self, url, prepare=None):
        context = self.browser.new_context()
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        requested = []
        resources = {}
        sizes = {}

        def on_request(event):
            requested.append(event["request"]["url"])

        def on_response(event):
            resources[event["requestId"]] = (
                event["response"]["url"],
                event.get("type", "Other"),
            )

        def on_finished(event):
            sizes[event["requestId"]] = event["encodedDataLength"]

        cdp.on("Network.requestWillBeSent", on_request)
        cdp.on("Network.responseReceived", on_response)
        cdp.on("Network.loadingFinished", on_finished)
        if prepare is not None:
            prepare(page)
        page.goto(url, wait_until="networkidle")
        context.close()
        own_host = urlparse(url).hostname
        report = {"total": 0, "by_type": {}, "other_hosts": set(), "count": 0, "urls": requested}
        for request_id, (_resource_url, kind) in resources.items():
            size = sizes.get(request_id, 0)
            report["total"] += size
            report["count"] += 1
            report["by_type"][kind] = report["by_type"].get(kind, 0) + size
        for requested_url in requested:
            host = urlparse(requested_url).hostname
            if host and host != own_host:
                report["other_hosts"].add(host)
        return report


def _transferred(url):
    with urlopen(url) as response:  # noqa: S310 (the live server of the test)
        body = response.read()
        headers = sum(len(name) + len(value) + 4 for name, value in response.getheaders())
    return body, len(body) + headers


def offline_overhead(base_url):
    """What offline reading adds to a first visit, outside the page's own requests: the
    service worker, the web app manifest and what the worker precaches when it installs
    (the offline pages in both languages and the site's own assets; counted again even
    where the page already loaded them, so this is an upper bound).

    Returns ``{"total", "script", "urls"}`` in bytes; the worker counts as JavaScript."""
    worker, worker_size = _transferred(f"{base_url}/sw.js")
    config = json.loads(re.search(rb"const CONFIG = (\{.*?\});\n", worker).group(1))
    _manifest, manifest_size = _transferred(f"{base_url}/manifest.webmanifest")
    report = {"total": worker_size + manifest_size, "script": worker_size, "urls": []}
    for path in config["precache"]:
        _body, size = _transferred(f"{base_url}{path}")
        report["total"] += size
        if path.endswith(".js"):
            report["script"] += size
        report["urls"].append(path)
    return report
