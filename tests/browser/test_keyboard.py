"""Keyboard-only journeys (no clicks): the quick exit, and the directory filters.

Every stop of the focus must be visible: an outline drawn around the focused element, and
the element not hidden behind the sticky quick-exit bar (WCAG 2.4.7 and 2.4.11).
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import NEUTRAL_PATH
from tests.browser.site import DIRECTORY_QUERY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_STATE = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) { return null; }
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(box.top + Math.min(box.height / 2, 12), 0), innerHeight - 1);
    const onTop = document.elementFromPoint(x, y);
    return {
        tag: element.tagName.toLowerCase(),
        id: element.id,
        name: element.getAttribute('name'),
        text: (element.innerText || element.value || '').trim().slice(0, 60),
        href: element.getAttribute('href'),
        quickExit: element.hasAttribute('data-quick-exit-link'),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        inViewport: box.bottom > 0 && box.top < innerHeight,
        covered: !(onTop && (onTop === element || element.contains(onTop))),
    };
}"""


class Keyboard:
    """Moves the focus with Tab only and checks that each stop is visibly focused."""

    def __init__(self, page):
        self.page = page
        self.problems = []

    def focused(self):
        state = self.page.evaluate(FOCUS_STATE)
        if state is not None:
            where = f"{state['tag']}#{state['id'] or state['name'] or state['text']}"
            if not state["outline"]:
                self.problems.append(f"{where}: no visible focus outline")
            if not state["inViewport"] or state["covered"]:
                self.problems.append(f"{where}: focused but hidden (off screen or covered)")
        return state

    def tab_to(self, matches, limit=60, backwards=False):
        """Press Tab until ``matches(state)``; return how many presses it took."""
        address = self.page.url
        for presses in range(1, limit + 1):
            self.page.keyboard.press("Shift+Tab" if backwards else "Tab")
            try:
                state = self.focused()
            except PlaywrightError as error:
                raise AssertionError(f"Tab left {address} (now at {self.page.url})") from error
            if state is not None and matches(state):
                return presses
        raise AssertionError(f"Tab never reached the element ({limit} presses)")


@pytest.mark.parametrize("language", ["es", "en"])
def test_quick_exit_with_the_keyboard(browser, live_server, ruta_site, language):
    neutral = f"{live_server.url}{NEUTRAL_PATH}"
    context = browser.new_context(locale="es-EC" if language == "es" else "en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    for name in ("home", "organisation", "protocol phase"):
        page.goto(f"{live_server.url}{ruta_site.public[name][language]}")
        keyboard = Keyboard(page)
        history_before = page.evaluate("history.length")
        presses = keyboard.tab_to(lambda state: state["quickExit"], limit=2)
        assert presses <= 2, name  # the skip link may come first
        page.keyboard.press("Enter")
        page.wait_for_url(neutral)
        # The page was replaced, not pushed: "back" cannot return to it.
        assert page.evaluate("history.length") == history_before
        assert not keyboard.problems, keyboard.problems
    context.close()


@pytest.mark.parametrize(("language", "width"), [("es", 1280), ("en", 360)])
def test_directory_filters_with_the_keyboard(browser, live_server, ruta_site, language, width):
    labels = {
        "es": {"province": "Pich", "category": "Acog"},
        "en": {"province": "Pich", "category": "Shel"},
    }[language]
    context = browser.new_context(
        locale="es-EC" if language == "es" else "en-GB", viewport={"width": width, "height": 740}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    directory = ruta_site.public["directory results"][language].split("?")[0]
    page.goto(f"{live_server.url}{directory}")
    keyboard = Keyboard(page)

    # The skip link first, then into the search form.
    keyboard.tab_to(lambda state: state["href"] == "#main", limit=1)
    page.keyboard.press("Enter")
    keyboard.tab_to(lambda state: state["name"] == "q", limit=5)
    page.keyboard.type(DIRECTORY_QUERY[language])
    keyboard.tab_to(lambda state: state["name"] == "province", limit=1)
    page.keyboard.type(labels["province"])  # type-ahead in a closed select
    keyboard.tab_to(lambda state: state["name"] == "category", limit=1)
    page.keyboard.type(labels["category"])
    keyboard.tab_to(
        lambda state: state["tag"] == "button" and state["text"] in {"Buscar", "Search"}
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**province=**")

    params = parse_qs(urlsplit(page.url).query)
    assert params["q"] == [DIRECTORY_QUERY[language]]
    assert params["province"] == ["EC-P"]
    assert params["category"] == ["shelter"]
    results = page.locator(".directory-results .card__title").all_inner_texts()
    shelter = {"es": "Acogida temporal especializada", "en": "Specialised temporary shelter"}
    coast = {"es": "Casa de acogida para adolescentes", "en": "Shelter for adolescents"}
    assert results == [shelter[language]]

    # Remove the province filter with the keyboard: its link in the list of active filters.
    remove = {"es": "Quitar filtro: Pichincha", "en": "Remove filter: Pichincha"}[language]
    keyboard.tab_to(lambda state: state["text"] == remove)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "province=" not in url and "category=shelter" in url)
    params = parse_qs(urlsplit(page.url).query)
    assert "province" not in params
    assert params["q"] == [DIRECTORY_QUERY[language]]
    assert params["category"] == ["shelter"]
    results = page.locator(".directory-results .card__title").all_inner_texts()
    assert sorted(results) == sorted([shelter[language], coast[language]])
    assert page.locator("select[name=province]").input_value() == ""

    # Back up to the search box with Shift+Tab: focus stays visible below the sticky bar,
    # and the Shift presses do not count as the quick-exit shortcut.
    filtered = page.url
    keyboard.tab_to(lambda state: state["name"] == "q", backwards=True)
    assert page.url == filtered
    assert not keyboard.problems, keyboard.problems
    context.close()
