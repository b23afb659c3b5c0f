"""The content API serves protocol editions, sections with structured steps, and training
modules, in the language asked for."""

import pytest

from directory.factories import OrganizationFactory
from protocol_pages.factories import (
    ProtocolEditionPageFactory,
    ProtocolIndexPageFactory,
    ProtocolPhasePageFactory,
    step_data,
)
from training.factories import TrainingIndexPageFactory, TrainingModulePageFactory, session_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def protocol(home_page):
    fiscalia = OrganizationFactory(name="Fiscalía General del Estado (demo)")
    index = ProtocolIndexPageFactory(parent=home_page)
    edition = ProtocolEditionPageFactory(parent=index, title="Edición 2024")
    edition.approving_institutions.add(fiscalia)
    edition.save_revision().publish()
    step = step_data(
        1,
        "Recibir la denuncia",
        organizations=[(fiscalia, "Recibe la denuncia y activa el SPAVT")],
        deadline={"amount": 24, "unit": "hours", "from_event": "la identificación"},
        decisions=[
            {
                "question": "¿Es extranjera?",
                "answer": "Sí",
                "next_step": None,
                "sub_route": "return",
            }
        ],
        actions=["Registrar la denuncia"],
    )
    english = step_data(
        1,
        "Receive the complaint",
        block_id=step["id"],
        organizations=[(fiscalia, "Receives the complaint")],
    )
    phase = ProtocolPhasePageFactory(
        parent=edition, title="Protección", steps_es=[step], steps_en=[english]
    )
    return {"edition": edition, "phase": phase, "fiscalia": fiscalia, "step_id": step["id"]}


def test_edition_lists_its_approving_institutions_with_directory_ids(client, protocol):
    body = client.get(f"/api/v2/pages/{protocol['edition'].pk}/").json()
    assert body["institutions"] == [
        {"id": str(protocol["fiscalia"].pk), "name": "Fiscalía General del Estado (demo)"}
    ]
    assert body["status"] == "in-force"
    assert body["effective_date"]


def test_phase_steps_are_structured_in_the_requested_language(client, protocol):
    spanish = client.get(f"/api/v2/pages/{protocol['phase'].pk}/", {"lang": "es"}).json()
    (step,) = spanish["structured_steps"]
    assert step["id"] == protocol["step_id"]
    assert step["title"] == "Recibir la denuncia"
    assert step["responsible_institutions"] == [
        {
            "institution": {
                "id": str(protocol["fiscalia"].pk),
                "name": "Fiscalía General del Estado (demo)",
            },
            "role": "Recibe la denuncia y activa el SPAVT",
        }
    ]
    assert step["deadline"]["amount"] == 24
    assert step["deadline"]["unit"] == "hours"
    assert step["decision_points"][0]["sub_route"] == "return"
    assert step["actions"] == ["Registrar la denuncia"]

    english = client.get(f"/api/v2/pages/{protocol['phase'].pk}/", {"lang": "en"}).json()
    assert english["structured_steps"][0]["title"] == "Receive the complaint"
    assert english["meta"]["html_url"].startswith("http://localhost/en/")


def test_protocol_pages_can_be_listed_by_type(client, protocol):
    listing = client.get(
        "/api/v2/pages/", {"type": "protocol_pages.ProtocolPhasePage", "fields": "structured_steps"}
    ).json()
    assert listing["meta"]["total_count"] == 1
    assert listing["items"][0]["structured_steps"][0]["number"] == 1


def test_training_module_is_served_without_facilitator_notes(client, home_page):
    index = TrainingIndexPageFactory(parent=home_page)
    module = TrainingModulePageFactory(
        parent=index,
        sessions_es=[session_data("Autoestima", notes="Solo para facilitadoras 9911")],
        sessions_en=[session_data("Self-esteem", notes="Facilitators only 9911")],
    )
    for lang in ("es", "en"):
        response = client.get(f"/api/v2/pages/{module.pk}/", {"lang": lang, "fields": "*"})
        assert response.status_code == 200
        assert "9911" not in response.content.decode()
    assert client.get(f"/api/v2/pages/{module.pk}/", {"lang": "en"}).json()["summary"]
