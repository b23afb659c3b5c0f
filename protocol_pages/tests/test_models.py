import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Page
from wagtail.search.index import SearchField
from wagtail.test.utils import WagtailPageTestCase

from protocol_pages.blocks import DeadlineBlock, DecisionPointBlock
from protocol_pages.factories import ProtocolPhasePageFactory, step_data
from protocol_pages.models import (
    ProtocolAnnexPage,
    ProtocolEditionPage,
    ProtocolIndexPage,
    ProtocolPhasePage,
    ProtocolSubRoutePage,
)
from protocol_pages.tests.conftest import make_organization
from website.models import HomePage


class TreeRulesTests(WagtailPageTestCase):
    def test_index_only_under_home(self):
        self.assertAllowedParentPageTypes(ProtocolIndexPage, {HomePage})

    def test_edition_only_under_index(self):
        self.assertAllowedParentPageTypes(ProtocolEditionPage, {ProtocolIndexPage})
        self.assertAllowedSubpageTypes(ProtocolIndexPage, {ProtocolEditionPage})

    def test_sections_only_under_edition(self):
        self.assertAllowedSubpageTypes(
            ProtocolEditionPage, {ProtocolPhasePage, ProtocolSubRoutePage, ProtocolAnnexPage}
        )
        for section in (ProtocolPhasePage, ProtocolSubRoutePage, ProtocolAnnexPage):
            self.assertAllowedParentPageTypes(section, {ProtocolEditionPage})
            self.assertAllowedSubpageTypes(section, set())

    def test_cannot_create_phase_under_index_or_home(self):
        self.assertCanNotCreateAt(ProtocolIndexPage, ProtocolPhasePage)
        self.assertCanNotCreateAt(HomePage, ProtocolEditionPage)
        self.assertCanCreateAt(ProtocolEditionPage, ProtocolPhasePage)


@pytest.mark.django_db
def test_pages_are_renderable(protocol):
    for key in ("index", "current", "old", "phase1", "crisis", "annex"):
        page = protocol[key]
        response = page.serve(_request(page))
        response.render()
        assert response.status_code == 200, key


def _request(page):
    request = RequestFactory().get(page.url)

    request.user = AnonymousUser()
    return request


@pytest.mark.django_db
def test_phase_page_query_count_does_not_grow_with_steps(client, protocol):
    edition = protocol["current"]
    organizations = [
        make_organization(f"Institución demo {n}", f"institucion-demo-{n}") for n in range(12)
    ]

    def make_phase(count, slug):
        steps = [
            step_data(
                n + 1,
                f"Paso {n + 1}",
                organizations=[(organizations[n % 12], "rol"), (organizations[(n + 1) % 12], "r")],
                actions=["a", "b"],
                deadline={"amount": 2, "unit": "days", "from_event": "x"},
            )
            for n in range(count)
        ]
        return ProtocolPhasePageFactory(
            parent=edition, title=slug, slug=slug, slug_en=f"{slug}-en", steps_es=steps
        )

    small, large = make_phase(2, "pequena"), make_phase(30, "grande")
    # The first request of a test creates the site settings, which starts a new content
    # version: both pages are then counted in the same state (their steps' HTML cached).
    client.get("/es/")

    def count(page):
        client.get(page.url)  # warm caches (site root, settings)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.url)
        assert response.status_code == 200
        return len(queries)

    small_count, large_count = count(small), count(large)
    assert large_count == small_count
    assert large_count < 25


@pytest.mark.django_db
def test_sub_route_kind_is_unique_per_edition(protocol):
    duplicate = ProtocolSubRoutePage(title="Otra crisis", slug="otra", kind="crisis")
    protocol["current"].add_child(instance=duplicate)
    with pytest.raises(ValidationError):
        duplicate.full_clean()


@pytest.mark.django_db
def test_deadline_block_requires_unit_with_amount():
    block = DeadlineBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"amount": 3, "unit": "", "from_event": ""}))
    value = block.clean(block.to_python({"amount": 24, "unit": "hours", "from_event": "x"}))
    with translation.override("en"):
        assert value.display() == "24 hours"
    with translation.override("es"):
        assert value.display() == "24 horas"


@pytest.mark.django_db
def test_decision_point_needs_a_target():
    block = DecisionPointBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"question": "¿?", "answer": "Sí"}))


@pytest.mark.django_db
def test_search_fields_include_step_text(protocol):
    names = {f.field_name for f in ProtocolPhasePage.search_fields if isinstance(f, SearchField)}
    assert {"steps_es", "steps_en", "title"} <= names
    assert Page.objects.type(ProtocolPhasePage).count() >= 2


@pytest.mark.django_db
def test_step_text_is_searchable_per_language(protocol):
    phase = ProtocolPhasePage.objects.get(pk=protocol["phase1"].pk)
    spanish = " ".join(
        str(part)
        for part in phase._meta.get_field("steps_es").get_searchable_content(phase.steps_es)
    )
    english = " ".join(
        str(part)
        for part in phase._meta.get_field("steps_en").get_searchable_content(phase.steps_en)
    )
    assert "Detectar indicios" in spanish
    assert "Garantizar la seguridad" in spanish
    assert "Spot the indicators" in english
    assert "Detectar" not in english
