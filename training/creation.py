"""Admin requests of a new module's add form, whatever order they reach the server in.

Wagtail's autosave creates the page from the add form while the trainer types and then
points the form at the page's edit view; a request the form sent before that (the
submission racing an autosave, or the form shown again after an error) still goes to the add
view. Each of them carries the form's ``creation_key``: the first one creates the page, the
others are redirected with their data (307) to the edit view of that page, which saves or
submits it like any edit. See docs/training.md.
"""

import uuid

from django.http import HttpResponseRedirect
from django.urls import reverse

from .models import TrainingModulePage
from .services import begin_module_creation, record_created_module


def _creation_key(request):
    if request.method != "POST":
        return None
    try:
        return uuid.UUID(request.POST.get("creation_key", ""))
    except ValueError:
        return None


def continue_on_created_module(request, parent_page, page_class):
    """before_create_page: an add form that already created its page edits that page."""
    key = _creation_key(request)
    if key is None or not issubclass(page_class, TrainingModulePage):
        return None
    page = begin_module_creation(key, request.user)
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


def remember_created_module(request, page):
    """after_create_page: the page this add form created."""
    key = _creation_key(request)
    if key is not None and isinstance(page.specific, TrainingModulePage):
        record_created_module(key, request.user, page)
