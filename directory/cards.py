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
from directory.hours import is_24_hours
from directory.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.phones import e164, whatsapp_url
from directory.upkeep_rules import is_overdue

# The columns a card reads, checked against the allow-list (directory.fields) on loading.
require_public(Service, "id", "status", "is_free", "assured_date", "name", "alert")
require_public(Organization, "name", "slug", "referral_phone")
require_public(TaxonomyTerm, "code", "name")
require_public(Location, "canton", "province", "is_confidential")
PHONE_COLUMNS = require_public(Phone, "number", "extension", "type", "description")
SCHEDULE_COLUMNS = require_public(Schedule, "byday", "opens_at", "closes_at", "open_24_hours")


def card_phone(number, phone_type="voice", description="", extension=""):
    """A phone as a card shows it: as given, with its ``tel:`` (E.164) or WhatsApp link."""
    whatsapp = phone_type == Phone.PhoneType.WHATSAPP
    return {
        "number": number,
        "extension": extension,
        "description": description,
        "tel": e164(number),
        "whatsapp_url": whatsapp_url(number) if whatsapp else "",
    }


def _add_phones(cards, referral_phones):
    """Public phones: the service's own, else those of its public places; a service only at
    confidential places (a shelter) shows its organisation's referral phone instead, as
    ``directory.display.service_data`` does: its own lines are direct lines."""
    public = Phone.objects.filter(is_staff_only=False).order_by("type", "number", "id")
    own = public.filter(service_id__in=list(cards)).values("service_id", *PHONE_COLUMNS)
    at_places = (
        public.filter(
            location__service_at_locations__service_id__in=list(cards),
            location__is_confidential=False,
        )
        .values("location__service_at_locations__service_id", *PHONE_COLUMNS)
        .distinct()
    )
    found = {}
    for row in own:
        found.setdefault(str(row["service_id"]), ([], []))[0].append(row)
    for row in at_places:
        key = str(row["location__service_at_locations__service_id"])
        found.setdefault(key, ([], []))[1].append(row)
    for pk, card in cards.items():
        places = card.pop("_places")
        sheltered = bool(places) and all(places)
        if sheltered:
            rows = []
        else:
            service_rows, place_rows = found.get(pk, ([], []))
            rows = service_rows or place_rows
        card["phones"] = [
            card_phone(r["number"], r["type"], r["description"], r["extension"]) for r in rows
        ]
        referral = referral_phones[pk]
        if sheltered and referral:
            card["referral_phone"] = card_phone(referral)
        card["whatsapp"] = [p for p in card["phones"] if p["whatsapp_url"]]
        card["phones"] = [p for p in card["phones"] if not p["whatsapp_url"]]


def _add_schedules(cards):
    rows = (
        Schedule.objects.filter(service_id__in=list(cards))
        .order_by("byday", "opens_at")
        .values("service_id", *SCHEDULE_COLUMNS)
    )
    for row in rows:
        cards[str(row.pop("service_id"))]["schedules"].append(row)
    for card in cards.values():
        card["is_24_hours"] = is_24_hours(card["schedules"])


def service_cards(service_ids):
    """{service id: result card} for the services of active organisations among
    ``service_ids``, in the current language: the subset of ``service_data`` a list of
    results shows, places only as canton and province (the service's page has the rest).
    Five queries of plain values (with phones and weekly hours), no model instances (a
    page of 20 cards took 14 ms as models, most of it building 100 objects), translated
    columns read with
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
        "organization__referral_phone",
        *columns("name", "alert"),
        *columns("slug", prefix="organization__"),
    )
    rows = list(rows)
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
            "schedules": [],
            "referral_phone": None,
            "_places": [],
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
        .values_list(
            "service_id", "location__canton", "location__province", "location__is_confidential"
        )
    )
    for service_id, canton, province, confidential in places:
        cards[str(service_id)]["locations"].append(
            {"canton": canton, "province": province, "province_name": province_name(province)}
        )
        cards[str(service_id)]["_places"].append(confidential)
    _add_phones(cards, {str(row["id"]): row["organization__referral_phone"] for row in rows})
    _add_schedules(cards)
    return cards
