from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from infra.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database and stored files into one archive (see docs/operations.md)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=str(settings.VAR_DIR / "backups"), help="Where to write it."
        )

    def handle(self, *args, **options):
        try:
            archive, manifest = create_backup(options["dir"], stdout=self.stdout)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written: {archive} ({manifest['vendor']}, "
                f"{len(manifest['tables'])} tables, {rows} rows, {len(manifest['files'])} files)"
            )
        )
