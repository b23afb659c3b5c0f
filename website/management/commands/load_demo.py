from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

# Order matters: later apps link to what earlier ones created (e.g. protocol → directory).
DEMO_APPS = ["website", "directory", "protocol_pages", "training", "referrals", "search"]


class Command(BaseCommand):
    help = "Load the fictional demo content (development only). Safe to run twice."

    def handle(self, *args, **options):
        if not getattr(settings, "RUTA_ALLOW_DEMO_DATA", False):
            raise CommandError(
                _("Demo data is disabled in these settings (production refuses demo data).")
            )
        for app in DEMO_APPS:
            if find_spec(f"{app}.demo") is None:
                continue
            self.stdout.write(f"Loading demo content: {app} …")
            with transaction.atomic():
                import_module(f"{app}.demo").load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
