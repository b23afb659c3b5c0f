"""The admin import: upload → dry-run report → confirm → imported, recorded (who, when, file,
counts); only maintainers with the permission reach it; an API address must be public."""

import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.models import HSDSImport, Organization, Service
from website.testing import verified_login

pytestmark = pytest.mark.django_db
ORG = "44444444-4444-4444-8444-444444444444"


def document(status="active"):
    return {
        "organizations": [{"id": ORG, "name": "Socia Admin", "description": "Ficticia."}],
        "services": [
            {
                "id": "55555555-5555-4555-8555-555555555555",
                "organization_id": ORG,
                "name": "Servicio Admin",
                "status": status,
                "description": "Atención ficticia.",
            }
        ],
    }


@pytest.fixture
def maintainer(client):
    user = get_user_model().objects.create_user("maintainer", password="x")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_hsdsimport"),
    )
    verified_login(client, user)
    return user


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """A POST whose on-commit work (the tasks, immediate in tests) runs as in production."""

    def send(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return send


@pytest.fixture
def upload(post):
    def send(content, name="socia.json", **extra):
        data = {"file": SimpleUploadedFile(name, content), "language": "es", **extra}
        return post(reverse("hsds_import:index"), data)

    return send


def test_upload_dry_run_confirm_import(client, maintainer, upload, post):
    response = upload(json.dumps(document()).encode())
    record = HSDSImport.objects.get()
    assert response.status_code == 302
    assert record.status == HSDSImport.Status.CHECKED  # the immediate task backend ran it
    assert not Organization.objects.filter(pk=ORG).exists()  # a dry run only
    page = client.get(reverse("hsds_import:detail", args=[record.pk]))
    assert (
        b"Creados 2, actualizados 0, rechazados 0." in page.content or b"Created 2" in page.content
    )
    post(reverse("hsds_import:confirm", args=[record.pk]))
    record.refresh_from_db()
    assert record.status == HSDSImport.Status.DONE
    assert (record.created, record.rejected, record.created_by) == (2, 0, maintainer)
    assert record.confirmed_by == maintainer
    assert record.source_name == "socia.json"
    assert not record.file  # the partner's file is not kept
    assert Service.objects.filter(organization_id=ORG).count() == 1


def test_a_zipped_data_package_is_accepted(client, maintainer, upload):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr(
            "paquete/organizations.csv", f"id,name,description\n{ORG},Socia Zip,Ficticia\n"
        )
    upload(buffer.getvalue(), name="paquete.zip")
    record = HSDSImport.objects.get()
    assert record.status == HSDSImport.Status.CHECKED, record.error
    assert record.created == 1


def test_rejections_are_shown_and_an_atomic_import_writes_nothing(client, maintainer, upload, post):
    upload(json.dumps(document(status="abierto")).encode())
    record = HSDSImport.objects.get()
    page = client.get(reverse("hsds_import:detail", args=[record.pk])).content.decode()
    assert "55555555-5555-4555-8555-555555555555" in page
    assert "status" in page
    post(reverse("hsds_import:confirm", args=[record.pk]))
    record.refresh_from_db()
    assert record.status == HSDSImport.Status.NOT_IMPORTED
    assert not Organization.objects.filter(pk=ORG).exists()


def test_an_unreadable_file_is_recorded_with_its_reason(client, maintainer, upload, post):
    upload(b"{not json", name="roto.json")
    record = HSDSImport.objects.get()
    assert record.status == HSDSImport.Status.UNREADABLE
    assert "roto.json" in record.error
    page = client.get(reverse("hsds_import:detail", args=[record.pk]))
    assert page.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/api/hsds/",
        "https://10.0.0.5/api/",
        "https://169.254.169.254/latest/",
        "ftp://example.org/",
    ],
)
def test_private_or_local_api_addresses_are_refused(client, maintainer, url):
    response = client.post(reverse("hsds_import:index"), {"url": url, "language": "es"})
    assert response.status_code == 200
    assert not HSDSImport.objects.exists()


def test_the_form_needs_a_file_or_an_address(client, maintainer, upload, post):
    response = client.post(reverse("hsds_import:index"), {"language": "es"})
    assert response.status_code == 200
    assert not HSDSImport.objects.exists()


def test_users_without_the_permission_are_refused(client):
    user = get_user_model().objects.create_user("editor", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    verified_login(client, user)
    # Wagtail's admin answers a PermissionDenied with a redirect to its dashboard.
    refused = client.get(reverse("hsds_import:index"))
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    record = HSDSImport.objects.create(source_name="x.json", status=HSDSImport.Status.CHECKED)
    refused = client.post(reverse("hsds_import:confirm", args=[record.pk]))
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert HSDSImport.objects.get().status == HSDSImport.Status.CHECKED
