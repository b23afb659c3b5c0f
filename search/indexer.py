"""Builds the public search entries (one per object and language) from public data only.

Directory data comes through ``directory.visibility`` (``location_data`` hides a
confidential location's address and coordinates); pages are indexed only when live and
public. Page types of other apps are handled generically (their ``search_fields``), so this
module never imports protocol or training models.
"""

import logging
from datetime import time

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import translation
from django.utils.html import strip_tags
from modelsearch.backends import get_search_backend

from directory.fields import public_value as _public
from search.models import SearchEntry
from search.text import index_text

logger = logging.getLogger(__name__)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
MINUTES_PER_DAY = 24 * 60
PAGE_KINDS = {"protocol_pages": SearchEntry.Kind.PROTOCOL, "training": SearchEntry.Kind.TRAINING}
SKIPPED_PAGE_APPS = {"wagtailcore"}


def _value(obj, field, language):
    value = getattr(obj, f"{field}_{language}", None)
    return value or ""


# --- directory ----------------------------------------------------------------------------


def _minutes(value):
    return value.hour * 60 + value.minute


def open_ranges(schedules):
    """Weekly opening hours as [start, end) minute-of-week ranges in local time."""
    ranges = []
    for schedule in schedules:
        days = [WEEKDAYS.index(schedule.byday)] if schedule.byday in WEEKDAYS else range(7)
        for day in days:
            base = day * MINUTES_PER_DAY
            if schedule.open_24_hours:
                ranges.append([base, base + MINUTES_PER_DAY])
                continue
            if schedule.opens_at is None or schedule.closes_at is None:
                continue
            start, end = _minutes(schedule.opens_at), _minutes(schedule.closes_at)
            if schedule.closes_at == time(0, 0):
                end = MINUTES_PER_DAY
            if end > start:
                ranges.append([base + start, base + end])
            elif end < start:  # overnight: until midnight, then the next morning
                ranges.append([base + start, base + MINUTES_PER_DAY])
                following = ((day + 1) % 7) * MINUTES_PER_DAY
                ranges.append([following, following + end])
    return ranges


def public_points(locations):
    """(latitude, longitude, precision) per public location: exact only where
    ``location_data`` gives coordinates (never for confidential locations), otherwise the
    province capital ("city" precision)."""
    from directory.provinces import provinces

    points = []
    for data in locations:
        if data.get("latitude") is not None and data.get("longitude") is not None:
            points.append((float(data["latitude"]), float(data["longitude"]), "exact"))
            continue
        province = provinces().get(data.get("province"))
        if province:
            points.append((province.latitude, province.longitude, "city"))
    return points


def service_facets(service):
    """Public filter data of a service (the Elasticsearch document's keyword fields)."""
    from directory.visibility import location_data

    locations = [location_data(sal.location) for sal in service.service_at_locations.all()]
    schedules = list(service.schedules.all())
    provinces_ = sorted({loc["province"] for loc in locations})
    assured = _public(service, "assured_date")
    return {
        "status": _public(service, "status"),
        "organization": str(service.organization_id),
        "provinces": provinces_,
        "cantons": sorted({loc["canton"] for loc in locations}),
        "categories": sorted(_public(t, "code") for t in service.categories.all()),
        "populations": sorted(_public(t, "code") for t in service.populations.all()),
        "languages": sorted(_public(language, "code") for language in service.languages.all()),
        "is_free": _public(service, "is_free"),
        "open_24_hours": any(s.open_24_hours for s in schedules),
        "open_minutes": open_ranges(schedules),
        "timezone": "Pacific/Galapagos" if "EC-W" in provinces_ else "America/Guayaquil",
        "points": [[lat, lon, precision] for lat, lon, precision in public_points(locations)],
        "assured_date": assured.isoformat() if assured else None,
    }


def _place_words(facets):
    from directory.provinces import provinces

    words = list(facets["cantons"])
    for code in facets["provinces"]:
        province = provinces().get(code)
        if province:
            words.append(province.name)
    return words


# Words people type for "free of charge" (the synonym file adds the others).
FREE_WORDS = {"es": "gratuito", "en": "free"}


def service_entries(service, directory_page=None):
    from directory.visibility import VISIBLE_SERVICE_STATUSES

    if service.status not in VISIBLE_SERVICE_STATUSES or not service.organization.is_active:
        return []
    facets = service_facets(service)
    places = " ".join(_place_words(facets))
    entries = []
    for language in LANGUAGES:
        name = _public(service, "name", language) or service.name
        title_words = f"{name} {_public(service, 'alternate_name', language)}"
        body = " ".join(
            [
                _public(service.organization, "name"),
                _public(service.organization, "alternate_name"),
                _public(service, "description", language),
                _public(service, "eligibility_description", language),
                " ".join(_public(t, "name", language) for t in service.categories.all()),
                " ".join(_public(t, "name", language) for t in service.populations.all()),
                " ".join(_public(lang, "name") for lang in service.languages.all()),
                FREE_WORDS[language] if _public(service, "is_free") else "",
                places,
            ]
        )
        url = ""
        if directory_page is not None:
            url = directory_page.organization_urls(service.organization).get(language) or ""
        entry = SearchEntry(
            kind=SearchEntry.Kind.SERVICE,
            target_id=str(service.pk),
            language=language,
            title=name,
            summary=_public(service, "description", language)[:300],
            url=url,
            title_text=index_text(title_words, language),
            body_text=index_text(body, language),
        )
        entry.source_text = (title_words, body)
        entry.facets = facets
        entries.append(entry)
    return entries


def organization_entries(organization, directory_page=None):
    if not organization.is_active:
        return []
    entries = []
    urls = directory_page.organization_urls(organization) if directory_page else {}
    for language in LANGUAGES:
        description = _public(organization, "description", language)
        body = f"{_public(organization, 'alternate_name')} {description}"
        entry = SearchEntry(
            kind=SearchEntry.Kind.ORGANIZATION,
            target_id=str(organization.pk),
            language=language,
            title=_public(organization, "name"),
            summary=description[:300],
            url=urls.get(language) or "",
            title_text=index_text(organization.name, language),
            body_text=index_text(body, language),
        )
        entry.source_text = (organization.name, body)
        entries.append(entry)
    return entries


# --- pages ----------------------------------------------------------------------------------


def _field_text(page, field_name):
    value = getattr(page, field_name, None)
    if value in (None, ""):
        return ""
    try:
        model_field = page._meta.get_field(field_name)
    except Exception:
        model_field = None
    if model_field is not None and hasattr(model_field, "get_searchable_content"):
        return " ".join(str(part) for part in model_field.get_searchable_content(value))
    if callable(value):
        value = value()
    return strip_tags(str(value))


def _page_texts(page, language):
    """The page's searchable text in one language: ``*_<language>`` fields, and fields that
    are not translated at all."""
    texts = []
    seen = set()
    for field in page.get_search_fields():
        name = getattr(field, "field_name", "")
        if not name or name in seen or not hasattr(field, "boost"):
            continue
        seen.add(name)
        _base, _sep, suffix = name.rpartition("_")
        if suffix in LANGUAGES:
            if suffix == language:
                texts.append(_field_text(page, name))
            continue
        if hasattr(page, f"{name}_{language}"):
            texts.append(_field_text(page, f"{name}_{language}"))
        elif not any(hasattr(page, f"{name}_{other}") for other in LANGUAGES):
            texts.append(_field_text(page, name))
    return " ".join(texts)


def page_kind(page):
    return PAGE_KINDS.get(page._meta.app_label, SearchEntry.Kind.PAGE)


def page_is_public(page):
    return page.live and page.depth > 1 and not page.get_view_restrictions().exists()


def page_entries(page):
    page = page.specific
    if not page_is_public(page) or page._meta.app_label in SKIPPED_PAGE_APPS:
        return []
    entries = []
    for language in LANGUAGES:
        title = _value(page, "title", language)
        if not title:
            continue
        with translation.override(language):
            url = page.get_url() or ""
        body = _page_texts(page, language)
        summary = _value(page, "search_description", language) or strip_tags(body)[:300]
        entry = SearchEntry(
            kind=page_kind(page),
            target_id=str(page.pk),
            language=language,
            title=title,
            summary=summary[:300],
            url=url,
            title_text=index_text(title, language),
            body_text=index_text(body, language),
        )
        entry.source_text = (title, body)
        entries.append(entry)
    return entries


# --- writing ----------------------------------------------------------------------------------


def directory_page():
    from directory.models import DirectoryIndexPage

    return DirectoryIndexPage.objects.live().first()


def _index():
    return get_search_backend().get_index_for_model(SearchEntry)


def _entries_changed():
    """Tell every worker that the entries changed, by moving the shared page-cache
    version: it keys the search statistics, and cached public responses that searched (the
    HSDS API's ``search``) must go too, since entries are written by a background task after
    the change that emptied the cache."""
    from infra.page_cache import invalidate_now_and_on_commit

    invalidate_now_and_on_commit()


def replace_entries(kind, target_id, entries):
    """Replace the entries of one object (database rows + database search index)."""
    with transaction.atomic():
        old = list(SearchEntry.objects.filter(kind=kind, target_id=str(target_id)))
        index = _index()
        for entry in old:
            index.delete_item(entry)
        SearchEntry.objects.filter(pk__in=[e.pk for e in old]).delete()
        created = SearchEntry.objects.bulk_create(entries)
        if created:
            index.add_items(SearchEntry, created)
    _entries_changed()
    return created


def service_queryset():
    from directory.visibility import public_services

    return public_services()


def index_service(service_id):
    service = service_queryset().filter(pk=service_id).first()
    entries = service_entries(service, directory_page()) if service else []
    return replace_entries(SearchEntry.Kind.SERVICE, service_id, entries)


def index_organization(organization_id):
    from directory.models import Organization

    organization = Organization.objects.filter(pk=organization_id).first()
    page = directory_page()
    entries = organization_entries(organization, page) if organization else []
    created = replace_entries(SearchEntry.Kind.ORGANIZATION, organization_id, entries)
    if organization is not None:
        for service_id in organization.services.values_list("pk", flat=True):
            created += index_service(service_id)
    return created


def index_page(page_id):
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    entries = page_entries(page) if page else []
    page_kinds = [SearchEntry.Kind.PROTOCOL, SearchEntry.Kind.TRAINING, SearchEntry.Kind.PAGE]
    created = []
    for kind in page_kinds:
        mine = [entry for entry in entries if entry.kind == kind]
        created += replace_entries(kind, page_id, mine)
    return created


def all_entries(progress=None):
    """Every entry, built from the database (used by ``search_index --rebuild``)."""
    from wagtail.models import Page

    from directory.visibility import public_organizations

    page = directory_page()
    services = service_queryset()
    total = services.count()
    for number, service in enumerate(services.iterator(chunk_size=500), start=1):
        yield from service_entries(service, page)
        if progress and (number % 500 == 0 or number == total):
            progress("services", number, total)
    organizations = public_organizations()
    for organization in organizations:
        yield from organization_entries(organization, page)
    if progress:
        progress("organisations", organizations.count(), organizations.count())
    pages = Page.objects.live().filter(depth__gt=1).specific()
    count = 0
    for each in pages:
        yield from page_entries(each)
        count += 1
    if progress:
        progress("pages", count, count)


def rebuild_entries(progress=None):
    """Rebuild every entry and the database search index for them; returns the count."""
    entries = list(all_entries(progress))
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    index = _index()
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        IndexEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(SearchEntry)
        ).delete()
        created = SearchEntry.objects.bulk_create(entries, batch_size=500)
    for start in range(0, len(created), 5000):
        index.add_items(SearchEntry, created[start : start + 5000])
    _analyze(SearchEntry, IndexEntry)
    _entries_changed()
    return len(created)


def _analyze(*models):
    """Fresh planner statistics after a bulk rewrite (PostgreSQL): without them the first
    searches pick a nested-loop plan that took 1.7 s at 4,000 services instead of 20 ms,
    until autovacuum came by. The GIN indexes' pending lists are merged too: a bulk insert
    leaves the new entries in an unsorted list that every search scans (5 ms for an
    8-result query at 10,000 services, 1 ms once merged), also until autovacuum."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")
        try:
            with transaction.atomic():  # needs the tables' owner; a replica refuses it
                cursor.execute(
                    "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
                    "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                    "WHERE a.amname = 'gin' AND i.indrelid = ANY(%s::regclass[])",
                    [[model._meta.db_table for model in models]],
                )
        except DatabaseError as error:
            logger.warning("Search index: GIN pending lists left to autovacuum (%s)", error)
