"""What every referral view shares: the 404 for anything outside the user's institutions
(with a denied audit entry), the plain 403 page, and the optimistic-lock message."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import audit, selectors
from ..access import permission_policy

CONFLICT_MESSAGE = gettext_lazy(
    "Someone else saved this referral after you opened it. Your changes were not saved: "
    "reload the referral to see the current version."
)


def deny(request, action, referral=None):
    audit.record(request, action, referral=referral, allowed=False)
    raise Http404


def forbidden(request, message, referral=None):
    """A plain 403 page (Wagtail would turn PermissionDenied into a redirect home)."""
    return TemplateResponse(
        request,
        "referrals/forbidden.html",
        {"page_title": _("Not allowed"), "message": message, "referral": referral},
        status=403,
    )


def require(request, permission, action):
    if not permission_policy.user_has_permission(request.user, permission):
        deny(request, action)


def get_referral(request, pk, action, permission="view"):
    referral, allowed = selectors.referral_for(request.user, pk, permission)
    if not allowed:
        deny(request, action, referral)
    return referral
