"""The handbook PDF: TOC page numbers, running heads, QR target, build and serving rules."""

import re
from io import BytesIO

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import translation
from django_tasks import default_task_backend
from pypdf import PdfReader

from infra.models import BuiltDocument
from infra.pdf import build_document, build_page_document
from protocol_pages.factories import ProtocolPhasePageFactory, step_data
from protocol_pages.handbook import handbook_builds_deferred, handbook_context
from website.models import SiteSettings

pytestmark = pytest.mark.django_db

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def add_long_phases(edition):
    """Enough steps that phases span several pages and start on varied page numbers."""
    for n, (es, en) in enumerate(
        [("Asistencia integral", "Comprehensive assistance"), ("Reintegración", "Reintegration")]
    ):
        ProtocolPhasePageFactory(
            parent=edition,
            title=es,
            title_en=en,
            slug=f"larga-{n}",
            slug_en=f"long-{n}",
            steps_es=[
                step_data(
                    10 + i,
                    f"{es}: acción {i}",
                    summary="Texto de relleno para ocupar espacio en la página. " * 12,
                    actions=[f"Acción {j}" for j in range(6)],
                )
                for i in range(6 + 4 * n)
            ],
        )


def read(document):
    with document.file.open("rb") as handle:
        return PdfReader(BytesIO(handle.read()))


def page_texts(reader):
    return [page.extract_text() or "" for page in reader.pages]


@pytest.fixture
def handbook(protocol):
    add_long_phases(protocol["current"])
    document = build_document(protocol["current"], "manual", "es")
    return protocol, document, read(document)


def toc_entries(texts):
    """(number, title, page) for each TOC line like '3. Fase 1: Identificación ..... 5'."""
    toc_page = next(i for i, text in enumerate(texts) if "Contenido" in text)
    entries = []
    for line in texts[toc_page].splitlines():
        match = re.match(r"^\s*(\d+)\.\s+(.+?)[\s.]*?(\d+)\s*$", line)
        if match:
            entries.append((int(match[1]), match[2].rstrip(" ."), int(match[3])))
    return entries


def test_toc_page_numbers_match_where_each_chapter_starts(handbook):
    _protocol, _document, reader = handbook
    texts = page_texts(reader)
    entries = toc_entries(texts)
    titles = [title for _n, title, _p in entries]
    for phase in (
        "Fase 1: Identificación",
        "Fase 2: Protección inmediata",
        "Fase 3: Asistencia integral",
        "Fase 4: Reintegración",
    ):
        assert phase in titles, titles
    assert "Intervención en crisis" in titles
    assert "Glosario" in titles
    assert len({page for _n, _t, page in entries}) == len(entries)  # every chapter on its own page
    for number, title, page in entries:
        label = re.compile(rf"CAPÍTULO {number}\b")
        starts = [i + 1 for i, text in enumerate(texts) if label.search(text)]
        assert starts == [page], (title, starts, page)
        assert title in texts[page - 1]
    phase_pages = [page for _n, title, page in entries if title.startswith("Fase")]
    assert phase_pages == sorted(phase_pages)
    assert phase_pages[-1] - phase_pages[-2] > 1  # the long phase really spans pages


def test_running_heads_show_edition_phase_and_page_x_of_y(handbook):
    _protocol, _document, reader = handbook
    texts = page_texts(reader)
    total = len(texts)
    entries = toc_entries(texts)
    start = next(page for _n, title, page in entries if title == "Fase 3: Asistencia integral")
    following = texts[start]  # the page after the phase starts, still in phase 3
    assert "Edición 2024" in following
    assert "Fase 3: Asistencia integral" in following
    assert "CAPÍTULO" not in following
    for number, text in enumerate(texts[1:], start=2):
        assert f"Página {number} de {total}" in text


def test_cover_qr_links_to_the_online_edition(handbook):
    protocol, _document, reader = handbook
    with translation.override("es"):
        url = protocol["current"].get_full_url()
    assert url.endswith("/es/protocolo/edicion-2024/")
    cover = reader.pages[0]
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for annotation in cover.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert url in uris
    assert url in cover.extract_text().replace("\n", "")
    images = cover.images
    assert images or "/XObject" in cover["/Resources"]


def test_english_handbook_is_in_english(protocol):
    document = build_document(protocol["current"], "manual", "en")
    text = "".join(page_texts(read(document)))
    assert "Contents" in text
    assert "Phase 1: Identification" in text
    assert "/en/protocol/edition-2024/" in text.replace("\n", "")


def test_handbook_is_hyphenated_spanish(protocol):
    with translation.override("es"):
        html = render_to_string(
            "protocol_pages/pdf/handbook.html", handbook_context(protocol["current"])
        )
    assert '<html lang="es">' in html

    with open(finders.find("protocol_pages/css/handbook.css"), encoding="utf-8") as handle:
        css = handle.read()
    assert "hyphens: auto" in css


@override_settings(TASKS=DUMMY_TASKS)
def test_missing_handbook_answers_503_with_retry_after(client, protocol):
    default_task_backend.clear()
    response = client.get("/es/protocolo/edicion-2024/manual.pdf")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert [
        r.args for r in default_task_backend.results if r.task.func is build_page_document.func
    ] == [[protocol["current"].pk, "manual", "es"]]


@override_settings(TASKS=DUMMY_TASKS)
def test_built_handbook_is_served_without_rendering(client, protocol, monkeypatch):
    build_document(protocol["current"], "manual", "es")

    def fail(*args, **kwargs):
        raise AssertionError("a reader's request must not run WeasyPrint")

    monkeypatch.setattr("infra.pdf.render_pdf", fail)
    response = client.get("/es/protocolo/edicion-2024/manual.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_built_handbook_is_kept_by_the_anonymous_page_cache(
    client, protocol, settings, django_assert_num_queries
):
    """Regression (issue #9): each download used to route through Wagtail (~30 ms of CPU),
    which held the handbook at ~20 req/s under load; repeated anonymous downloads are now
    answered from the shared cache without touching the database."""

    SiteSettings.load()
    build_document(protocol["current"], "manual", "es")
    settings.RUTA_PAGE_CACHE_SECONDS = 300
    cache.clear()
    first = client.get("/es/protocolo/edicion-2024/manual.pdf")
    assert first["X-Ruta-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/es/protocolo/edicion-2024/manual.pdf")
    assert second["X-Ruta-Cache"] == "hit"
    assert second["Content-Type"] == "application/pdf"
    assert second.content == first.content
    assert second.content.startswith(b"%PDF")
    assert int(second["Content-Length"]) == len(second.content)
    build_document(protocol["current"], "manual", "es")  # a rebuild empties the cache
    assert client.get("/es/protocolo/edicion-2024/manual.pdf")["X-Ruta-Cache"] == "miss"
    cache.clear()


@override_settings(TASKS=DUMMY_TASKS)
def test_publishing_a_section_requests_the_edition_handbook(
    protocol, django_capture_on_commit_callbacks
):
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        protocol["phase2"].save_revision().publish()
    requested = {
        tuple(r.args)
        for r in default_task_backend.results
        if r.task.func is build_page_document.func
    }
    edition = protocol["current"].pk
    assert requested == {(edition, "manual", "es"), (edition, "manual", "en")}


def test_publishing_a_section_rebuilds_the_stored_handbook(
    protocol, django_capture_on_commit_callbacks
):
    """With the immediate backend (as in development) the stored file is rebuilt."""
    edition = protocol["current"]
    first = build_document(edition, "manual", "es")
    built_at = first.built_at
    phase = protocol["phase2"]
    phase.title_es = "Protección inmediata y acogida"
    phase.title = phase.title_es
    with django_capture_on_commit_callbacks(execute=True):
        phase.save_revision().publish()
    rebuilt = BuiltDocument.objects.get(page=edition, kind="manual", language="es")
    assert rebuilt.built_at > built_at
    assert "Protección inmediata y acogida" in "".join(page_texts(read(rebuilt)))


@override_settings(TASKS=DUMMY_TASKS)
def test_deferred_builds_request_each_edition_once(protocol, django_capture_on_commit_callbacks):
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True), handbook_builds_deferred():
        protocol["phase1"].save_revision().publish()
        protocol["phase2"].save_revision().publish()
        assert not [
            r for r in default_task_backend.results if r.task.func is build_page_document.func
        ]
    requested = [
        tuple(r.args)
        for r in default_task_backend.results
        if r.task.func is build_page_document.func
    ]
    edition = protocol["current"].pk
    assert sorted(requested) == [(edition, "manual", "en"), (edition, "manual", "es")]
