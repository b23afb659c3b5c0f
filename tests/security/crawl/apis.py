"""The APIs as /api/openapi.json documents them (every GET path, every page, every
documented shape and language, every detail), the exports, and the error answers."""

import io
import json
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from django.core.management import call_command
from django.db import OperationalError
from django.test import RequestFactory, override_settings
from django.urls import get_resolver

from .markers import find

OPENAPI = "/api/openapi.json"
PAGE_SIZES = {"per_page": 100, "limit": 20}  # the largest page each API allows
NO_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def parameters(operation):
    found = {}
    for parameter in operation.get("parameters", []):
        if "name" in parameter:
            found[parameter["name"]] = parameter.get("schema", {})
    return found


class APICrawl:
    def __init__(self, reader):
        self.reader = reader
        self.types = set()  # page types seen in the content API's lists
        self.ids = {}  # list path -> ids seen in its items
        self.search_lists = []  # (list path, languages) of lists that take ``search``

    def run(self):
        _response, text = self.reader.get(OPENAPI, "API description")
        document = json.loads(text)
        paths = {path: ops["get"] for path, ops in document["paths"].items() if "get" in ops}
        self.reader.get("/api/hsds/openapi.json", "API description")
        for path, operation in paths.items():
            if "{" not in path:
                self.walk_list(path, parameters(operation))
        for path, operation in paths.items():
            if "{" in path:
                self.walk_details(path, parameters(operation))
        return len(paths)

    def shapes(self, params):
        """No shape, then each documented boolean alone (full, minimal, full_service...)."""
        booleans = [name for name, schema in params.items() if schema.get("type") == "boolean"]
        return [{}] + [{name: "true"} for name in booleans]

    def walk_list(self, path, params):
        languages = params.get("lang", {}).get("enum") or [""]
        if "search" in params:
            self.search_lists.append((path, languages))
        size = next(({key: value} for key, value in PAGE_SIZES.items() if key in params), {})
        formats = [value for value in params.get("format", {}).get("enum", []) if value != "json"]
        for language in languages:
            base = {"lang": language} if language else {}
            for shape in self.shapes(params):
                query = {**base, **shape, **size}
                if "fields" in params:
                    query["fields"] = "*"
                self.pages(path, query)
            for extra in formats:  # other formats: the same pages, once per language
                self.pages(path, {**base, **size, "format": extra})
            if "type" in params:  # each page type with all its fields
                for kind in sorted(self.types):
                    self.pages(path, {**base, **size, "type": kind, "fields": "*"})

    def pages(self, path, query):
        """Every page of a list (HSDS: page numbers; Wagtail: offsets)."""
        number, offset = 1, 0
        while True:
            page = dict(query)
            if "per_page" in query:
                page["page"] = number
            elif "limit" in query:
                page["offset"] = offset
            _response, text = self.reader.get(f"{path}?{urlencode(page)}", "API list page")
            items, more = self.items(text, query, number, offset)
            self.ids.setdefault(path, set()).update(
                str(item["id"]) for item in items if isinstance(item, dict) and "id" in item
            )
            self.types.update(
                item["meta"]["type"] for item in items if isinstance(item, dict) and "meta" in item
            )
            if not more:
                return
            number, offset = number + 1, offset + len(items)

    def items(self, text, query, number, offset):
        if query.get("format") == "ndjson":
            items = [json.loads(line) for line in text.splitlines() if line.strip()]
            return items, len(items) == query.get("per_page")
        data = json.loads(text)
        if "contents" in data:  # HSDS
            return data["contents"], number < data.get("total_pages", 1)
        items = data.get("items", [])
        return items, bool(items) and offset + len(items) < data["meta"]["total_count"]

    def walk_details(self, path, params):
        list_path = path.split("{")[0].rstrip("/")
        ids = next(
            (found for key, found in self.ids.items() if key.rstrip("/") == list_path), set()
        )
        if not ids:
            return  # an empty list (no public image): nothing to read in detail
        languages = params.get("lang", {}).get("enum") or [""]
        for pk in sorted(ids):
            url = path.replace(path[path.index("{") : path.index("}") + 1], pk)
            for language in languages:
                for shape in self.shapes(params):
                    query = {**({"lang": language} if language else {}), **shape}
                    self.reader.get(f"{url}?{urlencode(query)}" if query else url, "API detail")


def read_exports(reader):
    """``export_hsds`` in each language: every file it writes (JSON, CSV, data package)."""
    files = 0
    for language in ("es", "en"):
        with tempfile.TemporaryDirectory() as folder:
            call_command("export_hsds", folder, "--language", language, stdout=io.StringIO())
            for path in sorted(Path(folder).rglob("*")):
                if path.is_file():
                    reader.read_file(
                        f"export ({language}) {path.name}", path.read_bytes(), "export file"
                    )
                    files += 1
    return files


def missing(reader, paths):
    """A page answering a guessed address may repeat it (a password form's return URL)."""
    for path in paths:
        reader.get(path, "error page", allowed=find(path))


def read_error_pages(reader, api_lists, guessed):
    """404s, 400s, a 429, a 503 while a PDF is not built yet, the 500 and 503 pages,
    and the private pages and files a visitor might guess the address of."""
    missing(
        reader,
        [
            "/es/no-existe-qz/",
            "/en/does-not-exist/",
            "/es/directorio/no-existe/",
            "/api/v2/pages/999999/",
            "/api/v2/documents/999999/",
            "/api/hsds/services/no-such-id",
            "/documents/999999/nothing.pdf",
            *(f"{path}?page=abc&per_page=0&lang=xx" for path, _languages in api_lists),
            "/api/v2/pages/?search=%22&search_operator=zzz",
            "/es/directorio/?page=abc&province=XX",
            "/es/buscar/?q=%00",
            *guessed,
        ],
    )
    reader.read("POST /es/buscar/", "error page", reader.client.post("/es/buscar/", {"q": "x"}))
    with override_settings(RUTA_API_RATE_LIMIT=(1, 60)):
        reader.get("/api/hsds/", "error page")
        response, _text = reader.get("/api/hsds/services", "error page")
    return response.status_code


def read_server_errors(reader):
    """The site's 500 page, and its 503 when the database is unreachable."""
    server_error = get_resolver().resolve_error_handler(500)
    request = RequestFactory().get("/es/")
    for error in (OperationalError("database is locked"), RuntimeError("boom")):
        try:
            raise error
        except type(error):
            assert sys.exc_info()[1] is error
            response = server_error(request)
        reader.read(f"/es/ ({response.status_code} page)", "error page", response)


def read_pdf_not_ready(reader, url):
    """A PDF asked for before it was built (tasks queued, none run): the 503 page."""
    with override_settings(TASKS=NO_TASKS):
        response, _text = reader.get(url, "error page")
    return response.status_code
