"""Issue 17: PDF builds never block anyone. One build per page and language however many
pages publish in one transaction, debounced in the worker, the old file served until the
new one is stored; the handbook's QR code names the configured public address."""

import datetime

import pypdfium2
import pytest
import zxingcpp
from django.core.files.storage import storages
from django.test import override_settings
from django.utils import timezone
from django_tasks import default_task_backend

from infra.models import BuiltDocument, PDFBuildRequest
from infra.pdf import build_document, build_page_document, request_builds
from website.public_address import sync_site

pytestmark = pytest.mark.django_db

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def requested_builds():
    return sorted(
        tuple(result.args)
        for result in default_task_backend.results
        if result.task.func is build_page_document.func
    )


@override_settings(TASKS=DUMMY_TASKS)
def test_one_transaction_requests_each_page_once(protocol, django_capture_on_commit_callbacks):
    """An approval publishes an edition and its sections in one transaction: before, each
    publication enqueued the handbook again (28 builds for one copy)."""
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("phase1", "phase2", "crisis", "annex"):
            protocol[name].save_revision().publish()
    edition = protocol["current"].pk
    assert requested_builds() == [(edition, "manual", "en"), (edition, "manual", "es")]


@override_settings(TASKS=DUMMY_TASKS, RUTA_PDF_BUILD_DELAY_SECONDS=10)
def test_a_build_waits_for_the_last_request_and_runs_once(
    protocol, django_capture_on_commit_callbacks, monkeypatch
):
    default_task_backend.clear()
    monkeypatch.setattr("infra.pdf.render_pdf", lambda html: b"%PDF-1.7 test")
    edition = protocol["current"]
    with django_capture_on_commit_callbacks(execute=True):
        request_builds(edition)
    result = next(r for r in default_task_backend.results if r.args[2] == "es")
    assert result.task.run_after > timezone.now() + datetime.timedelta(seconds=5)

    # The worker reaches a task while a newer request is still waiting: it skips.
    build_page_document.call(edition.pk, "manual", "es")
    assert not BuiltDocument.objects.exists()
    # Ten seconds after the last request it builds, and a task of the same burst skips.
    PDFBuildRequest.objects.update(requested_at=timezone.now() - datetime.timedelta(seconds=11))
    build_page_document.call(edition.pk, "manual", "es")
    built = BuiltDocument.objects.get(page=edition, language="es")
    build_page_document.call(edition.pk, "manual", "es")
    assert BuiltDocument.objects.get(pk=built.pk).built_at == built.built_at


def test_the_old_file_is_served_until_the_new_one_is_stored(protocol, monkeypatch):
    """Before, the old file was deleted first: readers got 503 while the new one was saved."""
    monkeypatch.setattr("infra.pdf.render_pdf", lambda html: b"%PDF-1.7 test")
    edition = protocol["current"]
    first = build_document(edition, "manual", "es").file.name
    storage = storages["private"]
    seen = []
    original_save = type(storage)._save

    def save(self, name, content):
        seen.append(self.exists(first))
        return original_save(self, name, content)

    monkeypatch.setattr(type(storage), "_save", save)
    second = build_document(edition, "manual", "es").file.name
    assert seen == [True]
    assert second != first
    assert storage.exists(second)
    assert not storage.exists(first)


PUBLIC_URL = "https://ruta.example.org"


def qr_codes(document, pages=2):
    """The text of every QR code on the first pages of a built PDF (rasterised at 216 dpi)."""
    with document.file.open("rb") as handle:
        pdf = pypdfium2.PdfDocument(handle.read())
    texts = []
    for number in range(min(len(pdf), pages)):
        image = pdf[number].render(scale=3).to_pil()
        texts += [barcode.text for barcode in zxingcpp.read_barcodes(image)]
    return texts


@override_settings(RUTA_PUBLIC_URL=PUBLIC_URL)
def test_handbook_qr_code_decodes_to_the_configured_public_address(protocol):
    """The real handbook, built with WeasyPrint in each language: its one QR code names the
    edition at RUTA_PUBLIC_URL (before, every handbook said http://localhost/…)."""
    sync_site()
    edition = protocol["current"]
    for language, path in (
        ("es", "/es/protocolo/edicion-2024/"),
        ("en", "/en/protocol/edition-2024/"),
    ):
        assert qr_codes(build_document(edition, "manual", language)) == [f"{PUBLIC_URL}{path}"]
