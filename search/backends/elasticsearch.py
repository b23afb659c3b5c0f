"""Elasticsearch backend (elasticsearch-dsl): the query bodies are built by pure functions
(``directory_search``, ``site_search``) so tests can assert them with ``to_dict()``."""

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.dsl import A, Q, Search

from search.backends import DirectoryResult, SiteQuery, SiteResult
from search.backends.clock import GALAPAGOS, MAINLAND, local_now, minute_of_week
from search.documents import alias_name
from search.facets import CHOICE_FACETS, FLAG_FACETS

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


def text_query(text, language):
    """All words, each allowed a typo (fuzziness AUTO), title weighted 3×."""
    return Q(
        "multi_match",
        query=text,
        fields=[f"title_{language}^3", f"body_{language}"],
        operator="and",
        fuzziness="AUTO",
        prefix_length=1,
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
    return Q("term", **{facet.document_field: True})


def directory_search(query):
    """The Elasticsearch request for a directory search: text, facet aggregations that each
    ignore their own filter, the selected filters as post_filter, relevance or distance."""
    base = [Q("term", language=query.language), Q("term", kind="service")]
    must = [text_query(query.text, query.language)] if query.text.strip() else [Q("match_all")]
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
    if query.text.strip():
        search = search.suggest(
            "did_you_mean", query.text, term={"field": f"body_{query.language}"}
        )
    start = (query.page - 1) * query.per_page
    return search.source(["object_id"])[start : start + query.per_page]


def site_search(query):
    search = Search(index=alias_name()).query(
        Q(
            "bool",
            must=[text_query(query.text, query.language)],
            filter=[Q("term", language=query.language)],
        )
    )
    if query.kinds:
        search = search.post_filter(Q("terms", kind=list(query.kinds)))
    search.aggs.bucket("kinds", "terms", field="kind", size=10)
    search = search.suggest("did_you_mean", query.text, term={"field": f"body_{query.language}"})
    start = (query.page - 1) * query.per_page
    return search.source(["kind", "object_id", "title", "summary", "url"])[
        start : start + query.per_page
    ]


def _suggestion(response, text):
    suggest = getattr(response, "suggest", None)
    if not suggest or "did_you_mean" not in suggest:
        return ""
    words, changed = [], False
    for part in suggest["did_you_mean"]:
        options = part.get("options") or []
        if options:
            words.append(options[0]["text"])
            changed = True
        else:
            words.append(part["text"])
    return " ".join(words) if changed else ""


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, es=None):
        self.es = es or client()

    def directory(self, query):
        from search.backends.database import DatabaseBackend

        response = directory_search(query).using(self.es).execute()
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
            suggestion=_suggestion(response, query.text) if not ids else "",
            backend=self.name,
        )

    def service_ids(self, text, language):
        from search.backends import DirectoryQuery

        query = DirectoryQuery(text=text, language=language, per_page=MAX_IDS)
        response = directory_search(query).using(self.es).execute()
        return [hit.object_id for hit in response]

    def organization_ids(self, text, language):
        query = SiteQuery(text=text, language=language, kinds=("organization",), per_page=MAX_IDS)
        response = site_search(query).using(self.es).execute()
        return [hit.object_id for hit in response]

    def site(self, query):
        if not query.text.strip():
            return SiteResult(hits=[], total=0, kind_counts={}, backend=self.name)
        from search.models import SearchEntry

        labels = dict(SearchEntry.Kind.choices)
        response = site_search(query).using(self.es).execute()
        hits = [
            {
                "kind": hit.kind,
                "kind_label": labels.get(hit.kind, hit.kind),
                "object_id": hit.object_id,
                "title": hit.title,
                "summary": getattr(hit, "summary", ""),
                "url": getattr(hit, "url", ""),
            }
            for hit in response
        ]
        kind_counts = {
            bucket["key"]: bucket["doc_count"] for bucket in response.aggregations.kinds.buckets
        }
        return SiteResult(
            hits=hits,
            total=response.hits.total.value,
            kind_counts=kind_counts,
            suggestion=_suggestion(response, query.text) if not hits else "",
            backend=self.name,
        )
