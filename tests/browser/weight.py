"""Measure what a browser transfers to show a page: bytes by resource type, and hosts."""

from urllib.parse import urlparse


class PageWeight:
    """Load a URL in a fresh Chromium context and record every network response."""

    def __init__(self, browser):
        self.browser = browser

    def measure(self, url):
        context = self.browser.new_context()
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        resources = {}
        sizes = {}

        def on_response(event):
            resources[event["requestId"]] = (
                event["response"]["url"],
                event.get("type", "Other"),
            )

        def on_finished(event):
            sizes[event["requestId"]] = event["encodedDataLength"]

        cdp.on("Network.responseReceived", on_response)
        cdp.on("Network.loadingFinished", on_finished)
        page.goto(url, wait_until="networkidle")
        context.close()
        own_host = urlparse(url).hostname
        report = {"total": 0, "by_type": {}, "other_hosts": set(), "count": 0}
        for request_id, (resource_url, kind) in resources.items():
            size = sizes.get(request_id, 0)
            report["total"] += size
            report["count"] += 1
            report["by_type"][kind] = report["by_type"].get(kind, 0) + size
            host = urlparse(resource_url).hostname
            if host and host != own_host:
                report["other_hosts"].add(host)
        return report
