"""The shared PDF pipeline: pages render HTML templates that WeasyPrint turns into PDFs,
built by a background task on publish, stored privately and served as files.

A page opts in with :class:`PDFPageMixin` and a ``pdf_documents`` mapping::

    pdf_documents = {"manual": PDFDocument("protocol_pages/pdf/handbook.html", "manual")}

Its route (e.g. ``manual.pdf``) calls :func:`serve_pdf`; publishing calls
:func:`request_builds`. A reader never waits for WeasyPrint when a built file exists; when
none exists yet the view answers 503 with Retry-After and enqueues the build.
"""

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.http import http_date
from django_tasks import task
from wagtail.models import Page
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from infra.models import BuiltDocument

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# Relative URLs in PDF templates resolve against this host, which only our fetcher answers.
PDF_BASE_HOST = "ruta.invalid"


@dataclass(frozen=True)
class PDFDocument:
    template: str
    filename: str
    # Restricted documents are served only to users for whom page.pdf_user_can_read() is True.
    restricted: bool = False


class PDFPageMixin:
    """For pages that publish PDFs. Override ``get_pdf_context`` and, for restricted kinds,
    ``pdf_user_can_read``."""

    pdf_documents: dict = {}

    def get_pdf_context(self, kind):
        return {"page": self, "kind": kind}

    def pdf_user_can_read(self, user, kind):
        return not self.pdf_documents[kind].restricted

    def get_pdf_page(self):
        """The page whose PDF this page's publication rebuilds (itself by default)."""
        return self


def _static_file(name):
    """The file behind a static URL: collected files (hashed names in production) first,
    then the finders (development, tests)."""
    try:
        if staticfiles_storage.exists(name):
            return staticfiles_storage.path(name)
    except (NotImplementedError, ValueError, OSError):
        # Storage without local paths (object storage) or a name outside the collected
        # files: fall through to the finders, which read the app's own static folders.
        pass
    return finders.find(name)


class LocalStaticFetcher(URLFetcher):
    """A WeasyPrint fetcher that reads our own static files and data: URLs, nothing else."""

    def __init__(self):
        super().__init__(allowed_protocols={"file", "data"})

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = urlparse(url).path
        if urlparse(url).hostname == PDF_BASE_HOST and path.startswith(settings.STATIC_URL):
            found = _static_file(path[len(settings.STATIC_URL) :])
            if found:
                return super().fetch(Path(found).as_uri(), headers)
        raise ValueError(f"PDF rendering may only load local static files, not {url}")


def _local_static_fetcher():
    return LocalStaticFetcher()


def render_pdf(html):
    return HTML(
        string=html, base_url=f"http://{PDF_BASE_HOST}/", url_fetcher=_local_static_fetcher()
    ).write_pdf()


def build_document(page, kind, language):
    """Render one PDF now and store it; returns the BuiltDocument."""
    spec = page.pdf_documents[kind]
    started = time.monotonic()
    with translation.override(language):
        html = render_to_string(spec.template, page.get_pdf_context(kind))
        pdf = render_pdf(html)
    elapsed = time.monotonic() - started
    document, _ = BuiltDocument.objects.get_or_create(
        page=page, kind=kind, language=language, defaults={"built_at": timezone.now()}
    )
    if document.file:
        document.file.delete(save=False)
    document.file.save(f"{page.pk}-{kind}-{language}.pdf", ContentFile(pdf), save=False)
    document.revision_id = page.live_revision_id
    document.built_at = timezone.now()
    document.build_seconds = elapsed
    document.size = len(pdf)
    document.save()
    logger.info("Built %s PDF for page %s (%s) in %.2f s", kind, page.pk, language, elapsed)
    return document


@task()
def build_page_document(page_id, kind, language):
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not page.live:
        return None
    build_document(page.specific, kind, language)
    return None


def request_builds(page):
    """Enqueue a build of every PDF of ``page`` in every language (e.g. on publish)."""
    for kind in page.pdf_documents:
        for language, _name in settings.LANGUAGES:
            build_page_document.enqueue(page.pk, kind, language)


def serve_pdf(request, page, kind):
    """Serve a built PDF; 503 + Retry-After (and enqueue the build) when none exists yet."""
    if kind not in page.pdf_documents or not page.pdf_user_can_read(request.user, kind):
        raise Http404
    language = translation.get_language()
    document = BuiltDocument.objects.filter(page=page, kind=kind, language=language).first()
    if (
        document is None
        or not document.file
        or not document.file.storage.exists(document.file.name)
    ):
        build_page_document.enqueue(page.pk, kind, language)
        # The immediate backend (development) has just built it.
        document = BuiltDocument.objects.filter(page=page, kind=kind, language=language).first()
    if (
        document is None
        or not document.file
        or not document.file.storage.exists(document.file.name)
    ):
        response = render(request, "infra/pdf_not_ready.html", {"page": page}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    spec = page.pdf_documents[kind]
    response = FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        filename=f"{spec.filename}-{language}.pdf",
    )
    response["Last-Modified"] = http_date(document.built_at.timestamp())
    response["Content-Disposition"] = f'inline; filename="{spec.filename}-{language}.pdf"'
    if spec.restricted:
        response["Cache-Control"] = "private, no-store"
    return response
