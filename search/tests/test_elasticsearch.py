"""The Elasticsearch backend without a cluster: exact request bodies (``to_dict()``), the
index definition and the documents (the outage and a real cluster:
``test_elasticsearch_outage.py``)."""

from datetime import UTC, datetime

from search.backends import DirectoryQuery, SiteQuery
from search.backends.elasticsearch import directory_search, site_search
from search.documents import EntryDocument
from search.es_index import build_index
from search.models import SearchEntry

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


def test_index_mapping_and_analyzers(settings, tmp_path):
    synonyms = tmp_path / "synonyms.txt"
    synonyms.write_text("# editors' file\nalbergue, casa de acogida\n\nshelter, safe house\n")
    settings.SEARCH_SYNONYMS_FILE = synonyms
    body = build_index("ruta-test-entries-1").to_dict()
    spanish_synonyms = {
        "type": "synonym_graph",
        "lenient": True,
        "synonyms": ["albergue, casa de acogida", "shelter, safe house"],
    }
    assert body["settings"] == {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "analysis": {
            "analyzer": {
                "ruta_es_index": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "ruta_es_index_stemmer"],
                },
                "ruta_en_index": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "ruta_en_index_stemmer"],
                },
                "ruta_spanish": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "lowercase",
                        "asciifolding",
                        "ruta_spanish_synonyms",
                        "ruta_spanish_stop",
                        "ruta_spanish_stemmer",
                    ],
                },
                "ruta_english": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "lowercase",
                        "asciifolding",
                        "ruta_english_synonyms",
                        "ruta_english_stemmer",
                    ],
                },
            },
            "filter": {
                "ruta_es_index_stemmer": {"type": "stemmer", "language": "light_spanish"},
                "ruta_en_index_stemmer": {"type": "stemmer", "language": "light_english"},
                "ruta_spanish_synonyms": spanish_synonyms,
                "ruta_spanish_stop": {"type": "stop", "stopwords": "_spanish_"},
                "ruta_spanish_stemmer": {"type": "stemmer", "language": "light_spanish"},
                "ruta_english_synonyms": spanish_synonyms,
                "ruta_english_stemmer": {"type": "stemmer", "language": "light_english"},
            },
        },
    }
    text = {"type": "text"}
    assert body["mappings"] == {
        "properties": {
            "kind": {"type": "keyword"},
            "object_id": {"type": "keyword"},
            "language": {"type": "keyword"},
            "title": {**text, "fields": {"raw": {"type": "keyword"}}},
            "summary": {**text, "index": False},
            "url": {"type": "keyword", "index": False},
            "title_es": {**text, "analyzer": "ruta_es_index", "search_analyzer": "ruta_spanish"},
            "body_es": {**text, "analyzer": "ruta_es_index", "search_analyzer": "ruta_spanish"},
            "title_en": {**text, "analyzer": "ruta_en_index", "search_analyzer": "ruta_english"},
            "body_en": {**text, "analyzer": "ruta_en_index", "search_analyzer": "ruta_english"},
            "status": {"type": "keyword"},
            "provinces": {"type": "keyword"},
            "categories": {"type": "keyword"},
            "populations": {"type": "keyword"},
            "languages": {"type": "keyword"},
            "is_free": {"type": "boolean"},
            "open_24_hours": {"type": "boolean"},
            "open_minutes": {"type": "integer_range"},
            "timezone": {"type": "keyword"},
            "points": {"type": "geo_point"},
            "assured_date": {"type": "date"},
        }
    }


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
    assert directory_search(query).to_dict() == {
        "query": {
            "bool": {
                "filter": [{"term": {"language": "es"}}, {"term": {"kind": "service"}}],
                "must": [
                    {
                        "multi_match": {
                            "query": "albergue mujeres",
                            "fields": ["title_es^3", "body_es"],
                            "fuzziness": "AUTO",
                            "operator": "and",
                            "prefix_length": 1,
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
        "suggest": {"did_you_mean": {"text": "albergue mujeres", "term": {"field": "body_es"}}},
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
    body = site_search(SiteQuery(text="trata", language="en", kinds=("protocol",))).to_dict()
    assert body == {
        "query": {
            "bool": {
                "filter": [{"term": {"language": "en"}}],
                "must": [
                    {
                        "multi_match": {
                            "query": "trata",
                            "fields": ["title_en^3", "body_en"],
                            "fuzziness": "AUTO",
                            "operator": "and",
                            "prefix_length": 1,
                        }
                    }
                ],
            }
        },
        "post_filter": {"terms": {"kind": ["protocol"]}},
        "aggs": {"kinds": {"terms": {"field": "kind", "size": 10}}},
        "from": 0,
        "size": 20,
        "_source": ["kind", "object_id", "title", "summary", "url"],
        "suggest": {"did_you_mean": {"text": "trata", "term": {"field": "body_en"}}},
    }


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
    document = EntryDocument.from_entry(entry, facets, ("Casa", "Albergue para mujeres"))
    assert document.to_dict(include_meta=True) == {
        "_id": "service-abc-es",
        "_source": {
            "kind": "service",
            "object_id": "abc",
            "language": "es",
            "title": "Casa",
            "summary": "Albergue",
            "url": "/x/",
            "title_es": "Casa",
            "body_es": "Albergue para mujeres",
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
