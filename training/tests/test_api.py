"""What the content API carries for a training module, as its blocks shape it: sessions with
their ids, timed activities, materials, handouts and checklist (never the facilitator
notes), the handout's address and the prerequisites, in the language asked for."""

import pytest
import wagtail_factories

from training.factories import TrainingModulePageFactory, session_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(training_index):
    handout = wagtail_factories.DocumentFactory(title="Hoja de trabajo (demo)")
    basics = TrainingModulePageFactory(parent=training_index, title="Mis fortalezas")
    page = TrainingModulePageFactory(
        parent=training_index,
        title="Panadería básica",
        title_en="Basic bakery",
        slug_en="basic-bakery",
        sessions_es=[
            session_data(
                "Masa madre",
                activities=[("Amasar", 40, "En parejas."), ("Hornear", 30)],
                materials=["Harina"],
                checklist=["Prepara una masa"],
                handouts=[handout],
                notes="NOTA-FACILITACION-77",
            )
        ],
        sessions_en=[
            session_data(
                "Sourdough",
                activities=[("Kneading", 40, "In pairs."), ("Baking", 30)],
                materials=["Flour"],
                checklist=["Makes a dough"],
                handouts=[handout],
                notes="FACILITATOR-NOTE-77",
            )
        ],
    )
    page.prerequisites.set([basics])
    page.save_revision().publish()
    return page, handout, basics


@pytest.mark.parametrize(
    ("lang", "title", "activity", "material"),
    [("es", "Masa madre", "Amasar", "Harina"), ("en", "Sourdough", "Kneading", "Flour")],
)
def test_sessions_carry_what_the_page_shows_without_notes(
    client, module, lang, title, activity, material
):
    page, handout, basics = module
    response = client.get(f"/api/v2/pages/{page.pk}/", {"lang": lang})
    assert response.status_code == 200
    for note in ("NOTA-FACILITACION-77", "FACILITATOR-NOTE-77"):
        assert note not in response.content.decode()
    body = response.json()
    (session,) = body["public_sessions"]
    assert session["id"] == getattr(page, f"sessions_{lang}")[0].id
    assert session["title"] == title
    assert session["duration_minutes"] == 90
    first = session["activities"][0]
    assert (first["title"], first["minutes"]) == (activity, 40)
    assert first["description"]
    assert session["materials"] == [material]
    assert session["handouts"] == [
        {"id": handout.pk, "title": "Hoja de trabajo (demo)", "url": handout.url}
    ]
    assert len(session["assessment_checklist"]) == 1
    assert "facilitator_notes" not in session
    assert body["handout_url"].endswith("handout.pdf")
    (prerequisite,) = body["prerequisite_modules"]
    assert prerequisite["id"] == basics.pk
    assert prerequisite["title"] == getattr(basics, f"title_{lang}")


def test_the_handout_address_in_the_api_serves_the_pdf(client, module):
    page, _handout, _basics = module
    url = client.get(f"/api/v2/pages/{page.pk}/").json()["handout_url"]
    response = client.get(url.removeprefix("http://localhost"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
