"""axe-core WCAG 2.2 AA on the site shell pages, in both languages, in Debian's Chromium."""

import pytest

from tests.browser.axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_shell_pages_have_no_wcag_violations(browser, live_server, home_page):
    context = browser.new_context(bypass_csp=True)  # lets the test inject axe-core
    page = context.new_page()
    found = {}
    for path in ("/es/", "/en/", "/es/api/", "/en/api/", "/es/no-existe/", "/en/missing/"):
        page.goto(f"{live_server.url}{path}")
        problems = violations(page)
        if problems:
            found[path] = problems
    context.close()
    assert not found, "\n".join(
        f"{path}: {line}" for path, lines in found.items() for line in lines
    )


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
