"""One import from start to end: read, validate, map, write — atomic by default, nothing
written on a dry run, and one search rebuild and page-cache refresh after the commit."""

import logging

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from directory.signals import keeping_last_modified
from infra import page_cache
from infra.bulk import bulk_change

from . import legacy, shapes, tabular, validation
from .importer import Importer
from .limits import Unreadable
from .report import ImportReport
from .sources import DATAPACKAGE, JSON_NAMES, parse_json

logger = logging.getLogger("directory")
DOCUMENT_SUFFIXES = (".json", ".ndjson", ".jsonl")


def read_tables(source, report):
    """The HSDS 3 tables of an input (see ``sources``), its findings added to ``report``."""
    if source.files is not None:
        names = source.files.names()
        if DATAPACKAGE in names or any(name in tabular.paths() for name in names):
            package = tabular.Package(source.files)
            tables = package.tables(report)
            if not legacy.is_legacy(tables, package.version):
                validation.validate_package(package, report)
            return finish(tables, report, package.version, source.label)
        documents = [n for n in names if n in JSON_NAMES] or [
            n for n in names if n.endswith(DOCUMENT_SUFFIXES)
        ]
        if len(documents) != 1:
            raise Unreadable(
                _("%(name)s holds neither datapackage.json, HSDS CSV files nor one HSDS JSON file.")
                % {"name": source.label}
            )
        return read_document(documents[0], source.files.read(documents[0]), report)
    return read_document(source.label, source.data, report)


def read_document(name, data, report):
    content = parse_json(data, name)
    if tabular.is_tabular_json(content):
        tables = tabular.read_tabular_json(content, name, report)
        validation.validate_objects(
            [
                (table, {k: v for k, v in row.items() if k != "_where"}, row["_where"])
                for table, rows in tables.rows.items()
                for row in rows.values()
            ],
            report,
        )
    else:
        tables = shapes.read_json(content, name)
        validation.validate_objects(tables.documents, report)
    return finish(tables, report, "", name)


def finish(tables, report, version, name):
    if legacy.is_legacy(tables, version):
        legacy.convert(tables, report)
    for table in list(tables.rows):
        if table not in tabular.KEPT:
            report.ignore_table(table, len(tables.rows.pop(table)))
    if not tables.recognised():
        raise Unreadable(
            _(
                "Nothing in %(name)s was recognised as HSDS data (organisations, services, "
                "locations or taxonomies): nothing was imported."
            )
            % {"name": name}
        )
    return tables


def run_import(
    source, *, language="es", dry_run=False, partial=False, progress=None, report_language=None
):
    """Import ``source`` (a ``sources.Input``) whose texts are in ``language``; returns the
    report, written in ``report_language`` (the texts' language by default). Raises
    ``Unreadable``."""
    with translation.override(report_language or language):
        report = ImportReport(source=source.label, dry_run=dry_run, partial=partial)
        tables = read_tables(source, report)
        report.shape = str(tables.shape)
        if progress:
            progress(_("read"), tables.count(), tables.count())
        with (
            transaction.atomic(),
            keeping_last_modified(),
            bulk_change(sender="hsds_import"),
        ):
            importer = Importer(tables, report, language, progress)
            importer.duplicates = tables.duplicates
            for table, rows in tables.anonymous.items():
                for row in rows:
                    report.reject(table, "", "id", _("This field is required."), row["_where"])
            importer.run()
            if dry_run or (report.total("rejected") and not partial):
                transaction.set_rollback(True)
            else:
                report.committed = True
                page_cache.invalidate_now_and_on_commit()
    logger.info(
        "HSDS import of %s: %s created, %s updated, %s rejected, committed=%s",
        source.label,
        *report.totals,
        report.committed,
    )
    return report
