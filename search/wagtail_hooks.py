from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from search import admin_views
from search.viewsets import SearchRuleViewSet

register_snippet(SearchRuleViewSet)


@hooks.register("register_admin_urls")
def search_admin_urls():
    return [
        path("search/try/", admin_views.try_query, name="search_try_query"),
        path("search/failures/", admin_views.failures_report, name="search_failures_report"),
    ]


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.CAN_EDIT_RULES)


@hooks.register("register_reports_menu_item")
def failures_menu_item():
    return EditorsMenuItem(
        _("Searches without results"), reverse("search_failures_report"), icon_name="search"
    )


@hooks.register("register_settings_menu_item")
def try_query_menu_item():
    return EditorsMenuItem(_("Try a search"), reverse("search_try_query"), icon_name="search")
