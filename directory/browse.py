"""The query layer of the directory browse page: GET parameters in, results and counts out.

The search app replaces this function (full text, facets, distance) by pointing
``DirectoryIndexPage.browse_function`` elsewhere; keep its signature and return shape.
"""

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext as _

from directory.models import ServiceAtLocation, Taxonomy, TaxonomyTerm
from directory.provinces import provinces
from directory.visibility import VISIBLE_SERVICE_STATUSES, public_services, service_data

PER_PAGE = 20


def browse_directory(params, *, per_page=PER_PAGE):
    """Return {"results_page", "results", "total", "province_counts", "category_counts",
    "selected", "errors"} for the GET parameters ``province``, ``category`` and ``page``.

    Unknown values are ignored with a message in ``errors`` (never an exception).
    """
    errors = []
    province = params.get("province", "") or ""
    category = params.get("category", "") or ""
    if province and province not in provinces():
        errors.append(
            _("Unknown province “%(value)s”: showing all provinces.") % {"value": province}
        )
        province = ""
    category_terms = {
        term.code: term
        for term in TaxonomyTerm.objects.filter(taxonomy__code=Taxonomy.SERVICE_CATEGORIES)
    }
    if category and category not in category_terms:
        errors.append(
            _("Unknown category “%(value)s”: showing all categories.") % {"value": category}
        )
        category = ""

    services = public_services().filter(status__in=VISIBLE_SERVICE_STATUSES)
    if province:
        services = services.filter(service_at_locations__location__province=province)
    if category:
        services = services.filter(categories__code=category)
    services = services.distinct().order_by("organization__name", "name")

    paginator = Paginator(services, per_page)
    page = paginator.get_page(params.get("page"))

    counted = ServiceAtLocation.objects.filter(
        service__status__in=VISIBLE_SERVICE_STATUSES, service__organization__is_active=True
    )
    by_province = counted.filter(service__categories__code=category) if category else counted
    province_totals = dict(
        by_province.values_list("location__province").annotate(n=Count("service", distinct=True))
    )
    by_category = counted.filter(location__province=province) if province else counted
    category_totals = dict(
        by_category.values_list("service__categories__code").annotate(
            n=Count("service", distinct=True)
        )
    )
    results = []
    for service in page.object_list:
        data = service_data(service)
        data["organization"] = {
            "name": service.organization.name,
            "slug": service.organization.slug,
        }
        results.append(data)
    return {
        "results_page": page,
        "results": results,
        "total": paginator.count,
        "province_counts": [
            {
                "code": code,
                "name": info.name,
                "count": province_totals.get(code, 0),
                "selected": code == province,
            }
            for code, info in provinces().items()
        ],
        "category_counts": [
            {
                "code": code,
                "name": term.name,
                "count": category_totals.get(code, 0),
                "selected": code == category,
            }
            for code, term in category_terms.items()
        ],
        "selected": {"province": province, "category": category},
        "errors": errors,
    }


def coverage_table():
    """Provinces × service categories with the number of active services in each cell."""
    categories = list(
        TaxonomyTerm.objects.filter(taxonomy__code=Taxonomy.SERVICE_CATEGORIES).order_by(
            "sort_order", "code"
        )
    )
    counts = {
        (row[0], row[1]): row[2]
        for row in ServiceAtLocation.objects.filter(
            service__status="active", service__organization__is_active=True
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
