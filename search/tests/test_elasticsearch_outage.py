"""The Elasticsearch backend's outage fallback against a closed local port, and the tests
that need a real cluster (``ELASTICSEARCH_URL``)."""

import logging
import os
import socket

import pytest
from django.core.cache import cache
from django.core.management import call_command

from search import service as search_service
from search.backends import DirectoryQuery
from search.backends.elasticsearch import ElasticsearchBackend
from search.indexer import rebuild_entries
from search.models import SearchEntry
from search.tasks import update_search_entries


@pytest.fixture
def closed_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


@pytest.fixture
def outage(settings, closed_port):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    settings.ELASTICSEARCH_TIMEOUT = 1


@pytest.mark.django_db
def test_outage_answers_from_database_with_one_warning(
    outage, client, make_service, directory_page, caplog
):
    make_service(name="Casa de acogida Esperanza", name_es="Casa de acogida Esperanza")
    rebuild_entries()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        response = client.get(directory_page.url, {"q": "albergue"})
    assert response.status_code == 200
    assert "Casa de acogida Esperanza" in response.content.decode()
    assert response.context["backend"] == "database"
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert "Elasticsearch is unavailable" in warnings[0].getMessage()


@pytest.mark.django_db
def test_outage_site_search_still_works(outage, client, make_service, caplog):
    make_service(name="Asesoría legal Norte", name_es="Asesoría legal Norte")
    rebuild_entries()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        response = client.get("/es/buscar/", {"q": "asesoria legal"})
    assert response.status_code == 200
    assert "Asesoría legal Norte" in response.content.decode()
    assert len([r for r in caplog.records if r.levelno >= logging.WARNING]) == 1


@pytest.mark.django_db
def test_index_updates_during_outage_log_and_do_not_raise(outage, make_service, caplog):
    service = make_service()
    with caplog.at_level(logging.WARNING, logger="search"):
        update_search_entries.call("service", str(service.pk))
    assert SearchEntry.objects.filter(target_id=str(service.pk)).count() == 2
    assert "Could not update Elasticsearch" in caplog.text


# --- integration (a real cluster) ---------------------------------------------------------------

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")


@pytest.mark.elasticsearch
@pytest.mark.skipif(
    not ES_URL, reason="ELASTICSEARCH_URL is not set: no Elasticsearch cluster to test against"
)
@pytest.mark.django_db
def test_rebuild_and_search_on_a_real_cluster(settings, make_service, directory_page):
    settings.ELASTICSEARCH_URL = ES_URL
    settings.ELASTICSEARCH_INDEX_PREFIX = "ruta-pytest"
    service = make_service(name="Casa Refugio Sol", name_es="Casa Refugio Sol")
    call_command("search_index", "--rebuild", stdout=open(os.devnull, "w"))  # noqa: SIM115
    result = ElasticsearchBackend().directory(DirectoryQuery(text="albergue", language="es"))
    assert result.ids[:1] == [str(service.pk)]


# --- outage: the cluster is not asked again on every search -------------------------------------


@pytest.mark.django_db
def test_an_outage_is_remembered_then_retried(outage, make_service, caplog, monkeypatch):
    make_service(name="Asesoría legal Sur", name_es="Asesoría legal Sur")
    rebuild_entries()
    attempts = []
    real = ElasticsearchBackend.service_ids

    def counted(self, text, language):
        attempts.append(text)
        return real(self, text, language)

    monkeypatch.setattr(ElasticsearchBackend, "service_ids", counted)
    with caplog.at_level(logging.WARNING, logger="search"):
        for _ in range(5):
            assert len(search_service.service_ids("asesoria legal")) == 1  # from the database
    assert len(attempts) == 1  # the dead cluster was tried once, not five times
    assert len([r for r in caplog.records if r.levelno >= logging.WARNING]) == 1
    # After the retry time the cluster is tried again (and still fails: one more warning).
    cache.delete(search_service._outage_key())
    with caplog.at_level(logging.WARNING, logger="search"):
        assert len(search_service.service_ids("asesoria legal")) == 1
    assert len(attempts) == 2
    assert len([r for r in caplog.records if r.levelno >= logging.WARNING]) == 2


@pytest.mark.django_db
def test_a_malformed_cluster_url_is_an_outage_not_an_error(settings, make_service, caplog):
    settings.ELASTICSEARCH_URL = "not a url::"
    make_service(name="Asesoría legal Este", name_es="Asesoría legal Este")
    rebuild_entries()
    with caplog.at_level(logging.WARNING, logger="search"):
        assert len(search_service.service_ids("asesoria legal")) == 1
    assert "Elasticsearch is unavailable" in caplog.text
    cache.delete(search_service._outage_key())
