"""Admin requests of a new page's add form, whatever order they reach the server in, for
every page type (``infra.page_forms.RutaPageForm``).

Wagtail's autosave creates the page from the add form while the editor types and then
points the form at the page's edit view; a request the form sent before that (the
submission racing an autosave, or the form shown again after an error) still goes to the add
view. Each of them carries the form's ``creation_key``: the first one creates the page, the
others are redirected with their data (307) to the edit view of that page, which saves,
submits or publishes it like any edit: by the middleware when the page exists (before
Wagtail's add view refuses a page type that allows one page only), by the
``before_create_page`` hook when another request is creating it. See docs/architecture.md,
"One page per add form".
"""

import uuid

from django.http import HttpResponseRedirect
from django.urls import reverse

from .creation_services import begin_page_creation, created_page, record_created_page
from .page_forms import CREATION_KEY


def _creation_key(request):
    if request.method != "POST":
        return None
    try:
        return uuid.UUID(request.POST.get(CREATION_KEY, ""))
    except ValueError:
        return None


class ContinueCreatedPageMiddleware:
    """An add form whose page exists already edits that page, before Wagtail's add view
    checks whether one more page may be created (an index page with ``max_count = 1``
    could not: its submission would be refused once its autosave created it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.view_name != "wagtailadmin_pages:add":
            return None
        key = _creation_key(request)
        return None if key is None else _continue_on(request, created_page(key, request.user))


def continue_on_created_page(request, parent_page, page_class):
    """before_create_page: claims the key; a request of the same form that created the page
    meanwhile (both passed the middleware) leads this one to that page."""
    key = _creation_key(request)
    if key is None:
        return None
    return _continue_on(request, begin_page_creation(key, request.user))


def _continue_on(request, page):
    if page is None:
        return None
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    if request.GET:
        url = f"{url}?{request.GET.urlencode()}"
    # 307 keeps the method and the form data. Labelled JSON, Wagtail hands it to an
    # autosave request as it is (the browser's fetch follows it) instead of an error.
    response = HttpResponseRedirect(url, status=307, content_type="application/json")
    response.content = b"{}"
    return response


def remember_created_page(request, page):
    """after_create_page: the page this add form created."""
    key = _creation_key(request)
    if key is not None:
        record_created_page(key, request.user, page)
