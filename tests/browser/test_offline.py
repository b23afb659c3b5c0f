"""Offline reading (issue 21): save the edition in force with a province's directory, go
offline, and everything saved still opens, in both languages, with the offline notice; an
unsaved page shows the fallback; nothing a staff session reads is kept; a new edition
replaces the saved copy on reconnection."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from offline.selectors import edition_in_force, offline_pack
from protocol_pages.factories import ProtocolEditionPageFactory, ProtocolPhasePageFactory, step_data
from tests.browser.offline import (
    CACHED_URLS,
    FALLBACK,
    NOTICE,
    PROVINCE,
    controlled,
    save_for_offline,
)
from tests.browser.site import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CARD_SLUG = {"es": "tarjetas", "en": "cards"}
SERVICE_SLUG = {"es": "servicio", "en": "service"}


def _pages(pack):
    return [url for url in pack["urls"] if not url.startswith("/static/")]


def _read_offline(page, live_server, urls, language):
    """Each address opens from the saved copy, with the notice, showing what it showed."""
    for path, (heading, steps) in urls.items():
        page.goto(f"{live_server.url}{path}")
        notice = page.locator("[data-offline-notice]")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text(NOTICE[language])
        assert page.locator("h1").first.inner_text() == heading, path
        assert page.locator("[id^='step-']").count() == steps, path


def test_save_for_offline_journey(browser, live_server, ruta_site, signed_in_context):
    edition = edition_in_force()  # the site also has the superseded edition before it
    context = browser.new_context(locale="es-EC")
    page = context.new_page()
    page.set_default_timeout(15_000)
    online = {}
    for language in LANGUAGES:
        edition_url = ruta_site.public["protocol edition"][language]
        save_for_offline(page, f"{live_server.url}{edition_url}", language)
        pack = offline_pack(language, PROVINCE, edition.pk)
        paths = _pages(pack)
        assert len(paths) >= 6 + 2  # edition, 4 phases, sub-route, annex + listing, organisations
        assert any("?province=EC-P" in path for path in paths)
        card = next(path for path in paths if path.endswith(f"/{CARD_SLUG[language]}/EC-P/"))
        services = [path for path in paths if f"/{SERVICE_SLUG[language]}/" in path]
        assert services, "the province's service pages are saved"
        online[language] = {}
        for path in paths:  # what each page shows online, to compare offline
            page.goto(f"{live_server.url}{path}")
            online[language][path] = (
                page.locator("h1").first.inner_text(),
                page.locator("[id^='step-']").count(),
            )
    assert sum(steps for _heading, steps in online["es"].values()) >= 10
    # The province's card offers the same save (the province is the card's own).
    card_page = context.new_page()
    card_page.goto(f"{live_server.url}{card}")
    controlled(card_page)
    save = card_page.locator("[data-offline-save]")
    save.get_by_role("button").click()
    expect(save.locator("[data-offline-status]")).to_contain_text(
        "Saved for offline reading", timeout=30_000
    )
    card_page.close()

    context.set_offline(True)
    for language in LANGUAGES:
        _read_offline(page, live_server, online[language], language)
        # Never read, never saved: the offline page, in the page's language.
        page.goto(f"{live_server.url}{ruta_site.public['training catalogue'][language]}")
        expect(page.locator("h1")).to_have_text(FALLBACK[language])

    # A new edition comes into force while the reader is offline; reconnecting replaces the
    # saved copy and says so.
    new_edition = ProtocolEditionPageFactory(
        parent=edition.get_parent(),
        title="Edición 2026",
        title_en="2026 edition",
        effective_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    ProtocolPhasePageFactory(
        parent=new_edition,
        title="Fase renovada",
        title_en="Renewed phase",
        slug="fase-renovada",
        slug_en="renewed-phase",
        steps_es=[step_data(1, "Paso renovado")],
        steps_en=[step_data(1, "Renewed step")],
    )
    # Published as an editor publishes: that moves the cached pages' and pack's version (a
    # factory's save alone is a draft save, which invalidates nothing).
    new_edition.save_revision().publish()
    context.set_offline(False)
    # Three saved packs (the edition in each language, the card) are fetched again first.
    expect(page.locator("[data-offline-updated]")).to_be_visible(timeout=60_000)
    new_pack = {language: offline_pack(language, PROVINCE, edition.pk) for language in LANGUAGES}
    assert new_pack["es"]["edition"]["id"] == new_edition.pk
    context.set_offline(True)
    for language in LANGUAGES:
        renewed = {"es": "renovada", "en": "renewed"}[language]
        phase = next(path for path in _pages(new_pack[language]) if renewed in path)
        page.goto(f"{live_server.url}{phase}")
        expect(page.locator("[data-offline-notice]")).to_be_visible()
        expect(page.locator("h1")).to_contain_text(
            {"es": "Fase renovada", "en": "Renewed phase"}[language]
        )
        old_phase = ruta_site.public["protocol phase"][language]
        page.goto(f"{live_server.url}{old_phase}")  # the replaced copy is gone
        expect(page.locator("h1")).to_have_text(FALLBACK[language])
    context.close()

    # A staff session: nothing it reads is kept, and its pages never come from a cache.
    staff = signed_in_context(ruta_site.staff_user, "es")
    staff_page = staff.new_page()
    staff_page.goto(f"{live_server.url}{ruta_site.public['protocol edition']['es']}")
    controlled(staff_page)
    staff_page.goto(f"{live_server.url}{ruta_site.public['protocol phase']['es']}")
    record = f"{live_server.url}{ruta_site.signed_in['referral record']}"
    assert staff_page.goto(record).status == 200
    staff_page.goto(f"{live_server.url}{ruta_site.public['protocol edition']['es']}")
    cached = staff_page.evaluate(CACHED_URLS)
    assert not [url for url in cached if "/admin/" in url]
    assert not [url for url in cached if ruta_site.public["protocol phase"]["es"] in url]
    staff.set_offline(True)
    with pytest.raises(PlaywrightError):
        staff_page.goto(record)
