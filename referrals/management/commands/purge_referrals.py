from django.core.management.base import BaseCommand

from referrals.retention import CLOSING_RULES, purge


class Command(BaseCommand):
    help = (
        "Close referrals that a retention rule finds stale (drafts, unanswered, declined or "
        "withdrawn, inactive, completed), then anonymise closed referrals that are due: never "
        "sent ones at once, the others REFERRAL_RETENTION_MONTHS after closing. Removes free "
        "text, person data and consent details; keeps the aggregate fields. Safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be closed or anonymised."
        )

    def handle(self, *args, dry_run=False, **options):
        result = purge(dry_run=dry_run, progress=self.stdout.write)
        closing = "Would close" if dry_run else "Closed"
        for rule in CLOSING_RULES:
            self.stdout.write(f"{closing} {result['closed'][rule.name]} referrals ({rule.name}).")
        verb = "Would anonymise" if dry_run else "Anonymised"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {result['anonymised']} referrals (never sent, or closed before "
                f"{result['cutoff']:%Y-%m-%d}); "
                f"{result['already']} were already anonymised."
            )
        )
