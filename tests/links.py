"""The link crawl of ``tests/test_links*.py``: an anonymous reader follows every link of
every public page from a few start pages (Django's test client, redirects followed by
hand) and reports every link that does not end in a 200, and every link to an anchor
(``#step-…``) of a page read that the page does not have."""

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.test import Client

# Followed and checked, but their pages are not crawled further: the admin, downloads and
# the APIs are not "public pages", and filtered lists only recombine the links they show.
LEAVES = ("/admin/", "/documents/", "/api/", "/static/", "/media/")
MAX_REDIRECTS = 3


class Links(HTMLParser):
    """The links of a page and the ids its elements carry (the anchors links may name)."""

    def __init__(self):
        super().__init__()
        self.found, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.found.append(attributes["href"])
        if attributes.get("id"):
            self.ids.add(attributes["id"])


def local_path(url):
    """Path and query of a link to this site, or None for another host or scheme."""
    parts = urlsplit(urldefrag(url)[0])
    if parts.scheme not in ("http", "https", "") or parts.netloc not in ("", "testserver"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def links_of(html, base):
    """(ids of the page, [(path, anchor) of each link to this site])."""
    parser = Links()
    parser.feed(html)
    links = []
    for href in parser.found:
        url = urljoin(base, href)
        path = local_path(url)
        if path is not None:
            links.append((path, urldefrag(url)[1]))
    return parser.ids, links


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


@dataclass
class Crawl:
    """What a crawl found: pages read, links checked, and the broken ones with their hops."""

    crawled: list = field(default_factory=list)
    seen: set = field(default_factory=set)
    broken: list = field(default_factory=list)
    anchors: dict = field(default_factory=dict)  # {(path, anchor): page linking to it}
    ids: dict = field(default_factory=dict)  # {path read: its ids}

    def summary(self):
        return (
            f"{len(self.crawled)} public pages read, {len(self.seen)} links checked, "
            f"{len(self.anchors)} anchors"
        )

    def missing_anchors(self):
        """Links to an anchor of a page read that has no element with that id."""
        return [
            f"{source} → {path}#{anchor}: no such anchor"
            for (path, anchor), source in sorted(self.anchors.items())
            if path in self.ids and anchor not in self.ids[path]
        ]


def crawl(start, client=None):
    """Read every page reachable from ``start`` (paths) as an anonymous reader."""
    client = client or Client()
    result = Crawl(seen=set(start))
    queue = deque(start)
    while queue:
        path = queue.popleft()
        response, hops = fetch(client, path)
        if response is None:
            continue
        if response.status_code != 200:
            result.broken.append(f"{' → '.join(hops)}: {response.status_code}")
            continue
        final = hops[-1]
        is_html = response.get("Content-Type", "").startswith("text/html")
        if not is_html or final.startswith(LEAVES) or "?" in final:
            continue
        result.crawled.append(final)
        result.ids[final], links = links_of(response.content.decode(), final)
        for link, anchor in links:
            if anchor:
                result.anchors.setdefault((link, anchor), final)
            if link not in result.seen:
                result.seen.add(link)
                queue.append(link)
    result.broken += result.missing_anchors()
    return result
