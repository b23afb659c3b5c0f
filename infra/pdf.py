"""The shared PDF pipeline: pages render HTML templates that WeasyPrint turns into PDFs,
built by a background task on publish, stored privately and served as files.

A page opts in with :class:`PDFPageMixin` and a ``pdf_documents`` mapping::

    pdf_documents = {"manual": PDFDocument("protocol_pages/pdf/handbook.html", "manual")}

Its route (e.g. ``manual.pdf``) calls :func:`serve_pdf`; publishing calls
:func:`request_builds`, which enqueues one build per page and language when the
transaction commits, debounced (docs/architecture.md, "PDFs"). A reader never waits for
WeasyPrint when a built file exists; when none exists yet the view answers 503 with
Retry-After and enqueues the build.
"""

import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.http import http_date
from django_tasks import default_task_backend, task
from wagtail.models import Page
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from infra.models import BuiltDocument, PDFBuildRequest

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

    def pdf_url(self, kind, request=None):
        """Where a reader downloads the PDF of ``kind``, in the active language (a page that
        routes its PDFs elsewhere overrides it)."""
        base = self.get_url(request=request)
        return f"{base}{kind}.pdf" if base else None

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
    """Render one PDF now and store it; returns the BuiltDocument. The previous file stays
    in place (and is served) until the new one is stored under its own name."""
    spec = page.pdf_documents[kind]
    started = time.monotonic()
    with translation.override(language):
        html = render_to_string(spec.template, page.get_pdf_context(kind))
        pdf = render_pdf(html)
    elapsed = time.monotonic() - started
    document = BuiltDocument.objects.filter(page=page, kind=kind, language=language).first()
    if document is None:
        document = BuiltDocument(page=page, kind=kind, language=language)
    previous = document.file.name if document.file else None
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    document.file.save(f"{page.pk}-{kind}-{language}-{stamp}.pdf", ContentFile(pdf), save=False)
    document.revision_id = page.live_revision_id
    document.built_at = timezone.now()
    document.build_seconds = elapsed
    document.size = len(pdf)
    document.save()
    if previous and previous != document.file.name:
        document.file.storage.delete(previous)
    logger.info("Built %s PDF for page %s (%s) in %.2f s", kind, page.pk, language, elapsed)
    return document


def build_delay():
    """Seconds a requested build waits for further publications (0 where the backend runs
    tasks at once)."""
    if not default_task_backend.supports_defer:
        return 0
    return settings.RUTA_PDF_BUILD_DELAY_SECONDS


def _superseded_or_done(page_id, kind, language):
    """True when a newer request is still waiting (its own task will build) or the file
    was built after the latest request (another task of the same burst built it)."""
    request = PDFBuildRequest.objects.filter(page_id=page_id).first()
    if request is None:
        return False
    if request.requested_at + timedelta(seconds=build_delay()) > timezone.now():
        return True
    return BuiltDocument.objects.filter(
        page_id=page_id, kind=kind, language=language, built_at__gte=request.requested_at
    ).exists()


@task()
def build_page_document(page_id, kind, language):
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not page.live or _superseded_or_done(page_id, kind, language):
        return None
    build_document(page.specific, kind, language)
    return None


class _PendingBuilds:
    """The on-commit callback of one transaction: the pages whose PDFs it asked for."""

    def __init__(self):
        self.pages = {}

    def __call__(self):
        delay = build_delay()
        for page in self.pages.values():
            now = timezone.now()
            PDFBuildRequest.objects.update_or_create(page=page, defaults={"requested_at": now})
            task = build_page_document
            if delay:
                task = task.using(run_after=now + timedelta(seconds=delay))
            for kind in page.pdf_documents:
                for language, _name in settings.LANGUAGES:
                    task.enqueue(page.pk, kind, language)


def request_builds(page):
    """Ask for every PDF of ``page`` in every language (e.g. on publish). However many
    pages publish in one transaction (an edition and its sections), each page's PDFs are
    enqueued once, when it commits; the worker builds them after ``build_delay()``."""
    connection = transaction.get_connection()
    # One callback per transaction: find it among those already registered.
    for _savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _PendingBuilds):
            callback.pages[page.pk] = page
            return
    pending = _PendingBuilds()
    pending.pages[page.pk] = page
    transaction.on_commit(pending)


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
        # The immediate backend (tests, TASK_BACKEND=immediate) has just built it.
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
