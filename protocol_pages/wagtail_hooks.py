from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from .admin_views import NewEditionView
from .choosers import organization_chooser_viewset
from .mixins import DraftCopiesMixin
from .models import ProtocolIndexPage


@hooks.register("register_admin_viewset")
def register_organization_chooser():
    return organization_chooser_viewset


@hooks.register("register_admin_urls")
def register_new_edition_url():
    return [
        path(
            "protocol/<int:index_id>/new-edition/",
            NewEditionView.as_view(),
            name="protocol_new_edition",
        )
    ]


@hooks.register("register_page_header_buttons")
def new_edition_button(page, user, view_name, next_url=None):
    if page.specific_class is not ProtocolIndexPage:
        return
    if not page.permissions_for_user(user).can_add_subpage():
        return
    yield Button(
        _("New edition"),
        reverse("protocol_new_edition", args=(page.pk,)),
        icon_name="copy",
        priority=12,
    )


@hooks.register("before_copy_page", order=-1)
def copies_are_drafts(request, page):
    """Copies of protocol pages never go live: drop "Publish copies" and "Alias" from the
    form before the copy view (wagtail-modeltranslation's, which answers this hook
    next) reads it, and say so in the dialog."""
    if not issubclass(page.specific_class, DraftCopiesMixin):
        return None
    if request.method == "POST":
        request.POST = request.POST.copy()
        for name in ("publish_copies", "alias"):
            request.POST.pop(name, None)
    else:
        messages.info(
            request,
            _(
                "Copies of protocol pages are always drafts and go through approval. "
                "To start a new edition use “New edition” on the protocol index."
            ),
        )
    return None
