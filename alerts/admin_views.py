"""The admin's only view of the change alerts (HTTP): counts, never an address."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from .selectors import subscription_counts

PERMISSION = "alerts.view_subscription"


def alerts_report(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    return TemplateResponse(request, "alerts/admin/report.html", subscription_counts())
