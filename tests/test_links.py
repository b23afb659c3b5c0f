"""Every link on every public page of a factory-built site answers 200, or redirects to a
page that does (issue 17: the training PDF links answered 404). An anonymous reader's
crawl from the home page in both languages, with the Django test client."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client

from tests.browser.site import build_site

# Followed and checked, but their pages are not crawled further: the admin, downloads and
# the APIs are not "public pages", and filtered lists only recombine the links they show.
LEAVES = ("/admin/", "/documents/", "/api/", "/static/", "/media/")
MAX_REDIRECTS = 3


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.found.append(attributes["href"])


def local_path(url):
    """Path and query of a link to this site, or None for another host or scheme."""
    parts = urlsplit(urldefrag(url)[0])
    if parts.scheme not in ("http", "https", "") or parts.netloc not in ("", "testserver"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def links_of(html, base):
    parser = Links()
    parser.feed(html)
    for href in parser.found:
        path = local_path(urljoin(base, href))
        if path is not None:
            yield path


def fetch(client, path):
    """Follow redirects by hand (at most a few): the final status and every hop."""
    hops = [path]
    response = client.get(path)
    while response.status_code in (301, 302, 303, 307, 308) and len(hops) <= MAX_REDIRECTS:
        target = local_path(urljoin(hops[-1], response["Location"]))
        if target is None:
            return None, hops  # redirected to another host: not ours to check
        hops.append(target)
        response = client.get(hops[-1])
    return response, hops


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site()
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_every_link_on_every_public_page_answers(site):
    client = Client()
    start = ["/es/", "/en/"] + [path for paths in site.public.values() for path in paths.values()]
    queue, seen, broken, crawled = deque(start), set(start), [], 0
    while queue:
        path = queue.popleft()
        response, hops = fetch(client, path)
        if response is None:
            continue
        if response.status_code != 200:
            broken.append(f"{' → '.join(hops)}: {response.status_code}")
            continue
        final = hops[-1]
        is_html = response.get("Content-Type", "").startswith("text/html")
        if not is_html or final.startswith(LEAVES) or "?" in final:
            continue
        crawled += 1
        for link in links_of(response.content.decode(), final):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    print(f"\nLink crawl: {crawled} public pages read, {len(seen)} links checked")
    assert not broken, "Broken links:\n" + "\n".join(broken)
    # The crawl reached the whole site: every kind of public page, and the PDF downloads.
    assert crawled >= 2 * len(site.public)
    assert any(link.endswith("handout.pdf") for link in seen)
    assert any(link.endswith("manual.pdf") for link in seen)


@pytest.mark.django_db
def test_pdf_addresses_with_a_trailing_slash_redirect_to_the_file(site):
    client = Client()
    module = site.public["training module"]["es"]
    edition = site.public["protocol edition"]["es"]
    for path in (f"{module}handout.pdf/", f"{edition}manual.pdf/"):
        response = client.get(path)
        assert response.status_code == 301
        assert response["Location"] == path.rstrip("/")
