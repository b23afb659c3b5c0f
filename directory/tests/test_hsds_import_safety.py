"""Issue 15: an import never un-confidentialises a shelter, reads only inside its package,
within its size limits, answers bad input with a clear message and reports duplicate ids."""

import io
import json
import os
import zipfile

import pytest
from django.core.management import CommandError, call_command

from directory import fields as allow
from directory.hsds_import.writer import FIELDS, INTERNAL_WRITES
from directory.models import Location, Organization, Service
from directory.tests.conftest import SENTINELS

pytestmark = pytest.mark.django_db

ORG = "0d7f4c57-8a26-4c40-9d32-2f8d8a0e9b01"
SERVICE = "5a1f0b8e-3c52-4f7e-b1a4-9d6c2e7f8a02"


def run(*args):
    """The command in English (its messages are matched below)."""
    out = io.StringIO()
    call_command("import_hsds", "--language", "en", *args, stdout=out)
    return out.getvalue()


def write_json(path, document):
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def organization(**extra):
    return {"id": ORG, "name": "Fundación Socia", "description": "Organización ficticia.", **extra}


def test_an_import_never_makes_a_confidential_location_public(sample, tmp_path):
    """A partner's file without the confidential attribute, with an exact address and
    coordinates for a place that is confidential in Ruta: it stays confidential, nothing
    exact is copied, and the report says so."""
    shelter = sample["shelter"]
    document = {
        "organizations": [
            {
                "id": str(sample["organization"].pk),
                "name": "Casa Refugio Prueba",
                "description": "Organización ficticia.",
                "locations": [
                    {
                        "id": str(shelter.pk),
                        "name": "Casa de acogida (dirección publicada)",
                        "location_type": "physical",
                        "latitude": -0.25,
                        "longitude": -78.52,
                        "addresses": [
                            {
                                "id": "7b9c2d4e-1f3a-4b5c-8d6e-0a1b2c3d4e5f",
                                "address_1": "Calle Publicada 123",
                                "city": "Quito",
                                "state_province": "EC-P",
                                "country": "EC",
                                "address_type": "physical",
                            }
                        ],
                    }
                ],
            }
        ]
    }
    output = run("--language", "en", str(write_json(tmp_path / "partner.json", document)))
    shelter = Location.objects.get(pk=shelter.pk)
    assert shelter.is_confidential
    assert shelter.address_1 == SENTINELS["address"]
    assert str(shelter.latitude) == SENTINELS["latitude"]
    assert shelter.name == SENTINELS["location_name"]
    assert f"location {shelter.pk}, field is_confidential" in output
    assert "never public" in output


def test_a_file_can_make_a_location_confidential(sample, tmp_path):
    office = sample["office"]
    document = {
        "organizations": [
            {
                "id": str(sample["organization"].pk),
                "name": "Casa Refugio Prueba",
                "description": "Organización ficticia.",
                "locations": [
                    {
                        "id": str(office.pk),
                        "location_type": "physical",
                        "attributes": [
                            {
                                "id": "1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b",
                                "link_type": "confidential",
                            }
                        ],
                        "addresses": [
                            {
                                "id": "2e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b",
                                "city": "Quito",
                                "state_province": "Pichincha",
                            }
                        ],
                    }
                ],
            }
        ]
    }
    run(str(write_json(tmp_path / "raise.json", document)))
    assert Location.objects.get(pk=office.pk).is_confidential


def test_a_50_mb_field_is_rejected_not_stored(db, tmp_path):
    huge = "x" * (50 * 1024 * 1024)
    document = {
        "organizations": [organization()],
        "services": [
            {
                "id": SERVICE,
                "organization_id": ORG,
                "name": "Servicio",
                "status": "active",
                "description": huge,
            }
        ],
    }
    output = run("--partial", "--language", "en", str(write_json(tmp_path / "huge.json", document)))
    assert not Service.objects.filter(pk=SERVICE).exists()
    assert Organization.objects.filter(pk=ORG).exists()
    line = next(line for line in output.splitlines() if SERVICE in line)
    assert "field description" in line
    assert "At most 10000 characters" in line


def package(folder, resource_path, rows="id,name,description\n" + f"{ORG},Socia,Ficticia\n"):
    folder.mkdir()
    descriptor = {"resources": [{"name": "organization", "path": resource_path}]}
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


def test_a_resource_outside_the_package_is_refused(db, tmp_path):
    (tmp_path / "outside.csv").write_text(
        f"id,name,description\n{ORG},Fuera,Leída\n", encoding="utf-8"
    )
    folder = package(tmp_path / "pkg", "../outside.csv")
    with pytest.raises(CommandError, match="outside the package"):
        run(str(folder))
    assert not Organization.objects.filter(pk=ORG).exists()


@pytest.mark.parametrize(
    "path",
    [
        "/dev/zero",
        "/etc/passwd",
        "file:///dev/zero",
        "https://example.invalid/x.csv",
        "sub/../../x.csv",
    ],
)
def test_absolute_paths_devices_and_urls_are_refused_without_reading(db, tmp_path, path):
    with pytest.raises(CommandError, match="outside the package"):
        run(str(package(tmp_path / "pkg", path)))


def test_a_link_to_a_device_inside_the_package_is_refused(db, tmp_path):
    folder = package(tmp_path / "pkg", "organizations.csv")
    os.symlink("/dev/zero", folder / "organizations.csv")
    with pytest.raises(CommandError, match="not a file inside the package"):
        run(str(folder))


def test_an_archive_member_outside_the_package_is_refused(db, tmp_path):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("datapackage.json", "{}")
        zipped.writestr("../escape.csv", "id\n")
    with pytest.raises(CommandError, match="outside the package"):
        run(str(archive))


def test_a_file_over_the_size_limit_is_refused(db, tmp_path, settings):
    settings.HSDS_IMPORT_MAX_BYTES = 1000
    path = write_json(
        tmp_path / "big.json", {"organizations": [organization(description="y" * 2000)]}
    )
    with pytest.raises(CommandError, match="larger than the import limit"):
        run(str(path))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("binary.json", b"\xff\xfe\x00garbage"),
        ("numbers.json", b"[1, 2, 3]"),
        ("null.json", b"null"),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000),
        ("broken.zip", b"PK\x03\x04not really a zip"),
        ("lines.ndjson", b'{"id": 1}\n{not json\n'),
    ],
)
def test_bad_input_is_a_clear_message_never_a_traceback(db, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=name.split(".")[0]):
        run(str(path))


@pytest.mark.parametrize(
    "descriptor",
    [
        {"resources": "services.csv"},
        {"resources": [{"name": "service", "path": ["a.csv", "b.csv"]}]},
        [],
    ],
)
def test_a_malformed_descriptor_is_a_clear_message(db, tmp_path, descriptor):
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(CommandError):
        run(str(folder))


def test_duplicate_ids_are_reported_and_nothing_is_imported(db, tmp_path):
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "organizations.csv").write_text(
        f"id,name,description\n{ORG},Primera,Ficticia\n{ORG},Segunda,Otra\n", encoding="utf-8"
    )
    with pytest.raises(CommandError):
        output = run("--language", "en", str(folder))
    output = io.StringIO()
    call_command("import_hsds", "--partial", "--language", "en", str(folder), stdout=output)
    line = next(line for line in output.getvalue().splitlines() if "appears again" in line)
    assert "organizations.csv, row 2" in line
    assert ORG in line
    assert Organization.objects.get(pk=ORG).name == "Primera"


def test_a_confidential_mark_alone_raises_a_place_only_in_ruta(sample, tmp_path):
    office = sample["office"]
    mark = {
        "id": "3e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b",
        "link_id": str(office.pk),
        "link_type": "confidential",
        "link_entity": "location",
    }
    folder = tmp_path / "pkg"
    folder.mkdir()
    columns = ",".join(mark)
    (folder / "attributes.csv").write_text(
        f"{columns}\n{','.join(mark.values())}\n", encoding="utf-8"
    )
    run(str(folder))
    office = Location.objects.get(pk=office.pk)
    assert office.is_confidential
    assert office.address_1 == "Avenida Pública 100"  # kept for staff, no longer public


def test_the_importer_writes_only_what_the_allow_list_lets_a_public_file_set():
    for model, columns in FIELDS.items():
        names = {model._meta.get_field(c).name for c in columns}
        assert not names & set(allow.staff_only_fields(model)), model
        allowed = set(allow.fields_in(model, allow.PUBLIC, allow.CONFIDENTIAL))
        assert names <= allowed | set(INTERNAL_WRITES.get(model, ())), model


def test_an_import_never_makes_a_staff_only_contact_public(sample, tmp_path):
    contact = sample["shelter_service"].contacts.get()
    document = {
        "services": [
            {
                "id": str(sample["shelter_service"].pk),
                "organization_id": str(sample["organization"].pk),
                "name": "Acogida de prueba",
                "status": "active",
                "description": "Atención ficticia para pruebas.",
                "contacts": [{"id": str(contact.pk), "name": "Contacto publicado"}],
            }
        ]
    }
    output = run(str(write_json(tmp_path / "contact.json", document)))
    contact.refresh_from_db()
    assert not contact.is_public
    assert f"contact {contact.pk}, field is_public" in output


def test_a_link_to_a_confidential_place_keeps_its_description(sample, tmp_path):
    link = sample["shelter_service"].service_at_locations.get()
    link.description = "Descripción interna del enlace"
    link.save()
    document = {
        "services": [
            {
                "id": str(sample["shelter_service"].pk),
                "organization_id": str(sample["organization"].pk),
                "name": "Acogida de prueba",
                "status": "active",
                "description": "Atención ficticia para pruebas.",
                "service_at_locations": [
                    {
                        "id": str(link.pk),
                        "location_id": str(sample["shelter"].pk),
                        "description": "",
                    }
                ],
            }
        ]
    }
    run(str(write_json(tmp_path / "link.json", document)))
    link.refresh_from_db()
    assert link.description == "Descripción interna del enlace"
