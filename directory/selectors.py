"""Reads of the public directory: querysets with the prefetch plan of each output shape.

Each queryset names the shape it feeds (``directory.display``, ``directory.serializers``),
with the prefetches that keep the number of SQL queries constant whatever the page size.
Filtering what is public happens here (active organisations, listed statuses); what may be
shown of each row is ``directory.fields``.
"""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Min, Prefetch
from modeltranslation.utils import get_translation_fields

from directory.models import (
    Contact,
    DirectoryIndexPage,
    Language,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceCapacity,
    Taxonomy,
    TaxonomyTerm,
)
from directory.provinces import provinces
from infra.page_cache import published_version
from infra.public_pages import public

VISIBLE_SERVICE_STATUSES = (Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED)
PAGE_TIMEOUT = 24 * 60 * 60  # a new content version makes the old entry unreachable anyway
_NONE = object()


def directory_page():
    """The live, public directory page (None on a site without one), read once per
    published-content version: every publish, move or view restriction moves the version,
    so protocol steps, offline packs and search link to it without a query per page."""
    key = f"ruta-directory-page:{published_version()}"
    page = cache.get(key, _NONE)
    if page is _NONE:
        page = public(DirectoryIndexPage.objects.live()).first()
        cache.set(key, page, PAGE_TIMEOUT)
    return page


def _term_queryset():
    return TaxonomyTerm.objects.select_related("taxonomy")


def _location_queryset():
    return Location.objects.prefetch_related("phones")


def service_prefetches(prefix=""):
    """What ``hsds_service`` and ``service_data`` read; ``prefix`` reaches the services
    through a relation (``"service__"`` from a service_at_location)."""
    return [
        Prefetch(f"{prefix}categories", queryset=_term_queryset()),
        Prefetch(f"{prefix}populations", queryset=_term_queryset()),
        f"{prefix}phones",
        f"{prefix}schedules",
        f"{prefix}languages",
        Prefetch(f"{prefix}contacts", queryset=Contact.objects.prefetch_related("phones")),
        Prefetch(
            f"{prefix}service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                "location__phones"
            ),
        ),
    ]


def public_organizations():
    return Organization.objects.public()


def public_services():
    """Services of active organisations, with everything the public shapes read."""
    return (
        Service.objects.filter(organization__is_active=True)
        .select_related("organization")
        .prefetch_related(*service_prefetches())
    )


def visible_services():
    """The services the directory page lists: active organisations, listed statuses."""
    return Service.objects.filter(status__in=VISIBLE_SERVICE_STATUSES, organization__is_active=True)


def sitemap_records(language):
    """What the sitemap lists of the directory in ``language``: (slug, last change) of each
    active organisation and (id, last change) of each listed service, the addresses their
    own pages answer at (``directory.views``), two queries whatever the directory's size."""
    organizations = (
        public_organizations()
        .filter(**{f"slug_{language}__gt": ""})
        .order_by(f"slug_{language}")
        .values_list(f"slug_{language}", "last_modified")
    )
    services = visible_services().order_by("pk").values_list("pk", "last_modified")
    return {"organizations": list(organizations), "services": list(services)}


def visible_service(pk, *, staff=False):
    """One service for its own page (listed statuses; staff see every status), with
    everything ``service_data`` reads and its organisation's phones and contacts; None
    when there is none."""
    services = public_services().prefetch_related(
        "organization__phones",
        Prefetch("organization__contacts", queryset=Contact.objects.prefetch_related("phones")),
    )
    if not staff:
        services = services.filter(status__in=VISIBLE_SERVICE_STATUSES)
    try:
        return services.filter(pk=pk).first()
    except ValidationError:  # not a UUID
        return None


def service_ids_in_province(code):
    """Ids (str) of the listed services of active organisations delivered in a province,
    by name."""
    rows = (
        ServiceAtLocation.objects.filter(
            location__province=code,
            service__status__in=VISIBLE_SERVICE_STATUSES,
            service__organization__is_active=True,
        )
        .order_by("service__name", "service_id")
        .values_list("service_id", flat=True)
    )
    return list(dict.fromkeys(str(pk) for pk in rows))


def service_summaries():
    """Services with what ``hsds_service_summary`` reads, in one query."""
    return Service.objects.filter(organization__is_active=True).select_related("organization")


def minimal_services():
    """Services with only what ``hsds_service_minimal`` reads (no descriptions), so that a
    page of thousands stays one light query."""
    return Service.objects.filter(organization__is_active=True).only(
        "id", "status", "last_modified", "name", *get_translation_fields("name")
    )


def service_at_location_summaries():
    """Services at locations of active organisations, for
    ``hsds_service_at_location_summary``, in one query."""
    return ServiceAtLocation.objects.filter(service__organization__is_active=True).select_related(
        "location", "service__organization"
    )


def public_service_at_locations():
    """Services at locations with everything ``hsds_service_at_location_full`` reads."""
    return service_at_location_summaries().prefetch_related(
        "location__phones", *service_prefetches("service__")
    )


def organizations_with_hsds_services(*, full_service=False):
    """Active organisations with everything ``hsds_organization(services=...)`` reads: their
    phones, contacts and locations, and their services (every status, as ``/services``)
    either as summaries or fully nested."""
    services = Service.objects.order_by("name", "id")
    if full_service:
        services = services.select_related("organization").prefetch_related(*service_prefetches())
    return public_organizations().prefetch_related(*_organization_prefetches(services))


def _organization_prefetches(services):
    """An organisation's phones, contacts, locations and ``services`` (a queryset)."""
    return [
        "phones",
        Prefetch("contacts", queryset=Contact.objects.prefetch_related("phones")),
        Prefetch("locations", queryset=_location_queryset()),
        Prefetch("services", queryset=services),
    ]


def organization_with_services(organization_qs, *, staff=False):
    """Prefetch an organisation's services, locations and phones in a constant number of
    queries. Staff also see inactive and defunct services."""
    services = Service.objects.select_related("organization").prefetch_related(
        *service_prefetches()
    )
    if staff:
        services = services.prefetch_related(current_capacities_prefetch())
    else:
        services = services.filter(status__in=VISIBLE_SERVICE_STATUSES)
    return organization_qs.prefetch_related(*_organization_prefetches(services))


def current_capacities_prefetch(prefix=""):
    """The latest bed count of each unit, as ``current_capacities`` (staff only: never in a
    public shape's prefetch plan)."""
    return Prefetch(
        f"{prefix}capacities",
        queryset=ServiceCapacity.objects.filter(is_current=True).order_by("unit"),
        to_attr="current_capacities",
    )


def taxonomies():
    return Taxonomy.objects.all()


def terms(taxonomy_code):
    """{code: term} of one vocabulary, in its order."""
    return {
        term.code: term
        for term in TaxonomyTerm.objects.filter(taxonomy__code=taxonomy_code).order_by(
            "sort_order", "code"
        )
    }


def service_languages():
    """{code: name} of the languages public services are offered in (one name per code):
    an inactive organisation's languages are not published, not even as a filter choice."""
    spoken = Language.objects.filter(service__organization__is_active=True)
    rows = spoken.order_by("code").values_list("code").annotate(name=Min("name"))
    return dict(rows)


def coverage_table():
    """Provinces × service categories with the number of active services in each cell."""
    categories = list(terms(Taxonomy.SERVICE_CATEGORIES).values())
    counts = {
        (row[0], row[1]): row[2]
        for row in ServiceAtLocation.objects.filter(
            service__status=Service.Status.ACTIVE, service__organization__is_active=True
        )
        .values_list("location__province", "service__categories__code")
        .annotate(n=Count("service", distinct=True))
    }
    rows = []
    for code, info in provinces().items():
        cells = [counts.get((code, term.code), 0) for term in categories]
        rows.append({"code": code, "name": info.name, "cells": cells, "gaps": cells.count(0)})
    totals = [sum(row["cells"][i] for row in rows) for i in range(len(categories))]
    empty = sum(row["gaps"] for row in rows)
    return {"categories": categories, "rows": rows, "totals": totals, "empty_cells": empty}
