"""Searches without results: counted privately, shown from 5, purged after 90 days."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from directory.factories import UserFactory
from search.backends import DirectoryQuery, SiteQuery
from search.failures import normalise, report
from search.indexer import rebuild_entries
from search.models import SearchFailure
from search.service import search_directory, search_site

pytestmark = pytest.mark.django_db


def test_only_the_normalised_words_are_kept(make_service):
    make_service()
    rebuild_entries()
    search_directory(DirectoryQuery(text="Veterinaria  0991234567 Ñandú", language="es"))
    search_site(SiteQuery(text="veterinaria 0991234567 ñandu", language="es"))
    assert list(SearchFailure.objects.values_list("text", "language", "count")) == [
        ("veterinaria # nandu", "es", 2)
    ]
    assert normalise("Calle 12") == "calle 12"  # short numbers stay (ages, streets)


def test_searches_that_found_something_are_not_counted(make_service):
    make_service(name="Casa Lila", name_es="Casa Lila")
    rebuild_entries()
    search_directory(DirectoryQuery(text="casa lila", language="es"))
    search_directory(DirectoryQuery(text="casa lila", language="es", province="EC-W"))
    assert not SearchFailure.objects.exists()


def test_the_report_shows_only_texts_searched_five_times_and_links_to_add_a_rule(client):
    today = timezone.localdate()
    SearchFailure.objects.create(text="pasaporte retenido", language="es", day=today, count=3)
    SearchFailure.objects.create(
        text="pasaporte retenido", language="es", day=today - timedelta(days=1), count=2
    )
    SearchFailure.objects.create(text="nombre propio", language="es", day=today, count=4)
    SearchFailure.objects.create(
        text="muy antiguo", language="es", day=today - timedelta(days=91), count=50
    )
    assert report() == [("pasaporte retenido", "es", 5)]
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "change_searchrule"])
    )
    client.force_login(user)
    page = client.get(reverse("search_failures_report")).content.decode()
    assert "pasaporte retenido" in page
    assert "nombre propio" not in page
    assert "muy antiguo" not in page
    assert "phrases=pasaporte+retenido&amp;language=es" in page


def test_purge_forgets_counts_older_than_90_days():
    today = timezone.localdate()
    SearchFailure.objects.create(text="viejo", language="es", day=today - timedelta(days=90))
    SearchFailure.objects.create(text="reciente", language="es", day=today - timedelta(days=89))
    out = StringIO()
    call_command("purge_search_failures", stdout=out)
    assert "1 counts older than 90 days deleted" in out.getvalue()
    assert list(SearchFailure.objects.values_list("text", flat=True)) == ["reciente"]
