"""HSDS 3 objects of the public directory, for the HSDS API and the exports.

The objects come fully nested (``hsds_service``, ``hsds_organization``,
``hsds_service_at_location_full``) or, for API lists, as HSDS's compiled list views: the
one-to-one fields only (``hsds_service_summary``, ``hsds_service_at_location_summary``,
``hsds_organization(nested=False)``, ``hsds_service_minimal``); each shape's queryset is in
``directory.selectors``. They are always public, even for staff: confidential locations
only at canton and province level, no staff-only field, phone or contact.
"""

import uuid

from django.utils.translation import gettext as _

from directory.display import only_at_confidential_locations, province_name
from directory.models import Location

HSDS_VERSION = "3.1"
HSDS_PROFILE = "https://docs.openreferral.org/en/latest/hsds/"
ADDRESS_NAMESPACE = uuid.UUID("6f1d1a51-3a52-4c57-9c0e-2f5b7f0a3d10")
ATTRIBUTE_NAMESPACE = uuid.UUID("0b7f6a52-5e39-4a1d-8a55-53f0f2b5c6a1")


def _iso(value):
    return value.isoformat() if value is not None else None


def _clean(data):
    """Drop empty optional values: HSDS fields are nullable strings, but absent is clearer."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def hsds_phone(phone):
    return _clean(
        {
            "id": str(phone.id),
            "organization_id": str(phone.organization_id) if phone.organization_id else None,
            "service_id": str(phone.service_id) if phone.service_id else None,
            "location_id": str(phone.location_id) if phone.location_id else None,
            "contact_id": str(phone.contact_id) if phone.contact_id else None,
            "number": phone.number,
            "extension": phone.extension,
            "type": phone.type,
            "description": phone.description,
        }
    )


def _hsds_public_phones(phones):
    return [hsds_phone(p) for p in phones if not p.is_staff_only]


def hsds_address(location):
    """A confidential location's address carries only its canton and province."""
    confidential = location.is_confidential
    return {
        "id": str(uuid.uuid5(ADDRESS_NAMESPACE, str(location.id))),
        "location_id": str(location.id),
        "address_1": "" if confidential else location.address_1,
        "address_2": "" if confidential else location.address_2,
        "city": location.canton,
        "region": province_name(location.province),
        "state_province": location.province,
        "postal_code": "" if confidential else location.postal_code,
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
        "id": str(location.id),
        "location_type": kind,
        "organization_id": str(location.organization_id),
        "url": location.url,
    }
    if nested:
        data["addresses"] = [hsds_address(location)]
    if location.is_confidential:
        data["name"] = _("Confidential location")
        if nested:
            data["attributes"] = [confidential_attribute(location)]
        return _clean(data)
    data.update(
        {
            "name": location.name,
            "description": location.description,
            "transportation": location.transportation,
            "latitude": float(location.latitude) if location.latitude is not None else None,
            "longitude": float(location.longitude) if location.longitude is not None else None,
        }
    )
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
    return _clean(
        {
            "id": str(taxonomy.id),
            "name": taxonomy.name,
            "description": taxonomy.description,
            "uri": taxonomy.uri,
            "version": taxonomy.version,
        }
    )


def hsds_taxonomy_term(term):
    return _clean(
        {
            "id": str(term.id),
            "code": term.code,
            "name": term.name,
            "description": term.description,
            "parent_id": str(term.parent_id) if term.parent_id else None,
            "taxonomy": term.taxonomy.code,
            "taxonomy_id": str(term.taxonomy_id),
            "taxonomy_detail": hsds_taxonomy(term.taxonomy),
        }
    )


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
            "id": str(schedule.id),
            "service_id": str(schedule.service_id),
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": schedule.byday or "MO,TU,WE,TH,FR,SA,SU",
            "opens_at": "00:00" if schedule.open_24_hours else hhmm(schedule.opens_at),
            "closes_at": "23:59" if schedule.open_24_hours else hhmm(schedule.closes_at),
            "description": schedule.description,
            "notes": "24h" if schedule.open_24_hours else None,
        }
    )


def hsds_organization(organization, *, nested=True, services=None):
    """An organisation; ``nested=False`` keeps its one-to-one fields only (HSDS's
    organization list view). ``services`` adds its services (HSDS's compiled organization
    view): ``"summary"`` (their one-to-one fields) or ``"full"`` (fully nested); use
    ``organizations_with_hsds_services`` to prefetch them."""
    data = {
        "id": str(organization.id),
        "name": organization.name,
        "alternate_name": organization.alternate_name,
        "description": organization.description,
        "email": organization.email,
        "website": organization.website,
        "legal_status": organization.legal_status,
        "uri": None,
    }
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
    if not (
        organization.referral_contact_name
        or organization.referral_phone
        or organization.referral_email
    ):
        return None
    contact_id = str(referral_contact_id(organization.id))
    phones = []
    if organization.referral_phone:
        phones.append(
            {
                "id": str(referral_phone_id(organization.id)),
                "contact_id": contact_id,
                "number": organization.referral_phone,
                "type": "voice",
            }
        )
    return _clean(
        {
            "id": contact_id,
            "organization_id": str(organization.id),
            "name": organization.referral_contact_name,
            "title": _("Referral contact"),
            "email": organization.referral_email,
            "phones": phones,
        }
    )


def hsds_contact(contact):
    return _clean(
        {
            "id": str(contact.id),
            "organization_id": str(contact.organization_id) if contact.organization_id else None,
            "service_id": str(contact.service_id) if contact.service_id else None,
            "name": contact.name,
            "title": contact.title,
            "department": contact.department,
            "email": contact.email,
            "phones": _hsds_public_phones(contact.phones.all()),
        }
    )


def hsds_service_at_location(sal, *, with_location=True):
    """The link of a service and a place; its description is free text next to the place,
    so a confidential place's is left out (it may say how to find it)."""
    data = {
        "id": str(sal.id),
        "service_id": str(sal.service_id),
        "location_id": str(sal.location_id),
        "description": "" if sal.location.is_confidential else sal.description,
    }
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


def _service_fields(service):
    """A service's own one-to-one public fields (never capacity, vacancies, intake notes or
    the verifier's email)."""
    return {
        "id": str(service.id),
        "organization_id": str(service.organization_id),
        "name": service.name,
        "alternate_name": service.alternate_name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": service.status,
        "interpretation_services": service.interpretation_services,
        "application_process": service.application_process,
        "fees_description": service.fees_description
        or (_("Free of charge") if service.is_free else ""),
        "wait_time": service.wait_time,
        "eligibility_description": service.eligibility_description,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "assured_date": _iso(service.assured_date),
        "alert": service.alert,
        "last_modified": _iso(service.last_modified),
    }


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
    return {
        "id": str(service.id),
        "name": service.name,
        "status": service.status,
        "last_modified": _iso(service.last_modified),
    }


def hsds_service(service, *, with_locations=True):
    """A public HSDS service: no capacity, vacancies, intake notes, staff-only phones or
    contacts, and confidential locations only at canton and province level.
    ``with_locations=False`` leaves out its service_at_locations (inside one of them)."""
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
            {
                "id": str(lang.id),
                "service_id": str(service.id),
                "name": lang.name,
                "code": lang.code,
            }
            for lang in service.languages.all()
        ],
        "organization": hsds_organization(service.organization, nested=False),
        "contacts": [hsds_contact(c) for c in service.contacts.all() if c.is_public],
        "attributes": [_hsds_attribute(service.id, link, term) for link, term in terms],
    }
    return _clean(data)
