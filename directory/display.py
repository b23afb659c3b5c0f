"""Display dicts of the directory for templates: public, or with staff details for staff.

They never show a confidential location's address, coordinates, description, access notes
or direct phones, nor a service's staff-only fields or contacts, unless ``staff=True``
(signed-in staff of listed institutions who passed the two-factor step:
``directory.access.sees_staff_details``). Querysets that prefetch what they read are in
``directory.selectors``.
"""

from django.utils.translation import gettext as _

from directory.models import Service
from directory.provinces import provinces


def province_name(code):
    province = provinces().get(code)
    return province.name if province else code


def phone_data(phone):
    return {
        "number": phone.number,
        "extension": phone.extension,
        "type": phone.get_type_display(),
        "description": phone.description,
        "tel": "".join(ch for ch in phone.number if ch.isdigit() or ch == "+"),
    }


def _public_phones(phones, *, staff):
    return [phone_data(p) for p in phones if staff or not p.is_staff_only]


def location_data(location, *, staff=False):
    """A location for display. Confidential ones are public only as canton and province."""
    data = {
        "id": str(location.id),
        "is_confidential": location.is_confidential,
        "canton": location.canton,
        "province": location.province,
        "province_name": province_name(location.province),
        "location_type": location.get_location_type_display(),
        "url": location.url,
    }
    if location.is_confidential and not staff:
        data["name"] = _("Confidential location")
        data["phones"] = []
        return data
    data.update(
        {
            "name": location.name,
            "description": location.description,
            "address_1": location.address_1,
            "address_2": location.address_2,
            "postal_code": location.postal_code,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "transportation": location.transportation,
            "accessibility": location.accessibility,
            "phones": _public_phones(location.phones.all(), staff=staff),
        }
    )
    return data


def _contact_data(contact, *, staff):
    return {
        "name": contact.name,
        "title": contact.title,
        "department": contact.department,
        "email": contact.email,
        "is_public": contact.is_public,
        "phones": _public_phones(contact.phones.all(), staff=staff),
    }


def only_at_confidential_locations(service):
    """A service delivered only at confidential places (a shelter): its own phones are
    direct lines, so the public reaches it through the organisation's referral contact."""
    locations = [sal.location for sal in service.service_at_locations.all()]
    return bool(locations) and all(location.is_confidential for location in locations)


def service_data(service, *, staff=False):
    """A service for display; staff-only fields only with ``staff=True``."""
    schedules = [
        {
            "day": s.get_byday_display(),
            "opens_at": s.opens_at,
            "closes_at": s.closes_at,
            "open_24_hours": s.open_24_hours,
            "description": s.description,
        }
        for s in service.schedules.all()
    ]
    data = {
        "id": str(service.id),
        "name": service.name,
        "alternate_name": service.alternate_name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": service.status,
        "status_label": service.get_status_display(),
        "is_active": service.status == Service.Status.ACTIVE,
        "categories": [{"code": t.code, "name": t.name} for t in service.categories.all()],
        "populations": [{"code": t.code, "name": t.name} for t in service.populations.all()],
        "eligibility_description": service.eligibility_description,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "gender": service.get_gender_display(),
        "accepts_mother_with_children": service.accepts_mother_with_children,
        "application_process": service.application_process,
        "interpretation_services": service.interpretation_services,
        "is_free": service.is_free,
        "fees_description": service.fees_description,
        "wait_time": service.wait_time,
        "alert": service.alert,
        "assured_date": service.assured_date,
        "phones": _public_phones(service.phones.all(), staff=staff)
        if staff or not only_at_confidential_locations(service)
        else [],
        "schedules": schedules,
        "languages": [language.name for language in service.languages.all()],
        "locations": [
            location_data(sal.location, staff=staff) for sal in service.service_at_locations.all()
        ],
        "contacts": [
            _contact_data(c, staff=staff) for c in service.contacts.all() if staff or c.is_public
        ],
        "staff": None,
    }
    if staff:
        data["staff"] = {
            "capacity": service.capacity,
            "vacancies": service.vacancies,
            "intake_notes": service.intake_notes,
            "assurer_email": service.assurer_email,
        }
    return data


def organization_data(organization, *, staff=False, with_services=True):
    """An organisation for display: its public referral contact, phones, locations and
    services (use ``organization_with_services`` to prefetch them)."""
    data = {
        "id": str(organization.id),
        "name": organization.name,
        "alternate_name": organization.alternate_name,
        "slug": organization.slug,
        "description": organization.description,
        "kind": organization.get_kind_display(),
        "email": organization.email,
        "website": organization.website,
        "referral_contact_name": organization.referral_contact_name,
        "referral_phone": organization.referral_phone,
        "referral_email": organization.referral_email,
        "is_demo": organization.is_demo,
        "phones": _public_phones(organization.phones.all(), staff=staff),
        "contacts": [
            _contact_data(c, staff=staff)
            for c in organization.contacts.all()
            if staff or c.is_public
        ],
    }
    if with_services:
        data["services"] = [service_data(s, staff=staff) for s in organization.services.all()]
        data["locations"] = [
            location_data(loc, staff=staff) for loc in organization.locations.all()
        ]
        data["provinces"] = sorted({loc["province_name"] for loc in data["locations"]})
    return data
