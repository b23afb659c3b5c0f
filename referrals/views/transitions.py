"""Status changes: the confirmation (or form) of one transition, and performing it."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .. import audit, lifecycle, services
from ..access import parties, permission_policy
from ..forms import TRANSITION_FORMS, SimpleTransitionForm
from ..models import AuditEntry, ConcurrentEditError
from .base import CONFLICT_MESSAGE, get_referral

Action = AuditEntry.Action


@never_cache
@require_http_methods(["GET", "POST"])
def referral_transition(request, pk, name):
    referral = get_referral(request, pk, Action.STATUS, "change_status")
    sides = parties(request.user, referral)
    form_class = TRANSITION_FORMS.get(name, SimpleTransitionForm)
    form = form_class(request.POST or None, initial={"version": referral.version})
    can_override = permission_policy.user_has_permission(request.user, "override_consent")
    try:
        transition = lifecycle.check(referral, name, sides)
    except lifecycle.TransitionError as error:
        audit.record(request, Action.STATUS, referral, allowed=False, detail=name)
        messages.error(request, str(error))
        return TemplateResponse(
            request,
            "referrals/transition.html",
            {"page_title": referral.case_code, "referral": referral, "error": error},
            status=403 if error.forbidden else 400,
        )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.change_status(
                    referral,
                    name,
                    audit.Actor.from_request(request),
                    sides,
                    form.cleaned_data["version"],
                    data=form.cleaned_data,
                    can_override=can_override,
                )
            except ConcurrentEditError:
                audit.record(request, Action.STATUS, referral, allowed=False, detail="conflict")
                form.add_error(None, CONFLICT_MESSAGE)
                status = 409
            except lifecycle.TransitionError as error:
                audit.record(request, Action.STATUS, referral, allowed=False, detail=name)
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Referral %(code)s: %(status)s.")
                    % {"code": referral, "status": referral.get_status_display()},
                )
                return redirect("referrals:detail", referral.pk)
    return TemplateResponse(
        request,
        "referrals/transition.html",
        {
            "page_title": referral.case_code,
            "referral": referral,
            "transition": transition,
            "form": form,
            "consent_problem": referral.consent_problem() if name == "send" else None,
            "can_override": can_override,
        },
        status=status,
    )
