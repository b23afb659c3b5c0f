"""Measure what a browser transfers to show a page: bytes by resource type, and hosts."""

from urllib.parse import urlparse


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
