import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from directory.hsds_import.limits import Unreadable
from directory.hsds_import.remote import fetch_api
from directory.hsds_import.runner import run_import
from directory.hsds_import.sources import open_path


class Command(BaseCommand):
    help = (
        "Import HSDS data: a tabular data package (datapackage.json, its folder or a zip), "
        "CSV files named as HSDS names them, an HSDS JSON file in any shape (document, "
        "objects, arrays, API pages, NDJSON, tabular.json), a legacy HSDS 1.x package, or "
        "an HSDS 3 API (--url). Atomic: nothing is imported if any row is rejected, unless "
        "--partial. Each rejection gets a line (where, table, id, field, what was expected)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="file, folder or zip archive to import")
        parser.add_argument("--url", help="an HSDS 3 API (its root or a list such as /services)")
        parser.add_argument("--language", default="es", choices=["es", "en"])
        parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")
        parser.add_argument(
            "--partial", action="store_true", help="import the valid rows even if some are rejected"
        )
        parser.add_argument(
            "--strict", action="store_true", help="the default: import nothing if a row is rejected"
        )

    def progress(self, label, done, total):
        self.stdout.write(f"  {label}: {done}/{total}")

    def handle(self, *args, path, url, language, dry_run, partial, strict, **options):
        if bool(path) == bool(url):
            raise CommandError(_("Give a file, folder or archive, or --url (one of them)."))
        started = time.monotonic()
        with translation.override(language):
            try:
                source = fetch_api(url, progress=self.progress) if url else open_path(path)
                self.stdout.write(_("Importing %(name)s …") % {"name": source.label})
                report = run_import(
                    source,
                    language=language,
                    dry_run=dry_run,
                    partial=partial and not strict,
                    progress=self.progress,
                )
            except Unreadable as error:
                raise CommandError(str(error)) from error
            lines = report.lines()
            self.stdout.write(_("Shape: %(shape)s") % {"shape": report.shape})
            for line in lines[:-1]:
                self.stdout.write(line)
            self.stdout.write(_("Took %(seconds).1f s.") % {"seconds": time.monotonic() - started})
            if report.dry_run:
                self.stdout.write(_("Dry run: nothing was written."))
            elif not report.committed:
                raise CommandError(
                    lines[-1]
                    + " "
                    + _(
                        "Nothing was imported: rows were rejected (use --partial to import "
                        "the valid rows)."
                    )
                )
            self.stdout.write(self.style.SUCCESS(lines[-1]) if report.committed else lines[-1])
