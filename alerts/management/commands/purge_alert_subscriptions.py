from django.core.management.base import BaseCommand

from alerts.choices import PENDING_DAYS
from alerts.services import forget_unconfirmed


class Command(BaseCommand):
    help = f"Delete change-alert subscriptions left unconfirmed for {PENDING_DAYS} days."

    def handle(self, *args, **options):
        deleted = forget_unconfirmed()
        self.stdout.write(f"Unconfirmed subscriptions deleted: {deleted}.")
