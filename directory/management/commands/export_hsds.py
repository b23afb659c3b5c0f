from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from directory.capacity_export import add_capacities
from directory.hsds_export import write_export


class Command(BaseCommand):
    help = (
        "Write the public directory as HSDS 3: hsds.json plus a tabular data package "
        "(one CSV per table and datapackage.json). Confidential and staff-only data never "
        "leave: the files hold what the public API shows."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="folder to write (created if needed)")
        parser.add_argument("--language", default="es", choices=["es", "en"])
        parser.add_argument(
            "--with-capacity",
            action="store_true",
            help="also write the current bed counts (staff-only: never publish such files)",
        )

    def handle(self, *args, directory, language, with_capacity=False, **options):
        with translation.override(language):
            self.stdout.write(_("Exporting the public directory to %(dir)s …") % {"dir": directory})
            written = write_export(directory)
            if with_capacity:
                written.update(add_capacities(directory))
                self.stdout.write(
                    self.style.WARNING(
                        _("These files hold staff-only bed counts: never publish them.")
                    )
                )
        for name, count in written.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                _("Exported %(services)s services in %(files)s files.")
                % {"services": written["hsds.json"], "files": len(written) + 1}
            )
        )
