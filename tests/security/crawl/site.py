"""Every page an anonymous visitor reaches from the home page, the sitemap and robots.txt:
links, redirects, every choice of every GET form (directory filters), every pager, and
the files pages link to (PDFs, documents). Static files come from the repository and are
not read."""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from .outputs import local

# The site search is a form in no page's links: its empty pages are seeds too.
SEEDS = ("/", "/es/", "/en/", "/es/buscar/", "/en/search/", "/sitemap.xml", "/robots.txt")
NOT_READ = ("/static/",)  # the repository's own files
LINK_ATTRIBUTES = {"href", "src", "action", "data-src", "srcset", "poster"}
PAGER_PARAMETERS = {"page", "lang"}
LIMIT = 4000  # URLs: a crawl that grows past this is a loop, not a site


class Links(HTMLParser):
    """The links of a page and the choices of its GET forms."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms, self._form = [], [], None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in LINK_ATTRIBUTES & attributes.keys():
            value = attributes[name] or ""
            self.links += [part.split()[0] for part in value.split(",") if part.strip()]
        if tag == "form" and (attributes.get("method") or "get").lower() == "get":
            self._form = {
                "action": attributes.get("action") or "",
                "choices": [],
                "text": [],
                "hidden": [],
            }
            self.forms.append(self._form)
        elif self._form is not None:
            self._field(tag, attributes)

    def _field(self, tag, attributes):
        name = attributes.get("name")
        if tag == "select":
            self._form["select"] = name
        elif tag == "option" and self._form.get("select") and attributes.get("value"):
            self._form["choices"].append((self._form["select"], attributes["value"]))
        elif tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            if kind == "hidden":
                self._form["hidden"].append((name, attributes.get("value") or ""))
            elif kind in {"checkbox", "radio"}:
                self._form["choices"].append((name, attributes.get("value") or "on"))
            elif kind in {"text", "search"}:
                self._form["text"].append(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._form is not None:
            self._form["select"] = None


def filters(url):
    """The query's parameters other than the pager's (a crawl follows one filter at a time:
    a combination only narrows what single filters already showed)."""
    return [
        key
        for key, value in parse_qsl(urlsplit(url).query)
        if value and key not in PAGER_PARAMETERS
    ]


def page_number(url):
    return dict(parse_qsl(urlsplit(url).query)).get("page", "1")


def wanted(url):
    """Not a static file; at most one filter; a filter's first page only (the unfiltered
    listing's pages already show every item)."""
    if url is None or url.startswith(NOT_READ):
        return False
    chosen = filters(url)
    return len(chosen) <= 1 and (not chosen or page_number(url) == "1")


def language(path):
    return path.strip("/").split("/")[0]


def sitemap_entries(text):
    return re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", text)


def robots_entries(text):
    return re.findall(
        r"^\s*(?:Sitemap|Allow|Disallow)\s*:\s*(\S+)", text, re.MULTILINE | re.IGNORECASE
    )


class SiteCrawl:
    def __init__(self, reader, extra_seeds=()):
        self.reader = reader
        self.queue = deque(dict.fromkeys([*SEEDS, *extra_seeds]))
        self.seen = set(self.queue)
        self.search_forms = {}  # action URL -> text input name (for the marker searches)
        self.choices = set()  # (kind of form, name, value) already submitted
        self.admin = 0

    def add(self, url, base="/", *, submitted=False):
        """``submitted``: a form's submission (its hidden values are not filters)."""
        url = local(urljoin(base, url)) if url else None
        if url and url.startswith("/admin/") and self.admin >= 3:
            return  # the sign-in page and its redirects: enough of the admin
        keep = url is not None and not url.startswith(NOT_READ) if submitted else wanted(url)
        if keep and url not in self.seen:
            assert len(self.seen) < LIMIT, f"the crawl passed {LIMIT} URLs (a loop?)"
            self.seen.add(url)
            self.queue.append(url)

    def run(self):
        while self.queue:
            url = self.queue.popleft()
            if url.startswith("/admin/"):
                self.admin += 1
            response, text = self.reader.get(url, kind_of(url))
            if response.status_code in {301, 302, 303, 307, 308}:
                self.add(response["Location"], url)
                continue
            content_type = response.get("Content-Type", "")
            if url.endswith("sitemap.xml") or "xml" in content_type:
                for entry in sitemap_entries(text):
                    self.add(entry, url)
            elif url.endswith("robots.txt"):
                for entry in robots_entries(text):
                    self.add(entry, url)
            elif "html" in content_type and not url.startswith("/admin/"):
                self.follow(url, text)
        return self.seen

    def follow(self, url, text):
        parser = Links()
        parser.feed(text)
        for link in parser.links:
            self.add(link, url)
        for form in parser.forms:
            action = local(urljoin(url, form["action"])) or url
            action = action.split("?")[0]
            self.submit(action, form, url)
            for name in form["text"]:
                self.search_forms.setdefault(action, name)

    def submit(self, action, form, base):
        """Each choice of a form, as a browser sends it (hidden values too): every choice
        once per kind of form and language, and the first choice of every form, so that
        each page's forms answer once (a province lookup on each step of each page)."""
        hidden = form["hidden"]
        kind = (
            language(action),
            tuple(sorted(name for name, _value in hidden)),
            tuple(sorted({name for name, _value in form["choices"]})),
        )
        for position, (name, value) in enumerate(form["choices"]):
            if position and (kind, name, value) in self.choices:
                continue
            self.choices.add((kind, name, value))
            self.add(f"{action}?{urlencode([*hidden, (name, value)])}", base, submitted=True)


def kind_of(url):
    path = urlsplit(url).path
    if path.endswith((".pdf", ".pdf/")):
        return "PDF"
    if path.startswith("/documents/"):
        return "document"
    if path.endswith((".xml", ".txt")):
        return "sitemap/robots"
    if "?" in url:
        return "listing, filter or pager"
    return "page"
