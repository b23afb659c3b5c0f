from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from directory import problems


class Command(BaseCommand):
    help = (
        "Erase the readers' contacts of problem reports older than "
        "RUTA_PROBLEM_REPORT_CONTACT_DAYS and delete resolved reports older than "
        "RUTA_PROBLEM_REPORT_DAYS. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count")

    def handle(self, *args, dry_run=False, **options):
        counts = problems.purge(dry_run=dry_run)
        if dry_run:
            message = _("%(contacts)s contact(s) would be erased, %(reports)s report(s) deleted.")
        else:
            message = _("%(contacts)s contact(s) erased, %(reports)s report(s) deleted.")
        self.stdout.write(
            self.style.SUCCESS(
                message
                % {"contacts": counts["contacts_erased"], "reports": counts["reports_deleted"]}
            )
        )
