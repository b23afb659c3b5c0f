"""``manage.py purge_search_failures``: forget searches without results older than 90 days
(run it daily, see docs/operations.md)."""

from django.core.management.base import BaseCommand

from search.failures import KEEP_DAYS, purge


class Command(BaseCommand):
    help = f"Delete the counts of searches without results older than {KEEP_DAYS} days."

    def handle(self, *args, **options):
        deleted = purge()
        self.stdout.write(f"{deleted} counts older than {KEEP_DAYS} days deleted.")
