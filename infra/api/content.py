"""The headless content API (Wagtail API v2) under /api/v2/, in either language.

``?lang=es|en`` chooses the language of every translated field (default Spanish); any other
value is a 400. Only JSON is rendered (no browsable HTML API). Page types choose what they
expose with ``api_fields``; staff-only content (e.g. facilitator notes) is never listed there.
Every error is a problem details object (``infra.api.errors``); the OpenAPI part is
``infra.api.content_openapi``.
"""

import re

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework.exceptions import APIException
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import CollectionViewRestriction

from infra.api import errors

LANGUAGE_PARAMETER = "lang"
MAX_OFFSET = 1_000_000
SEARCH_OPERATORS = ("and", "or")
MAX_SEARCH_LENGTH = 200
WORD = re.compile(r"\w+")


def _words_only(params):
    """``params`` with ``search`` reduced to its words: the search backends read quotes,
    brackets and operators as query syntax (an unbalanced quote was a 500 on SQLite)."""
    params = params.copy()
    params["search"] = " ".join(WORD.findall(params["search"].lower()))
    params._mutable = False
    return params


class LanguageMixin:
    renderer_classes = [JSONRenderer]

    def initial(self, request, *args, **kwargs):
        language = request.GET.get(LANGUAGE_PARAMETER, settings.LANGUAGE_CODE)
        codes = [code for code, _name in settings.LANGUAGES]
        if language not in codes:
            raise BadRequestError(
                _("Unknown language “%(language)s”: use one of %(codes)s for ?lang=")
                % {"language": language, "codes": ", ".join(codes)}
            )
        translation.activate(language)
        request.LANGUAGE_CODE = language
        offset = request.GET.get("offset")
        if offset is not None and (not offset.isdigit() or int(offset) > MAX_OFFSET):
            # Wagtail passes huge offsets straight to the database, which overflows.
            raise BadRequestError(
                _("offset must be a whole number from 0 to %(maximum)s") % {"maximum": MAX_OFFSET}
            )
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError(_("search_operator must be “and” or “or”"))
        if len(request.GET.get("search", "")) > MAX_SEARCH_LENGTH:
            raise BadRequestError(
                _("search must be at most %(maximum)s characters") % {"maximum": MAX_SEARCH_LENGTH}
            )
        if "search" in request.GET:
            request._request.GET = _words_only(request.GET)
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        """Wagtail's and DRF's errors in the shared problem shape (not ``{"message"}``)."""
        if isinstance(exc, BadRequestError):
            status, detail = 400, str(exc)
        elif isinstance(exc, Http404):
            status, detail = 404, str(exc) or _("Not found.")
        elif isinstance(exc, APIException):
            status, detail = exc.status_code, str(exc.detail)
        else:
            return super().handle_exception(exc)
        response = Response(errors.problem_data(status, detail), status=status)
        response.content_type = errors.MEDIA_TYPE
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        response.setdefault("Vary", "Accept-Encoding")
        return response


def _public_collections_filter(queryset):
    restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    for path in restricted:
        queryset = queryset.exclude(collection__path__startswith=path)
    return queryset


class RutaPagesAPIViewSet(LanguageMixin, PagesAPIViewSet):
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union([LANGUAGE_PARAMETER])

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        parent = request.GET.get("child_of", "")
        if parent.isdigit() and not self.get_base_queryset().filter(pk=int(parent)).exists():
            # A parent that is not a public page of this site is a missing resource (Wagtail
            # says 400).
            raise Http404(_("The parent page does not exist."))


class RutaImagesAPIViewSet(LanguageMixin, ImagesAPIViewSet):
    known_query_parameters = ImagesAPIViewSet.known_query_parameters.union([LANGUAGE_PARAMETER])

    def get_queryset(self):
        return _public_collections_filter(super().get_queryset())


class RutaDocumentsAPIViewSet(LanguageMixin, DocumentsAPIViewSet):
    known_query_parameters = DocumentsAPIViewSet.known_query_parameters.union([LANGUAGE_PARAMETER])

    def get_queryset(self):
        return _public_collections_filter(super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", RutaPagesAPIViewSet)
api_router.register_endpoint("images", RutaImagesAPIViewSet)
api_router.register_endpoint("documents", RutaDocumentsAPIViewSet)
