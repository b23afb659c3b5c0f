"""Headless completeness (issue 21): for each page type, in both languages, every text an
editor wrote that the page's HTML shows is also in the content API's answer for that page.

The fictional site of the browser tests (``tests/browser/site``) fills every kind of page
realistically; the test walks the translated fields of each page (text, rich text and every
string inside StreamField blocks) and compares what reaches the HTML with what reaches
``/api/v2/pages/<id>/``."""

import html
import json
import re

import jsonschema
import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import Site

from infra.api.content_openapi import schema_name
from infra.api.content_schemas import page_schemas
from infra.api.openapi import build_openapi
from tests.browser.site import LANGUAGES, build_site

pytestmark = pytest.mark.django_db

TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")
ID_LIKE = re.compile(r"^[0-9a-f-]{8,}$|^\d+$")


def _normal(text):
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", text))).strip()


def _strings(value, path):
    """(path, text) for every string inside a raw field value (StreamField JSON too)."""
    if isinstance(value, str):
        text = _normal(value)
        if len(text) > 3 and not ID_LIKE.match(text):
            yield path, text
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "type"):
                yield from _strings(item, f"{path}.{key}")
            elif key == "type" and "value" not in value:
                continue
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, f"{path}[]")


def _written(page, language):
    """What an editor wrote on this page, in this language: (field path, text)."""
    found = []
    for field in page._meta.concrete_fields:
        if not field.name.endswith(f"_{language}") or field.name.startswith(
            ("slug", "url_path", "seo_title", "search_description")
        ):
            continue
        value = field.value_from_object(page)
        raw = getattr(value, "raw_data", value)
        found += _strings(
            list(raw) if raw is not None and not isinstance(raw, str) else raw, field.name
        )
    return found


@pytest.fixture
def site_pages():
    build_site()
    root = Site.objects.get(is_default_site=True).root_page
    return list(root.get_descendants(inclusive=True).live().specific())


def test_every_api_field_of_every_page_type_is_described():
    undescribed = [
        f"{page_type}.{name}"
        for page_type, fields in page_schemas().items()
        for name, schema in fields.items()
        if not schema
    ]
    assert not undescribed


def test_every_text_a_page_shows_is_in_the_content_api(client, site_pages):
    """And each page's answer has the shape the OpenAPI document gives its type."""
    schemas = build_openapi()["components"]["schemas"]
    missing = []
    types = set()
    for page in site_pages:
        for language in LANGUAGES:
            with translation.override(language):
                url = page.get_url()
            response = client.get(url)
            assert response.status_code == 200, url
            main = BeautifulSoup(response.content, "html.parser").find("main")
            shown = _normal(main.get_text(" "))
            api = client.get(f"/api/v2/pages/{page.pk}/", {"lang": language})
            assert api.status_code == 200, page
            page_type = f"{page._meta.app_label}.{type(page).__name__}"
            jsonschema.validate(api.json(), schemas[schema_name(page_type)])
            carried = _normal(json.dumps(api.json(), ensure_ascii=False).replace("\\n", " "))
            carried = _normal(json.loads(json.dumps(carried)))
            for path, text in _written(page, language):
                if text in shown:
                    types.add(type(page).__name__)
                    if text not in carried:
                        missing.append(f"{type(page).__name__} ({language}) {path}: {text[:60]}")
    assert {"ProtocolEditionPage", "ProtocolPhasePage", "TrainingModulePage"} <= types
    assert not missing, "\n".join(missing)
