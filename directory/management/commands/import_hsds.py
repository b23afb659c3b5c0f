from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from directory.hsds_io import import_path, read_tables


class Command(BaseCommand):
    help = (
        "Import an HSDS 3 tabular data package (datapackage.json or its folder) or an HSDS "
        "JSON file: upsert by id in one transaction. Rows that fail validation are rejected "
        "with one report line each (file, row, field, reason)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="datapackage.json, hsds.json or a folder holding one")
        parser.add_argument("--language", default="es", choices=["es", "en"])
        parser.add_argument(
            "--strict", action="store_true", help="import nothing if any row is rejected"
        )

    def handle(self, *args, path, language, strict, **options):
        with translation.override(language):
            try:
                tables = read_tables(path)
            except (ValueError, OSError, KeyError) as error:
                raise CommandError(str(error)) from error
            rows = sum(len(r) for r in tables.values())
            self.stdout.write(
                _("Importing %(rows)s rows from %(path)s …") % {"rows": rows, "path": path}
            )
            report = import_path(path, strict=strict, tables=tables)
        for line in report.rejected:
            self.stdout.write(
                self.style.WARNING(
                    _("Rejected: %(file)s, row %(row)s, field %(field)s: %(reason)s") % line
                )
            )
        created, updated, rejected = report.totals
        summary = _("Created %(created)s, updated %(updated)s, rejected %(rejected)s.") % {
            "created": created,
            "updated": updated,
            "rejected": rejected,
        }
        if strict and rejected:
            raise CommandError(summary + " " + _("Nothing was imported (--strict)."))
        self.stdout.write(self.style.SUCCESS(summary) if not rejected else summary)
