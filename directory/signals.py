"""A service's ``last_modified`` moves when anything shown with it changes.

HSDS: "The datetime when the service, or any related information about the service, has
changed". Clients that copy the directory ask for what changed since their last copy
(``modified_after``, ``minimal=true``), so a new phone, opening hours, place, language,
category, contact, an edited location or a renamed organisation or term must move the
dates of the services that show it. Only ``Service.objects.update`` is used here: it sends
no signal, so nothing loops. The HSDS import keeps the dates its file gives
(``keeping_last_modified``).
"""

import threading
from contextlib import contextmanager

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from directory.models import (
    Contact,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)

_state = threading.local()


@contextmanager
def keeping_last_modified():
    """Related changes made inside leave the services' dates alone."""
    previous = getattr(_state, "keeping", False)
    _state.keeping = True
    try:
        yield
    finally:
        _state.keeping = previous


def touch(service_ids):
    service_ids = {pk for pk in service_ids if pk}
    if service_ids and not getattr(_state, "keeping", False):
        Service.objects.filter(pk__in=service_ids).update(last_modified=timezone.now())


def _at_location(location_id):
    if not location_id:
        return []
    return list(
        ServiceAtLocation.objects.filter(location_id=location_id).values_list(
            "service_id", flat=True
        )
    )


def _service_child(sender, instance, **kwargs):
    """Schedules, languages, places (service at location) and contacts of one service."""
    touch([instance.service_id])


def _phone(sender, instance, **kwargs):
    service_ids = [instance.service_id, *_at_location(instance.location_id)]
    if instance.contact_id:
        service_ids += Contact.objects.filter(pk=instance.contact_id).values_list(
            "service_id", flat=True
        )
    touch(service_ids)


def _location(sender, instance, **kwargs):
    touch(_at_location(instance.pk))


def _organization(sender, instance, created=False, **kwargs):
    if not created:
        touch(instance.services.values_list("pk", flat=True))


def _term(sender, instance, created=False, **kwargs):
    if not created:
        touch(
            [
                *instance.services_in_category.values_list("pk", flat=True),
                *instance.services_for_population.values_list("pk", flat=True),
            ]
        )


def _terms_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        touch((pk_set or ()) if reverse else [instance.pk])


def connect():
    for signal in (post_save, post_delete):
        name = "save" if signal is post_save else "delete"
        for model in (Schedule, Language, ServiceAtLocation, Contact):
            signal.connect(
                _service_child, sender=model, dispatch_uid=f"last-modified-{model.__name__}-{name}"
            )
        signal.connect(_phone, sender=Phone, dispatch_uid=f"last-modified-phone-{name}")
    post_save.connect(_location, sender=Location, dispatch_uid="last-modified-location")
    post_save.connect(_organization, sender=Organization, dispatch_uid="last-modified-organization")
    post_save.connect(_term, sender=TaxonomyTerm, dispatch_uid="last-modified-term")
    for through in (Service.categories.through, Service.populations.through):
        m2m_changed.connect(
            _terms_changed, sender=through, dispatch_uid=f"last-modified-{through.__name__}"
        )
