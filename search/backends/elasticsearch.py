"""Elasticsearch backend (elasticsearch-dsl): the query is read by ``search.analysis``
exactly as for the database (rules, typo correction, stems), then scored by the cluster as
closely to ``search.backends.scoring`` as it allows: each term a ``combined_fields`` query
(BM25F over the three fields with the same weights), a concept the best of its terms, the
same qualification as a filter and "all words" as a bonus clause. The bodies are built by
pure functions (``directory_search``, ``site_search``) so tests assert them with
``to_dict()``."""

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.dsl import A, Q, Search

from directory.upkeep_rules import verified_since
from search.analysis import read_query
from search.backends import DirectoryQuery, DirectoryResult, SiteQuery
from search.backends.clock import GALAPAGOS, MAINLAND, local_now, minute_of_week
from search.backends.database import DatabaseBackend, fallback_ids
from search.backends.scoring import Scored
from search.backends.site import site_result
from search.documents import alias_name
from search.facets import CHOICE_FACETS, FLAG_FACETS
from search.lookup import query_context
from search.models import SearchEntry
from search.postings import FIELD_NAMES
from search.weights import COVERAGE_BONUS, FIELDS

KEYWORD_FACETS = {facet.name: facet.document_field for facet in CHOICE_FACETS}
FACET_SIZE = 100
MAX_IDS = 10_000  # Elasticsearch's default max_result_window


def client():
    return Elasticsearch(
        settings.ELASTICSEARCH_URL,
        request_timeout=getattr(settings, "ELASTICSEARCH_TIMEOUT", 2),
        max_retries=0,
        retry_on_timeout=False,
    )


TERM_FIELDS = [
    f"{name}_terms^{weight:g}"
    for name, (_c, _l, weight, _b) in zip(FIELD_NAMES, FIELDS, strict=True)
]


def _concept_clause(concept):
    """The best of the concept's terms, each weighted as in the database ranking."""
    alternatives = [
        Q("combined_fields", query=term, fields=TERM_FIELDS, boost=round(weight, 4))
        for term, weight in sorted(concept.terms.items())
    ]
    return alternatives[0] if len(alternatives) == 1 else Q("dis_max", queries=alternatives)


def text_query(concepts):
    """Scored clauses for every concept, with the database's qualification as a filter: a
    concept of the directory's vocabulary, or every concept asked for, or (a query of
    places only) a place."""
    if not concepts:
        return Q("match_none")
    clauses = [_concept_clause(concept) for concept in concepts]
    needs = [
        clause for c, clause in zip(concepts, clauses, strict=True) if c.counted and not c.place
    ]
    counted = [clause for c, clause in zip(concepts, clauses, strict=True) if c.counted]
    qualifying = [
        clause for c, clause in zip(concepts, clauses, strict=True) if c.anchor and c.counted
    ]
    if needs:
        qualifying.append(Q("bool", must=needs))
    else:
        qualifying += [clause for c, clause in zip(concepts, clauses, strict=True) if c.place]
    should = [*clauses]
    if len(counted) > 1:
        should.append(Q("bool", must=counted, boost=COVERAGE_BONUS))
    return Q(
        "bool",
        should=should,
        minimum_should_match=1,
        filter=[Q("bool", should=qualifying, minimum_should_match=1)],
    )


def filter_clauses(query):
    """{facet name: clause} of the filters in use (``search.facets``)."""
    clauses = {}
    selected = query.filters()
    for name, value in selected.items():
        if name in KEYWORD_FACETS:
            clauses[name] = Q("term", **{KEYWORD_FACETS[name]: value})
    for facet in FLAG_FACETS:
        if facet.name in selected:
            clauses[facet.name] = _flag_clause(facet, query)
    return clauses


def open_now_clause(now=None):
    """Open at this minute of the week, in Ecuador time (Galápagos: UTC−6)."""
    return Q(
        "bool",
        should=[
            Q(
                "bool",
                filter=[
                    Q("term", timezone=tz_name),
                    Q("term", open_minutes=minute_of_week(local_now(tz_name, now))),
                ],
            )
            for tz_name in (MAINLAND, GALAPAGOS)
        ],
        minimum_should_match=1,
    )


def _flag_clause(facet, query):
    if facet.timed:
        return open_now_clause(query.now)
    if facet.recent:
        return Q("range", **{facet.document_field: {"gte": verified_since().isoformat()}})
    return Q("term", **{facet.document_field: True})


def directory_search(query, concepts=()):
    """The Elasticsearch request for a directory search: the concepts of the query's text
    (``search.analysis``), facet aggregations that each ignore their own filter, the
    selected filters as post_filter, relevance or distance."""
    base = [Q("term", language=query.language), Q("term", kind="service")]
    must = [text_query(concepts)] if query.text.strip() else [Q("match_all")]
    search = Search(index=alias_name()).query(Q("bool", must=must, filter=base))
    clauses = filter_clauses(query)
    if clauses:
        search = search.post_filter(Q("bool", filter=list(clauses.values())))
    for facet, field_name in KEYWORD_FACETS.items():
        others = [c for name, c in clauses.items() if name != facet]
        aggregation = A("filter", Q("bool", filter=others))
        aggregation.bucket("values", "terms", field=field_name, size=FACET_SIZE)
        search.aggs.bucket(facet, aggregation)
    for facet in FLAG_FACETS:
        others = [c for name, c in clauses.items() if name != facet.name]
        search.aggs.bucket(
            facet.name, A("filter", Q("bool", filter=[*others, _flag_clause(facet, query)]))
        )
    if query.sort == "distance" and query.origin:
        search = search.sort(
            {
                "_geo_distance": {
                    "points": {"lat": query.origin[0], "lon": query.origin[1]},
                    "order": "asc",
                    "unit": "km",
                    "mode": "min",
                }
            }
        )
    elif not query.text.strip():
        search = search.sort("title.raw")
    start = (query.page - 1) * query.per_page
    return search.source(["object_id"])[start : start + query.per_page]


def site_search(query, concepts, size=MAX_IDS):
    """Every matching entry (``size`` at most), best first: site results are then shaped
    like the database's (``search.backends.site``: editions, snippets, pages)."""
    search = Search(index=alias_name()).query(
        Q("bool", must=[text_query(concepts)], filter=[Q("term", language=query.language)])
    )
    return search.source(["kind", "object_id", "title"])[0:size]


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, es=None):
        self.es = es or client()

    def _reading(self, text, language, literal=False):
        return read_query(text, language, query_context(language), literal=literal)

    def directory(self, query):
        reading = (
            self._reading(query.text, query.language, query.literal) if query.text.strip() else None
        )
        concepts = reading.concepts if reading else ()
        response = directory_search(query, concepts).using(self.es).execute()
        facets = {}
        aggregations = response.aggregations
        for facet in KEYWORD_FACETS:
            buckets = aggregations[facet]["values"]["buckets"]
            facets[facet] = {bucket["key"]: bucket["doc_count"] for bucket in buckets}
        for facet in FLAG_FACETS:
            facets[facet.name] = {"true": aggregations[facet.name]["doc_count"]}
        ids = [hit.object_id for hit in response]
        distances = {}
        if query.origin:
            # Shown distances come from public points (city level for confidential ones).
            distances = DatabaseBackend()._distances(ids, query.origin)
        return DirectoryResult(
            ids=ids,
            total=response.hits.total.value,
            facets=facets,
            distances=distances,
            suggestion=reading.suggestion if reading else "",
            backend=self.name,
            corrected=reading.corrected if reading else "",
            meanings=reading.meanings if reading else [],
            fallbacks=fallback_ids(ids, query.language) if ids else set(),
            unmatched=bool(reading) and not response.hits.total.value and not query.filters(),
        )

    def service_ids(self, text, language):
        query = DirectoryQuery(text=text, language=language, per_page=MAX_IDS)
        concepts = self._reading(text, language).concepts
        response = directory_search(query, concepts).using(self.es).execute()
        return [hit.object_id for hit in response]

    def organization_ids(self, text, language):
        query = SiteQuery(text=text, language=language)
        concepts = self._reading(text, language).concepts
        search = site_search(query, concepts).filter("term", kind="organization")
        return [hit.object_id for hit in search.using(self.es).execute()]

    def site(self, query):
        reading = (
            self._reading(query.text, query.language, query.literal) if query.text.strip() else None
        )
        if reading is None:
            return site_result(query, [], None, backend=self.name)
        response = site_search(query, reading.concepts).using(self.es).execute()
        found = _entries_for_hits(response)
        return site_result(query, found, reading, backend=self.name)


def _entries_for_hits(response):
    """[Scored] of the database entries behind the cluster's hits, in the cluster's order
    (snippets, editions and URLs are read from the database rows)."""
    from_hits = [
        (hit.kind, hit.object_id, getattr(hit.meta, "score", 0.0) or 0.0) for hit in response
    ]
    keys = {(kind, object_id) for kind, object_id, _s in from_hits}
    language = response.search.to_dict()["query"]["bool"]["filter"][0]["term"]["language"]
    rows = {
        (kind, target_id): (pk, title)
        for pk, kind, target_id, title in SearchEntry.objects.filter(
            language=language, target_id__in=[o for _k, o in keys]
        ).values_list("pk", "kind", "target_id", "title")
    }
    return [
        Scored(rows[(kind, object_id)][0], object_id, kind, rows[(kind, object_id)][1], score)
        for kind, object_id, score in from_hits
        if (kind, object_id) in rows
    ]
