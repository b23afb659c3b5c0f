"""Elasticsearch documents (elasticsearch-dsl): one index of public entries, one document per
object and language, read through an alias so a rebuild can swap indexes atomically.

Every field comes from a ``SearchEntry`` (built from public data only) and, for services,
the public facet data of ``search.indexer.service_facets``.
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
    token_filter,
)

from search.text import read_synonym_lines

ALIAS_SUFFIX = "entries"


def alias_name():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{ALIAS_SUFFIX}"


def spanish_synonyms():
    return token_filter(
        "ruta_spanish_synonyms", type="synonym_graph", synonyms=read_synonym_lines(), lenient=True
    )


def spanish_analyzer():
    """Lowercase, fold accents, synonyms (the editors' file), Spanish stemming."""
    return analyzer(
        "ruta_spanish",
        tokenizer="standard",
        filter=[
            "lowercase",
            "asciifolding",
            spanish_synonyms(),
            token_filter("ruta_spanish_stop", type="stop", stopwords="_spanish_"),
            token_filter("ruta_spanish_stemmer", type="stemmer", language="light_spanish"),
        ],
    )


def english_analyzer():
    return analyzer(
        "ruta_english",
        tokenizer="standard",
        filter=[
            "lowercase",
            "asciifolding",
            token_filter(
                "ruta_english_synonyms",
                type="synonym_graph",
                synonyms=read_synonym_lines(),
                lenient=True,
            ),
            token_filter("ruta_english_stemmer", type="stemmer", language="light_english"),
        ],
    )


# Index-time analyzers without the synonym graph (synonym_graph is for search time only).
def _index_analyzer(language):
    stemmer = "light_spanish" if language == "es" else "light_english"
    return analyzer(
        f"ruta_{language}_index",
        tokenizer="standard",
        filter=[
            "lowercase",
            "asciifolding",
            token_filter(f"ruta_{language}_index_stemmer", type="stemmer", language=stemmer),
        ],
    )


def analyzers():
    """Built when an index is created, so the current synonym file is used."""
    return [_index_analyzer("es"), _index_analyzer("en"), spanish_analyzer(), english_analyzer()]


class EntryDocument(Document):
    """A public search entry. ``title``/``body`` are analysed for the entry's language
    (``language`` is a filter, so an English query never matches Spanish text)."""

    kind = Keyword()
    object_id = Keyword()
    language = Keyword()
    title = Text(fields={"raw": Keyword()})
    summary = Text(index=False)
    url = Keyword(index=False)
    title_es = Text(analyzer="ruta_es_index", search_analyzer="ruta_spanish")
    body_es = Text(analyzer="ruta_es_index", search_analyzer="ruta_spanish")
    title_en = Text(analyzer="ruta_en_index", search_analyzer="ruta_english")
    body_en = Text(analyzer="ruta_en_index", search_analyzer="ruta_english")
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
    def from_entry(cls, entry, facets=None, source_text=None):
        """``source_text`` is the (title, body) raw text in the entry's language."""
        title_text, body_text = source_text or (entry.title, entry.summary)
        body = {
            "kind": entry.kind,
            "object_id": entry.target_id,
            "language": entry.language,
            "title": entry.title,
            "summary": entry.summary,
            "url": entry.url,
            f"title_{entry.language}": title_text,
            f"body_{entry.language}": body_text,
        }
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
