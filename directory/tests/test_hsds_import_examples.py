"""Issue 19: the official Open Referral examples (HSDS 3.0 and 3.1, every shape) and the
legacy HSDS 1.1 sample import with what each holds, and Ruta's re-export of each validates
against the vendored schemas. The examples are English and British/US data: their places
(state "MyState", coordinates 100/101) and phones (+44, US numbers) are not Ecuadorian, so
those stay rejections, reported with table, id, field and the expectation."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from directory import hsds
from directory.hsds_export import export_document, write_export
from directory.models import (
    Contact,
    Language,
    Location,
    Organization,
    Schedule,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from directory.tests.export_checks import frictionless_findings

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).resolve().parent.parent / "hsds_examples"
SERVICE = "ac148810-d857-441c-9679-408f346de14b"
ORGANIZATION = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
TERM = "3f7b145d-84af-42d7-8fae-eaca714b02b2"
LOCATION = "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
FULL = {
    "Organization": 1,
    "Service": 1,
    "Contact": 1,
    "Schedule": 2,
    "Language": 1,
    "Taxonomy": 1,
    "TaxonomyTerm": 1,
}
TABULAR = {"Organization": 1, "Service": 1, "Schedule": 2, "Language": 1, "Taxonomy": 1}
# What each official shape creates (the same in 3.0 and 3.1).
CREATES = {
    "service_full.json": FULL,
    "organization_full.json": FULL,
    "service_at_location_full.json": FULL,
    "service_list.json": {"Organization": 1, "Service": 1},
    "service_at_location_list.json": {"Organization": 1, "Service": 1},
    "organization_list.json": {"Organization": 1},
    "taxonomy.json": {"Taxonomy": 1},
    "taxonomy_list.json": {"Taxonomy": 1},
    "taxonomy_term.json": {"Taxonomy": 1, "TaxonomyTerm": 1},
    "taxonomy_term_list.json": {"Taxonomy": 1, "TaxonomyTerm": 1},
    "tabular.json": TABULAR,
    "csv": TABULAR,
    "location.json": {},
}
MODELS = (Organization, Service, Location, Contact, Schedule, Language, Taxonomy, TaxonomyTerm)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def run_import(path):
    out = io.StringIO()
    call_command("import_hsds", "--partial", "--language", "en", str(path), stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("version", ["3.0", "3.1"])
@pytest.mark.parametrize("shape", sorted(CREATES))
def test_each_official_shape_imports_what_it_holds(version, shape):
    before = counts()
    output = run_import(EXAMPLES / version / shape)
    created = {name: number - before[name] for name, number in counts().items()}
    assert {name: n for name, n in created.items() if n} == CREATES[shape], output
    if CREATES[shape].get("Service"):
        service = Service.objects.get(pk=SERVICE)
        assert service.name == "Community Counselling"
        assert not service.is_free  # its fees_description says £50 an hour
        assert str(service.organization_id) == ORGANIZATION
    if CREATES[shape].get("Schedule"):
        days = sorted(Schedule.objects.filter(service_id=SERVICE).values_list("byday", flat=True))
        assert days == ["FR", "TH"]  # "TH,FR" (RFC 5545 list): one schedule per day
    if CREATES[shape].get("TaxonomyTerm") and CREATES[shape].get("Service"):
        # The file's own taxonomy: kept, linked to the service, and filterable.
        assert list(Service.objects.filter(categories__id=TERM).values_list("pk", flat=True))
    if "location" in output:  # every shape that nests the place rejects it, and says why
        line = next(line for line in output.splitlines() if f"location {LOCATION}" in line)
        assert "Rejected:" in line
        assert any(word in line for word in ("MyState", "organization_id", "addresses"))


def test_the_api_filters_on_an_imported_taxonomy(client):
    run_import(EXAMPLES / "3.1" / "service_full.json")
    answer = client.get("/api/hsds/services", {"taxonomy_term_id": TERM}).json()
    assert [item["id"] for item in answer["contents"]] == [SERVICE]


def test_a_file_with_nothing_recognisable_is_an_error():
    with pytest.raises(CommandError, match=r"Nothing in base\.json was recognised"):
        run_import(EXAMPLES / "3.1" / "base.json")


def test_the_rejections_name_table_id_field_and_cascade():
    output = run_import(EXAMPLES / "3.1" / "service_full.json")
    lines = [line for line in output.splitlines() if line.startswith("Rejected:")]
    location = next(line for line in lines if f"location {LOCATION}" in line)
    assert "field addresses/state_province" in location
    assert "“MyState” is not a province of Ecuador" in location
    assert "cascade" not in location
    link = next(line for line in lines if "service_at_location e94c9f38" in line)
    assert "(cascade: its parent was rejected)" in link
    assert "Ignored table (Ruta does not keep it): service_area" in output
    assert "Ignored fields of service (rows): accreditations (1)" in output


def test_the_legacy_1_1_sample_is_mapped_and_reports_what_it_cannot():
    output = run_import(EXAMPLES / "1.1")
    assert "HSDS 1.x data package (legacy)" in output
    assert Organization.objects.filter(website="http://example.com").count() == 10
    assert Service.objects.count() == 13
    helpline = Service.objects.get(pk="c89eb05c-62dd-4b64-b494-0cc347b6ea7f")
    # regular_schedules: weekday 1–3 → MO, TU, WE; eligibility "adult" → its eligibility.
    assert sorted(helpline.schedules.values_list("byday", flat=True)) == ["MO", "TU", "WE"]
    assert helpline.schedules.first().opens_at.hour == 9
    assert helpline.eligibility_description == "adult"
    assert sorted(helpline.languages.values_list("code", flat=True)) == ["en", "es"]
    assert helpline.contacts.get().title == "Mr"
    for table in ("holiday_schedule", "payment_accepted", "funding", "program", "metadata"):
        assert f"Ignored table (Ruta does not keep it): {table}" in output
    # physical_addresses is read: its state "NY" is not an Ecuadorian province.
    assert "“NY” is not a province of Ecuador" in output


@pytest.mark.parametrize(
    "path", ["3.0/service_full.json", "3.1/organization_full.json", "3.1/csv", "1.1"]
)
def test_the_re_export_validates_against_the_vendored_schemas(path, tmp_path):
    run_import(EXAMPLES / path)
    document = export_document()
    assert document["services"]
    for name, key in (
        ("service", "services"),
        ("organization", "organizations"),
        ("taxonomy", "taxonomies"),
        ("taxonomy_term", "taxonomy_terms"),
    ):
        validator = hsds.object_validator(name)
        for item in document[key]:
            assert list(validator.iter_errors(item)) == [], (name, item["id"])
    write_export(tmp_path)
    assert frictionless_findings(tmp_path) == set()
    json.loads((tmp_path / "hsds.json").read_text(encoding="utf-8"))
