"""HSDS 3 objects of the public directory, for the HSDS API and the exports.

The objects come fully nested (``hsds_service``, ``hsds_organization``,
``hsds_service_at_location_full``) or, for API lists, as HSDS's compiled list views: the
one-to-one fields only (``hsds_service_summary``, ``hsds_service_at_location_summary``,
``hsds_organization(nested=False)``, ``hsds_service_minimal``); each shape's queryset is in
``directory.selectors``. They are always public, even for staff: confidential locations
only at canton and province level, no staff-only field, phone or contact.
"""

import uuid
from datetime import date
from decimal import Decimal
from functools import cache

from django.utils.translation import gettext as _

from directory import hsds
from directory.display import current_capacities, only_at_confidential_locations, province_name
from directory.fields import public_fields, public_values
from directory.models import Location, Service, ServiceCapacity

HSDS_VERSION = "3.1"
HSDS_PROFILE = "https://docs.openreferral.org/en/latest/hsds/"
ADDRESS_NAMESPACE = uuid.UUID("6f1d1a51-3a52-4c57-9c0e-2f5b7f0a3d10")
ATTRIBUTE_NAMESPACE = uuid.UUID("0b7f6a52-5e39-4a1d-8a55-53f0f2b5c6a1")
UNIT_NAMESPACE = uuid.UUID("3f0b2d6e-8c1a-4e57-9a0d-5b7c2e91f4a3")


_PLAIN = {str, int, bool, float, type(None)}


def _json(value):
    """Ids as text, dates in ISO 8601, coordinates as numbers."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _fields(obj, *names):
    """HSDS values of ``obj``'s published fields (``directory.fields``), in that order;
    a confidential record's confidential fields are absent."""
    values = public_values(obj, names)
    return {key: value if type(value) in _PLAIN else _json(value) for key, value in values.items()}


def _clean(data):
    """Drop empty optional values: HSDS fields are nullable strings, but absent is clearer."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def hsds_phone(phone):
    fields = ("id", "organization", "service", "location", "contact", "number", "extension")
    return _clean(_fields(phone, *fields, "type", "description"))


def _hsds_public_phones(phones):
    return [hsds_phone(p) for p in phones if not p.is_staff_only]


def hsds_address(location):
    """A confidential location's address carries only its canton and province."""
    street = public_values(location, ("address_1", "address_2", "postal_code"))
    return {
        "id": str(uuid.uuid5(ADDRESS_NAMESPACE, str(location.id))),
        "location_id": str(location.id),
        "address_1": street.get("address_1", ""),
        "address_2": street.get("address_2", ""),
        "city": location.canton,
        "region": province_name(location.province),
        "state_province": location.province,
        "postal_code": street.get("postal_code", ""),
        "country": "EC",
        "address_type": {
            Location.LocationType.POSTAL: "postal",
            Location.LocationType.VIRTUAL: "virtual",
        }.get(location.location_type, "physical"),
    }


CONFIDENTIAL_LINK_TYPE = "confidential"


def confidential_attribute(location):
    """Marks a location as confidential in HSDS files, so an import keeps it confidential."""
    return {
        "id": str(uuid.uuid5(ATTRIBUTE_NAMESPACE, f"{location.id}/confidential")),
        "link_id": str(location.id),
        "link_type": CONFIDENTIAL_LINK_TYPE,
        "link_entity": "location",
        "value": "true",
        "label": _("Confidential location: only canton and province are public."),
    }


def hsds_location(location, *, nested=True):
    """A location; ``nested=False`` keeps its one-to-one fields only (no address, phones,
    accessibility or attributes), as in HSDS's service_at_location list view."""
    kind = {
        Location.LocationType.PHYSICAL: "physical",
        Location.LocationType.POSTAL: "postal",
        Location.LocationType.VIRTUAL: "virtual",
    }[location.location_type]
    data = {
        **_fields(location, "id", "location_type", "organization", "url"),
        "location_type": kind,
    }
    if nested:
        data["addresses"] = [hsds_address(location)]
    if location.is_confidential:
        data["name"] = _("Confidential location")
        if nested:
            data["attributes"] = [confidential_attribute(location)]
        return _clean(data)
    data.update(_fields(location, "name", "description", "transportation", "latitude", "longitude"))
    if not nested:
        return _clean(data)
    data.update(
        {
            "accessibility": [
                {
                    "id": str(uuid.uuid5(ADDRESS_NAMESPACE, f"{location.id}/accessibility")),
                    "location_id": str(location.id),
                    "description": location.accessibility,
                }
            ]
            if location.accessibility
            else [],
            "phones": _hsds_public_phones(location.phones.all()),
        }
    )
    return _clean(data)


def hsds_taxonomy(taxonomy):
    return _clean(_fields(taxonomy, "id", "name", "description", "uri", "version"))


def hsds_taxonomy_term(term):
    data = _fields(term, "id", "code", "name", "description", "parent")
    data["taxonomy"] = term.taxonomy.code
    data.update(_fields(term, "taxonomy"))
    data["taxonomy_detail"] = hsds_taxonomy(term.taxonomy)
    return _clean(data)


def _hsds_attribute(link_id, link_type, term):
    return {
        "id": str(uuid.uuid5(ATTRIBUTE_NAMESPACE, f"{link_id}/{term.id}")),
        "link_id": str(link_id),
        "link_type": link_type,
        "link_entity": "service",
        "taxonomy_term_id": str(term.id),
        "value": term.code,
        "label": term.name,
        "taxonomy_term": hsds_taxonomy_term(term),
    }


def hsds_schedule(schedule):
    def hhmm(value):
        return value.strftime("%H:%M") if value else None

    return _clean(
        {
            **_fields(schedule, "id", "service"),
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": schedule.byday or "MO,TU,WE,TH,FR,SA,SU",
            "opens_at": "00:00" if schedule.open_24_hours else hhmm(schedule.opens_at),
            "closes_at": "23:59" if schedule.open_24_hours else hhmm(schedule.closes_at),
            **_fields(schedule, "description"),
            "notes": "24h" if schedule.open_24_hours else None,
        }
    )


def hsds_organization(organization, *, nested=True, services=None):
    """An organisation; ``nested=False`` keeps its one-to-one fields only (HSDS's
    organization list view). ``services`` adds its services (HSDS's compiled organization
    view): ``"summary"`` (their one-to-one fields) or ``"full"`` (fully nested); use
    ``organizations_with_hsds_services`` to prefetch them."""
    own = ("id", "name", "alternate_name", "description", "email", "website", "legal_status")
    data = _fields(organization, *own)
    if nested:
        data["phones"] = _hsds_public_phones(organization.phones.all())
        referral = hsds_referral_contact(organization)
        data["contacts"] = ([referral] if referral else []) + [
            hsds_contact(c) for c in organization.contacts.all() if c.is_public
        ]
        data["locations"] = [hsds_location(loc) for loc in organization.locations.all()]
    if services == "full":
        data["services"] = [hsds_service(s) for s in organization.services.all()]
    elif services == "summary":
        data["services"] = [
            hsds_service_summary(s, with_organization=False) for s in organization.services.all()
        ]
    return _clean(data)


def referral_contact_id(organization_id):
    return uuid.uuid5(ATTRIBUTE_NAMESPACE, f"{organization_id}/referral-contact")


def referral_phone_id(organization_id):
    return uuid.uuid5(ATTRIBUTE_NAMESPACE, f"{organization_id}/referral-phone")


def hsds_referral_contact(organization):
    """The organisation's public referral contact as an HSDS contact with a stable id."""
    referral = _fields(organization, "referral_contact_name", "referral_phone", "referral_email")
    if not any(referral.values()):
        return None
    contact_id = str(referral_contact_id(organization.id))
    phones = []
    if referral["referral_phone"]:
        phones.append(
            {
                "id": str(referral_phone_id(organization.id)),
                "contact_id": contact_id,
                "number": referral["referral_phone"],
                "type": "voice",
            }
        )
    return _clean(
        {
            "id": contact_id,
            "organization_id": str(organization.id),
            "name": referral["referral_contact_name"],
            "title": _("Referral contact"),
            "email": referral["referral_email"],
            "phones": phones,
        }
    )


def hsds_contact(contact):
    own = ("id", "organization", "service", "name", "title", "department", "email")
    return _clean({**_fields(contact, *own), "phones": _hsds_public_phones(contact.phones.all())})


def hsds_service_at_location(sal, *, with_location=True):
    """The link of a service and a place; its description is free text next to the place,
    so a confidential place's is left out (it may say how to find it)."""
    data = _fields(sal, "id", "service", "location", "description")
    if with_location:
        data["location"] = hsds_location(sal.location)
    return _clean(data)


def hsds_service_at_location_summary(sal):
    """A service at a location in a list (HSDS compiled/service_at_location_list.json): the
    one-to-one fields of the link, of its location and of its service."""
    return _clean(
        {
            **hsds_service_at_location(sal, with_location=False),
            "location": hsds_location(sal.location, nested=False),
            "service": hsds_service_summary(sal.service),
        }
    )


def hsds_service_at_location_full(sal):
    """A service at a location fully nested (HSDS compiled/service_at_location.json): its
    location and its service, whose other places are left out (they are other links)."""
    return _clean(
        {
            **hsds_service_at_location(sal),
            "service": hsds_service(sal.service, with_locations=False),
        }
    )


@cache
def _service_properties():
    """The service's published fields that HSDS's service object has (by HSDS name)."""
    properties = hsds.object_properties("service")
    return tuple(
        name
        for name in public_fields(Service)
        if Service._meta.get_field(name).attname in properties  # organization -> _id
    )


def _service_fields(service):
    """A service's own one-to-one public fields: every field of ``directory.fields`` that
    HSDS's service has (so a new public field that HSDS knows is published here too)."""
    data = _fields(service, *_service_properties())
    if not data.get("fees_description") and service.is_free:
        data["fees_description"] = _("Free of charge")
    return data


def hsds_service_summary(service, *, with_organization=True):
    """A service in a list (HSDS compiled/service_list.json): its one-to-one fields and its
    organisation's, none of its arrays (phones, places, schedules, contacts, terms)."""
    data = _service_fields(service)
    if with_organization:
        data["organization"] = hsds_organization(service.organization, nested=False)
    return _clean(data)


def hsds_service_minimal(service):
    """A service for ``minimal=true``: what a copy needs to know what changed. HSDS asks for
    id and last_modified; name and status are there because the list schema requires them."""
    return _fields(service, "id", "name", "status", "last_modified")


def hsds_unit(unit):
    """A unit of ``ServiceCapacity`` as an HSDS unit, with a stable id."""
    return {
        "id": str(uuid.uuid5(UNIT_NAMESPACE, unit)),
        "name": str(ServiceCapacity.Unit(unit).label),
        "scheme": "ruta",
        "identifier": unit,
    }


def hsds_capacity(capacity):
    """A bed count as HSDS 3.1 ``service_capacity``: staff only. Never call it for a public
    output (``hsds_service(..., capacities=True)`` is for entitled readers only)."""
    unit = hsds_unit(capacity.unit)
    return _clean(
        {
            "id": str(capacity.id),
            "service_id": str(capacity.service_id),
            "unit": unit,
            "unit_id": unit["id"],
            "available": capacity.available,
            "maximum": capacity.maximum,
            "description": capacity.description,
            "updated": capacity.updated.isoformat(),
        }
    )


def hsds_service(service, *, with_locations=True, capacities=False):
    """A public HSDS service: no capacity, vacancies, intake notes, staff-only phones or
    contacts, and confidential locations only at canton and province level.
    ``with_locations=False`` leaves out its service_at_locations (inside one of them).
    ``capacities=True`` adds its current bed counts (HSDS 3.1 ``capacities``): only for
    readers who may see staff details (``directory.access.sees_staff_details``), never in
    a public response or file."""
    terms = sorted(
        [
            *[("service_category", t) for t in service.categories.all()],
            *[("population", t) for t in service.populations.all()],
        ],
        key=lambda pair: (pair[0], pair[1].code),
    )
    data = {
        **_service_fields(service),
        "phones": []
        if only_at_confidential_locations(service)
        else _hsds_public_phones(service.phones.all()),
        "schedules": [hsds_schedule(s) for s in service.schedules.all()],
        "service_at_locations": [
            hsds_service_at_location(sal) for sal in service.service_at_locations.all()
        ]
        if with_locations
        else [],
        "languages": [
            _fields(language, "id", "service", "name", "code")
            for language in service.languages.all()
        ],
        "organization": hsds_organization(service.organization, nested=False),
        "contacts": [hsds_contact(c) for c in service.contacts.all() if c.is_public],
        "attributes": [_hsds_attribute(service.id, link, term) for link, term in terms],
    }
    if capacities:
        data["capacities"] = [hsds_capacity(c) for c in current_capacities(service)]
    return _clean(data)
