"""What the content API carries for protocol pages, as the blocks shape it: everything the
pages show (sections, changes, decision points, deadlines, institutions, annexes), in the
language asked for."""

import uuid

import pytest
import wagtail_factories

from protocol_pages.factories import ProtocolAnnexPageFactory

from .conftest import ADDED_ID, CHANGED_ID, REMOVED_ID

pytestmark = pytest.mark.django_db


def api(client, page, lang="es"):
    response = client.get(f"/api/v2/pages/{page.pk}/", {"lang": lang})
    assert response.status_code == 200
    return response.json()


def test_edition_lists_its_sections_changes_and_handbook(client, protocol):
    body = api(client, protocol["current"], "en")
    sections = {(s["type"], s["title"], s["number"]) for s in body["sections"]}
    assert sections == {
        ("phase", "Identification", 1),
        ("phase", "Immediate protection", 2),
        ("sub-route", "Crisis intervention", None),
        ("annex", "Glossary", None),
    }
    assert all(s["html_url"].startswith("http://localhost/en/") for s in body["sections"])
    changes = body["changes"]
    assert changes["previous_edition"]["id"] == protocol["old"].pk
    assert ADDED_ID in [c["block_id"] for c in changes["added"]]
    assert [c["block_id"] for c in changes["removed"]] == [REMOVED_ID]
    changed = {c["block_id"]: c for c in changes["changed"]}
    assert changed[CHANGED_ID]["changed_fields"] == ["title"]
    assert changed[CHANGED_ID]["title"] == "Extended initial interview"
    assert body["handbook_url"].endswith("/en/protocol/edition-2024/manual.pdf")
    assert api(client, protocol["old"])["changes"] is None


def test_steps_carry_decisions_deadlines_and_institutions_in_each_language(client, protocol):
    for lang, question, label, deadline in (
        ("es", "¿Hay peligro inmediato?", "Intervención en crisis", "24 horas"),
        ("en", "Is there immediate danger?", "Crisis intervention", "24 hours"),
    ):
        step = api(client, protocol["phase1"], lang)["structured_steps"][0]
        assert step["decision_points"] == [
            {
                "question": question,
                "answer": "Sí" if lang == "es" else "Yes",
                "next_step": None,
                "sub_route": "crisis",
                "sub_route_label": label,
            }
        ]
        assert step["deadline"]["text"] == deadline
        (responsible,) = step["responsible_institutions"]
        assert responsible["institution"]["id"] == str(
            protocol["current"].approving_institutions.get().pk
        )
        assert step["warnings"]
        assert step["actions"]
    phase = api(client, protocol["phase1"])
    assert phase["phase_number"] == 1
    assert [s["deadline"] for s in phase["structured_steps"][1:]] == [None, None]


def test_a_deleted_institution_is_left_out_as_on_the_page(client, protocol):
    phase = protocol["phase1"]
    raw = list(phase.steps_es.raw_data)
    raw[0]["value"]["responsible"][0]["value"]["organization"] = str(uuid.uuid4())
    phase.steps_es = raw
    phase.save_revision().publish()
    step = api(client, phase)["structured_steps"][0]
    assert step["responsible_institutions"] == []


def test_annex_blocks_carry_documents_and_entries(client, protocol):
    document = wagtail_factories.DocumentFactory(title="Ficha de referencia (demo)")
    annex = ProtocolAnnexPageFactory(
        parent=protocol["current"],
        title="Formularios",
        kind="forms",
        body_es=[
            {
                "type": "form",
                "id": str(uuid.uuid4()),
                "value": {"document": document.pk, "description": "Para derivar."},
            },
            {"type": "text", "id": str(uuid.uuid4()), "value": "<p>Use la ficha.</p>"},
        ],
    )
    body = api(client, annex)["body"]
    assert body[0]["value"] == {
        "document": {"id": document.pk, "title": "Ficha de referencia (demo)", "url": document.url},
        "description": "Para derivar.",
    }
    assert body[1] == {"type": "text", "value": "<p>Use la ficha.</p>", "id": body[1]["id"]}
    glossary = api(client, protocol["annex"], "en")["body"]
    assert glossary[0]["value"] == {
        "term": "Trafficking in persons",
        "definition": "Test definition.",
    }


def test_principles_and_index_intro(client, protocol):
    edition = protocol["current"]
    edition.principles_es = [
        {
            "type": "principle",
            "id": str(uuid.uuid4()),
            "value": {"name": "Confidencialidad", "explanation": "Solo con quien asiste."},
        }
    ]
    edition.save_revision().publish()
    (principle,) = api(client, edition)["principles"]
    assert principle["value"] == {
        "name": "Confidencialidad",
        "explanation": "Solo con quien asiste.",
    }
    assert "intro" in api(client, protocol["index"])
