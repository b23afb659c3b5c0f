"""Demo step of ``load_demo``: build the search entries for the demo content just loaded."""

from search.indexer import rebuild_entries


def load(stdout):
    count = rebuild_entries()
    stdout.write(f"  {count} search entries built (database backend)")
