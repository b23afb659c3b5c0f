"""Issue 19: forgiving where the meaning is clear (province names, weekday lists, free
wordings, all day every day, the file's own taxonomies), strict where safety needs it."""

import io
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from directory.hsds_import import normalise
from directory.models import Location, Phone, Schedule, Service

ORG = "11111111-1111-4111-8111-111111111111"


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("Guayas", "EC-G"),
        ("galápagos", "EC-W"),
        ("GALAPAGOS", "EC-W"),
        ("Manabí", "EC-M"),
        ("Provincia de Pichincha", "EC-P"),
        ("ec-p", "EC-P"),
        ("Santo Domingo de los Tsáchilas", "EC-SD"),
    ],
)
def test_province_names_accents_and_case_become_iso_codes(given, code):
    assert normalise.province(given) == code


def test_an_unknown_province_says_what_is_expected():
    with (
        translation.override("en"),
        pytest.raises(normalise.Rejected, match=r"name \(Guayas\) or its ISO 3166-2 code"),
    ):
        normalise.province("MyState")


@pytest.mark.parametrize(
    ("given", "days"),
    [
        ("TH,FR", ["TH", "FR"]),
        ("MO-FR", ["MO", "TU", "WE", "TH", "FR"]),
        ("lunes, miércoles", ["MO", "WE"]),
        ("Saturday;Sunday", ["SA", "SU"]),
        ("", []),
    ],
)
def test_weekday_lists(given, days):
    assert normalise.byday(given) == days


@pytest.mark.parametrize(
    "fees",
    [
        "Gratuito",
        "Sin costo",
        "Gratis",
        "Servicio gratuito",
        "No se cobra",
        "Free of charge",
        "free",
        "SIN COSTO ALGUNO.",
        "",
    ],
)
def test_the_usual_free_wordings_are_free(fees):
    assert normalise.is_free(fees)


@pytest.mark.parametrize("fees", ["USD 10 por módulo", "£50 per hour", "Copago de 5 dólares"])
def test_fees_stay_fees(fees):
    assert not normalise.is_free(fees)


@pytest.mark.parametrize(
    ("given", "hour", "minute"),
    [("10:00:00", 10, 0), ("9:30", 9, 30), ("18:00Z", 18, 0), ("6pm", 18, 0), ("24:00", 23, 59)],
)
def test_times(given, hour, minute):
    value = normalise.clock({"opens_at": given}, "opens_at")
    assert (value.hour, value.minute) == (hour, minute)


def service(sid, name, **extra):
    return {
        "id": sid,
        "organization_id": ORG,
        "name": name,
        "status": "active",
        "description": "Atención ficticia.",
        **extra,
    }


def document():
    address = {
        "id": "a-1",
        "address_1": "Av. Ficticia 1",
        "city": "guayaquil",
        "state_province": "Guayas",
        "country": "EC",
        "address_type": "physical",
    }
    return {
        "taxonomies": [
            {"id": "tx-1", "name": "Clasificación del socio", "description": "Del socio."}
        ],
        "taxonomy_terms": [
            {
                "id": "term-1",
                "taxonomy_id": "tx-1",
                "name": "Acogida temporal",
                "code": "acogida",
                "description": "Casas de acogida.",
            }
        ],
        "organizations": [
            {
                "id": ORG,
                "name": "Fundación Normalizada",
                "description": "Organización ficticia.",
                "locations": [
                    {
                        "id": "loc-1",
                        "name": "Oficina",
                        "location_type": "physical",
                        "latitude": -2.19,
                        "longitude": -79.88,
                        "addresses": [address],
                    },
                    {
                        "id": "loc-2",
                        "name": "Lejos",
                        "location_type": "physical",
                        "latitude": 40.4,
                        "longitude": -3.7,
                        "addresses": [{**address, "id": "a-2"}],
                    },
                ],
            }
        ],
        "services": [
            service(
                "s-1",
                "Asesoría",
                fees_description="Sin costo",
                schedules=[
                    {
                        "id": "h-1",
                        "freq": "WEEKLY",
                        "byday": "MO,TU,WE",
                        "opens_at": "08:00",
                        "closes_at": "16:30",
                    }
                ],
                service_at_locations=[{"id": "sal-1", "location_id": "loc-1"}],
                phones=[
                    {"id": "p-1", "number": "02 250 1234", "extension": 100},
                    {"id": "p-2", "number": "+44 1234 234567"},
                ],
                attributes=[{"id": "at-1", "taxonomy_term_id": "term-1", "link_type": "partner"}],
            ),
            service(
                "s-2",
                "Acogida",
                fees_description="Servicio gratuito",
                status="Temporarily_Closed",
                schedules=[
                    {
                        "id": "h-2",
                        "byday": "MO,TU,WE,TH,FR,SA,SU",
                        "opens_at": "00:00",
                        "closes_at": "23:59",
                    }
                ],
            ),
            service("s-3", "Curso", fees_description="USD 10 por módulo"),
        ],
    }


@pytest.fixture
def imported(db, tmp_path):
    path = tmp_path / "socio.json"
    path.write_text(json.dumps(document()), encoding="utf-8")
    out = io.StringIO()
    call_command("import_hsds", "--partial", "--language", "en", str(path), stdout=out)
    return out.getvalue()


def by_name(name):
    return Service.objects.get(name=name)


def test_an_ecuadorian_partner_file_imports_with_its_wordings(imported):
    office = Location.objects.get(name="Oficina")
    assert (office.province, office.canton) == ("EC-G", "Guayaquil")  # the capital's spelling
    assert by_name("Asesoría").is_free
    assert by_name("Acogida").is_free
    assert by_name("Acogida").status == "temporarily closed"
    assert not by_name("Curso").is_free
    assert by_name("Curso").fees_description == "USD 10 por módulo"
    days = Schedule.objects.filter(service=by_name("Asesoría")).values_list("byday", flat=True)
    assert sorted(days) == ["MO", "TU", "WE"]
    always = Schedule.objects.get(service=by_name("Acogida"))
    assert always.open_24_hours
    assert always.byday == ""
    assert Phone.objects.get(number="+593 2-250-1234").extension == "100"
    assert [t.name for t in by_name("Asesoría").categories.all()] == ["Acogida temporal"]


def test_coordinates_outside_ecuador_and_foreign_phones_stay_rejections(imported):
    assert not Location.objects.filter(name="Lejos").exists()
    far = next(line for line in imported.splitlines() if "outside Ecuador" in line)
    assert "field latitude" in far
    phone = next(line for line in imported.splitlines() if "+44 1234 234567" in line)
    assert "field number" in phone
    assert "not a valid Ecuadorian phone number" in phone


def test_ids_that_are_not_uuids_get_stable_ones(imported, tmp_path):
    first = by_name("Asesoría").pk
    again = tmp_path / "again.json"
    again.write_text(json.dumps(document()), encoding="utf-8")
    out = io.StringIO()
    call_command("import_hsds", "--partial", "--language", "en", str(again), stdout=out)
    assert by_name("Asesoría").pk == first
    assert "Created 0, updated 0" in out.getvalue()
    assert "ids that are not UUIDs given stable UUIDs" in imported
