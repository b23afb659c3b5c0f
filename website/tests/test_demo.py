from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation
from wagtail.models import Page, Site

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
