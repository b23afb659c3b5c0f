import pytest
from django.urls import reverse

from directory.models import Location, Organization, Service

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model, settings):
    settings.RUTA_REQUIRE_2FA = False
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.invalid", "x-Y-z-12345"
    )
    client.force_login(user)
    return client


def _url(model, view="list"):
    return reverse(f"wagtailsnippets_directory_{model._meta.model_name}:{view}")


def test_directory_menu_groups_the_viewsets(admin_client, home_page):
    html = admin_client.get("/admin/").content.decode()
    assert "Directorio" in html or "Directory" in html


@pytest.mark.parametrize("model", [Organization, Service, Location])
def test_lists_search_filter_and_export(admin_client, sample, model):
    response = admin_client.get(_url(model))
    assert response.status_code == 200
    searched = admin_client.get(_url(model), {"q": "prueba"})
    assert searched.status_code == 200
    exported = admin_client.get(_url(model), {"export": "csv"})
    assert exported.status_code == 200
    assert exported["Content-Type"].startswith("text/csv")


def test_list_filter_by_confidential(admin_client, sample):
    response = admin_client.get(_url(Location), {"is_confidential": "true"})
    assert response.status_code == 200
    names = [str(obj) for obj in response.context["object_list"]]
    assert names == [str(sample["shelter"])]


def test_admin_form_shows_a_clear_message_for_bad_coordinates(admin_client, sample):
    url = reverse("wagtailsnippets_directory_location:edit", args=[sample["office"].pk])
    form = admin_client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"latitude": "40.4", "longitude": "-3.7"})
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "latitude" in response.context["form"].errors
    sample["office"].refresh_from_db()
    assert str(sample["office"].latitude) == "-0.200000"
