"""Dry runs write nothing, imports are atomic unless partial, the search index is rebuilt
once at the end (never row by row), and the export types extensions as HSDS says."""

import io
import json
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from directory.hsds_export import export_document, write_export
from directory.hsds_import.runner import run_import
from directory.hsds_import.sources import open_path
from directory.models import Organization, Phone, Service
from directory.tests.export_checks import frictionless_findings
from search.service import service_ids

pytestmark = pytest.mark.django_db(transaction=True)
ORG = "22222222-2222-4222-8222-222222222222"


def partner_file(tmp_path, services=3, bad=False):
    document = {
        "organizations": [{"id": ORG, "name": "Socia", "description": "Ficticia."}],
        "services": [
            {
                "id": f"33333333-3333-4333-8333-{n:012d}",
                "organization_id": ORG,
                "name": f"Servicio {n}",
                "status": "abierto" if bad and n == 0 else "active",
                "description": "Atención ficticia.",
            }
            for n in range(services)
        ],
    }
    path = tmp_path / "socia.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_dry_run_reports_and_writes_nothing(tmp_path):
    out = io.StringIO()
    call_command(
        "import_hsds", "--dry-run", "--language", "en", str(partner_file(tmp_path)), stdout=out
    )
    assert "Dry run: nothing was written." in out.getvalue()
    assert out.getvalue().strip().endswith("Created 4, updated 0, rejected 0.")
    assert not Organization.objects.filter(pk=ORG).exists()


def test_an_import_is_atomic_unless_partial(tmp_path):
    path = partner_file(tmp_path, bad=True)
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_hsds", "--language", "en", str(path), stdout=io.StringIO())
    assert not Organization.objects.filter(pk=ORG).exists()
    call_command("import_hsds", "--partial", str(path), stdout=io.StringIO())
    assert Service.objects.filter(organization_id=ORG).count() == 2


def test_the_search_index_is_rebuilt_once_not_row_by_row(tmp_path):
    with (
        mock.patch("search.tasks.update_search_entries") as per_row,
        mock.patch("search.bulk.rebuild_search_index") as rebuild,
    ):
        run_import(open_path(partner_file(tmp_path, services=20)))
    assert per_row.enqueue.call_count == 0
    assert rebuild.enqueue.call_count == 1


def test_imported_services_are_found_by_the_site_search(tmp_path):
    run_import(open_path(partner_file(tmp_path, services=2)))
    assert len(service_ids("Servicio", language="es")) == 2


def test_a_dry_run_rebuilds_nothing(tmp_path):
    with mock.patch("search.bulk.rebuild_search_index") as rebuild:
        run_import(open_path(partner_file(tmp_path)), dry_run=True)
    assert rebuild.enqueue.call_count == 0


def test_the_export_gives_extensions_as_numbers_and_validates(sample, tmp_path):
    office_phone = Phone.objects.get(number="+593 2-250-1111")
    office_phone.extension = "205"
    office_phone.save()
    phones = [
        phone
        for organization in export_document()["organizations"]
        for location in organization.get("locations", [])
        for phone in location.get("phones", [])
    ]
    assert [p["extension"] for p in phones if p["number"] == "+593 2-250-1111"] == [205]
    write_export(tmp_path)
    assert frictionless_findings(tmp_path) == set()
