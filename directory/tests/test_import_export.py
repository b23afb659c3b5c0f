import csv
import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from directory import hsds
from directory.factories import (
    ContactFactory,
    LocationFactory,
    PhoneFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    category,
    population,
)
from directory.models import Location, Organization, Service, Taxonomy, TaxonomyTerm

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def summary(output):
    """(created, updated, rejected) from the last line, whatever the language."""
    return tuple(int(n) for n in re.findall(r"\d+", output.strip().splitlines()[-1]))


def empty_directory():
    Organization.objects.all().delete()
    TaxonomyTerm.objects.all().delete()
    Taxonomy.objects.all().delete()


def files(folder):
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())}


@pytest.fixture
def richer_sample(sample):
    organization = sample["organization"]
    virtual = LocationFactory(
        organization=organization,
        name="Atención en línea",
        is_confidential=False,
        location_type=Location.LocationType.VIRTUAL,
        address_1="",
        url="https://example.invalid/chat",
        canton="Quito",
        province="EC-P",
    )
    paid = ServiceFactory(
        organization=organization,
        name="Curso con costo",
        categories=[category("vocational")],
        populations=[population("men")],
        is_free=False,
        fees_description="USD 10 por módulo",
        minimum_age=18,
        maximum_age=65,
        alert="Cupos limitados",
    )
    ServiceAtLocationFactory(service=paid, location=virtual)
    paid.languages.create(code="kichwa", name="Kichwa")
    public_contact = ContactFactory(
        organization=organization,
        title="Recepción",
        is_public=True,
        email="recepcion@example.invalid",
    )
    PhoneFactory(contact=public_contact, number="+593 2-250-3333")
    return sample


@pytest.mark.parametrize("source", ["datapackage.json", "hsds.json"])
def test_round_trip_export_import_export(richer_sample, tmp_path, source):
    first, second = tmp_path / "first", tmp_path / "second"
    exported_output = run("export_hsds", str(first))
    assert "hsds.json" in exported_output
    exported = files(first)
    assert {
        "hsds.json",
        "datapackage.json",
        "organizations.csv",
        "services.csv",
        "locations.csv",
        "addresses.csv",
        "phones.csv",
        "attributes.csv",
    } <= set(exported)
    empty_directory()
    assert Service.objects.count() == 0
    report = run("import_hsds", str(first / source))
    assert summary(report)[2] == 0
    assert Service.objects.count() == 3
    run("export_hsds", str(second))
    assert files(second) == exported
    # The shelter stays confidential after the round trip.
    assert Location.objects.get(pk=richer_sample["shelter"].pk).is_confidential


def test_import_updates_without_blanking_confidential_details(sample, tmp_path):
    run("export_hsds", str(tmp_path))
    Service.objects.filter(pk=sample["legal_service"].pk).update(name="Nombre antiguo")
    output = run("import_hsds", str(tmp_path))
    created, updated, rejected = summary(output)
    assert (created, rejected) == (0, 0)
    # Only the renamed service changed; every other row is reported as unchanged.
    assert updated == 1
    assert int(re.search(r"^(?:Unchanged|Sin cambios:) (\d+)\.$", output, re.M)[1]) > 10
    assert Service.objects.get(pk=sample["legal_service"].pk).name == "Asesoría de prueba"
    shelter = Location.objects.get(pk=sample["shelter"].pk)
    assert shelter.is_confidential
    assert shelter.address_1 == "Pasaje Secreto Centinela 987"


def _rewrite(path, change):
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows, fields = list(reader), reader.fieldnames
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def test_bad_rows_are_rejected_with_a_report_line_each(sample, tmp_path):
    run("export_hsds", str(tmp_path))
    empty_directory()

    def break_rows(rows):
        rows[0]["minimum_age"], rows[0]["maximum_age"] = "40", "10"
        rows[1]["status"] = "abierto"

    _rewrite(tmp_path / "services.csv", break_rows)

    def break_phone(rows):
        office = next(row for row in rows if row["number"] == "+593 2-250-1111")
        office["number"] = "12345"

    _rewrite(tmp_path / "phones.csv", break_phone)
    output = run("import_hsds", "--partial", str(tmp_path / "datapackage.json"))
    lines = output.splitlines()
    assert any("services.csv" in line and "maximum_age" in line for line in lines), output
    assert any("services.csv" in line and "status" in line for line in lines), output
    assert any("phones.csv" in line and "number" in line for line in lines), output
    assert summary(output)[2] == len([line for line in lines if ".csv" in line])
    assert Service.objects.count() == 0  # both services were rejected
    assert Organization.objects.count() == 1  # valid rows are imported


def test_strict_import_imports_nothing_when_a_row_fails(sample, tmp_path):
    run("export_hsds", str(tmp_path))
    empty_directory()
    _rewrite(tmp_path / "locations.csv", lambda rows: rows[0].update(location_type="cave"))
    with pytest.raises(CommandError):
        run("import_hsds", "--strict", str(tmp_path))
    assert Organization.objects.count() == 0


def test_unreadable_input_is_a_clear_error(tmp_path):
    (tmp_path / "hsds.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match=r"hsds\.json"):
        run("import_hsds", str(tmp_path / "hsds.json"))
    with pytest.raises(CommandError):
        run("import_hsds", str(tmp_path / "missing-folder"))


def test_export_json_validates_against_hsds(sample, tmp_path):
    run("export_hsds", str(tmp_path))
    document = json.loads((tmp_path / "hsds.json").read_text(encoding="utf-8"))
    for name, key in (
        ("service", "services"),
        ("organization", "organizations"),
        ("taxonomy_term", "taxonomy_terms"),
        ("taxonomy", "taxonomies"),
    ):
        validator = hsds.object_validator(name)
        for item in document[key]:
            assert list(validator.iter_errors(item)) == []
