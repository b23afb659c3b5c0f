"""Referral writer for the soak test: creates referrals for --seconds, retrying each write
through database outages, and prints the case code of every write the database
acknowledged (committed)."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.base")

import django

django.setup()

from django.db import DatabaseError, close_old_connections, transaction  # noqa: E402

from directory.models import Organization  # noqa: E402
from referrals.factories import ReferralFactory  # noqa: E402


def main(seconds):
    sender, receiver = Organization.objects.filter(is_active=True).order_by("name")[:2]
    deadline = time.monotonic() + seconds
    retries = 0
    while time.monotonic() < deadline:
        while True:
            try:
                with transaction.atomic():
                    referral = ReferralFactory(
                        sending_organization=sender, receiving_organization=receiver
                    )
                break
            except DatabaseError:
                retries += 1
                close_old_connections()
                from django.db import connection

                connection.close()
                time.sleep(0.2)
        sys.stdout.write(f"ACK {referral.case_code}\n")
        sys.stdout.flush()
        time.sleep(0.05)
    sys.stdout.write(f"RETRIES {retries}\n")


if __name__ == "__main__":
    main(float(sys.argv[1]))
