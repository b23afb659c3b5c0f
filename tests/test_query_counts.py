"""Every public page runs a constant number of SQL queries, whatever the size of the tree:
the same page type is counted on a small and on a large tree, both for the first reader
after a content change (nothing cached: route and fragments are built) and for the next
one (route and fragments from the shared cache). See docs/performance.md."""

import uuid
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.factories import (
    DirectoryIndexPageFactory,
    LocationFactory,
    OrganizationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    category,
)
from protocol_pages.factories import (
    ProtocolAnnexPageFactory,
    ProtocolEditionPageFactory,
    ProtocolIndexPageFactory,
    ProtocolPhasePageFactory,
    ProtocolSubRoutePageFactory,
    step_data,
)
from training.factories import TrainingIndexPageFactory, TrainingModulePageFactory, session_data

pytestmark = pytest.mark.django_db

# Upper bounds for an anonymous reader (site, route, view restrictions, navigation,
# settings, breadcrumbs, the page's own reads); the cold bound adds what a fragment build
# reads (sections, institutions, documents). Cold bounds hold one more query since menus
# and lists leave restricted pages out: the restricted paths, read once per content version
# (``infra.public_pages``). The phase's cold bound holds one more again: its steps link each
# responsible institution to its directory page, and the directory page is read once per
# content version (``directory.selectors.directory_page``, issue 16).
# Warm, a protocol page, a module and home read only the page the remembered route names:
# site, view-restriction scope, frame, breadcrumbs, banner and body are fragments kept per
# content version (``website.routing``, ``{% versioncache %}``).
BOUNDS = {
    "edition": (1, 22),
    "changes": (10, 22),
    "phase": (1, 23),
    "module": (1, 16),
    "home": (1, 10),
    "directory": (9, 40),  # cold: the search service rebuilds its snapshot after a change
    "organisation": (20, 25),
}


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def counts(client, url):
    """(queries of the first request after a content change, of the next request)."""
    cache.clear()
    return count(client, url), count(client, url)


def assert_bounds(client, name, url, django_assert_max_num_queries):
    """Under the page's bounds, first after a content change, then with the cache warm."""
    warm_bound, cold_bound = BOUNDS[name]
    cache.clear()
    with django_assert_max_num_queries(cold_bound):
        client.get(url)
    with django_assert_max_num_queries(warm_bound):
        client.get(url)


def assert_constant(client, name, small_url, large_url, django_assert_max_num_queries):
    """Small and large trees: the same counts, cold and warm, under the page's bounds."""
    client.get("/es/")  # the first request of a test creates the site settings
    small, large = counts(client, small_url), counts(client, large_url)
    assert small == large, (name, small, large)
    assert_bounds(client, name, large_url, django_assert_max_num_queries)


def make_edition(index, organizations, phases, steps, slug):
    edition = ProtocolEditionPageFactory(parent=index, slug=slug, slug_en=f"{slug}-en")
    edition.approving_institutions.set(organizations[:3])
    ProtocolSubRoutePageFactory(parent=edition, kind="crisis")
    ProtocolAnnexPageFactory(parent=edition)
    decision = {"question": "¿Peligro?", "answer": "Sí", "next_step": None, "sub_route": "crisis"}
    for phase_number in range(phases):
        ProtocolPhasePageFactory(
            parent=edition,
            steps_es=[
                step_data(
                    number + 1,
                    f"Paso {number + 1}",
                    organizations=[(organizations[number % len(organizations)], "Atiende")],
                    actions=["Actuar"],
                    deadline={"amount": 2, "unit": "days", "from_event": "el contacto"},
                    decisions=[decision],
                    warnings=["Cuidado"],
                )
                for number in range(steps)
            ],
            slug=f"{slug}-fase-{phase_number}",
        )
    return edition


def test_edition_and_phase_pages(client, home_page, django_assert_max_num_queries):
    organizations = [OrganizationFactory() for _ in range(8)]
    index = ProtocolIndexPageFactory(parent=home_page)
    small = make_edition(index, organizations, phases=1, steps=2, slug="pequena")
    large = make_edition(index, organizations, phases=6, steps=15, slug="grande")
    assert_constant(client, "edition", small.url, large.url, django_assert_max_num_queries)
    small_phase = small.route_sections()["phases"][0]
    large_phase = large.route_sections()["phases"][-1]
    assert_constant(
        client, "phase", small_phase.url, large_phase.url, django_assert_max_num_queries
    )


def make_changed_pair(index, organizations, steps, slug, days_ago):
    """An edition and the one before it, every one of their ``steps`` steps changed."""
    today = timezone.localdate()
    old = ProtocolEditionPageFactory(
        parent=index, slug=f"{slug}-antes", effective_date=today - timedelta(days_ago + 50)
    )
    new = ProtocolEditionPageFactory(
        parent=index, slug=slug, effective_date=today - timedelta(days_ago)
    )
    ids = [str(uuid.uuid4()) for _ in range(steps)]
    for edition, suffix in ((old, ""), (new, " (nuevo)")):
        ProtocolPhasePageFactory(
            parent=edition,
            slug=f"{edition.slug}-fase",
            steps_es=[
                step_data(
                    number + 1,
                    f"Paso {number + 1}{suffix}",
                    block_id=block_id,
                    organizations=[(organizations[number % len(organizations)], f"Rol{suffix}")],
                    actions=[f"Actuar{suffix}"],
                )
                for number, block_id in enumerate(ids)
            ],
        )
    return new


def test_edition_comparison_page(client, home_page, django_assert_max_num_queries):
    """Every changed field of every changed step, before and after: one read of the
    institutions for all steps, none per step."""
    organizations = [OrganizationFactory() for _ in range(8)]
    index = ProtocolIndexPageFactory(parent=home_page)
    small = make_changed_pair(index, organizations, steps=1, slug="pequena", days_ago=300)
    large = make_changed_pair(index, organizations, steps=40, slug="grande", days_ago=10)
    small_url, large_url = f"{small.url}cambios/", f"{large.url}cambios/"
    assert "Paso 40 (nuevo)" in client.get(large_url).content.decode()
    assert_constant(client, "changes", small_url, large_url, django_assert_max_num_queries)


def test_module_page(client, home_page, django_assert_max_num_queries):
    index = TrainingIndexPageFactory(parent=home_page)
    small = TrainingModulePageFactory(parent=index, sessions_es=[session_data("Sesión 1")])
    large = TrainingModulePageFactory(
        parent=index, sessions_es=[session_data(f"Sesión {n}") for n in range(20)]
    )
    assert_constant(client, "module", small.url, large.url, django_assert_max_num_queries)


def services(organization, number):
    location = LocationFactory(organization=organization, province="EC-P")
    for _ in range(number):
        service = ServiceFactory(organization=organization, categories=[category("legal")])
        ServiceAtLocationFactory(service=service, location=location)


def test_home_directory_and_organisation_pages(client, home_page, django_assert_max_num_queries):
    directory = DirectoryIndexPageFactory(parent=home_page)
    small = OrganizationFactory()
    services(small, 1)
    # Home: one entry point, then many (the directory, training and protocol).
    client.get("/es/")
    home_small = counts(client, "/es/")
    TrainingIndexPageFactory(parent=home_page)
    ProtocolIndexPageFactory(parent=home_page)
    assert home_small == counts(client, "/es/")
    assert_bounds(client, "home", "/es/", django_assert_max_num_queries)
    # The directory, with a query and a filter: one organisation listed, then 25 with 4
    # services each (the search service's own snapshot is rebuilt after each change, so
    # both are counted against the bound rather than against each other).
    search = f"{directory.url}?q=legal&province=EC-P"
    for _ in range(2):
        assert_bounds(client, "directory", search, django_assert_max_num_queries)
        for _ in range(25):
            services(OrganizationFactory(), 4)
    large = OrganizationFactory()
    services(large, 25)
    assert_constant(
        client,
        "organisation",
        f"{directory.url}{small.slug_es}/",
        f"{directory.url}{large.slug_es}/",
        django_assert_max_num_queries,
    )
