"""Every link on every public page of the demo site (``manage.py load_demo``) answers 200,
in both languages, for an anonymous reader (issue 17). The demo is loaded once for the
module and rolled back; PDFs are rendered as a stub (the pipeline has its own tests), so
a download link answers as it does once its file is built."""

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from tests.links import crawl

STUB_PDF = b"%PDF-1.7 demo link crawl"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        started = time.monotonic()
        with override_settings(RUTA_ALLOW_DEMO_DATA=True):
            call_command("load_demo", stdout=StringIO())
        yield time.monotonic() - started
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_every_link_on_every_public_page_of_the_demo_answers(demo, monkeypatch):
    monkeypatch.setattr("infra.pdf.render_pdf", lambda html: STUB_PDF)
    started = time.monotonic()
    result = crawl(["/es/", "/en/"])
    print(f"\nDemo load {demo:.1f} s; crawl {time.monotonic() - started:.1f} s: {result.summary()}")
    assert not result.broken, "Broken links:\n" + "\n".join(result.broken)
    # Both languages' sections, the editions' comparison pages and the public downloads
    # were reached (the facilitator guide is for trainers only: not linked publicly).
    for prefix in ("/es/protocolo/", "/en/protocol/", "/es/directorio/", "/en/directory/"):
        assert any(path.startswith(prefix) for path in result.crawled), prefix
    for suffix in ("/cambios/", "/changes/"):
        assert any(path.endswith(suffix) for path in result.crawled), suffix
    assert any(anchor.startswith("step-") for _path, anchor in result.anchors)
    for suffix in ("manual.pdf", "handout.pdf"):
        assert any(link.endswith(suffix) for link in result.seen), suffix
