"""What a change makes stale: a publish the pages it touches (in the page cache and in the
front proxy), a draft save nothing (infra.invalidation)."""

import pytest
from django.core.cache import cache

from infra import cache_tags, frontend_cache
from protocol_pages.factories import ProtocolIndexPageFactory
from training.factories import TrainingIndexPageFactory, TrainingModulePageFactory
from website.models import SiteSettings

pytestmark = pytest.mark.django_db

NGINX = "http://127.0.0.1:9"  # never reached: the purge is recorded, not sent


@pytest.fixture
def pages(home_page):
    training = TrainingIndexPageFactory(parent=home_page)
    module, other_module = (TrainingModulePageFactory(parent=training) for _ in range(2))
    protocol = ProtocolIndexPageFactory(parent=home_page)
    return {"module": module, "sibling": other_module, "index": training, "other": protocol}


@pytest.fixture
def caches_on(settings, monkeypatch):
    """The page cache and a front proxy whose purges are recorded."""
    SiteSettings.load()
    settings.RUTA_PAGE_CACHE_SECONDS = 300
    settings.RUTA_FRONTEND_CACHE_KEY = "refresh-key"
    settings.RUTA_FRONTEND_CACHE_SECONDS = 600
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "infra.frontend_cache.NginxRefreshBackend",
            "LOCATION": NGINX,
            "KEY": "refresh-key",
        }
    }
    purged = []
    monkeypatch.setattr(
        frontend_cache.NginxRefreshBackend, "purge", lambda self, url: purged.append(url)
    )
    cache.clear()
    yield purged
    cache.clear()


def served(client, *pages):
    return {page.url: client.get(page.url)["X-Ruta-Cache"] for page in pages}


def test_a_draft_save_makes_nothing_stale(
    client, pages, caches_on, django_capture_on_commit_callbacks
):
    everything = list(pages.values())
    served(client, *everything)
    module = pages["module"]
    with django_capture_on_commit_callbacks(execute=True):
        module.title_es = "Borrador sin publicar"
        module.save_revision()
    assert set(served(client, *everything).values()) == {"hit"}
    assert caches_on == []


def test_publishing_a_page_refreshes_it_and_its_neighbours_only(
    client, pages, caches_on, django_capture_on_commit_callbacks
):
    everything = list(pages.values())
    served(client, *everything)
    module = pages["module"]
    with django_capture_on_commit_callbacks(execute=True):
        module.title_es = "Módulo renovado"
        module.save_revision().publish()

    after = served(client, *everything)
    assert after[module.url] == after[pages["sibling"].url] == after[pages["index"].url] == "miss"
    assert after[pages["other"].url] == "hit"  # another branch of the site
    assert "Módulo renovado" in client.get(module.url).content.decode()
    # The front proxy is asked for this page's URLs, in both languages, and not the other's.
    assert any(url.endswith(module.url) for url in caches_on)
    assert not any(url.endswith(pages["other"].url) for url in caches_on)
    module.refresh_from_db()
    assert len({url for url in caches_on if module.slug_es in url or module.slug_en in url}) == 2


def test_unpublishing_refreshes_the_page(
    client, pages, caches_on, django_capture_on_commit_callbacks
):
    module = pages["module"]
    url = module.url
    served(client, module)
    with django_capture_on_commit_callbacks(execute=True):
        module.unpublish()
    assert any(purged.endswith(url) for purged in caches_on)
    assert client.get(url).status_code == 404


def test_deleting_a_page_makes_every_page_stale(
    client, pages, caches_on, django_capture_on_commit_callbacks
):
    served(client, pages["other"], pages["index"])
    with django_capture_on_commit_callbacks(execute=True):
        pages["sibling"].delete()
    assert set(served(client, pages["other"], pages["index"]).values()) == {"miss"}
    assert any(url.endswith(pages["other"].url) for url in caches_on)


def test_the_front_proxy_keeps_only_the_urls_a_publish_refreshes(client, pages, caches_on):
    page = client.get(pages["module"].url)
    assert "s-maxage=600" in page["Cache-Control"]
    searched = client.get(pages["module"].url, {"q": "x"})
    assert "s-maxage=0" in searched["Cache-Control"]


def test_a_refresh_of_a_page_gone_is_a_tombstone(client, pages, caches_on):
    """A refresh key bypasses the cache; a page the proxy may no longer keep answers a 503
    that nginx stores as already expired."""
    gone = client.get("/es/no-existe/", HTTP_X_RUTA_REFRESH="refresh-key")
    assert gone.status_code == 503
    assert gone["X-Accel-Expires"] == "@1"
    assert client.get("/es/no-existe/", HTTP_X_RUTA_REFRESH="wrong").status_code == 404


def test_a_render_during_a_change_is_not_left_to_the_front_proxy(
    client, pages, caches_on, monkeypatch
):
    """A reader's render that read the page before a publish committed may reach nginx
    after the publish's purge refreshed it: the proxy must not keep it. A refresh keeps it
    (it began after the commit)."""
    module = pages["module"]
    serve = type(module).serve

    def serve_while_a_publish_commits(page, request, *args, **kwargs):
        response = serve(page, request, *args, **kwargs)
        cache_tags.bump(cache_tags.PAGES)
        return response

    monkeypatch.setattr(type(module), "serve", serve_while_a_publish_commits)
    assert "s-maxage=0" in client.get(module.url)["Cache-Control"]
    refreshed = client.get(module.url, HTTP_X_RUTA_REFRESH="refresh-key")
    assert "s-maxage=600" in refreshed["Cache-Control"]
