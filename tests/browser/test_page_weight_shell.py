"""What a phone downloads for the shell pages: small, and nothing from other hosts."""

import pytest

from tests.browser.weight import PageWeight

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JS_BUDGET = 20 * 1024
PAGE_BUDGET = 100 * 1024


def test_home_page_is_light_and_local(browser, live_server, home_page):
    meter = PageWeight(browser)
    for path in ("/es/", "/en/"):
        report = meter.measure(f"{live_server.url}{path}")
        print(f"{path}: {report['total']} bytes in {report['count']} requests {report['by_type']}")
        assert report["other_hosts"] == set()
        assert report["by_type"].get("Script", 0) <= JS_BUDGET
        assert report["total"] <= PAGE_BUDGET
        assert report["by_type"].get("Document", 0) > 0  # the measurement saw the page itself
