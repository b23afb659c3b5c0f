"""Referral writer for the soak tests: creates referrals for --seconds, retrying each write
through database outages, and prints the case code of every write the database
acknowledged (committed), with the (wall-clock) time of the acknowledgement.

Each write carries an idempotency key (the referral's id, chosen before the first attempt):
a retry after a commit whose acknowledgement was lost with the connection finds the row
already there and reports it, instead of storing the referral twice.

Each session asks for ``synchronous_commit = on`` (PostgreSQL's default, and production's):
the throwaway test server runs with it off for speed, which would let a crash lose the last
acknowledged commits and make the check meaningless.

Output lines: ``ACK <case code> <unix time>``, ``RETRY <unix time> <error class>``,
``ALREADY <case code>`` (a retry found its write stored), then ``SENT <n>`` and ``RETRIES <n>``.
"""

import contextlib
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.base")

import django

django.setup()

from django.db import Error, connection, transaction  # noqa: E402
from django.db.backends.signals import connection_created  # noqa: E402

from directory.models import Organization  # noqa: E402
from referrals.factories import ReferralFactory  # noqa: E402
from referrals.models import Referral  # noqa: E402


def durable_commits(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO on")


connection_created.connect(durable_commits)
GIVE_UP_SECONDS = 60  # the database has not come back: the soak fails


def main(seconds):
    sender, receiver = Organization.objects.filter(is_active=True).order_by("name")[:2]
    deadline = time.monotonic() + seconds
    retries = sent = 0
    while time.monotonic() < deadline:
        key = uuid.uuid4()  # the idempotency key of this write, kept through its retries
        sent += 1
        attempt = 0
        while True:
            try:
                stored = attempt and Referral.objects.filter(pk=key).first()
                if stored:
                    sys.stdout.write(f"ALREADY {stored.case_code}\n")
                    referral = stored
                    break
                with transaction.atomic():
                    referral = ReferralFactory(
                        id=key, sending_organization=sender, receiving_organization=receiver
                    )
                break
            except Error as error:  # OperationalError, InterfaceError: the server went away
                # Not acknowledged: forget the connection and try the same write again.
                retries += 1
                attempt += 1
                sys.stdout.write(f"RETRY {time.time():.2f} {type(error).__name__}\n")
                with contextlib.suppress(Error):
                    connection.close()
                if time.monotonic() > deadline + GIVE_UP_SECONDS:
                    sys.stdout.write(f"SENT {sent}\nRETRIES {retries}\nGAVE UP\n")
                    return 1
                time.sleep(0.2)
        sys.stdout.write(f"ACK {referral.case_code} {time.time():.2f}\n")
        sys.stdout.flush()
        time.sleep(0.05)
    sys.stdout.write(f"SENT {sent}\nRETRIES {retries}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(float(sys.argv[1])))
