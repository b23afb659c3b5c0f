"""Elasticsearch documents (elasticsearch-dsl): one index of public entries, one document per
object and language, read through an alias so a rebuild can swap indexes atomically.

Every field comes from a ``SearchEntry`` (built from public data only) and, for services,
the public facet data of ``search.indexer.service_facets``. The text arrives analysed by
``search.text`` (the same stems and bigrams as the database's postings), so the cluster
only splits on spaces; each field has its BM25 similarity with the database's ``b``.
"""

from django.conf import settings
from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    GeoPoint,
    IntegerRange,
    Keyword,
    Text,
    analyzer,
)

from search.postings import FIELD_NAMES
from search.weights import FIELDS, K1

ALIAS_SUFFIX = "entries"
TERMS_ANALYZER = "ruta_terms"


def alias_name():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{ALIAS_SUFFIX}"


def analyzers():
    """The one analyzer: terms are already stemmed in Python (``search.text``)."""
    return [analyzer(TERMS_ANALYZER, tokenizer="whitespace")]


def similarities():
    """BM25 per field with the database ranking's k1 and b (``search.backends.scoring``)."""
    return {
        f"ruta_{name}": {"type": "BM25", "k1": K1, "b": b}
        for name, (_column, _length, _weight, b) in zip(FIELD_NAMES, FIELDS, strict=True)
    }


def _terms_field(name):
    return Text(analyzer=TERMS_ANALYZER, similarity=f"ruta_{name}")


class EntryDocument(Document):
    """A public search entry. ``*_terms`` hold the entry's analysed fields (``language`` is a
    filter, so an English query never matches Spanish text)."""

    kind = Keyword()
    object_id = Keyword()
    language = Keyword()
    title = Text(fields={"raw": Keyword()})
    summary = Text(index=False)
    url = Keyword(index=False)
    fallback = Boolean()
    edition_id = Keyword()
    edition_date = Date()
    title_terms = _terms_field("title")
    labels_terms = _terms_field("labels")
    body_terms = _terms_field("body")
    # Services only: public facet data.
    status = Keyword()
    provinces = Keyword()
    categories = Keyword()
    populations = Keyword()
    languages = Keyword()
    is_free = Boolean()
    open_24_hours = Boolean()
    open_minutes = IntegerRange()
    timezone = Keyword()
    points = GeoPoint()
    assured_date = Date()

    @classmethod
    def from_entry(cls, entry, facets=None):
        """``entry`` as built by ``search.indexer`` (with its analysed fields)."""
        fields = getattr(entry, "analysed_fields", None) or {}
        body = {
            "kind": entry.kind,
            "object_id": entry.target_id,
            "language": entry.language,
            "title": entry.title,
            "summary": entry.summary,
            "url": entry.url,
            "fallback": entry.fallback,
        }
        if entry.edition_id:
            body["edition_id"] = str(entry.edition_id)
            body["edition_date"] = entry.edition_date.isoformat() if entry.edition_date else None
        for name in FIELD_NAMES:
            counts = fields.get(name, {})
            body[f"{name}_terms"] = " ".join(t for t in sorted(counts) for _n in range(counts[t]))
        if facets:
            body.update(
                {
                    "status": facets["status"],
                    "provinces": facets["provinces"],
                    "categories": facets["categories"],
                    "populations": facets["populations"],
                    "languages": facets["languages"],
                    "is_free": facets["is_free"],
                    "open_24_hours": facets["open_24_hours"],
                    "open_minutes": [{"gte": a, "lt": b} for a, b in facets["open_minutes"]],
                    "timezone": facets["timezone"],
                    "points": [{"lat": lat, "lon": lon} for lat, lon, _p in facets["points"]],
                    "assured_date": facets["assured_date"],
                }
            )
        return cls(meta={"id": f"{entry.kind}-{entry.target_id}-{entry.language}"}, **body)


def versioned_index_name(version):
    return f"{alias_name()}-{version}"
