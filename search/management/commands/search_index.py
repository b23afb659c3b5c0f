"""``manage.py search_index --rebuild``: rebuild the public search index.

Database backend: rebuild the search entries and run Wagtail's ``update_index``.
Elasticsearch: also build a new versioned index, fill it, then swap the alias in one atomic
request, so readers never see an empty index; older versions are removed afterwards.
"""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from elasticsearch.helpers import bulk

from search import indexer
from search.backends.elasticsearch import client
from search.documents import EntryDocument, alias_name, versioned_index_name
from search.es_index import build_index


class Command(BaseCommand):
    help = "Rebuild the public search index (database entries, and Elasticsearch if configured)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="Rebuild everything from the database."
        )
        parser.add_argument(
            "--keep", type=int, default=1, help="Old Elasticsearch index versions to keep."
        )

    def progress(self, label, done, total):
        self.stdout.write(f"  {label}: {done}/{total}")

    def handle(self, *args, **options):
        if not options["rebuild"]:
            raise CommandError("Nothing to do: use --rebuild.")
        started = time.monotonic()
        self.stdout.write("Building search entries from the database…")
        count = indexer.rebuild_entries(progress=self.progress)
        self.stdout.write(f"{count} search entries written.")
        if settings.ELASTICSEARCH_URL:
            self.rebuild_elasticsearch(options["keep"])
        else:
            self.stdout.write(
                "Database backend (ELASTICSEARCH_URL is not set): running Wagtail's update_index."
            )
            call_command("update_index", verbosity=0, stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt: {count} entries in {time.monotonic() - started:.1f} s."
            )
        )

    def rebuild_elasticsearch(self, keep):
        es = client()
        try:
            es.info()
        except Exception as error:
            raise CommandError(
                f"Elasticsearch at ELASTICSEARCH_URL is unreachable ({type(error).__name__})."
            ) from error
        name = versioned_index_name(time.strftime("%Y%m%d%H%M%S"))
        self.stdout.write(f"Creating Elasticsearch index {name}…")
        build_index(name).create(using=es)
        actions, sent = [], 0
        for entry in indexer.all_entries(progress=self.progress):
            document = EntryDocument.from_entry(entry, getattr(entry, "facets", None))
            actions.append({**document.to_dict(include_meta=True), "_index": name})
            if len(actions) >= 500:
                sent += bulk(es, actions)[0]
                actions = []
                self.stdout.write(f"  sent {sent} documents")
        if actions:
            sent += bulk(es, actions)[0]
        es.indices.refresh(index=name)
        alias = alias_name()
        current = list(es.indices.get_alias(name=alias, ignore_unavailable=True) or {})
        swap = [{"add": {"index": name, "alias": alias}}]
        swap += [{"remove": {"index": old, "alias": alias}} for old in current]
        es.indices.update_aliases(actions=swap)
        self.stdout.write(f"Alias {alias} now points to {name} ({sent} documents).")
        versions = sorted(index for index in es.indices.get(index=f"{alias}-*") if index != name)
        for old in versions[: max(0, len(versions) - keep)]:
            es.indices.delete(index=old)
            self.stdout.write(f"Deleted old index {old}.")
