"""After a bulk change (``infra.bulk``): one rebuild instead of one update per row. In the
background (an HSDS import): the public entries (the whole Elasticsearch index when a
cluster is configured) and the admin's search of the directory, which the import's bulk
writes left without per-row updates. At once (``load_demo``): the entries, when anything
changed; Elasticsearch is not touched (``search_index --rebuild`` fills it: ``make setup``
runs it)."""

import io
import logging

from django.conf import settings
from django.core.management import call_command
from django_tasks import task
from wagtail.search.backends import get_search_backend

from directory.models import Organization, Service, TaxonomyTerm
from search import indexer

logger = logging.getLogger("search")
CHUNK = 1000


def reindex_directory_admin_search():
    """The admin's own (database) search of organisations, services and terms, which the
    bulk writes left without per-row updates."""
    backend = get_search_backend()
    for model in (Organization, Service, TaxonomyTerm):
        index = backend.get_index_for_model(model)
        objects = model.get_indexed_objects().order_by("pk")
        for start in range(0, objects.count(), CHUNK):
            index.add_items(model, list(objects[start : start + CHUNK]))


@task()
def rebuild_search_index():
    """The entries (the whole Elasticsearch rebuild when a cluster is configured), then the
    admin's directory search."""
    if settings.ELASTICSEARCH_URL:
        call_command("search_index", "--rebuild", stdout=io.StringIO())
    else:
        indexer.rebuild_entries()
    reindex_directory_admin_search()
    logger.info("Search index rebuilt after a bulk directory change.")


def rebuild_after_bulk_change(sender, changes, background, **kwargs):
    if background:
        rebuild_search_index.enqueue()
    elif changes:
        indexer.rebuild_entries()
