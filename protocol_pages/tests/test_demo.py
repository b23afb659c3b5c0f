"""The protocol demo (the one test that loads demo data, as the load_demo test does)."""

from io import StringIO

import pytest
from django.utils import translation

from directory import demo as directory_demo
from protocol_pages import demo as protocol_demo
from protocol_pages.diff import diff_editions
from protocol_pages.models import ProtocolEditionPage, ProtocolPhasePage, ProtocolSubRoutePage
from website import demo as website_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    out = StringIO()
    website_demo.load(out)
    directory_demo.load(out)
    protocol_demo.load(out)
    return out.getvalue()


def test_protocol_demo(demo, client):
    """One demo load (slow: the whole directory demo) checked from several sides."""
    check_structure()
    with translation.override("es"):  # a request of an earlier test may have left English
        check_diff()
    check_pages(client)
    check_idempotent()


def check_structure():
    editions = {e.slug_es: e for e in ProtocolEditionPage.objects.live()}
    current, old = editions["edicion-2024"], editions["edicion-2013"]
    assert current.status == "in-force"
    assert old.status == "superseded"
    for edition in (current, old):
        phases = ProtocolPhasePage.objects.child_of(edition).live()
        assert phases.count() == 6
        assert sum(len(phase.steps_es) for phase in phases) >= 24
        assert all(len(p.steps_en) == len(p.steps_es) for p in phases)
        kinds = set(ProtocolSubRoutePage.objects.child_of(edition).values_list("kind", flat=True))
        assert kinds == {"crisis", "voluntary-return", "repatriation", "relocation"}
    repatriation = ProtocolSubRoutePage.objects.child_of(current).get(kind="repatriation")
    deadline = repatriation.steps_es[0].value["deadline"]
    assert (deadline["amount"], deadline["unit"]) == (24, "hours")
    # Responsible institutions come from the directory demo.
    linked = {
        item["organization"].name
        for phase in ProtocolPhasePage.objects.child_of(current)
        for step in phase.steps_es
        for item in step.value["responsible"]
    }
    assert any("Fiscalía" in name for name in linked)
    assert current.approving_institutions.count() == 3


def check_diff():
    current = ProtocolEditionPage.objects.get(slug_es="edicion-2024")
    diff = diff_editions(current.previous_edition, current)
    assert {c.title for c in diff.added} == {"Valorar el riesgo", "Retroalimentación a la ruta"}
    assert {c.title for c in diff.removed} == {"Registrar el caso en el sistema nacional"}
    changed = {c.title for c in diff.changed}
    assert {"Entrevista inicial", "Denuncia ante la Fiscalía"} <= changed


def check_pages(client):
    for url in (
        "/es/protocolo/edicion-2024/",
        "/en/protocol/edition-2024/",
        "/es/protocolo/edicion-2013/",
        "/es/protocolo/edicion-2024/identificacion/?province=EC-P&step=x",
        "/en/protocol/edition-2024/forms/",
    ):
        assert client.get(url).status_code == 200, url


def check_idempotent():
    before = ProtocolPhasePage.objects.count()
    protocol_demo.load(StringIO())
    assert ProtocolPhasePage.objects.count() == before
