"""``manage.py load_demo``: each app's demo loader (``<app>.demo``) in dependency order,
then one rebuild of the search entries."""

import time
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from infra.bulk import bulk_change
from search.models import SearchEntry

# Order matters: later apps link to what earlier ones created (e.g. protocol → directory).
DEMO_APPS = ["website", "directory", "protocol_pages", "training", "referrals"]


def _database_identity():
    """Which database this is: its name and when its first migration ran (a new database
    made under the same name gets another identity)."""
    first = MigrationRecorder(connection).migration_qs.order_by("applied").first()
    applied = first.applied.isoformat() if first else ""
    return f"{connection.settings_dict['NAME']}|{applied}"


def _stamp_path():
    return Path(settings.VAR_DIR) / ".demo-loaded"


class Command(BaseCommand):
    help = "Load the fictional demo content (development only). Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Skip when this database already received the demo content (make run).",
        )

    def handle(self, *args, **options):
        if not getattr(settings, "RUTA_ALLOW_DEMO_DATA", False):
            raise CommandError(
                _("Demo data is disabled in these settings (production refuses demo data).")
            )
        stamp = _stamp_path()
        identity = _database_identity()
        if options["once"] and stamp.exists() and stamp.read_text() == identity:
            self.stdout.write(
                "Demo content already loaded in this database: skipped "
                "(run `manage.py load_demo` to load it again)."
            )
            return
        started = time.monotonic()
        # One rebuild of the search entries at the end instead of one update per save, at
        # once (``infra.bulk``; the search app's receiver: ``search.bulk``).
        with bulk_change(sender="load_demo", background=False) as changed:
            for app in DEMO_APPS:
                if find_spec(f"{app}.demo") is None:
                    continue
                self.stdout.write(f"Loading demo content: {app} …")
                app_started = time.monotonic()
                with transaction.atomic():
                    import_module(f"{app}.demo").load(self.stdout)
                self.stdout.write(f"  ({time.monotonic() - app_started:.1f} s)")
            self.stdout.write(f"Rebuilding the search entries ({len(changed)} objects changed) …")
        self.stdout.write(f"  {SearchEntry.objects.count()} search entries (database backend)")
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(identity)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content loaded. ({time.monotonic() - started:.0f} s)")
        )
