"""Request handling shared by every page and API: language negotiation and input that can
never be valid."""

from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import reverse
from django.utils.translation import gettext as _

from infra.api.errors import problem
from infra.http import is_public_api


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 from an API or the admin is not
    redirected to a language-prefixed URL (the site's catch-all page route would make every
    such 404 a 302 to a page that cannot exist: a hidden referral must be a plain 404)."""

    def process_response(self, request, response):
        if is_public_api(request) or request.path.startswith(reverse("wagtailadmin_home")):
            return response
        return super().process_response(request, response)


class RejectNullCharactersMiddleware:
    """A NUL character in a query parameter can never be valid input, and PostgreSQL refuses
    it in any text comparison: answer 400 before it reaches a query (found by fuzzing)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or "\x00" in value for key, value in request.GET.items()):
            message = _("The address contains a character that is not allowed.")
            if is_public_api(request):
                return problem(400, message)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
