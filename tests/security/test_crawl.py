"""The crawl test (issue 15): load the demo data, plant a marker in every staff-only,
confidential, internal and private field, then read every output an anonymous visitor can
reach (pages, filters, pagers, searches, sitemap, robots.txt, PDFs, documents, both APIs in
every shape, page and language, the exports, error pages, headers) and find none of them.

Run it with ``-s`` to see the counts. Built once per module and rolled back afterwards."""

import time

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from directory.fields import FIELDS
from search.backends.freshness import forget
from search.indexer import rebuild_entries
from tests.security.crawl import policy
from tests.security.crawl.apis import (
    APICrawl,
    read_error_pages,
    read_exports,
    read_pdf_not_ready,
    read_server_errors,
)
from tests.security.crawl.markers import Markers, find
from tests.security.crawl.members import read_as_members
from tests.security.crawl.outputs import Reader
from tests.security.crawl.pages import (
    page_models,
    plant_pages,
    plant_private_files,
    plant_staff_only_blocks,
)
from tests.security.crawl.plant import label, plant_directory, plant_private, rows, text_fields
from tests.security.crawl.searches import read_searches
from tests.security.crawl.site import SiteCrawl

NO_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
QUIET = open("/dev/null", "w")  # noqa: SIM115


def decided(model):
    if model._meta.app_label == "directory" and model._meta.object_name in FIELDS:
        return True
    return label(model) in policy.POLICY


def test_every_model_is_decided():
    """A new model is planted in, or said to be public or system data, here or in
    directory/fields.py: the crawl covers it or the test says why not."""
    models = [model for model in apps.get_models() if not model._meta.proxy]
    undecided = sorted(label(model) for model in models if not decided(model))
    assert undecided == [], f"decide these models in tests/security/crawl/policy.py: {undecided}"
    stale = sorted(set(policy.POLICY) - {label(model) for model in models} - policy.BACKEND_ONLY)
    assert stale == [], f"policy.py names models that no longer exist: {stale}"


def first_pdf_url():
    for model in page_models():
        documents = getattr(model, "pdf_documents", {})
        page = model.objects.live().public().order_by("path").first()
        public = [kind for kind, spec in documents.items() if not spec.restricted]
        if page is not None and public:
            with translation.override("es"):
                return page.pdf_url(public[0])
    raise AssertionError("no page has a public PDF")


def plant(markers):
    """Every marker, written without signals or tasks; then the public search index is
    rebuilt from what the database now holds."""
    with override_settings(TASKS=NO_TASKS):
        guessed, missing = plant_pages(markers)
        assert missing == [], f"no live page of these kinds to copy: {missing}"
        blocks = plant_staff_only_blocks(markers)
        _files, file_urls = plant_private_files(markers)
        directory = plant_directory(markers)
        private = plant_private(markers)
    rebuild_entries()
    forget()
    return guessed, file_urls, {"staff-only blocks": blocks, "directory": directory, **private}


def read_everything(reader, guessed, files):
    statuses = {"pdf before its build": read_pdf_not_ready(reader, first_pdf_url())}
    for url in files:  # a private collection's file, its address guessed
        reader.get(url, "document", allowed=find(url))
    site = SiteCrawl(reader)
    site.run()
    api = APICrawl(reader)
    paths = api.run()
    exports = read_exports(reader)
    statuses["rate limited"] = read_error_pages(reader, api.search_lists, guessed)
    read_server_errors(reader)
    return site, api, {"API paths": paths, "export files": exports, **statuses}


def scan_search_index(reader):
    """The public search index itself (what both backends are built from): its entries
    and their postings."""
    for name in ("SearchEntry", "SearchTerm"):
        model = apps.get_model("search", name)
        names = [field.name for field in text_fields(model)]
        for values in rows(model).values_list(*names):
            text = "\n".join(str(value) for value in values)
            reader.count("search index entry", len(text))
            reader.scan(text, f"search.{name}")


@pytest.fixture(scope="module")
def crawl(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        started = time.monotonic()
        with override_settings(TASKS=NO_TASKS, RUTA_ALLOW_DEMO_DATA=True):
            call_command("load_demo", stdout=QUIET)
        loaded = time.monotonic()
        markers = Markers()
        guessed, files, planted = plant(markers)
        reader = Reader(markers)
        site, api, facts = read_everything(reader, guessed, files)
        scan_search_index(reader)
        searched, mismatches = read_searches(reader, markers, site.search_forms, api.search_lists)
        facts |= {"searches for markers": searched, "search forms": len(site.search_forms)}
        members = read_as_members(markers, site.seen)
        timing = (loaded - started, time.monotonic() - loaded)
        yield {
            "reader": reader,
            "markers": markers,
            "planted": planted,
            "facts": facts,
            "mismatches": mismatches,
            "timing": timing,
            "members": members,
        }
        transaction.set_rollback(True)


def report(crawl):
    markers, reader = crawl["markers"], crawl["reader"]
    load, rest = crawl["timing"]
    lines = [
        f"{len(markers.planted)} markers planted: "
        + ", ".join(f"{name} {count}" for name, count in sorted(crawl["planted"].items()) if count),
        reader.summary(),
        ", ".join(f"{name}: {value}" for name, value in crawl["facts"].items()),
        f"load_demo {load:.1f} s, planting and reading {rest:.1f} s",
    ]
    if markers.skipped:
        lines.append(f"fields that cannot hold a marker: {sorted(markers.skipped)}")
    return "\n".join(lines)


@pytest.mark.django_db
def test_no_marker_reaches_any_anonymous_output(crawl):
    reader = crawl["reader"]
    print("\n" + report(crawl))
    leaks = [f"{leak.where} in {leak.output}: …{leak.context}…" for leak in reader.leaks]
    assert leaks == [], f"{len(leaks)} leaks:\n" + "\n".join(leaks[:60])


@pytest.mark.django_db
def test_a_search_for_a_marker_finds_nothing(crawl):
    mismatches = [f"{m.where}: {m.url}" for m in crawl["mismatches"]]
    assert mismatches == [], "searches that found a marker:\n" + "\n".join(mismatches[:60])


@pytest.mark.django_db
def test_the_crawl_reached_every_kind_of_output(crawl):
    """A crawl that reads nothing finds nothing: each kind of output was really read."""
    kinds, facts = crawl["reader"].kinds, crawl["facts"]
    for kind in (
        "page",
        "listing, filter or pager",
        "PDF",
        "document",
        "API list page",
        "API detail",
        "API description",
        "export file",
        "error page",
        "search",
    ):
        assert kinds.get(kind, 0) > 0, f"no {kind} was read: {kinds}"
    assert facts["pdf before its build"] == 503
    assert facts["rate limited"] == 429
    assert facts["search forms"] >= 4  # site search and directory, in both languages
    planted = crawl["planted"]
    assert planted["directory"] > 0
    assert planted["staff-only blocks"] > 0
    for name in ("referrals.Referral", "auth.User", "otp_totp.TOTPDevice", "referrals.AuditEntry"):
        assert planted.get(name, 0) > 0, f"no marker in {name}"


@pytest.mark.django_db
def test_signed_in_people_without_staff_rights_see_no_marker(crawl):
    """A visitor with an account, and staff signed in with the password only, read every
    page the crawl reached and see no more than an anonymous visitor."""
    for who, reader in crawl["members"].items():
        assert reader.kinds.get(who, 0) > 0, f"{who} read no page"
        leaks = [f"{leak.where} in {leak.output}: …{leak.context}…" for leak in reader.leaks]
        assert leaks == [], f"{who}: {len(leaks)} leaks:\n" + "\n".join(leaks[:60])
