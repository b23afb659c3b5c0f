"""Read-only public HSDS 3 API under /api/hsds/. Every object comes from directory.visibility.

``PARAMETERS`` says what each endpoint accepts: the views refuse anything else, and the
OpenAPI description served at /api/hsds/openapi.json (``directory.openapi``) lists exactly
these.
"""

import json
import math
import uuid
from datetime import UTC, datetime, time
from functools import partial

from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from directory import visibility
from directory.models import Taxonomy, TaxonomyTerm
from search import service as search_service

MAX_PER_PAGE = 100
MAX_PAGE = 100_000  # larger page numbers overflow the database's OFFSET
DEFAULT_PER_PAGE = 25
# minimal=true: HSDS asks to "aim to return all services within one call"; 10,000 is all of
# a national directory (about 1.4 MB), in one light query.
MINIMAL_PER_PAGE = 10_000
MAX_SEARCH_LENGTH = 200
LANGUAGES = ("es", "en")

LIST_PARAMETERS = frozenset({"page", "per_page", "format", "search", "modified_after", "lang"})
SERVICE_FILTERS = frozenset({"taxonomy_term_id", "taxonomy_id", "organization_id"})
TAXONOMY_FILTERS = frozenset({"taxonomy_term_id", "taxonomy_id"})
DETAIL_PARAMETERS = frozenset({"lang"})
PARAMETERS = {
    "/": DETAIL_PARAMETERS,
    "/services": LIST_PARAMETERS | SERVICE_FILTERS | {"full", "minimal"},
    "/services/{id}": DETAIL_PARAMETERS,
    "/organizations": LIST_PARAMETERS | TAXONOMY_FILTERS | {"full", "full_service"},
    "/organizations/{id}": DETAIL_PARAMETERS | {"full_service"},
    "/service_at_locations": LIST_PARAMETERS | SERVICE_FILTERS | {"full"},
    "/service_at_locations/{id}": DETAIL_PARAMETERS,
    "/taxonomies": LIST_PARAMETERS,
    "/taxonomies/{id}": DETAIL_PARAMETERS,
    "/taxonomy_terms": LIST_PARAMETERS | {"taxonomy_id", "top_only", "parent_id"},
    "/taxonomy_terms/{id}": DETAIL_PARAMETERS,
}
# In the HSDS specification, but meaningless here: Ruta's directory has no postcodes.
WITHOUT_POSTCODES = frozenset({"postcode", "proximity"})
TRUE, FALSE = frozenset({"true", "1"}), frozenset({"false", "0"})


class BadRequest(Exception):
    pass


def _error(message, status=400):
    return JsonResponse(
        {"error": message, "status": status},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def _uuid(params, name):
    value = params.get(name)
    if value in (None, ""):
        return None
    try:
        return uuid.UUID(value)
    except ValueError as error:
        raise BadRequest(
            _("The parameter “%(name)s” must be a UUID, got “%(value)s”.")
            % {"name": name, "value": value}
        ) from error


def _positive_int(params, name, default, maximum=None):
    value = params.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError as error:
        raise BadRequest(
            _("The parameter “%(name)s” must be a whole number, got “%(value)s”.")
            % {"name": name, "value": value}
        ) from error
    if number < 1 or (maximum and number > maximum):
        raise BadRequest(
            _("The parameter “%(name)s” must be between 1 and %(maximum)s.")
            % {"name": name, "maximum": maximum or "…"}
        )
    return number


def _boolean(params, name):
    """HSDS boolean parameters: true/false or 1/0 in any case; empty or absent is false."""
    value = params.get(name)
    if value in (None, ""):
        return False
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise BadRequest(
        _("The parameter “%(name)s” must be true or false (or 1 or 0), got “%(value)s”.")
        % {"name": name, "value": value}
    )


def _modified_after(params):
    value = params.get("modified_after")
    if not value:
        return None
    moment = parse_datetime(value.replace(" ", "+"))
    if moment is None:
        day = parse_date(value)
        moment = datetime.combine(day, time.min) if day else None
    if moment is None:
        raise BadRequest(
            _("“modified_after” must be an ISO 8601 date or date-time, e.g. 2026-01-31T00:00:00Z.")
        )
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, timezone.get_default_timezone())
        # In UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 parsers accept.
        return moment.astimezone(UTC)
    except (OverflowError, ValueError) as error:
        raise BadRequest(
            _("“modified_after” must be an ISO 8601 date or date-time, e.g. 2026-01-31T00:00:00Z.")
        ) from error


def _check_params(params, allowed):
    lang = params.get("lang")
    if lang and lang not in LANGUAGES:
        raise BadRequest(_("“lang” must be “es” or “en”."))
    if set(params) & WITHOUT_POSTCODES:
        raise BadRequest(
            _(
                "“postcode” and “proximity” are not supported: Ruta's directory has no "
                "postcodes. To find services in a canton or province, put its name in “search”."
            )
        )
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise BadRequest(
            _("Unsupported parameter(s): %(unknown)s. Supported: %(supported)s.")
            % {"unknown": ", ".join(unknown), "supported": ", ".join(sorted(allowed))}
        )
    if params.get("format", "json") not in ("json", "ndjson"):
        raise BadRequest(_("“format” must be “json” or “ndjson”."))


def _page(request, queryset, serialise, per_page=(DEFAULT_PER_PAGE, MAX_PER_PAGE)):
    """One page of ``queryset``; ``per_page`` is (default, maximum) of its size."""
    params = request.GET
    page_number = _positive_int(params, "page", 1, MAX_PAGE)
    per_page = _positive_int(params, "per_page", *per_page)
    total = queryset.count()
    total_pages = max(1, math.ceil(total / per_page))
    start = (page_number - 1) * per_page
    items = [serialise(obj) for obj in queryset[start : start + per_page]]
    if params.get("format") == "ndjson":
        lines = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
        return HttpResponse(lines, content_type="application/x-ndjson; charset=utf-8")
    return JsonResponse(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page_number,
            "size": len(items),
            "first_page": page_number == 1,
            "last_page": page_number >= total_pages,
            "empty": total == 0,
            "contents": items,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def api_view(path):
    """GET only, the parameters of ``PARAMETERS[path]``, the language from ``lang`` (else
    Accept-Language, also for errors), bad input → JSON 400."""
    allowed = PARAMETERS[path]

    def decorator(function):
        @require_GET
        def view(request, *args, **kwargs):
            language = request.GET.get("lang")
            if language not in LANGUAGES:
                language = translation.get_language()
            with translation.override(language if language in LANGUAGES else "es"):
                try:
                    _check_params(request.GET, allowed)
                    return function(request, *args, **kwargs)
                except BadRequest as error:
                    return _error(str(error))

        view.__name__ = function.__name__
        view.__doc__ = function.__doc__
        return view

    return decorator


def _detail(queryset, pk, serialise, label):
    try:
        key = uuid.UUID(str(pk))
    except ValueError as error:
        raise BadRequest(_("The id must be a UUID.")) from error
    obj = queryset.filter(pk=key).first()
    if obj is None:
        return _error(_("No %(label)s has this id.") % {"label": label}, status=404)
    return JsonResponse(serialise(obj), json_dumps_params={"ensure_ascii": False})


class _Ranked:
    """A queryset in the order of a search's ranking, paged like a queryset: ``ids`` are
    the matches best first; ``field`` is where an object holds the matched id."""

    def __init__(self, queryset, ids, field="pk"):
        rank = {pk: position for position, pk in enumerate(ids)}
        if field == "pk":
            rows = ((pk, pk) for pk in queryset.values_list("pk", flat=True))
        else:
            rows = queryset.values_list("pk", field)
        ranked = [(rank[str(key)], str(pk)) for pk, key in rows if str(key) in rank]
        self.queryset = queryset
        self.pks = [pk for _position, pk in sorted(ranked)]

    def count(self):
        return len(self.pks)

    def __getitem__(self, window):
        wanted = self.pks[window]
        objects = {str(obj.pk): obj for obj in self.queryset.filter(pk__in=wanted)}
        return [objects[pk] for pk in wanted if pk in objects]


def _search_text(params):
    return (params.get("search") or "").strip()[:MAX_SEARCH_LENGTH]


def _ranked_search(queryset, params, find, field="pk"):
    """Filter and order by the site's search service (accents, plural, synonyms and typos,
    in the request's language), as the directory page does."""
    text = _search_text(params)
    if not text:
        return queryset
    return _Ranked(queryset, find(text, translation.get_language() or "es"), field)


def _search(queryset, params, fields):
    """Plain substring search, for the short taxonomy lists."""
    text = _search_text(params)
    if not text:
        return queryset
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": text})
    return queryset.filter(condition)


def _modified(queryset, params, field="last_modified"):
    moment = _modified_after(params)
    return queryset.filter(**{f"{field}__gte": moment}) if moment else queryset


def _taxonomy_filter(queryset, params, prefix=""):
    term_id = _uuid(params, "taxonomy_term_id")
    taxonomy_id = _uuid(params, "taxonomy_id")
    if term_id:
        queryset = queryset.filter(
            Q(**{f"{prefix}categories__id": term_id}) | Q(**{f"{prefix}populations__id": term_id})
        )
    if taxonomy_id:
        queryset = queryset.filter(
            Q(**{f"{prefix}categories__taxonomy_id": taxonomy_id})
            | Q(**{f"{prefix}populations__taxonomy_id": taxonomy_id})
        )
    return queryset.distinct() if (term_id or taxonomy_id) else queryset


# --- endpoints ---------------------------------------------------------------------------


@api_view("/")
def root(request):
    return JsonResponse(
        {
            "version": visibility.HSDS_VERSION,
            "profile": visibility.HSDS_PROFILE,
            "openapi_url": request.build_absolute_uri("openapi.json"),
        }
    )


def _filtered_services(queryset, params):
    organization_id = _uuid(params, "organization_id")
    if organization_id:
        queryset = queryset.filter(organization_id=organization_id)
    queryset = _taxonomy_filter(queryset, params)
    queryset = _modified(queryset, params).order_by("organization__name", "name", "id")
    return _ranked_search(queryset, params, search_service.service_ids)


@api_view("/services")
def services(request):
    """HSDS's service list view by default; ``full`` nests everything, ``minimal`` gives
    what a copy needs to know what changed, all of it in one page by default."""
    params = request.GET
    full, minimal = _boolean(params, "full"), _boolean(params, "minimal")
    if full and minimal:
        raise BadRequest(_("“full” and “minimal” cannot both be true."))
    if minimal:
        queryset = _filtered_services(visibility.minimal_services(), params)
        return _page(
            request,
            queryset,
            visibility.hsds_service_minimal,
            per_page=(MINIMAL_PER_PAGE, MINIMAL_PER_PAGE),
        )
    if full:
        queryset = _filtered_services(visibility.public_services(), params)
        return _page(request, queryset, visibility.hsds_service)
    queryset = _filtered_services(visibility.service_summaries(), params)
    return _page(request, queryset, visibility.hsds_service_summary)


@api_view("/services/{id}")
def service_detail(request, pk):
    return _detail(visibility.public_services(), pk, visibility.hsds_service, _("service"))


@api_view("/organizations")
def organizations(request):
    """HSDS's organization list view by default; ``full`` nests the organisation with its
    services' one-to-one fields, ``full_service`` (which implies ``full``) nests them fully."""
    params = request.GET
    full_service = _boolean(params, "full_service")
    if full_service or _boolean(params, "full"):
        queryset = visibility.organizations_with_hsds_services(full_service=full_service)
        services = "full" if full_service else "summary"
        serialise = partial(visibility.hsds_organization, services=services)
    else:
        queryset = visibility.public_organizations()
        serialise = partial(visibility.hsds_organization, nested=False)
    queryset = _taxonomy_filter(queryset, params, prefix="services__")
    queryset = _modified(queryset, params).order_by("name", "id")
    queryset = _ranked_search(queryset, params, search_service.organization_ids)
    return _page(request, queryset, serialise)


@api_view("/organizations/{id}")
def organization_detail(request, pk):
    full_service = _boolean(request.GET, "full_service")
    return _detail(
        visibility.organizations_with_hsds_services(full_service=full_service),
        pk,
        partial(visibility.hsds_organization, services="full" if full_service else "summary"),
        _("organisation"),
    )


@api_view("/service_at_locations")
def service_at_locations(request):
    params = request.GET
    if _boolean(params, "full"):
        queryset = visibility.public_service_at_locations()
        serialise = visibility.hsds_service_at_location_full
    else:
        queryset = visibility.service_at_location_summaries()
        serialise = visibility.hsds_service_at_location_summary
    organization_id = _uuid(params, "organization_id")
    if organization_id:
        queryset = queryset.filter(service__organization_id=organization_id)
    queryset = _taxonomy_filter(queryset, params, prefix="service__")
    queryset = _modified(queryset, params).order_by("service__name", "id")
    queryset = _ranked_search(queryset, params, search_service.service_ids, "service_id")
    return _page(request, queryset, serialise)


@api_view("/service_at_locations/{id}")
def service_at_location_detail(request, pk):
    return _detail(
        visibility.public_service_at_locations(),
        pk,
        visibility.hsds_service_at_location_full,
        _("service at location"),
    )


@api_view("/taxonomies")
def taxonomies(request):
    queryset = _search(Taxonomy.objects.all(), request.GET, ["name", "description"])
    queryset = _modified(queryset, request.GET).order_by("code")
    return _page(request, queryset, visibility.hsds_taxonomy)


@api_view("/taxonomies/{id}")
def taxonomy_detail(request, pk):
    return _detail(Taxonomy.objects.all(), pk, visibility.hsds_taxonomy, _("taxonomy"))


@api_view("/taxonomy_terms")
def taxonomy_terms(request):
    """``top_only``: terms without a parent (the spec's wording, "that have not child terms",
    reads as "that are not child terms"); ``parent_id``: the children of a term."""
    params = request.GET
    queryset = TaxonomyTerm.objects.select_related("taxonomy")
    taxonomy_id = _uuid(params, "taxonomy_id")
    if taxonomy_id:
        queryset = queryset.filter(taxonomy_id=taxonomy_id)
    parent_id = _uuid(params, "parent_id")
    if parent_id:
        queryset = queryset.filter(parent_id=parent_id)
    if _boolean(params, "top_only"):
        queryset = queryset.filter(parent__isnull=True)
    queryset = _search(queryset, params, ["name", "description", "code"])
    queryset = _modified(queryset, params).order_by("taxonomy__code", "sort_order", "code")
    return _page(request, queryset, visibility.hsds_taxonomy_term)


@api_view("/taxonomy_terms/{id}")
def taxonomy_term_detail(request, pk):
    return _detail(
        TaxonomyTerm.objects.select_related("taxonomy"),
        pk,
        visibility.hsds_taxonomy_term,
        _("taxonomy term"),
    )
