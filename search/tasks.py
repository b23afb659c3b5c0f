"""Background updates of the search entries (and of Elasticsearch when configured).

Signals only enqueue these tasks (after the transaction commits); the request never waits
for an index unless the immediate task backend of development is in use.
"""

import logging

from django.conf import settings
from django_tasks import task
from elasticsearch.helpers import bulk

from search import indexer
from search.backends.elasticsearch import client
from search.documents import EntryDocument, alias_name

logger = logging.getLogger("search")

BUILDERS = {
    "service": indexer.index_service,
    "organization": indexer.index_organization,
    "page": indexer.index_page,
}


def push_to_elasticsearch(kind, object_id, entries):
    """Replace the object's documents in the cluster; a failure is logged, never raised
    (``search_index --rebuild`` repairs the index later)."""
    if not getattr(settings, "ELASTICSEARCH_URL", ""):
        return
    try:
        es = client()
        es.delete_by_query(
            index=alias_name(),
            query={"term": {"object_id": str(object_id)}},
            conflicts="proceed",
        )
        actions = [
            {
                **EntryDocument.from_entry(entry, getattr(entry, "facets", None)).to_dict(
                    include_meta=True
                ),
                "_index": alias_name(),
            }
            for entry in entries
        ]
        if actions:
            bulk(es, actions)
    except Exception as error:
        logger.warning(
            "Could not update Elasticsearch for %s %s (%s); run search_index --rebuild later.",
            kind,
            object_id,
            type(error).__name__,
        )


@task()
def update_search_entries(kind, object_id):
    entries = BUILDERS[kind](object_id)
    push_to_elasticsearch(kind, object_id, entries or [])
