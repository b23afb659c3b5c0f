"""Editors' rules applied when a query is read: synonym phrases, situations, the meanings
of an ambiguous word, the admin screens (preview, "add a rule" prefilled, try a query)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from directory.factories import UserFactory, category
from search.analysis import read_query
from search.backends import DirectoryQuery
from search.backends.database import DatabaseBackend
from search.expansion import build_rulebook, compile_rule
from search.indexer import rebuild_entries
from search.lookup import query_context
from search.models import SearchRule
from search.preview import expansions

pytestmark = pytest.mark.django_db


def book(*rules):
    return build_rulebook("es", [compile_rule(*rule) for rule in rules])


SHELTER = ("Acogida", "synonyms", "es", ["albergue", "casa de acogida"])
WORK = ("Empleo", "synonyms", "es", ["empleo", "trabajo"])
SOCIAL = ("Trabajo social", "synonyms", "es", ["trabajo social", "acompañamiento social"])
HITS = ("Violencia", "situation", "es", ["me pega"], ["violencia"])


def test_a_phrase_expands_to_its_group_and_a_longer_phrase_wins():
    rules = book(SHELTER, WORK, SOCIAL)
    found = dict(expansions(rules, "casa de acogida", "es"))
    # the phrase, its group, and its words apart (weaker)
    assert found == {"cas acog": [("cas acog", 1.0), ("alberg", 0.7), ("acog", 0.5), ("cas", 0.5)]}
    # "trabajo social" is its own phrase: "trabajo" alone would have brought "empleo".
    assert dict(expansions(rules, "trabajo social", "es")) == {
        "trabaj social": [
            ("trabaj social", 1.0),
            ("acompan social", 0.7),
            ("social", 0.5),
            ("trabaj", 0.5),
        ]
    }
    assert dict(expansions(rules, "busco trabajo", "es"))["trabaj"][1] == ("emple", 0.7)


def test_a_situation_leads_to_its_needs():
    found = dict(expansions(book(HITS), "me pega mi esposo", "es"))
    assert found == {"peg": [("violenci", 1.0), ("peg", 0.3)]}


def test_the_meaning_of_an_ambiguous_word_follows_the_other_words():
    shelter = ("Refugio: casa", "situation", "es", ["refugio"], ["albergue"], ["mujeres"])
    status = ("Refugio: estatus", "situation", "es", ["refugio"], ["asilo"], ["solicitar"])
    rules = book(shelter, status)
    assert dict(expansions(rules, "refugio para mujeres", "es"))["refugi"][0] == ("alberg", 1.0)
    assert dict(expansions(rules, "solicitar refugio", "es"))["refugi"][0] == ("asil", 1.0)
    both = dict(expansions(rules, "refugio", "es"))["refugi"]
    assert {"alberg", "asil"} <= {term for term, _weight in both}


def test_the_reader_is_offered_the_meanings_of_an_ambiguous_word():
    reading = read_query("refugio", "es", query_context("es"))  # the seeded rules
    names = [name for name, _query in reading.meanings]
    assert names == ["Refugio: casa de acogida", "Refugio: condición de refugiado"]
    chosen = read_query(reading.meanings[0][1], "es", query_context("es"))
    assert chosen.meanings == []


def test_a_published_rule_applies_at_once_without_reindexing(make_service):
    service = make_service(
        name="Orientación familiar",
        name_es="Orientación familiar",
        description_es="Mediación en conflictos de pareja.",
        categories=[category("psychological")],
    )
    rebuild_entries()
    search = DirectoryQuery(text="me grita", language="es")
    assert DatabaseBackend().directory(search).ids == []
    rule = SearchRule(name="Gritos", kind="situation", phrases="me grita", needs="pareja")
    rule.save()
    rule.save_revision().publish()
    assert DatabaseBackend().directory(search).ids == [str(service.pk)]
    draft = SearchRule.objects.get(pk=rule.pk)
    draft.needs = "nada"
    draft.save_revision()  # a draft: the published version still applies
    assert DatabaseBackend().directory(search).ids == [str(service.pk)]


def test_the_preview_shows_what_each_phrase_expands_to(rf):
    rule = SearchRule(name="Violencia", kind="situation", phrases="me pega", needs="violencia")
    request = rf.get("/")
    context = rule.get_preview_context(request, "")
    assert context["examples"][0]["found"] == [("peg", [("violenci", 1.0), ("peg", 0.3)])]
    assert rule.get_preview_template(request, "") == "search/admin/rule_preview.html"


@pytest.fixture
def editor(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "add_searchrule", "change_searchrule"]
        )
    )
    client.force_login(user)
    return user


def test_try_a_query_and_add_a_rule_prefilled(client, editor):
    response = client.get(reverse("search_try_query"), {"q": "me pega", "language": "es"})
    assert response.status_code == 200
    assert "violenci" in response.content.decode()
    add = client.get(reverse("wagtailsnippets_search_searchrule:add"), {"phrases": "me grita"})
    assert add.status_code == 200
    assert "me grita</textarea>" in add.content.decode()


def test_search_admin_pages_need_the_rule_permission(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("search_try_query")).status_code in (302, 403)
    assert client.get(reverse("search_failures_report")).status_code in (302, 403)
