from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings
from django.utils import translation
from wagtail.models import Page, Site

from website.management.commands import load_demo
from website.models import HomePage

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "homes": HomePage.objects.count(),
        "users": get_user_model().objects.count(),
        "sites": Site.objects.count(),
    }


def test_load_demo_builds_the_tree_in_both_languages_and_is_idempotent(client):
    call_command("load_demo", stdout=StringIO())
    for url in ("/es/", "/es/protocolo/", "/es/directorio/", "/es/formacion/"):
        assert client.get(url).status_code == 200, url
    for url in ("/en/", "/en/protocol/", "/en/directory/", "/en/training/"):
        assert client.get(url).status_code == 200, url
    assert get_user_model().objects.get(username="admin").is_superuser

    first = counts()
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert counts() == first
    assert "Demo content loaded." in output.getvalue()


@override_settings(RUTA_ALLOW_DEMO_DATA=False)
def test_load_demo_refused_when_settings_forbid_it():
    with translation.override("en"), pytest.raises(CommandError, match="refuses demo data"):
        call_command("load_demo")
    assert HomePage.objects.count() == 0


def test_load_demo_once_skips_a_database_that_has_it(settings, tmp_path, monkeypatch):
    """``make run`` a second time does not spend a minute loading the demo again, but a new
    database (same file name, new migrations) gets it."""

    settings.VAR_DIR = tmp_path
    loaded = []
    monkeypatch.setattr(load_demo, "DEMO_APPS", ["website"])
    monkeypatch.setattr("website.demo.load", lambda stdout: loaded.append(1), raising=True)
    call_command("load_demo", "--once", stdout=StringIO())
    skipped = StringIO()
    call_command("load_demo", "--once", stdout=skipped)
    assert loaded == [1]
    assert "already loaded" in skipped.getvalue()
    # Without --once it always loads.
    call_command("load_demo", stdout=StringIO())
    assert loaded == [1, 1]
    # A database made anew: its first migration has another date.
    first = MigrationRecorder.Migration.objects.order_by("applied").first()
    first.applied = first.applied.replace(year=2001)
    first.save()
    call_command("load_demo", "--once", stdout=StringIO())
    assert loaded == [1, 1, 1]
