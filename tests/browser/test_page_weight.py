"""What a phone downloads for each public page of a realistic fictional site, in both
languages: HTML, CSS, JavaScript, fonts and images as transferred, nothing from other hosts.

Budgets (issue #9): a protocol phase at most 100 KB in all, and every other public page
keeps to the same budget; at most 20 KB of JavaScript on any public page. The test server
does not compress HTML (a production proxy may), so these are upper bounds. The table of
measured weights is printed (``pytest -s`` shows it). Each page's figures include what
offline reading adds to a first visit (service worker, manifest, precached offline pages and
assets: ``offline_overhead``), the worker as JavaScript.
"""

import pytest

from tests.browser.site import LANGUAGES
from tests.browser.weight import PageWeight, offline_overhead

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KB = 1024
JS_BUDGET = 20 * KB
PAGE_BUDGET = 100 * KB


def test_public_pages_are_light_and_local(browser, live_server, ruta_site):
    meter = PageWeight(browser)
    rows, problems = [], []
    offline = offline_overhead(live_server.url)
    assert "/sw.js" not in offline["urls"]
    assert offline["script"] > 1000  # the worker itself was measured
    for language in LANGUAGES:
        for name, path in ruta_site.public_paths(language):
            report = meter.measure(f"{live_server.url}{path}")
            report["total"] += offline["total"]
            kinds = report["by_type"]
            kinds["Script"] = kinds.get("Script", 0) + offline["script"]
            sizes = "  ".join(
                f"{label} {kinds.get(kind, 0) / KB:4.1f}"
                for label, kind in [
                    ("html", "Document"),
                    ("css", "Stylesheet"),
                    ("js", "Script"),
                    ("fonts", "Font"),
                    ("images", "Image"),
                ]
            )
            rows.append(
                f"{name:<18} {language}  {report['total'] / KB:5.1f} KB  {sizes}"
                f"  ({report['count']} requests)  {path}"
            )
            where = f"{name} ({language}) {path}"
            if not kinds.get("Document"):
                problems.append(f"{where}: the measurement did not see the page itself")
            if report["other_hosts"]:
                problems.append(f"{where}: requests to other hosts {sorted(report['other_hosts'])}")
            if kinds.get("Script", 0) > JS_BUDGET:
                problems.append(f"{where}: {kinds['Script']} bytes of JavaScript > {JS_BUDGET}")
            if report["total"] > PAGE_BUDGET:
                problems.append(f"{where}: {report['total']} bytes in all > {PAGE_BUDGET}")
    print(
        f"\nOffline reading adds {offline['total'] / KB:.1f} KB"
        f" ({offline['script'] / KB:.1f} KB of JavaScript) to each page below"
    )
    print("\nTransferred bytes per public page (empty cache):\n" + "\n".join(rows))
    assert len(rows) == 2 * len(ruta_site.public)
    assert not problems, "\n".join(problems)


def test_the_meter_sees_bytes_and_other_hosts(browser, live_server, home_page):
    """A page that asks another host for an image (here the same server under another name,
    so nothing leaves the machine) is reported, even though the CSP blocks the request."""
    other = live_server.url.replace("localhost", "127.0.0.1")
    assert other != live_server.url

    def add_foreign_image(page):
        page.add_init_script(
            "document.addEventListener('DOMContentLoaded', () => {"
            f"  const image = new Image(); image.src = '{other}/static/website/favicon.svg';"
            "  document.body.append(image); });"
        )

    meter = PageWeight(browser)
    plain = meter.measure(f"{live_server.url}/es/")
    assert plain["other_hosts"] == set()
    assert plain["by_type"]["Document"] > 1000
    assert plain["by_type"]["Stylesheet"] > 1000
    assert plain["by_type"]["Script"] > 100
    assert plain["total"] == sum(plain["by_type"].values())
    foreign = meter.measure(f"{live_server.url}/es/", prepare=add_foreign_image)
    assert foreign["other_hosts"] == {"127.0.0.1"}
