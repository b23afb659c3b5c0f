import datetime

import pytest
from django.utils import timezone, translation

from protocol_pages.diff import diff_editions
from protocol_pages.factories import ProtocolEditionPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "texts"),
    [
        ("/es/protocolo/", ["Edición 2024", "Ediciones reemplazadas", "Edición 2013"]),
        ("/en/protocol/", ["Edition 2024", "Superseded editions", "Edition 2013"]),
    ],
)
def test_index_lists_edition_in_force_first(client, protocol, url, texts):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(text) for text in texts]
    assert positions == sorted(positions)


def test_edition_page_renders_overview_in_spanish(client, protocol):
    response = client.get("/es/protocolo/edicion-2024/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fase 1: Identificación" in html
    assert "Fase 2: Protección inmediata" in html
    assert "Evaluación de riesgo" in html
    # Decision points and sub-routes are visible in the overview.
    assert "¿Hay peligro inmediato?" in html
    assert 'href="/es/protocolo/edicion-2024/intervencion-en-crisis/"' in html
    assert "24 horas" in html
    assert 'href="/es/protocolo/edicion-2024/manual.pdf"' in html


def test_edition_page_renders_in_english(client, protocol):
    response = client.get("/en/protocol/edition-2024/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Phase 1: Identification" in html
    assert "Risk assessment" in html
    assert "Is there immediate danger?" in html
    assert "24 hours" in html
    assert "Fase 1" not in html


def test_phase_page_renders_steps_in_both_languages(client, protocol):
    es = client.get("/es/protocolo/edicion-2024/identificacion/").content.decode()
    en = client.get("/en/protocol/edition-2024/identification/").content.decode()
    assert "Paso 1" in es
    assert "Detectar indicios" in es
    assert "Fundación Prueba (demo)" in es
    assert "No revictimizar" in es
    assert "Step 1" in en
    assert "Spot the indicators" in en
    assert "Shelters the victim" in en


def test_superseded_edition_has_banner_on_every_page(client, protocol):
    for url in ("/es/protocolo/edicion-2013/", "/es/protocolo/edicion-2013/identificacion/"):
        html = client.get(url).content.decode()
        assert "Esta edición ha sido reemplazada" in html
        assert 'href="/es/protocolo/edicion-2024/"' in html
    current = client.get("/es/protocolo/edicion-2024/").content.decode()
    assert "Esta edición ha sido reemplazada" not in current


def test_edition_status_is_derived_from_dates(protocol):
    assert protocol["current"].status == "in-force"
    assert protocol["old"].status == "superseded"


def test_approved_future_edition_is_upcoming_not_a_draft(protocol):
    """Issue 17: a live (approved) edition with a future date was labelled "Borrador"."""
    future = ProtocolEditionPageFactory(
        parent=protocol["index"],
        title="Edición 2099",
        effective_date=timezone.localdate() + datetime.timedelta(days=60),
    )
    assert future.status == "upcoming"
    with translation.override("es"):
        assert future.get_status_display() == "Aprobada, aún no vigente"
    assert protocol["current"].status == "in-force"


def test_edition_in_force_has_a_banner_naming_the_next_edition(client, protocol):
    html = client.get("/es/protocolo/edicion-2024/").content.decode()
    assert "Edición vigente desde el" in html
    assert "La próxima entra en vigencia" not in html
    upcoming = ProtocolEditionPageFactory(
        parent=protocol["index"],
        title="Edición 2099",
        slug="edicion-2099",
        effective_date=datetime.date(2099, 1, 15),
    )
    upcoming.save_revision().publish()  # as an editor publishes it (the banner is kept)
    html = client.get("/es/protocolo/edicion-2024/").content.decode()
    assert "La próxima entra en vigencia el 15 de enero de 2099" in html


def test_diff_lists_added_removed_and_changed_steps(client, protocol):
    html = client.get("/es/protocolo/edicion-2024/").content.decode()
    added = html.split('class="protocol-diff__added"')[1].split("</ul>")[0]
    removed = html.split('class="protocol-diff__removed"')[1].split("</ul>")[0]
    changed = html.split('class="protocol-diff__changed"')[1].split("</ul>")[0]
    assert "Evaluación de riesgo" in added
    assert "Paso retirado" in removed
    assert "Entrevista inicial ampliada" in changed
    # Step 1 changed too (institutions, actions were added); the unchanged id is not "added".
    assert "Detectar indicios" not in added
    assert "Se agregó la evaluación de riesgo." in html


def test_diff_by_block_id_ignores_titles(protocol):
    diff = diff_editions(protocol["old"], protocol["current"])
    with translation.override("es"):
        assert {c.block_id for c in diff.added} == {
            "0b3c5d2e-0000-4000-8000-000000000004",
        } | {c.block_id for c in diff.added if c.section != "Identificación"}
    assert "0b3c5d2e-0000-4000-8000-000000000003" in {c.block_id for c in diff.removed}
    assert "0b3c5d2e-0000-4000-8000-000000000002" in {c.block_id for c in diff.changed}
    changed = next(c for c in diff.changed if c.block_id.endswith("0002"))
    assert changed.changed_fields == ["title"]


def test_annex_page_renders(client, protocol):
    html = client.get("/es/protocolo/edicion-2024/glosario/").content.decode()
    assert "Trata de personas" in html
