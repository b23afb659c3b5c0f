from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import PERMISSION, alerts_report


@hooks.register("register_admin_urls")
def register_alerts_report_url():
    return [path("reports/change-alerts/", alerts_report, name="alerts_report")]


class AlertsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_alerts_report_menu_item():
    return AlertsReportMenuItem(
        _("Change alerts"), reverse("alerts_report"), icon_name="mail", order=900
    )
