"""What scoring needs to know about the entries (document frequencies, collection
statistics, titles), remembered in this process until the entries change: every write of
entries moves the shared content version (``search.indexer``)."""

from django.db.models import Avg, Count

from infra.page_cache import current_version
from search.models import SearchEntry, SearchTerm
from search.weights import FIELDS

_memory = {"stamp": None, "frequencies": {}, "collections": {}, "entries": {}, "fallbacks": {}}
MAX_REMEMBERED_TERMS = 50_000


def _remembered():
    """What this process remembers of the entries (document frequencies, collection
    statistics), dropped when the entries change (``stamp``)."""
    stamp = entries_stamp()
    if _memory["stamp"] != stamp:
        _memory.update(stamp=stamp, frequencies={}, collections={}, entries={}, fallbacks={})
    return _memory


def entries_stamp():
    """Every write of entries moves the shared content version (``search.indexer``)."""
    return current_version()


def document_frequencies(terms, language, kinds=None):
    """{term: number of entries holding it} in ``language`` (and ``kinds``)."""
    terms = sorted(set(terms))
    if not terms:
        return {}
    memory = _remembered()["frequencies"]
    scope = (language, tuple(sorted(kinds or ())))
    known = memory.setdefault(scope, {})
    missing = [term for term in terms if term not in known]
    if missing:
        rows = SearchTerm.objects.filter(language=language, term__in=missing)
        if kinds:
            rows = rows.filter(kind__in=list(kinds))
        found = dict(rows.values_list("term").annotate(n=Count("pk")).order_by())
        if len(known) > MAX_REMEMBERED_TERMS:
            known.clear()
        known.update({term: found.get(term, 0) for term in missing})
    return {term: known[term] for term in terms if known[term]}


def collection(language, kinds):
    """(number of entries, {length column: average}) of ``language`` and ``kinds``."""
    memory = _remembered()["collections"]
    scope = (language, tuple(sorted(kinds)))
    if scope not in memory:
        entries = SearchEntry.objects.filter(language=language, kind__in=list(kinds))
        averages = entries.aggregate(
            n=Count("pk"), **{length: Avg(length) for _c, length, _w, _b in FIELDS}
        )
        total = averages.pop("n") or 0
        memory[scope] = (total, {k: max(float(v or 0), 1.0) for k, v in averages.items()})
    return memory[scope]


def forget():
    _memory.update(stamp=None, frequencies={}, collections={}, entries={}, fallbacks={})


def described(language):
    """{entry id: (id, target id, kind, title)} of ``language``, remembered until the entries
    change (reading the titles with the scores cost more than the scoring at 10,000
    services)."""
    memory = _remembered()["entries"]
    if language not in memory:
        rows = SearchEntry.objects.filter(language=language).values_list(
            "pk", "target_id", "kind", "title"
        )
        memory[language] = {row[0]: row for row in rows.iterator(chunk_size=5000)}
    return memory[language]


def fallback_targets(language, kind):
    """The target ids whose entry in ``language`` holds the other language's text (the
    provider wrote only that one), remembered until the entries change."""
    memory = _remembered()["fallbacks"]
    if (language, kind) not in memory:
        rows = SearchEntry.objects.filter(language=language, kind=kind, fallback=True)
        memory[(language, kind)] = frozenset(rows.values_list("target_id", flat=True))
    return memory[(language, kind)]
