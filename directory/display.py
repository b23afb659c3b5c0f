"""Display dicts of the directory for templates: public, or with staff details for staff.

Each dict starts from the published fields of ``directory.fields`` (a confidential
location's, and a service's staff-only ones, only with ``staff=True``: signed-in staff of
listed institutions who passed the two-factor step, ``directory.access``) and adds labels
and nested records. The querysets that prefetch what they read are ``directory.selectors``.
"""

from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from directory.fields import public_values, staff_only_fields
from directory.hours import WEEK
from directory.models import Phone, Service, ServiceCapacity
from directory.phones import e164, whatsapp_url
from directory.provinces import provinces
from directory.upkeep_rules import capacity_is_stale, is_overdue, verification_due


def province_name(code):
    province = provinces().get(code)
    return province.name if province else code


def phone_data(phone):
    data = public_values(phone, ("number", "extension", "type", "description"))
    data["type"] = phone.get_type_display()
    data["tel"] = e164(phone.number)
    data["whatsapp_url"] = (
        whatsapp_url(phone.number) if phone.type == Phone.PhoneType.WHATSAPP else ""
    )
    return data


def _public_phones(phones, *, staff):
    return [phone_data(p) for p in phones if staff or not p.is_staff_only]


def location_data(location, *, staff=False):
    """A location for display. Confidential ones are public only as canton and province."""
    shown = staff or not location.is_confidential
    data = public_values(location, staff=staff)
    data.update(
        {
            "id": str(location.id),
            "province_name": province_name(location.province),
            "location_type": location.get_location_type_display(),
            "phones": _public_phones(location.phones.all(), staff=staff) if shown else [],
        }
    )
    if not shown:
        data["name"] = _("Confidential location")
    return data


def _contact_data(contact, *, staff):
    data = public_values(contact)
    data["phones"] = _public_phones(contact.phones.all(), staff=staff)
    return data


def only_at_confidential_locations(service):
    """A service delivered only at confidential places (a shelter): its own phones are
    direct lines, so the public reaches it through the organisation's referral contact."""
    locations = [sal.location for sal in service.service_at_locations.all()]
    return bool(locations) and all(location.is_confidential for location in locations)


def _weekday_order(schedule):
    """Monday to Sunday (every day, a blank weekday, first), then by opening time."""
    day = WEEK.index(schedule.byday) + 1 if schedule.byday in WEEK else 0
    return (day, schedule.opens_at is None, schedule.opens_at)


def _schedule_data(schedule):
    data = public_values(
        schedule, ("byday", "opens_at", "closes_at", "open_24_hours", "description")
    )
    data["day"] = schedule.get_byday_display()
    return data


def service_data(service, *, staff=False):
    """A service for display; staff-only fields only with ``staff=True``."""
    data = public_values(service)
    data.update(
        {
            "id": str(service.id),
            "status_label": service.get_status_display(),
            "is_active": service.status == Service.Status.ACTIVE,
            "categories": [{"code": t.code, "name": t.name} for t in service.categories.all()],
            "populations": [{"code": t.code, "name": t.name} for t in service.populations.all()],
            "gender": service.get_gender_display(),
            "phones": _public_phones(service.phones.all(), staff=staff)
            if staff or not only_at_confidential_locations(service)
            else [],
            "schedules": [
                _schedule_data(s) for s in sorted(service.schedules.all(), key=_weekday_order)
            ],
            "languages": [language.name for language in service.languages.all()],
            "locations": [
                location_data(sal.location, staff=staff)
                for sal in service.service_at_locations.all()
            ],
            "contacts": [
                _contact_data(c, staff=staff)
                for c in service.contacts.all()
                if staff or c.is_public
            ],
            "staff": None,
        }
    )
    data["verification_due"] = verification_due(service.assured_date)
    data["verification_overdue"] = is_overdue(service.assured_date)
    if staff:
        data["staff"] = {name: getattr(service, name) for name in staff_only_fields(Service)}
        data["staff"]["capacities"] = [capacity_data(c) for c in current_capacities(service)]
    return data


def current_capacities(service):
    """The latest bed count of each unit (prefetched by ``organization_with_services``
    for staff as ``current_capacities``)."""
    prefetched = getattr(service, "current_capacities", None)
    if prefetched is not None:
        return prefetched
    return list(service.capacities.filter(is_current=True).order_by("unit"))


def free_phrase(unit, count):
    if unit == ServiceCapacity.Unit.PLACES:
        return ngettext("%(count)s place free", "%(count)s places free", count) % {"count": count}
    return ngettext("%(count)s bed free", "%(count)s beds free", count) % {"count": count}


def capacity_summary(capacity, now=None):
    """ "12 beds free · updated 2 days ago", in the current language (staff only)."""
    age = timesince(capacity.updated, now or timezone.now(), depth=1)
    return _("%(free)s · updated %(age)s ago") % {
        "free": free_phrase(capacity.unit, capacity.available),
        "age": age,
    }


def capacity_data(capacity, now=None):
    """A bed count for staff: how many are free, of how many, how old, and whether it is too
    old to rely on (``RUTA_CAPACITY_STALE_HOURS``) or says there is no room."""
    return {
        "id": str(capacity.id),
        "unit": capacity.unit,
        "unit_label": capacity.get_unit_display(),
        "available": capacity.available,
        "maximum": capacity.maximum,
        "description": capacity.description,
        "updated": capacity.updated,
        "summary": capacity_summary(capacity, now),
        "is_stale": capacity_is_stale(capacity.updated, now),
        "is_full": capacity.available == 0,
    }


def organization_data(organization, *, staff=False, with_services=True):
    """An organisation for display: its public referral contact, phones, locations and
    services (use ``organization_with_services`` to prefetch them)."""
    data = public_values(organization)
    data.update(
        {
            "id": str(organization.id),
            "kind": organization.get_kind_display(),
            "phones": _public_phones(organization.phones.all(), staff=staff),
            "contacts": [
                _contact_data(c, staff=staff)
                for c in organization.contacts.all()
                if staff or c.is_public
            ],
        }
    )
    if with_services:
        data["services"] = [service_data(s, staff=staff) for s in organization.services.all()]
        data["locations"] = [
            location_data(loc, staff=staff) for loc in organization.locations.all()
        ]
        data["provinces"] = sorted({loc["province_name"] for loc in data["locations"]})
    return data
