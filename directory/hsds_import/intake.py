"""Admin imports as they arrive and are confirmed: one record each, its dry run enqueued
when the file or API address is given, the import when a maintainer confirms."""

from django.db import transaction
from django.utils import timezone

from directory.models import HSDSImport

from .tasks import check_import, run_confirmed_import


def create(user, *, upload=None, url="", language="es", partial=False, report_language="es"):
    """A new record, then its dry run (enqueued after the commit). The report is written in
    the maintainer's language, the texts are stored in the file's."""
    record = HSDSImport(
        created_by=user,
        source_name=url or upload.name,
        language=language,
        report_language=report_language,
        partial=partial,
    )
    if upload is not None:
        record.file.save(f"{timezone.now():%Y%m%d%H%M%S}.upload", upload, save=False)
    record.save()
    transaction.on_commit(lambda: check_import.enqueue(record.pk))
    return record


def confirm(record, user):
    updated = HSDSImport.objects.filter(pk=record.pk, status=HSDSImport.Status.CHECKED).update(
        status=HSDSImport.Status.RUNNING, confirmed_by=user, confirmed_at=timezone.now()
    )
    if updated:
        transaction.on_commit(lambda: run_confirmed_import.enqueue(record.pk))
    return bool(updated)
