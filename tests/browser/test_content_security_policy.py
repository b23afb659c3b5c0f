"""Every public page works under its Content-Security-Policy, in a real browser.

The policy (django-csp, ``CONTENT_SECURITY_POLICY`` in the production settings) allows no
inline script or style and nothing from other hosts. A template that slips in a
``style="…"`` attribute, an inline ``<script>`` or an ``onclick`` still "works" in a test
client, but Chromium refuses it and reports a violation: this test collects them.
"""

import pytest

from tests.browser.site import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
        const where = (event.blockedURI || "inline") + " line " + event.lineNumber;
        window.__cspViolations.push(event.violatedDirective + " " + where);
    });
}"""


def policy_problems(header):
    problems = []
    if not header:
        return ["no Content-Security-Policy header"]
    directives = {}
    for part in header.split(";"):
        name, _space, value = part.strip().partition(" ")
        if name:
            directives[name] = value
    for name in ("default-src", "script-src", "style-src"):
        if "'unsafe-inline'" in directives.get(name, "") or "'unsafe-eval'" in directives.get(
            name, ""
        ):
            problems.append(f"{name} allows unsafe sources: {directives[name]}")
    if directives.get("default-src") != "'self'":
        problems.append(f"default-src is {directives.get('default-src')!r}, expected 'self'")
    if directives.get("frame-ancestors") != "'none'":
        problems.append("frame-ancestors is not 'none' (the site could be framed)")
    return problems


def violations_on(page, url):
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(f"({LISTEN})()")
    response = page.goto(url, wait_until="networkidle")
    found = policy_problems(response.headers.get("content-security-policy", ""))
    found += page.evaluate("window.__cspViolations || []")
    found += console
    return response, found


def test_public_pages_keep_to_their_policy(browser, live_server, ruta_site):
    found, checked = {}, 0
    for language in LANGUAGES:
        context = browser.new_context()  # the policy enforced, as for every visitor
        for name, path in ruta_site.public_paths(language):
            page = context.new_page()
            response, problems = violations_on(page, f"{live_server.url}{path}")
            assert response.status == 200, path
            checked += 1
            if problems:
                found[f"{name} ({language}) {path}"] = problems
            page.close()
        context.close()
    assert checked == 2 * len(ruta_site.public)
    assert not found, "\n".join(f"{where}: {problems}" for where, problems in found.items())


def test_the_check_sees_an_inline_style_and_script(browser, live_server, home_page):
    context = browser.new_context()
    page = context.new_page()
    _response, problems = violations_on(page, f"{live_server.url}/es/")
    assert problems == [], problems
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = 1";
            document.body.appendChild(script);
            document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>');
        }"""
    )
    page.wait_for_timeout(200)
    seen = page.evaluate("window.__cspViolations")
    context.close()
    assert any(line.startswith("script-src") for line in seen), seen
    assert any(line.startswith("style-src") for line in seen), seen
    assert policy_problems("default-src 'self'; script-src 'self' 'unsafe-inline'")
