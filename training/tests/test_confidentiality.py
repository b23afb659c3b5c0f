"""Facilitator notes reach trainers and staff only: never the public page, the search
index, the API or the participant handout."""

import io

import pytest
from django.contrib.auth import get_user_model
from pypdf import PdfReader

from directory.models import Organization, OrganizationMembership, Service, ServiceCapacity
from infra.pdf import build_document
from search.indexer import index_page, page_entries
from training.access import can_see_facilitator_notes
from training.factories import TrainingModulePageFactory, session_data
from website.testing import verified_login

from .conftest import make_user

pytestmark = pytest.mark.django_db

NOTES_ES = "ZAFIRO confidencial: si alguien revela abuso, hable en privado"
NOTES_EN = "SAPPHIRE confidential: if someone discloses abuse, talk in private"
ACTIVITY = "Rueda de fortalezas compartidas"


@pytest.fixture
def organization(db):
    return Organization.objects.create(
        name="Fundación Prueba Formación",
        slug="fundacion-prueba-formacion",
        slug_es="fundacion-prueba-formacion",
        slug_en="training-test-foundation",
        description="Organización ficticia de prueba.",
        is_demo=True,
    )


@pytest.fixture
def service(organization):
    service = Service.objects.create(
        organization=organization,
        name="Curso de panadería (prueba)",
        name_es="Curso de panadería (prueba)",
        name_en="Bakery course (test)",
        description="Curso ficticio.",
        description_es="Curso ficticio.",
        intake_notes="NOTA-INGRESO-PRIVADA",
    )
    ServiceCapacity.objects.create(service=service, unit="places", available=3, maximum=17)
    return service


@pytest.fixture
def module(training_index, organization, service):
    page = TrainingModulePageFactory(
        parent=training_index,
        title="Autoestima y plan de vida",
        title_en="Self-esteem and life plan",
        author_organization=organization,
        sessions_es=[
            session_data("Mis fortalezas", notes=NOTES_ES, activities=[(ACTIVITY, 60)]),
        ],
        sessions_en=[session_data("My strengths", notes=NOTES_EN, activities=[("Wheel", 60)])],
    )
    page.related_services.add(service)
    page.save()
    return page


def module_url(language="es"):
    return {
        "es": "/es/formacion/autoestima-y-plan-de-vida/",
        "en": "/en/training/self-esteem-and-life-plan/",
    }[language]


def test_anonymous_page_has_sessions_but_no_notes(client, module):
    for language, notes in (("es", NOTES_ES), ("en", NOTES_EN)):
        response = client.get(module_url(language))
        html = response.content.decode()
        assert response.status_code == 200
        assert notes.split(":")[0] not in html
    assert ACTIVITY in client.get(module_url()).content.decode()


@pytest.mark.parametrize("kind", ["trainer", "reviewer", "staff", "superuser"])
def test_trainers_and_staff_see_notes(client, module, roles, organization, kind):
    if kind == "trainer":
        user = make_user("t", "Formadores")
    elif kind == "reviewer":
        user = make_user("r", "Coordinación")
    elif kind == "staff":
        user = make_user("s")
        OrganizationMembership.objects.create(organization=organization, user=user)
    else:
        user = get_user_model().objects.create_superuser("root", "root@example.invalid", "x")
    if kind == "staff":
        verified_login(client, user)  # directory staff: after the two-factor step
    else:
        client.force_login(user)
    html = client.get(module_url()).content.decode()
    assert "ZAFIRO confidencial" in html
    assert "guide.pdf" in html


def test_directory_staff_without_two_factor_do_not_see_notes(client, module, organization):
    user = make_user("s")
    OrganizationMembership.objects.create(organization=organization, user=user)
    client.force_login(user)
    html = client.get(module_url()).content.decode()
    assert "ZAFIRO" not in html
    assert "guide.pdf" not in html


def test_other_signed_in_users_do_not_see_notes(client, module, roles, organization):
    user = make_user("plain")
    client.force_login(user)
    html = client.get(module_url()).content.decode()
    assert "ZAFIRO" not in html
    assert "guide.pdf" not in html
    # Membership of an inactive organisation does not count.
    organization.is_active = False
    organization.save()
    OrganizationMembership.objects.create(organization=organization, user=user)
    assert not can_see_facilitator_notes(get_user_model().objects.get(pk=user.pk))


def test_related_services_show_public_fields_only(client, module):
    html = client.get(module_url()).content.decode()
    assert "Curso de panadería (prueba)" in html
    assert "Fundación Prueba Formación" in html
    assert "NOTA-INGRESO-PRIVADA" not in html


def test_search_index_has_sessions_without_notes(module):
    entries = {entry.language: entry for entry in page_entries(module)}
    assert ACTIVITY in entries["es"].source_text[1]
    for entry in entries.values():
        body = entry.source_text[1] + entry.summary
        assert "ZAFIRO" not in body
        assert "SAPPHIRE" not in body


def test_site_search_does_not_find_notes(client, module):
    index_page(module.pk)
    found = client.get("/es/buscar/", {"q": "autoestima"}).content.decode()
    assert "Autoestima y plan de vida" in found
    assert "ZAFIRO" not in found
    assert (
        "Autoestima y plan de vida"
        not in client.get("/es/buscar/", {"q": "zafiro"}).content.decode()
    )


def test_api_never_returns_notes(client, module):
    listing = client.get("/api/v2/pages/", {"type": "training.TrainingModulePage", "fields": "*"})
    assert listing.status_code == 200
    assert listing.json()["meta"]["total_count"] == 1
    for language in ("es", "en"):
        detail = client.get(f"/api/v2/pages/{module.pk}/", {"lang": language})
        body = detail.content.decode()
        assert detail.status_code == 200
        for secret in ("ZAFIRO", "SAPPHIRE", "facilitator_notes", "NOTA-INGRESO", "capacity"):
            assert secret not in body
    data = client.get(f"/api/v2/pages/{module.pk}/").json()
    assert data["public_sessions"][0]["activities"][0]["title"] == ACTIVITY
    assert data["public_related_services"][0]["organization"] == "Fundación Prueba Formación"
    assert "ZAFIRO" not in listing.content.decode()
    # The raw StreamField cannot be asked for.
    assert (
        client.get(
            "/api/v2/pages/", {"type": "training.TrainingModulePage", "fields": "sessions"}
        ).status_code
        == 400
    )


def pdf_text(content):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_handout_has_no_notes_and_guide_has_them(module):
    handout = build_document(module, "handout", "es")
    text = pdf_text(handout.file.read())
    assert "Autoestima y plan de vida" in text
    assert "Mis fortalezas" in text
    assert "ZAFIRO" not in text
    guide = build_document(module, "guide", "en")
    text = pdf_text(guide.file.read())
    assert "Self-esteem and life plan" in text
    assert "SAPPHIRE" in text
    assert "ZAFIRO" not in text  # the English guide is in English


def test_pdf_routes_and_access(client, module, roles):
    handout = client.get(module_url() + "handout.pdf")
    assert handout.status_code == 200
    assert handout["Content-Type"] == "application/pdf"
    assert "ZAFIRO" not in pdf_text(b"".join(handout.streaming_content))
    guide = client.get(module_url() + "guide.pdf")
    assert guide.status_code == 302
    assert "/admin/login/" in guide["Location"]
    client.force_login(make_user("plain"))
    assert client.get(module_url() + "guide.pdf").status_code == 404
    client.force_login(make_user("t", "Formadores"))
    guide = client.get(module_url("en") + "guide.pdf")
    assert guide.status_code == 200
    assert "private" in guide["Cache-Control"]
    assert "SAPPHIRE" in pdf_text(b"".join(guide.streaming_content))
