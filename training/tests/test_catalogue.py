"""The catalogue's GET filters and their counts (no JavaScript involved)."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from training.catalogue import duration_band
from training.choices import Audience, DeliveryMode, Level, Topic
from training.factories import TrainingModulePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def modules(training_index):
    def make(title, **kwargs):
        return TrainingModulePageFactory(parent=training_index, title=title, **kwargs)

    return {
        "a": make(
            "Autoestima",
            topic=Topic.LIFE_SKILLS,
            audience=Audience.ADULTS,
            duration_hours=Decimal("4"),
            delivery_mode=DeliveryMode.GROUP,
        ),
        "b": make(
            "Presupuesto",
            topic=Topic.FINANCIAL,
            audience=Audience.ADULTS,
            duration_hours=Decimal("8"),
            delivery_mode=DeliveryMode.BOTH,
            level=Level.INTERMEDIATE,
        ),
        "c": make(
            "Plan de autonomía",
            topic=Topic.LIFE_SKILLS,
            audience=Audience.ADOLESCENTS,
            duration_hours=Decimal("12"),
            delivery_mode=DeliveryMode.INDIVIDUAL,
        ),
        # Written only in Spanish.
        "d": make(
            "Panadería",
            topic=Topic.TRADES,
            audience=Audience.ADULTS,
            duration_hours=Decimal("40"),
            title_en="",
            summary_en="",
        ),
    }


def counts(response, facet):
    soup = BeautifulSoup(response.content, "html.parser")
    found = {}
    for box in soup.select(f'input[type=checkbox][name="{facet}"]'):
        label = soup.select_one(f'label[for="{box["id"]}"]')
        found[box["value"]] = int(label.select_one(".catalogue__count").text.strip("()"))
    return found


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(a.text for a in soup.select(".module-card h3 a"))


def test_duration_bands():
    assert duration_band(Decimal("0.5")) == "up-to-4"
    assert duration_band(Decimal("4")) == "up-to-4"
    assert duration_band(Decimal("4.5")) == "4-to-8"
    assert duration_band(Decimal("16")) == "8-to-16"
    assert duration_band(Decimal("16.5")) == "over-16"


def test_unfiltered_catalogue_lists_all_with_counts(client, training_index, modules):
    response = client.get("/es/formacion/")
    assert response.status_code == 200
    assert titles(response) == ["Autoestima", "Panadería", "Plan de autonomía", "Presupuesto"]
    assert "4 módulos" in response.content.decode()
    assert counts(response, "topic")["life-skills"] == 2
    assert counts(response, "topic")["trades"] == 1
    assert counts(response, "topic")["psychosocial"] == 0
    assert counts(response, "duration") == {"up-to-4": 1, "4-to-8": 1, "8-to-16": 1, "over-16": 1}
    # "Group or individual" counts under both modes.
    assert counts(response, "mode") == {"group": 3, "individual": 2}
    assert counts(response, "language") == {"es": 4, "en": 3}


def test_filters_narrow_each_other_and_counts_follow(client, training_index, modules):
    response = client.get("/es/formacion/", {"topic": "life-skills"})
    assert titles(response) == ["Autoestima", "Plan de autonomía"]
    # Other facets count within the topic; the topic facet ignores its own choice.
    assert counts(response, "audience") == {
        "adult-survivors": 1,
        "adolescents": 1,
        "facilitators": 0,
    }
    assert counts(response, "topic")["financial-literacy"] == 1
    response = client.get(
        "/es/formacion/", {"topic": ["life-skills", "trades"], "audience": "adult-survivors"}
    )
    assert titles(response) == ["Autoestima", "Panadería"]
    assert counts(response, "language") == {"es": 2, "en": 1}


def test_each_option_count_equals_the_results_of_choosing_it(client, training_index, modules):
    base = {"audience": "adult-survivors"}
    response = client.get("/es/formacion/", base)
    for facet in ("topic", "level", "duration", "mode", "language"):
        for value, count in counts(response, facet).items():
            narrowed = client.get("/es/formacion/", {**base, facet: value})
            assert len(titles(narrowed)) == count, (facet, value)


def test_language_and_mode_filters(client, training_index, modules):
    assert "Panadería" not in titles(client.get("/es/formacion/", {"language": "en"}))
    assert titles(client.get("/es/formacion/", {"mode": "individual"})) == [
        "Plan de autonomía",
        "Presupuesto",
    ]


def test_unknown_filter_value_is_reported_not_a_500(client, training_index, modules):
    response = client.get("/es/formacion/", {"topic": ["life-skills", "<script>"], "level": "x"})
    assert response.status_code == 200
    assert "no es una opción conocida" in response.content.decode()
    assert "<script>" not in response.content.decode()
    assert titles(response) == ["Autoestima", "Plan de autonomía"]


def test_english_catalogue(client, training_index, modules):
    response = client.get("/en/training/", {"topic": "trades"})
    assert response.status_code == 200
    assert "Filter modules" in response.content.decode()


def test_drafts_and_restricted_modules_are_not_listed(client, training_index, modules):
    modules["a"].unpublish()
    PageViewRestriction.objects.create(
        page=modules["b"], restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/es/formacion/")
    assert titles(response) == ["Panadería", "Plan de autonomía"]
    assert counts(response, "topic")["financial-literacy"] == 0
