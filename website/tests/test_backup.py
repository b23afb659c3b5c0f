"""Backup → wipe → restore brings back every row and every stored file."""

from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from wagtail.documents.models import Document

from website.backup import create_backup, file_hashes, table_counts

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


def test_backup_restore_round_trip(isolated_files, home_page):
    from django.core.files.storage import storages

    document = Document(title="Formulario de entrevista inicial (demo)")
    document.file.save("entrevista.txt", ContentFile(b"Formulario ficticio\n"))
    storages["private"].save("built-documents/manual.pdf", ContentFile(b"%PDF-1.7 demo"))
    counts_before = table_counts()
    files_before = file_hashes()
    assert "media/" + document.file.name in files_before

    archive, manifest = create_backup(isolated_files / "backups")
    assert manifest["tables"] == counts_before

    # Lose data and files after the backup.
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


def test_restore_refuses_a_missing_file(isolated_files):
    with pytest.raises(CommandError, match="No such backup file"):
        call_command("restore", str(isolated_files / "nothing.tar.gz"))
