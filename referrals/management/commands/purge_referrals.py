from django.core.management.base import BaseCommand

from referrals.retention import purge


class Command(BaseCommand):
    help = (
        "Anonymise referrals closed longer than REFERRAL_RETENTION_MONTHS: remove free text, "
        "person data and consent details; keep the aggregate fields. Safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be anonymised."
        )

    def handle(self, *args, dry_run=False, **options):
        result = purge(dry_run=dry_run, progress=self.stdout.write)
        verb = "Would anonymise" if dry_run else "Anonymised"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {result['anonymised']} referrals closed before "
                f"{result['cutoff']:%Y-%m-%d}; "
                f"{result['already']} were already anonymised."
            )
        )
