from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from referrals.crypto import EncryptedTextField


def encrypted_fields():
    """[(model, [encrypted field names])] of every installed model with encrypted fields
    (the referrals, and any other app's: e.g. change-alert subscriptions' addresses)."""
    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.fields if isinstance(f, EncryptedTextField)]
        if names:
            found.append((model, names))
    return found


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field (referrals, alert subscriptions, …) with the first "
        "key of REFERRAL_ENCRYPTION_KEYS (run after putting a new key first; then drop the "
        "old key)."
    )

    def handle(self, *args, **options):
        summary = []
        for model, fields in encrypted_fields():
            with translation.override("en"):  # an operator's log, in one language
                label = str(model._meta.verbose_name_plural)
            pks = list(model.objects.values_list("pk", flat=True))
            total = len(pks)
            self.stdout.write(f"Re-encrypting {len(fields)} fields of {total} {label} …")
            for done, pk in enumerate(pks, start=1):
                with transaction.atomic():
                    # Reading decrypts with any known key; update() encrypts with the first.
                    row = model.objects.select_for_update().get(pk=pk)
                    model.objects.filter(pk=pk).update(
                        **{name: getattr(row, name) for name in fields}
                    )
                if done % 100 == 0 or done == total:
                    self.stdout.write(f"  {done}/{total}")
            summary.append(f"{total} {label}")
        self.stdout.write(
            self.style.SUCCESS(f"Re-encrypted {', '.join(summary)} with the current key.")
        )
