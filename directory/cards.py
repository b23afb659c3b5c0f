"""Result cards: the part of a service a list of results shows, read as plain values."""

from django.conf import settings
from django.utils import translation
from modeltranslation.utils import (
    build_localized_fieldname,
    get_translation_fields,
    resolution_order,
)

from directory.display import province_name
from directory.fields import require_public
from directory.models import Location, Organization, Service, ServiceAtLocation, TaxonomyTerm
from directory.upkeep_rules import is_overdue

# The columns a card reads, checked against the allow-list (directory.fields) on loading.
require_public(Service, "id", "status", "is_free", "assured_date", "name", "alert")
require_public(Organization, "name", "slug")
require_public(TaxonomyTerm, "code", "name")
require_public(Location, "canton", "province")


def service_cards(service_ids):
    """{service id: result card} for the services of active organisations among
    ``service_ids``, in the current language: the subset of ``service_data`` a list of
    results shows, places only as canton and province (the service's page has the rest).
    Three queries of plain values, no model instances (a page of 20 cards took 14 ms as
    models, most of it building 100 objects), translated columns read with
    wagtail-modeltranslation's fallback order."""
    order = resolution_order(
        translation.get_language() or settings.LANGUAGE_CODE,
        settings.MODELTRANSLATION_FALLBACK_LANGUAGES,
    )

    def columns(*names, prefix=""):
        return [f"{prefix}{column}" for name in names for column in get_translation_fields(name)]

    def translated(row, name):
        values = (row[build_localized_fieldname(name, code)] for code in order)
        return next((value for value in values if value), "")

    statuses = dict(Service.Status.choices)
    rows = Service.objects.filter(pk__in=service_ids, organization__is_active=True).values(
        "id",
        "status",
        "is_free",
        "assured_date",
        "organization__name",
        *columns("name", "alert"),
        *columns("slug", prefix="organization__"),
    )
    cards = {
        str(row["id"]): {
            "id": str(row["id"]),
            "name": translated(row, "name"),
            "status": row["status"],
            "status_label": str(statuses.get(row["status"], row["status"])),
            "is_active": row["status"] == Service.Status.ACTIVE,
            "is_free": row["is_free"],
            "alert": translated(row, "alert"),
            "assured_date": row["assured_date"],
            "verification_overdue": is_overdue(row["assured_date"]),
            "categories": [],
            "locations": [],
            "organization": {
                "name": row["organization__name"],
                "slug": translated(row, "organization__slug"),
            },
        }
        for row in rows
    }
    terms = (
        Service.categories.through.objects.filter(service_id__in=list(cards))
        .order_by("taxonomyterm__taxonomy__code", "taxonomyterm__sort_order", "taxonomyterm__code")
        .values("service_id", "taxonomyterm__code", *columns("name", prefix="taxonomyterm__"))
    )
    for row in terms:
        cards[str(row["service_id"])]["categories"].append(
            {"code": row["taxonomyterm__code"], "name": translated(row, "taxonomyterm__name")}
        )
    places = (
        ServiceAtLocation.objects.filter(service_id__in=list(cards))
        .order_by("location__province", "location__canton", "location__name", "id")
        .values_list("service_id", "location__canton", "location__province")
    )
    for service_id, canton, province in places:
        cards[str(service_id)]["locations"].append(
            {"canton": canton, "province": province, "province_name": province_name(province)}
        )
    return cards
