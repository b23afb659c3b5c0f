"""Turning an entry's three fields into postings (``search.models.SearchTerm``)."""

from collections import Counter

from search.models import SearchTerm
from search.text import index_terms, stems

MAX_LENGTH = 32767  # PositiveSmallIntegerField
FIELD_NAMES = ("title", "labels", "body")


def analysed(parts):
    """(terms, length) of one field given as [(text, language)] (a field may hold text of
    the other language when the provider wrote only that one)."""
    terms, length = [], 0
    for text, language in parts:
        if text:
            terms += index_terms(text, language)
            length += len(stems(text, language))
    return terms, length


def attach_fields(entry, title, labels, body):
    """Remember the analysed fields on ``entry`` (each a list of (text, language)) and set
    its lengths; ``postings`` turns them into rows once the entry has a primary key."""
    fields = {}
    for name, parts in zip(FIELD_NAMES, (title, labels, body), strict=True):
        terms, length = analysed(parts)
        fields[name] = Counter(terms)
        setattr(entry, f"{name}_length", min(length, MAX_LENGTH))
    entry.analysed_fields = fields
    return entry


def postings(entry):
    fields = getattr(entry, "analysed_fields", None) or {}
    every = set().union(*fields.values()) if fields else set()
    rows = []
    for term in sorted(every):
        counts = [min(fields[name].get(term, 0), MAX_LENGTH) for name in FIELD_NAMES]
        rows.append(
            SearchTerm(
                entry_id=entry.pk,
                language=entry.language,
                kind=entry.kind,
                term=term[:80],
                in_title=counts[0],
                in_labels=counts[1],
                in_body=counts[2],
                title_length=entry.title_length,
                labels_length=entry.labels_length,
                body_length=entry.body_length,
            )
        )
    return rows
