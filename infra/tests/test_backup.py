"""Backup → wipe → restore brings back every row and every stored file, and encrypted
referral fields still decrypt (and are still ciphertext in the restored table)."""

import json
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db.models import TextField
from django.db.models.functions import Cast
from wagtail.documents.models import Document

from infra.backup import create_backup, file_hashes, table_counts
from referrals.crypto import decrypt
from referrals.factories import ReferralFactory
from referrals.models import Referral

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def isolated_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    return tmp_path


# Fictional sensitive values, distinctive enough to find in a column or a dump.
SECRETS = {
    "risk_notes": "RIESGO-RESPALDO-7301 (ficticio)",
    "needs": "NECESIDAD-RESPALDO-7302: acogida temporal (ficticia)",
    "consent_scope": "ALCANCE-RESPALDO-7303",
    "counter_referral": "CONTRARREFERENCIA-RESPALDO-7304",
    "exploitation_forms": ["labour", "sexual"],
}
ENCRYPTED_FIELDS = list(SECRETS)


def raw_columns(pk):
    """The stored values of the encrypted columns, read without the field's decryption."""
    casts = {f"raw_{name}": Cast(name, output_field=TextField()) for name in ENCRYPTED_FIELDS}
    return Referral.objects.filter(pk=pk).annotate(**casts).values(*casts).get()


def assert_ciphertext(raw):
    for name, value in SECRETS.items():
        stored = raw[f"raw_{name}"]
        plain = value if isinstance(value, str) else json.dumps(value)
        for clear_text in (plain, "RESPALDO", "labour"):
            assert clear_text not in stored, f"{name} is stored in clear"
        assert stored.startswith("gAAAAA"), f"{name} is not a Fernet token"
        assert decrypt(stored) == plain


def test_backup_restore_round_trip(isolated_files, home_page):

    kept = ReferralFactory(**SECRETS)
    removed = ReferralFactory(**SECRETS)
    referral_pks = [kept.pk, removed.pk]
    raw_before = raw_columns(kept.pk)
    assert_ciphertext(raw_before)

    document = Document(title="Formulario de entrevista inicial (demo)")
    document.file.save("entrevista.txt", ContentFile(b"Formulario ficticio\n"))
    storages["private"].save("built-documents/manual.pdf", ContentFile(b"%PDF-1.7 demo"))
    counts_before = table_counts()
    files_before = file_hashes()
    assert "media/" + document.file.name in files_before

    archive, manifest = create_backup(isolated_files / "backups")
    assert manifest["tables"] == counts_before

    # Lose data and files after the backup.
    kept.risk_notes = "Nota cambiada después del respaldo"
    kept.exploitation_forms = []
    kept.needs = ""
    kept.save()
    removed.delete()
    assert Referral.objects.get(pk=kept.pk).risk_notes != SECRETS["risk_notes"]
    assert not Referral.objects.filter(pk=referral_pks[1]).exists()
    document.delete()
    home_page.get_children().delete()
    storages["private"].delete("built-documents/manual.pdf")
    (isolated_files / "media" / "stray.txt").write_text("not in the backup")
    assert table_counts() != counts_before

    output = StringIO()
    call_command("restore", str(archive), stdout=output)
    assert "Restored and verified" in output.getvalue()
    assert table_counts() == counts_before
    assert file_hashes() == files_before
    assert Document.objects.get(title__startswith="Formulario").file.read() == (
        b"Formulario ficticio\n"
    )

    # Encrypted referral fields come back as they were: decrypted through the model, and
    # still ciphertext in the table (the very tokens that were backed up).
    for pk in referral_pks:
        restored = Referral.objects.get(pk=pk)
        assert {name: getattr(restored, name) for name in ENCRYPTED_FIELDS} == SECRETS
        assert_ciphertext(raw_columns(pk))
    assert raw_columns(kept.pk) == raw_before


def test_restore_refuses_a_missing_file(isolated_files):
    with pytest.raises(CommandError, match="No such backup file"):
        call_command("restore", str(isolated_files / "nothing.tar.gz"))
