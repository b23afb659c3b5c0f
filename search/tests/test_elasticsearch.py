"""The Elasticsearch backend without a cluster: exact request bodies (``to_dict()``); the
outage fallback and the real-cluster tests are in ``test_elasticsearch_outage``."""

from datetime import UTC, datetime

from directory.upkeep_rules import verified_since
from search.analysis import Concept
from search.backends import DirectoryQuery, SiteQuery
from search.backends.elasticsearch import directory_search, site_search
from search.documents import EntryDocument
from search.es_index import build_index
from search.models import SearchEntry
from search.postings import attach_fields

FIELDS = ["title_terms^3", "labels_terms^2", "body_terms^1"]

OPEN_NOW = {
    "bool": {
        "minimum_should_match": 1,
        "should": [
            {
                "bool": {
                    "filter": [
                        {"term": {"timezone": "America/Guayaquil"}},
                        {"term": {"open_minutes": 510}},
                    ]
                }
            },
            {
                "bool": {
                    "filter": [
                        {"term": {"timezone": "Pacific/Galapagos"}},
                        {"term": {"open_minutes": 450}},
                    ]
                }
            },
        ],
    }
}
PROVINCE = {"term": {"provinces": "EC-O"}}


def test_index_mapping_and_analyzers():
    body = build_index("ruta-test-entries-1").to_dict()
    assert body["settings"] == {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "similarity": {
            "ruta_title": {"type": "BM25", "k1": 1.2, "b": 0.5},
            "ruta_labels": {"type": "BM25", "k1": 1.2, "b": 0.3},
            "ruta_body": {"type": "BM25", "k1": 1.2, "b": 0.75},
        },
        "analysis": {"analyzer": {"ruta_terms": {"type": "custom", "tokenizer": "whitespace"}}},
    }
    properties = body["mappings"]["properties"]
    for name in ("title", "labels", "body"):
        assert properties[f"{name}_terms"] == {
            "type": "text",
            "analyzer": "ruta_terms",
            "similarity": f"ruta_{name}",
        }
    assert properties["provinces"] == {"type": "keyword"}
    assert properties["points"] == {"type": "geo_point"}
    assert properties["open_minutes"] == {"type": "integer_range"}


def _flag_agg(*clauses):
    return {"filter": {"bool": {"filter": list(clauses)}}}


def _terms_agg(field, *clauses):
    return {
        **_flag_agg(*clauses),
        "aggs": {"values": {"terms": {"field": field, "size": 100}}},
    }


def test_directory_query_body():
    query = DirectoryQuery(
        text="albergue mujeres",
        language="es",
        province="EC-O",
        open_now=True,
        now=datetime(2026, 11, 23, 13, 30, tzinfo=UTC),  # Monday 08:30 in Quito
        sort="distance",
        origin=(-3.2586, -79.9605),
    )
    concepts = [
        Concept("albergue", {"alberg": 1.0, "acog": 0.7}, anchor=True),
        Concept("mujeres", {"mujer": 1.0}, anchor=True),
        Concept("alberg_mujer", {"alberg_mujer": 0.5}, counted=False),
    ]
    shelter = {
        "dis_max": {
            "queries": [
                {"combined_fields": {"query": "acog", "fields": FIELDS, "boost": 0.7}},
                {"combined_fields": {"query": "alberg", "fields": FIELDS, "boost": 1.0}},
            ]
        }
    }
    women = {"combined_fields": {"query": "mujer", "fields": FIELDS, "boost": 1.0}}
    pair = {"combined_fields": {"query": "alberg_mujer", "fields": FIELDS, "boost": 0.5}}
    assert directory_search(query, concepts).to_dict() == {
        "query": {
            "bool": {
                "filter": [{"term": {"language": "es"}}, {"term": {"kind": "service"}}],
                "must": [
                    {
                        "bool": {
                            "should": [
                                shelter,
                                women,
                                pair,
                                {"bool": {"must": [shelter, women], "boost": 1.0}},
                            ],
                            "minimum_should_match": 1,
                            "filter": [
                                {
                                    "bool": {
                                        # a vocabulary word, or every word asked for
                                        "should": [
                                            shelter,
                                            women,
                                            {"bool": {"must": [shelter, women]}},
                                        ],
                                        "minimum_should_match": 1,
                                    }
                                }
                            ],
                        }
                    }
                ],
            }
        },
        "post_filter": {"bool": {"filter": [PROVINCE, OPEN_NOW]}},
        "aggs": {
            "province": _terms_agg("provinces", OPEN_NOW),
            "category": _terms_agg("categories", PROVINCE, OPEN_NOW),
            "population": _terms_agg("populations", PROVINCE, OPEN_NOW),
            "language": _terms_agg("languages", PROVINCE, OPEN_NOW),
            "free": _flag_agg(PROVINCE, OPEN_NOW, {"term": {"is_free": True}}),
            "open_now": _flag_agg(PROVINCE, OPEN_NOW),
            "open_24_hours": _flag_agg(PROVINCE, OPEN_NOW, {"term": {"open_24_hours": True}}),
            # verified within the verification period (12 months by default)
            "verified": _flag_agg(
                PROVINCE,
                OPEN_NOW,
                {"range": {"assured_date": {"gte": verified_since().isoformat()}}},
            ),
        },
        "sort": [
            {
                "_geo_distance": {
                    "points": {"lat": -3.2586, "lon": -79.9605},
                    "order": "asc",
                    "unit": "km",
                    "mode": "min",
                }
            }
        ],
        "from": 0,
        "size": 20,
        "_source": ["object_id"],
    }


def test_browse_without_text_sorts_by_name_and_pages():
    body = directory_search(DirectoryQuery(language="en", page=3, per_page=10)).to_dict()
    assert body["query"] == {
        "bool": {
            "filter": [{"term": {"language": "en"}}, {"term": {"kind": "service"}}],
            "must": [{"match_all": {}}],
        }
    }
    assert body["sort"] == ["title.raw"]
    assert (body["from"], body["size"]) == (20, 10)
    assert "post_filter" not in body
    assert "suggest" not in body


def test_site_query_body():
    concepts = [Concept("trafficking", {"traffick": 1.0, "trat": 0.8}, anchor=True)]
    body = site_search(SiteQuery(text="trafficking", language="en"), concepts).to_dict()
    word = {
        "dis_max": {
            "queries": [
                {"combined_fields": {"query": "traffick", "fields": FIELDS, "boost": 1.0}},
                {"combined_fields": {"query": "trat", "fields": FIELDS, "boost": 0.8}},
            ]
        }
    }
    assert body == {
        "query": {
            "bool": {
                "filter": [{"term": {"language": "en"}}],
                "must": [
                    {
                        "bool": {
                            "should": [word],
                            "minimum_should_match": 1,
                            "filter": [
                                {
                                    "bool": {
                                        "should": [word, {"bool": {"must": [word]}}],
                                        "minimum_should_match": 1,
                                    }
                                }
                            ],
                        }
                    }
                ],
            }
        },
        "from": 0,
        "size": 10000,
        "_source": ["kind", "object_id", "title"],
    }
    # A query of unknown words (no concepts) matches nothing in the cluster either.
    unknown = site_search(SiteQuery(text="xqzw"), []).to_dict()["query"]["bool"]["must"]
    assert unknown == [{"match_none": {}}]


def test_document_from_service_entry_uses_public_points_only():
    entry = SearchEntry(
        kind="service", target_id="abc", language="es", title="Casa", summary="Albergue", url="/x/"
    )
    facets = {
        "status": "active",
        "provinces": ["EC-O"],
        "categories": ["shelter"],
        "populations": ["women"],
        "languages": ["es"],
        "is_free": True,
        "open_24_hours": True,
        "open_minutes": [[0, 10080]],
        "timezone": "America/Guayaquil",
        "points": [[-3.2586, -79.9605, "city"]],
        "assured_date": "2026-11-01",
    }
    attach_fields(entry, [("Casa", "es")], [("Acogida", "es")], [("Albergue para mujeres", "es")])
    document = EntryDocument.from_entry(entry, facets)
    assert document.to_dict(include_meta=True) == {
        "_id": "service-abc-es",
        "_source": {
            "kind": "service",
            "object_id": "abc",
            "language": "es",
            "title": "Casa",
            "summary": "Albergue",
            "url": "/x/",
            "fallback": False,
            "title_terms": "cas",
            "labels_terms": "acog",
            "body_terms": "alberg alberg_muj muj",
            "status": "active",
            "provinces": ["EC-O"],
            "categories": ["shelter"],
            "populations": ["women"],
            "languages": ["es"],
            "is_free": True,
            "open_24_hours": True,
            "open_minutes": [{"gte": 0, "lt": 10080}],
            "timezone": "America/Guayaquil",
            "points": [{"lat": -3.2586, "lon": -79.9605}],
            "assured_date": "2026-11-01",
        },
    }
