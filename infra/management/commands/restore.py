from django.core.management.base import BaseCommand, CommandError

from infra.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` (replaces the database and files)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by `manage.py backup`.")

    def handle(self, *args, **options):
        try:
            manifest = restore_backup(options["archive"], stdout=self.stdout)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored and verified: {len(manifest['tables'])} tables, {rows} rows, "
                f"{len(manifest['files'])} files."
            )
        )
