"""Bed counts with their age (HSDS 3.1 service_capacity): staff see "12 beds free ·
updated 2 days ago" after the second factor, stale counts are marked, the shelter's members
update them in two taps without JavaScript, and no public output ever holds them."""

import io
import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from directory import upkeep
from directory.display import capacity_data
from directory.factories import ServiceCapacityFactory
from directory.hsds import object_validator
from directory.models import ServiceCapacity
from website.testing import verified_login

pytestmark = pytest.mark.django_db
FREE = 9876  # a count no other value of the page holds


@pytest.fixture
def shelter(institutions):
    world = institutions["own"]
    count = ServiceCapacityFactory(
        service=world["service"],
        available=FREE,
        maximum=FREE + 10,
        updated=timezone.now() - timedelta(days=2),
    )
    return {**world, "count": count}


def test_the_count_reads_with_its_age_and_goes_stale(shelter, settings):
    with translation.override("es"):
        data = capacity_data(shelter["count"])
    assert data["summary"] == f"{FREE} camas libres · actualizado hace 2\xa0días"
    assert not data["is_stale"]
    settings.RUTA_CAPACITY_STALE_HOURS = 24
    assert capacity_data(shelter["count"])["is_stale"]
    one = ServiceCapacity(service=shelter["service"], unit="places", available=1)
    one.updated = timezone.now()
    with translation.override("es"):
        assert capacity_data(one)["summary"].startswith("1 plaza libre · ")
    with translation.override("en"):
        assert capacity_data(one)["summary"].startswith("1 place free · updated ")


def test_staff_see_the_count_after_the_second_factor_and_nobody_else(
    client, directory_page, shelter, institutions
):
    url = f"/es/directorio/{shelter['organization'].slug_es}/"
    assert str(FREE) not in Client().get(url).content.decode()
    password_only = Client()
    password_only.force_login(institutions["other"]["member"])
    assert str(FREE) not in password_only.get(url).content.decode()
    verified_login(client, institutions["other"]["member"])  # staff of another institution
    page = client.get(url).content.decode()
    assert f"{FREE} camas libres · actualizado hace 2\xa0días" in page
    assert reverse("directory_admin:capacity", args=[shelter["service"].pk]) not in page


def test_no_public_output_holds_a_count(client, directory_page, shelter, tmp_path):
    organization = shelter["organization"]
    urls = [
        f"/es/directorio/{organization.slug_es}/",
        "/es/directorio/",
        "/api/hsds/services?full=true",
        f"/api/hsds/services/{shelter['service'].pk}",
        f"/api/hsds/organizations/{organization.pk}?full_service=true",
    ]
    for url in urls:
        body = client.get(url).content.decode()
        assert str(FREE) not in body, url
        assert "capacities" not in body, url
    call_command("export_hsds", str(tmp_path), stdout=io.StringIO())
    for path in tmp_path.iterdir():
        assert str(FREE) not in path.read_text(encoding="utf-8"), path.name
    assert not (tmp_path / "service_capacity.csv").exists()


def test_two_taps_from_a_phone(client, shelter):
    verified_login(client, shelter["member"])
    home = client.get(reverse("directory_admin:capacity_home"))
    assert home.status_code == 200
    html = home.content.decode()
    assert f'name="available" value="{FREE - 1}"' in html  # one fewer, a plain button
    assert "<script" not in html.split('id="main"')[-1].split("</main>")[0]
    url = reverse("directory_admin:capacity", args=[shelter["service"].pk])
    tap = client.post(
        url, {"unit": "beds", "available": FREE - 1, "next": home.request["PATH_INFO"]}
    )
    assert tap.status_code == 302
    assert tap["Location"] == reverse("directory_admin:capacity_home")
    current = ServiceCapacity.objects.get(service=shelter["service"], is_current=True)
    assert (current.available, current.maximum, current.updated_by) == (
        FREE - 1,
        FREE + 10,
        shelter["member"],
    )
    assert current.updated > shelter["count"].updated
    assert ServiceCapacity.objects.filter(service=shelter["service"]).count() == 2  # history


def test_bad_counts_get_a_message_and_change_nothing(client, shelter):
    verified_login(client, shelter["member"])
    url = reverse("directory_admin:capacity", args=[shelter["service"].pk])
    for data in ({"unit": "beds", "available": "-1"}, {"unit": "beds", "available": "muchas"}):
        assert client.post(url, data).status_code == 400
    response = client.post(url, {"unit": "beds", "available": FREE + 11})
    assert response.status_code == 400
    assert "maximum" in response.content.decode() or "máximo" in response.content.decode()
    assert ServiceCapacity.objects.filter(service=shelter["service"]).count() == 1
    with pytest.raises(ValidationError):
        upkeep.record_capacity(shelter["service"], None, unit="beds", available=1, maximum=0)


def test_staff_get_the_hsds_service_capacity(client, shelter, institutions):
    verified_login(client, institutions["other"]["member"])
    url = reverse("directory_admin:hsds_service", args=[shelter["service"].pk])
    response = client.get(url)
    assert "no-store" in response["Cache-Control"]
    service = response.json()
    object_validator("service").validate(service)
    (count,) = service["capacities"]
    assert (count["available"], count["maximum"], count["unit"]["identifier"]) == (
        FREE,
        FREE + 10,
        "beds",
    )
    object_validator("service_capacity").validate(count)
    listing = client.get(reverse("directory_admin:hsds_capacities")).json()
    assert [c["available"] for c in listing["contents"]] == [FREE]
    narrowed = client.get(
        reverse("directory_admin:hsds_capacities"),
        {"organization_id": str(institutions["other"]["organization"].pk)},
    ).json()
    assert narrowed["contents"] == []
    assert (
        client.get(reverse("directory_admin:hsds_capacities"), {"organization_id": "x"}).status_code
        == 400
    )
    assert Client().get(url).status_code == 302  # to the sign-in


def test_an_entitled_export_carries_the_counts(shelter, tmp_path):
    call_command("export_hsds", str(tmp_path), "--with-capacity", stdout=io.StringIO())
    document = json.loads((tmp_path / "hsds.json").read_text(encoding="utf-8"))
    (service,) = [s for s in document["services"] if s["id"] == str(shelter["service"].pk)]
    assert service["capacities"][0]["available"] == FREE
    table = (tmp_path / "service_capacity.csv").read_text(encoding="utf-8")
    assert str(FREE) in table
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert {"service_capacity", "unit"} <= {r["name"] for r in package["resources"]}
