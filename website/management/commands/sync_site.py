from django.conf import settings
from django.core.management.base import BaseCommand

from website.public_address import sync_site


class Command(BaseCommand):
    help = "Give the default Wagtail Site the hostname and port of RUTA_PUBLIC_URL."

    def handle(self, *args, **options):
        site = sync_site()
        if site is None:
            self.stdout.write("No default site yet: nothing to change.")
            return
        self.stdout.write(
            f"Default site: {site.root_url} (RUTA_PUBLIC_URL={settings.RUTA_PUBLIC_URL})"
        )
