from django.core.management.base import BaseCommand
from django.db import transaction

from referrals.crypto import EncryptedTextField
from referrals.models import Referral


class Command(BaseCommand):
    help = (
        "Re-encrypt every sensitive referral field with the first key of "
        "REFERRAL_ENCRYPTION_KEYS (run after putting a new key first; then drop the old key)."
    )

    def handle(self, *args, **options):
        fields = [f.name for f in Referral._meta.fields if isinstance(f, EncryptedTextField)]
        pks = list(Referral.objects.values_list("pk", flat=True))
        total = len(pks)
        self.stdout.write(f"Re-encrypting {len(fields)} fields of {total} referrals …")
        for done, pk in enumerate(pks, start=1):
            with transaction.atomic():
                # Reading decrypts with any known key; update() encrypts with the first key.
                referral = Referral.objects.select_for_update().get(pk=pk)
                Referral.objects.filter(pk=pk).update(
                    **{name: getattr(referral, name) for name in fields}
                )
            if done % 100 == 0 or done == total:
                self.stdout.write(f"  {done}/{total}")
        self.stdout.write(
            self.style.SUCCESS(f"Re-encrypted {total} referrals with the current key.")
        )
