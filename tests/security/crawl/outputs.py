"""The anonymous reader: fetches a URL, turns the answer into text (HTML, JSON, CSV, PDF
text and metadata, the files of a ZIP), scans it and its headers for markers, and counts."""

import io
import time
import zipfile
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.test import Client
from pypdf import PdfReader

from . import markers as marker_patterns

HOSTS = {"", "testserver", "localhost"}


@dataclass
class Leak:
    marker: str
    where: str  # the planted field
    output: str  # the URL or file it appeared in
    context: str


@dataclass
class Reader:
    markers: object
    # A 500 is counted (the test fails on it), not raised: the crawl goes on.
    client: Client = field(default_factory=lambda: Client(raise_request_exception=False))
    outputs: int = 0
    bytes: int = 0
    kinds: dict = field(default_factory=dict)  # kind of output -> count
    statuses: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)  # kind of output -> time spent reading
    leaks: list = field(default_factory=list)

    def get(self, url, kind, allowed=(), **extra):
        """GET ``url`` as an anonymous visitor; returns (response, text of the answer).
        ``allowed``: markers the URL itself carries (a search echoes its query)."""
        started = time.monotonic()
        response = self.client.get(url, **extra)
        text = self.read(url, kind, response, allowed)
        self.seconds[kind] = self.seconds.get(kind, 0) + time.monotonic() - started
        return response, text

    def read(self, url, kind, response, allowed=()):
        body = b"".join(response.streaming_content) if response.streaming else response.content
        headers = "\n".join(f"{name}: {value}" for name, value in response.headers.items())
        text = decode(body, response.get("Content-Type", ""))
        self.count(kind, len(body), response.status_code)
        self.scan(f"{headers}\n{text}", url, allowed=allowed)
        return text

    def count(self, kind, size, status=None):
        self.outputs += 1
        self.bytes += size
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        if status is not None:
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def scan(self, text, output, *, allowed=()):
        """Record every marker in ``text`` except ``allowed`` (a search's own query)."""
        for found in sorted(marker_patterns.find(text) - set(allowed)):
            self.leaks.append(
                Leak(found, self.markers.describe(found), output, context(text, found))
            )

    def read_file(self, name, data, kind):
        """A file that is not fetched by URL (an export)."""
        text = decode(data, content_type_of(name))
        self.count(kind, len(data))
        self.scan(text, name)
        return text

    def summary(self):
        kinds = ", ".join(
            f"{kind} {count} ({self.seconds.get(kind, 0):.1f} s)"
            for kind, count in sorted(self.kinds.items())
        )
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(self.statuses.items()))
        return (
            f"{self.outputs} anonymous outputs read ({self.bytes / 1e6:.1f} MB): {kinds}; "
            f"HTTP statuses {statuses}"
        )


def content_type_of(name):
    for suffix, content_type in ((".pdf", "application/pdf"), (".zip", "application/zip")):
        if name.endswith(suffix):
            return content_type
    return "text/plain"


def decode(body, content_type):
    if body.startswith(b"%PDF") or "application/pdf" in content_type:
        return pdf_text(body)
    if body.startswith(b"PK\x03\x04") or "zip" in content_type:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            parts = [
                f"{name}\n{decode(archive.read(name), content_type_of(name))}"
                for name in archive.namelist()
            ]
        return "\n".join(parts)
    return body.decode("utf-8", errors="replace")


def pdf_text(body):
    """Every page's text and the document's metadata (pypdf)."""
    reader = PdfReader(io.BytesIO(body))
    metadata = "\n".join(f"{key}: {value}" for key, value in (reader.metadata or {}).items())
    pages = "\n".join(page.extract_text() or "" for page in reader.pages)
    return f"{metadata}\n{pages}"


def context(text, found, width=80):
    position = text.lower().find(found)
    if position < 0:
        return ""
    return text[max(0, position - width) : position + len(found) + width].replace("\n", " ")


def local(url):
    """The path and query of ``url`` when it is on this site, else None."""
    parts = urlsplit(url)
    if parts.scheme not in {"", "http", "https"} or parts.hostname not in HOSTS | {None}:
        return None
    if parts.scheme == "" and parts.netloc == "" and not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")
