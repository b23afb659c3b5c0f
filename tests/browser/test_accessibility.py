"""axe-core (WCAG 2.2 AA) on every kind of page, in both languages, in Debian's Chromium.

Public pages of a realistic fictional site (``tests/browser/site/``) at a desktop and a
phone width, and the referral pages signed in with a verified second factor. Each test
collects every violation and fails listing them all, page by page.
"""

import pytest

from tests.browser.axe import violations
from tests.browser.site import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}
# Pages of the site shell that are not in the fictional site's list.
SHELL_PAGES = {
    "es": [("API page", "/es/api/", 200), ("not found", "/es/no-existe/", 404)],
    "en": [("API page", "/en/api/", 200), ("not found", "/en/missing/", 404)],
}


def check(page, url, expected_status, language):
    """axe's violations on one page, plus a line if the page is not the one expected."""
    response = page.goto(url)
    problems = []
    if response is None or response.status != expected_status:
        problems.append(f"HTTP {response and response.status}, expected {expected_status}")
    lang = page.locator("html").get_attribute("lang") or ""
    if not lang.lower().startswith(language):
        problems.append(f'<html lang="{lang}">, expected {language}')
    return problems + violations(page)


def report(found):
    return "WCAG 2.2 AA violations:\n" + "\n".join(
        f"{where}\n    {line}" for where, lines in found.items() for line in lines
    )


def test_public_pages_have_no_wcag_violations(browser, live_server, ruta_site):
    found = {}
    checked = 0
    for viewport_name, viewport in VIEWPORTS.items():
        # bypass_csp lets the test inject axe-core; the pages themselves are unchanged.
        context = browser.new_context(bypass_csp=True, viewport=viewport)
        page = context.new_page()
        page.set_default_timeout(15_000)
        for language in LANGUAGES:
            pages = [(name, path, 200) for name, path in ruta_site.public_paths(language)]
            for name, path, status in pages + SHELL_PAGES[language]:
                problems = check(page, f"{live_server.url}{path}", status, language)
                checked += 1
                if problems:
                    found[f"{name} ({language}, {viewport_name}): {path}"] = problems
        context.close()
    assert checked == 2 * 2 * (len(ruta_site.public) + 2)
    assert not found, report(found)


def test_referral_pages_have_no_wcag_violations(live_server, ruta_site, signed_in_context):
    """The referral form and a referral record, and the staff view of an organisation page,
    signed in as a manager of the sending shelter who passed the TOTP step."""
    found = {}
    organisation = ruta_site.public["organisation"]
    for language in LANGUAGES:
        context = signed_in_context(ruta_site.staff_user, language, bypass_csp=True)
        page = context.new_page()
        page.set_default_timeout(15_000)
        pages = [*ruta_site.signed_in.items(), ("organisation, staff view", organisation[language])]
        for name, path in pages:
            problems = check(page, f"{live_server.url}{path}", 200, language)
            if page.url.rstrip("/").endswith(("/login", "/verify")) or "/two-factor/" in page.url:
                problems.insert(0, f"not signed in: ended at {page.url}")
            if problems:
                found[f"{name} ({language}): {path}"] = problems
        # The pages were the real ones: the record shows its case code, the organisation
        # page its staff-only section.
        page.goto(f"{live_server.url}{ruta_site.signed_in['referral record']}")
        assert ruta_site.referral.case_code in page.locator("main").inner_text()
        page.goto(f"{live_server.url}{organisation[language]}")
        assert page.locator("#staff-heading").count() == 1
    assert not found, report(found)


def test_the_checker_reports_a_real_violation(browser, live_server, home_page):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/es/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', "
        "'<img src=\"/static/website/css/print.css\">')"
    )
    problems = violations(page)
    context.close()
    assert any(line.startswith("image-alt") for line in problems), problems
