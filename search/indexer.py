"""Builds the public search entries (one per object and language) from public data only,
and writes them with their postings (``search.postings``).

Directory data comes through ``directory.display`` (``location_data`` hides a
confidential location's address and coordinates); pages (``search.pages``) are indexed
only when live and public. An entry in a language the provider did not write falls back to
the other language's text, analysed in that language, and says so (``fallback``).
"""

import logging
from datetime import time

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from directory.display import location_data
from directory.fields import public_value as _public
from directory.models import DirectoryIndexPage, Organization
from directory.provinces import provinces
from directory.selectors import VISIBLE_SERVICE_STATUSES, public_organizations, public_services
from infra.cache_tags import DIRECTORY, SEARCH
from infra.page_cache import invalidate_now_and_on_commit
from search.languages import language_names
from search.models import SearchEntry, SearchTerm
from search.pages import STEP_SEPARATOR, page_entries
from search.postings import attach_fields, postings

logger = logging.getLogger(__name__)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
MINUTES_PER_DAY = 24 * 60
# Words people type for "free of charge" (the search rules add the others).
FREE_WORDS = {"es": "gratuito gratis", "en": "free"}


def _value(obj, field, language):
    """A translated field through the directory's allow-list (``directory.fields``)."""
    return _public(obj, field, language) or ""


def _other(language):
    return next((code for code in LANGUAGES if code != language), language)


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


def place_words(facets):
    """The cantons and the names of the provinces of a service's public locations."""
    words = list(facets["cantons"])
    for code in facets["provinces"]:
        province = provinces().get(code)
        if province:
            words.append(province.name)
    return words


def _translated(obj, field, language):
    """[(text, language it is written in)]: the field in ``language``, or the other one."""
    text = _value(obj, field, language)
    if text:
        return [(text, language)], False
    other = _other(language)
    text = _value(obj, field, other)
    return ([(text, other)] if text else []), bool(text)


def _labels(service, facets, language):
    parts = [
        (_public(service.organization, "name"), language),
        (_public(service.organization, "alternate_name"), language),
        *((_value(t, "name", language), language) for t in service.categories.all()),
        *((_value(t, "name", language), language) for t in service.populations.all()),
        (FREE_WORDS[language] if _public(service, "is_free") else "", language),
        (" ".join(place_words(facets)), language),
    ]
    for spoken in service.languages.all():
        code, typed = _public(spoken, "code"), _public(spoken, "name")
        parts += [(name, language) for name in language_names(code, typed, language)]
    return parts


def service_entries(service, directory_page=None):
    if service.status not in VISIBLE_SERVICE_STATUSES or not service.organization.is_active:
        return []
    facets = service_facets(service)
    entries = []
    for language in LANGUAGES:
        name, name_fallback = _translated(service, "name", language)
        alternate, _f = _translated(service, "alternate_name", language)
        description, description_fallback = _translated(service, "description", language)
        eligibility, _f = _translated(service, "eligibility_description", language)
        url = ""
        if directory_page is not None:
            url = directory_page.organization_urls(service.organization).get(language) or ""
        shown = description[0][0] if description else ""
        entry = SearchEntry(
            kind=SearchEntry.Kind.SERVICE,
            target_id=str(service.pk),
            language=language,
            title=(name[0][0] if name else _public(service, "name"))[:300],
            summary=shown[:300],
            content=shown[:5000],
            url=url,
            fallback=name_fallback or description_fallback,
        )
        attach_fields(
            entry, name + alternate, _labels(service, facets, language), description + eligibility
        )
        entry.source_text = (
            " ".join(text for text, _l in name + alternate),
            " ".join(
                text for text, _l in _labels(service, facets, language) + description + eligibility
            ),
        )
        entry.facets = facets
        entries.append(entry)
    return entries


def organization_entries(organization, directory_page=None):
    if not organization.is_active:
        return []
    entries = []
    urls = directory_page.organization_urls(organization) if directory_page else {}
    for language in LANGUAGES:
        description, fallback = _translated(organization, "description", language)
        shown = description[0][0] if description else ""
        entry = SearchEntry(
            kind=SearchEntry.Kind.ORGANIZATION,
            target_id=str(organization.pk),
            language=language,
            title=_public(organization, "name"),
            summary=shown[:300],
            content=shown[:5000],
            url=urls.get(language) or "",
            fallback=fallback,
        )
        name, alternate = _public(organization, "name"), _public(organization, "alternate_name")
        attach_fields(entry, [(name, language)], [(alternate, language)], description)
        entry.source_text = (name, f"{alternate} {shown}")
        entries.append(entry)
    return entries


# --- writing ----------------------------------------------------------------------------------


def directory_page():
    return DirectoryIndexPage.objects.live().public().first()


DIRECTORY_KINDS = {SearchEntry.Kind.SERVICE, SearchEntry.Kind.ORGANIZATION}


def _entries_changed(kind=None):
    """Tell every worker that the entries changed, by moving the shared content version:
    it keys what readers of queries remember, and cached public responses that show
    directory entries (the directory page, the HSDS API's ``search``) must go too, since
    entries are written by a background task after the change that invalidated them. A
    page's entries are shown only by searches, which are never cached. ``kind`` None: every
    kind."""
    if kind is None or kind in DIRECTORY_KINDS:
        invalidate_now_and_on_commit(DIRECTORY, SEARCH)
    else:
        invalidate_now_and_on_commit(SEARCH)


def write_entries(entries, batch_size=500):
    """Insert entries and their postings."""
    created = SearchEntry.objects.bulk_create(entries, batch_size=batch_size)
    rows = []
    for entry in created:
        rows += postings(entry)
        if len(rows) >= 5000:
            SearchTerm.objects.bulk_create(rows, batch_size=5000)
            rows = []
    SearchTerm.objects.bulk_create(rows, batch_size=5000)
    return created


def replace_entries(kind, target_id, entries, *, with_steps=False):
    """Replace the entries of one object (and, for a page, of its steps)."""
    selection = Q(kind=kind, target_id=str(target_id))
    if with_steps:
        selection |= Q(kind=kind, target_id__startswith=f"{target_id}{STEP_SEPARATOR}")
    with transaction.atomic():
        old = SearchEntry.objects.filter(selection)
        SearchTerm.objects.filter(entry__in=old).delete()
        old.delete()
        created = write_entries(entries)
    _entries_changed(kind)
    return created


def service_queryset():
    return public_services()


def index_service(service_id):
    service = service_queryset().filter(pk=service_id).first()
    entries = service_entries(service, directory_page()) if service else []
    return replace_entries(SearchEntry.Kind.SERVICE, service_id, entries)


def index_organization(organization_id):
    organization = Organization.objects.filter(pk=organization_id).first()
    page = directory_page()
    entries = organization_entries(organization, page) if organization else []
    created = replace_entries(SearchEntry.Kind.ORGANIZATION, organization_id, entries)
    if organization is not None:
        for service_id in organization.services.values_list("pk", flat=True):
            created += index_service(service_id)
    return created


def index_page(page_id):
    page = Page.objects.filter(pk=page_id).first()
    entries = page_entries(page) if page else []
    page_kinds = [SearchEntry.Kind.PROTOCOL, SearchEntry.Kind.TRAINING, SearchEntry.Kind.PAGE]
    created = []
    for kind in page_kinds:
        mine = [entry for entry in entries if entry.kind == kind]
        created += replace_entries(kind, page_id, mine, with_steps=True)
    return created


def all_entries(progress=None):
    """Every entry, built from the database (used by ``search_index --rebuild``)."""
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
    count = 0
    for each in Page.objects.live().filter(depth__gt=1).specific():
        yield from page_entries(each)
        count += 1
    if progress:
        progress("pages", count, count)


def rebuild_entries(progress=None):
    """Rebuild every entry and its postings; returns the number of entries."""
    entries = list(all_entries(progress))
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchEntry.objects.all().delete()
        created = write_entries(entries)
    _analyze(SearchEntry, SearchTerm, IndexEntry)
    _entries_changed()
    return len(created)


def _analyze(*models):
    """Fresh planner statistics after a bulk rewrite (PostgreSQL): without them the first
    searches pick a nested-loop plan that took 1.7 s at 4,000 services instead of 20 ms,
    until autovacuum came by. The GIN indexes' pending lists (Wagtail's own index, which the
    admin searches) are merged too: a bulk insert leaves the new entries in an unsorted list
    that every search scans until autovacuum."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        # VACUUM also marks the pages all-visible, so the scoring query reads the covering
        # index alone (no heap fetches: 7x faster); it cannot run inside a transaction.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        cursor.execute(f"{command} {tables}")
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
