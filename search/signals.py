"""Signal receivers: every public change enqueues a background update of the index.

Inside a bulk change (``infra.bulk``: the demo data, an HSDS import) changes are only
noted, and the index is rebuilt once at the end instead of once per save (``search.bulk``).
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from directory.models import (
    Language,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from infra.bulk import changed_in_bulk, note_change
from infra.page_cache import invalidate_now_and_on_commit
from search.bulk import rebuild_after_bulk_change
from search.models import SearchRule
from search.tasks import update_search_entries


def enqueue(kind, object_id):
    if note_change((kind, str(object_id))):  # one rebuild follows (``search.bulk``)
        return
    transaction.on_commit(lambda: update_search_entries.enqueue(kind, str(object_id)))


def _service(sender, instance, **kwargs):
    enqueue("service", instance.pk)


def _organization(sender, instance, **kwargs):
    enqueue("organization", instance.pk)


def _service_child(sender, instance, **kwargs):
    if instance.service_id:
        enqueue("service", instance.service_id)


def _location(sender, instance, **kwargs):
    for service_id in instance.service_at_locations.values_list("service_id", flat=True):
        enqueue("service", service_id)


def _term(sender, instance, **kwargs):
    service_ids = set(instance.services_in_category.values_list("pk", flat=True))
    service_ids |= set(instance.services_for_population.values_list("pk", flat=True))
    for service_id in service_ids:
        enqueue("service", service_id)


def _terms_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and hasattr(instance, "categories"):
        enqueue("service", instance.pk)


def _page(sender, instance, **kwargs):
    enqueue("page", instance.pk)


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        enqueue("page", instance.pk)


def _rules_changed(sender, **kwargs):
    """A published, unpublished or deleted rule applies to the next query in every worker."""
    invalidate_now_and_on_commit()


def connect():
    for signal in (post_save, post_delete):
        signal.connect(_service, sender=Service, dispatch_uid=f"search-service-{signal}")
        signal.connect(
            _organization, sender=Organization, dispatch_uid=f"search-organization-{signal}"
        )
        for model in (ServiceAtLocation, Schedule, Language):
            signal.connect(
                _service_child, sender=model, dispatch_uid=f"search-{model.__name__}-{signal}"
            )
    post_save.connect(_location, sender=Location, dispatch_uid="search-location")
    post_save.connect(_term, sender=TaxonomyTerm, dispatch_uid="search-term")
    for through in (Service.categories.through, Service.populations.through):
        m2m_changed.connect(_terms_changed, sender=through, dispatch_uid=f"search-m2m-{through}")
    changed_in_bulk.connect(rebuild_after_bulk_change, dispatch_uid="search-bulk-change")
    for signal in (post_save, post_delete):
        signal.connect(_rules_changed, sender=SearchRule, dispatch_uid=f"search-rule-{signal}")
    page_published.connect(_page, dispatch_uid="search-page-published")
    page_unpublished.connect(_page, dispatch_uid="search-page-unpublished")
    post_delete.connect(_page_deleted, dispatch_uid="search-page-deleted")
