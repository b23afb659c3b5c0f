"""Issue 17: the comparison page of an edition shows each changed field of each changed
step before and after (words marked), links every step to its anchor in both editions,
answers in both languages at a stable address (``diff_url``). Its query count is in
tests/test_query_counts.py."""

import copy
import datetime
import uuid

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from protocol_pages.diff import diff_editions, diff_url
from protocol_pages.diff_text import Segment, marked
from protocol_pages.factories import ProtocolEditionPageFactory, ProtocolPhasePageFactory
from website.public_address import sync_site

from .conftest import ADDED_ID, CHANGED_ID, REMOVED_ID, SHARED_ID

pytestmark = pytest.mark.django_db

CHANGES_ES = "/es/protocolo/edicion-2024/cambios/"
CHANGES_EN = "/en/protocol/edition-2024/changes/"


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def step_section(page, block_id):
    return page.find(attrs={"aria-labelledby": f"change-{block_id}"})


def versions(section, label):
    """(before, after) text of one changed field, and the marked words of each."""
    heading = next(h for h in section.find_all("h4") if h.get_text(strip=True) == label)
    before, after = heading.find_next("dl").find_all("dd")
    return (
        before.get_text(" ", strip=True),
        after.get_text(" ", strip=True),
        [d.get_text(strip=True) for d in before.find_all("del")],
        [i.get_text(strip=True) for i in after.find_all("ins")],
    )


def test_changed_fields_read_before_and_after_with_the_changed_words_marked(client, protocol):
    page = soup(client, CHANGES_ES)
    title = versions(step_section(page, CHANGED_ID), "Título del paso")
    assert title == ("Entrevista inicial", "Entrevista inicial ampliada", [], ["ampliada"])
    shared = step_section(page, SHARED_ID)
    labels = [h.get_text(strip=True) for h in shared.find_all("h4")]
    # In the step's order, and only the fields that changed (the title did not).
    assert labels == [
        "Instituciones responsables",
        "Plazo",
        "Qué hacer",
        "Puntos de decisión",
        "Advertencias",
    ]
    institutions = versions(shared, "Instituciones responsables")
    assert institutions[1] == "Fundación Prueba (demo): Acoge a la víctima"
    assert versions(shared, "Plazo")[1] == "Plazo: 24 horas desde el primer contacto"
    assert versions(shared, "Puntos de decisión")[1].startswith("¿Hay peligro inmediato? Sí")
    assert versions(shared, "Qué hacer")[0] == "(vacío)"


def test_every_step_links_to_its_anchor_in_each_edition(client, protocol):
    page = soup(client, CHANGES_ES)
    links = {a["href"] for a in page.select("main a")}
    new, old = (
        "/es/protocolo/edicion-2024/identificacion/",
        "/es/protocolo/edicion-2013/identificacion/",
    )
    assert f"{new}#step-{CHANGED_ID}" in links
    assert f"{old}#step-{CHANGED_ID}" in links
    assert f"{new}#step-{ADDED_ID}" in links
    assert f"{old}#step-{REMOVED_ID}" in links
    # The anchors exist on those pages.
    assert soup(client, new).find(id=f"step-{CHANGED_ID}") is not None
    assert soup(client, old).find(id=f"step-{REMOVED_ID}") is not None
    # The edition page's lists link the steps too, and lead to the comparison page.
    edition = soup(client, "/es/protocolo/edicion-2024/")
    changed = edition.select_one(".protocol-diff__changed")
    assert f"{new}#step-{CHANGED_ID}" in {a["href"] for a in changed.find_all("a")}
    assert CHANGES_ES in {a["href"] for a in edition.select("main a")}


def test_the_comparison_reads_in_english(client, protocol):
    page = soup(client, CHANGES_EN)
    assert page.find("html")["lang"] == "en"
    title = versions(step_section(page, CHANGED_ID), "Step title")
    marks = (["Entrevista inicial"], ["Extended initial interview"])
    assert title == ("Entrevista inicial", "Extended initial interview", *marks)
    links = {a["href"] for a in page.select("main a")}
    assert f"/en/protocol/edition-2024/identification/#step-{ADDED_ID}" in links
    switcher = {a["href"] for a in page.select(".language-switcher a")}
    assert CHANGES_ES in switcher


def test_the_address_of_the_other_language_redirects_and_the_first_edition_has_none(
    client, protocol
):
    response = client.get("/es/protocolo/edicion-2024/changes/")
    assert (response.status_code, response["Location"]) == (301, CHANGES_ES)
    assert client.get("/es/protocolo/edicion-2013/cambios/").status_code == 404


@override_settings(RUTA_PUBLIC_URL="https://ruta.example.org")
def test_diff_url_is_the_public_address_of_the_comparison_page(client, protocol):
    sync_site()
    edition = protocol["current"]
    assert diff_url(edition, "es") == f"https://ruta.example.org{CHANGES_ES}"
    assert diff_url(edition, "en") == f"https://ruta.example.org{CHANGES_EN}"
    response = client.get(CHANGES_EN, HTTP_HOST="ruta.example.org", secure=True)
    assert response.status_code == 200


def test_words_marked_where_versions_differ():
    before, after = marked(
        ["Llamar al ECU 911 de inmediato"], ["Llamar al 1800-DELITO de inmediato", "Y avisar"]
    )
    assert before == [[_s("Llamar al", False), _s("ECU 911", True), _s("de inmediato", False)]]
    assert after == [
        [_s("Llamar al", False), _s("1800-DELITO", True), _s("de inmediato", False)],
        [_s("Y avisar", True)],
    ]


def _s(text, changed):
    return Segment(text, changed)


def test_list_items_saved_again_with_new_ids_are_not_a_change(protocol):
    """Wagtail gives list items ids; the same items under new ids are the same content."""
    current = protocol["current"]
    raw = copy.deepcopy(list(protocol["phase1"].steps_es.raw_data))
    for step in raw:
        for item in step["value"]["actions"] + step["value"]["responsible"]:
            item["id"] = str(uuid.uuid4())
    later = ProtocolEditionPageFactory(
        parent=protocol["index"], effective_date=current.effective_date + datetime.timedelta(1)
    )
    ProtocolPhasePageFactory(parent=later, steps_es=raw)
    diff = diff_editions(current, later)
    assert diff.changed == []
    assert {change.block_id for change in diff.removed} == {
        str(child.id)
        for page in (protocol["phase2"], protocol["crisis"])
        for child in page.steps_es
    }
