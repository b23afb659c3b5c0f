"""Administrators give a user a one-time enrolment code (shown once) to set up a second
factor; the screen lists the codes still open, never their values."""

from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .. import accounts, audit
from ..access import can_issue_enrolment_codes
from ..forms import IssueCodeForm
from ..models import EnrolmentCode
from .twofactor import verified_required


@never_cache
@require_http_methods(["GET", "POST"])
def enrolment_codes(request):
    if denied := verified_required(request):
        return denied
    if not can_issue_enrolment_codes(request.user):
        raise Http404
    form = IssueCodeForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["username"]
        issued = {
            "user": user,
            "code": accounts.issue_enrolment_code(user, audit.Actor.from_request(request)),
        }
        form = IssueCodeForm()
    open_codes = EnrolmentCode.objects.filter(
        used_at=None, expires_at__gt=timezone.now()
    ).select_related("user", "issued_by")
    return TemplateResponse(
        request,
        "referrals/twofactor/enrolment_codes.html",
        {
            "page_title": _("Two-factor enrolment codes"),
            "form": form,
            "issued": issued,
            "open_codes": open_codes[:200],
            "hours": settings.RUTA_ENROLMENT_CODE_HOURS,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
