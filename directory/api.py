"""Read-only public HSDS 3 API under /api/hsds/. Every object comes from
directory.selectors and directory.serializers.

Each endpoint's parameters are a django-filter filter set or form (``directory.filters``):
``PARAMETERS`` is read from them, the views refuse anything else, and the site's OpenAPI
document (``directory.openapi``) lists exactly these. Errors are problem details
(``infra.api.errors``) in the request's language.
"""

import json
import math
import uuid
from functools import partial

from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from directory import filters, selectors, serializers
from directory.filters import LANGUAGES
from directory.models import Taxonomy, TaxonomyTerm
from infra.api.errors import problem
from search import service as search_service

FORMS = {
    "/": filters.ParametersForm,
    "/services": filters.ServiceFilterSet,
    "/services/{id}": filters.ParametersForm,
    "/organizations": filters.OrganizationFilterSet,
    "/organizations/{id}": filters.OrganizationDetailForm,
    "/service_at_locations": filters.ServiceAtLocationFilterSet,
    "/service_at_locations/{id}": filters.ParametersForm,
    "/taxonomies": filters.TaxonomyFilterSet,
    "/taxonomies/{id}": filters.ParametersForm,
    "/taxonomy_terms": filters.TaxonomyTermFilterSet,
    "/taxonomy_terms/{id}": filters.ParametersForm,
}
PARAMETERS = {path: filters.accepted(form) for path, form in FORMS.items()}
# In the HSDS specification, but meaningless here: Ruta's directory has no postcodes.
WITHOUT_POSTCODES = frozenset({"postcode", "proximity"})


class BadRequest(Exception):
    pass


def _check_names(params, allowed):
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


def _validated(form):
    """The form's cleaned data, or BadRequest with every message it has."""
    if not form.is_valid():
        raise BadRequest(" ".join(message for errors in form.errors.values() for message in errors))
    return form.cleaned_data


class Request:
    """What a view needs of a valid request: the cleaned parameters and, for a list, the
    filtered queryset."""

    def __init__(self, form_class, params):
        self.form_class, self.params = form_class, params
        self.filterset = None
        if issubclass(form_class, filters.django_filters.FilterSet):
            self.filterset = form_class(params, queryset=None)
            self.data = _validated(self.filterset.form)
        else:
            self.data = _validated(form_class(params))

    def filter(self, queryset):
        """``queryset`` through every filter of the filter set (the form's other fields,
        such as ``page``, are not filters)."""
        for name, parameter_filter in self.filterset.filters.items():
            queryset = parameter_filter.filter(queryset, self.data.get(name))
        return queryset


def _page(request, queryset, serialise):
    """One page of ``queryset`` (a queryset or ranked search results)."""
    page_number, per_page = request.data["page"], request.data["per_page"]
    total = queryset.count()
    total_pages = max(1, math.ceil(total / per_page))
    start = (page_number - 1) * per_page
    items = [serialise(obj) for obj in queryset[start : start + per_page]]
    if request.data.get("format") == "ndjson":
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
    """GET only, the parameters of ``FORMS[path]``, the language from ``lang`` (else
    Accept-Language, also for errors), bad input → a 400 problem. The view gets the valid
    request (:class:`Request`) after the HTTP request."""
    form_class, allowed = FORMS[path], PARAMETERS[path]

    def decorator(function):
        @require_GET
        def view(request, *args, **kwargs):
            language = request.GET.get("lang")
            if language not in LANGUAGES:
                language = translation.get_language()
            with translation.override(language if language in LANGUAGES else "es"):
                try:
                    _check_names(request.GET, allowed)
                    valid = Request(form_class, request.GET)
                    return function(request, valid, *args, **kwargs)
                except BadRequest as error:
                    return problem(400, error)

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
        return problem(404, _("No %(label)s has this id.") % {"label": label})
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


def _ranked_search(queryset, valid, find, field="pk"):
    """Filter and order by the site's search service (accents, plural, synonyms and typos,
    in the request's language), as the directory page does."""
    text = valid.data.get("search")
    if not text:
        return queryset
    return _Ranked(queryset, find(text, translation.get_language() or "es"), field)


# --- endpoints ---------------------------------------------------------------------------


@api_view("/")
def root(request, valid):
    return JsonResponse(
        {
            "version": serializers.HSDS_VERSION,
            "profile": serializers.HSDS_PROFILE,
            "openapi_url": request.build_absolute_uri("openapi.json"),
        }
    )


def _filtered_services(queryset, valid):
    queryset = valid.filter(queryset).order_by("organization__name", "name", "id")
    return _ranked_search(queryset, valid, search_service.service_ids)


@api_view("/services")
def services(request, valid):
    """HSDS's service list view by default; ``full`` nests everything, ``minimal`` gives
    what a copy needs to know what changed, all of it in one page by default."""
    if valid.data["minimal"]:
        queryset = _filtered_services(selectors.minimal_services(), valid)
        return _page(valid, queryset, serializers.hsds_service_minimal)
    if valid.data["full"]:
        queryset = _filtered_services(selectors.public_services(), valid)
        return _page(valid, queryset, serializers.hsds_service)
    queryset = _filtered_services(selectors.service_summaries(), valid)
    return _page(valid, queryset, serializers.hsds_service_summary)


@api_view("/services/{id}")
def service_detail(request, valid, pk):
    return _detail(selectors.public_services(), pk, serializers.hsds_service, _("service"))


@api_view("/organizations")
def organizations(request, valid):
    """HSDS's organization list view by default; ``full`` nests the organisation with its
    services' one-to-one fields, ``full_service`` (which implies ``full``) nests them fully."""
    full_service = valid.data["full_service"]
    if full_service or valid.data["full"]:
        queryset = selectors.organizations_with_hsds_services(full_service=full_service)
        services = "full" if full_service else "summary"
        serialise = partial(serializers.hsds_organization, services=services)
    else:
        queryset = selectors.public_organizations()
        serialise = partial(serializers.hsds_organization, nested=False)
    queryset = valid.filter(queryset).order_by("name", "id")
    queryset = _ranked_search(queryset, valid, search_service.organization_ids)
    return _page(valid, queryset, serialise)


@api_view("/organizations/{id}")
def organization_detail(request, valid, pk):
    full_service = valid.data["full_service"]
    return _detail(
        selectors.organizations_with_hsds_services(full_service=full_service),
        pk,
        partial(serializers.hsds_organization, services="full" if full_service else "summary"),
        _("organisation"),
    )


@api_view("/service_at_locations")
def service_at_locations(request, valid):
    if valid.data["full"]:
        queryset = selectors.public_service_at_locations()
        serialise = serializers.hsds_service_at_location_full
    else:
        queryset = selectors.service_at_location_summaries()
        serialise = serializers.hsds_service_at_location_summary
    queryset = valid.filter(queryset).order_by("service__name", "id")
    queryset = _ranked_search(queryset, valid, search_service.service_ids, "service_id")
    return _page(valid, queryset, serialise)


@api_view("/service_at_locations/{id}")
def service_at_location_detail(request, valid, pk):
    return _detail(
        selectors.public_service_at_locations(),
        pk,
        serializers.hsds_service_at_location_full,
        _("service at location"),
    )


@api_view("/taxonomies")
def taxonomies(request, valid):
    queryset = valid.filter(Taxonomy.objects.all()).order_by("code")
    return _page(valid, queryset, serializers.hsds_taxonomy)


@api_view("/taxonomies/{id}")
def taxonomy_detail(request, valid, pk):
    return _detail(Taxonomy.objects.all(), pk, serializers.hsds_taxonomy, _("taxonomy"))


@api_view("/taxonomy_terms")
def taxonomy_terms(request, valid):
    queryset = valid.filter(TaxonomyTerm.objects.select_related("taxonomy"))
    queryset = queryset.order_by("taxonomy__code", "sort_order", "code")
    return _page(valid, queryset, serializers.hsds_taxonomy_term)


@api_view("/taxonomy_terms/{id}")
def taxonomy_term_detail(request, valid, pk):
    return _detail(
        TaxonomyTerm.objects.select_related("taxonomy"),
        pk,
        serializers.hsds_taxonomy_term,
        _("taxonomy term"),
    )
