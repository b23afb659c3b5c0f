"""The work of an admin import, run by its tasks: the dry run, then the import, each
saving its report and counts on the ``HSDSImport`` record."""

import logging

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.models import HSDSImport

from .limits import Unreadable, limit, too_large
from .remote import fetch_api
from .runner import run_import
from .sources import open_bytes

logger = logging.getLogger("directory")
PROGRESS_SECONDS = 3600


def progress_key(record_id):
    return f"hsds-import-progress-{record_id}"


def current_progress(record):
    """What the running task last said (kept in the shared cache: the import's own
    transaction hides its writes from the page until it commits)."""
    return cache.get(progress_key(record.pk), "")


def _progress(record_id):
    def say(label, done, total):
        cache.set(progress_key(record_id), f"{label}: {done}/{total}", PROGRESS_SECONDS)

    return say


def _source(record):
    if not record.file:
        source = fetch_api(record.source_name, progress=_progress(record.pk))
        record.file.save(
            f"{timezone.now():%Y%m%d%H%M%S}.json", ContentFile(source.data), save=False
        )
        return source
    if record.file.size > limit("HSDS_IMPORT_MAX_BYTES"):
        raise too_large(record.source_name, record.file.size)
    with record.file.open("rb") as handle:
        data = handle.read(limit("HSDS_IMPORT_MAX_BYTES") + 1)
    return open_bytes(record.source_name, data)


def _finish(record, status, report=None, error=""):
    record.status = status
    record.error = error
    if report is not None:
        record.report = report.as_dict()
        record.created, record.updated, record.rejected = report.totals
        record.unchanged = report.total("unchanged")
    cache.delete(progress_key(record.pk))


def check(record_id):
    record = HSDSImport.objects.get(pk=record_id)
    try:
        report = run_import(
            _source(record),
            language=record.language,
            report_language=record.report_language,
            dry_run=True,
            partial=record.partial,
            progress=_progress(record.pk),
        )
    except Unreadable as error:
        _finish(record, HSDSImport.Status.UNREADABLE, error=str(error))
    except Exception as error:  # never a lost record: the maintainer sees it failed
        logger.exception("HSDS import %s: the dry run failed (%s)", record.pk, type(error).__name__)
        _finish(record, HSDSImport.Status.FAILED, error=_("The dry run failed unexpectedly."))
    else:
        _finish(record, HSDSImport.Status.CHECKED, report)
    record.save()


def run(record_id):
    record = HSDSImport.objects.get(pk=record_id)
    try:
        report = run_import(
            _source(record),
            language=record.language,
            report_language=record.report_language,
            partial=record.partial,
            progress=_progress(record.pk),
        )
    except Unreadable as error:
        _finish(record, HSDSImport.Status.UNREADABLE, error=str(error))
    except Exception as error:
        logger.exception("HSDS import %s failed (%s)", record.pk, type(error).__name__)
        _finish(record, HSDSImport.Status.FAILED, error=_("The import failed unexpectedly."))
    else:
        status = HSDSImport.Status.DONE if report.committed else HSDSImport.Status.NOT_IMPORTED
        _finish(record, status, report)
    record.finished_at = timezone.now()
    if record.file:
        record.file.delete(save=False)  # the partner's file is not kept once imported
    record.save()
