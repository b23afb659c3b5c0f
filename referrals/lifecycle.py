"""The referral lifecycle: which side may move a referral from which status to which.

draft → sent → received → accepted | declined; accepted → in service → completed → closed.
The sender may withdraw before acceptance; declined and withdrawn referrals can be closed.
Rules only: the writes are in ``services``. Only a draft can be edited: once sent, the
record, its consent and its receiver are what the consent was given for (docs/referrals.md).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .choices import DeclineReason, Status


class TransitionError(Exception):
    """A transition that the rules refuse; the message is shown to the user. ``forbidden``
    marks attempts by the wrong side of the referral."""

    def __init__(self, message, forbidden=False):
        super().__init__(message)
        self.forbidden = forbidden


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str
    party: str  # "sender", "receiver" or "either"
    needs_form: bool = False


TRANSITIONS = {
    t.name: t
    for t in [
        Transition("send", _("Send"), frozenset({Status.DRAFT}), Status.SENT, "sender", True),
        Transition(
            "withdraw",
            _("Withdraw"),
            frozenset({Status.DRAFT, Status.SENT, Status.RECEIVED}),
            Status.WITHDRAWN,
            "sender",
        ),
        Transition(
            "accept", _("Accept"), frozenset({Status.RECEIVED}), Status.ACCEPTED, "receiver"
        ),
        Transition(
            "decline", _("Decline"), frozenset({Status.RECEIVED}), Status.DECLINED, "receiver", True
        ),
        Transition(
            "start", _("Start service"), frozenset({Status.ACCEPTED}), Status.IN_SERVICE, "receiver"
        ),
        Transition(
            "complete",
            _("Complete with counter-referral"),
            frozenset({Status.IN_SERVICE}),
            Status.COMPLETED,
            "receiver",
            True,
        ),
        Transition(
            "close",
            _("Close"),
            frozenset({Status.COMPLETED, Status.DECLINED, Status.WITHDRAWN}),
            Status.CLOSED,
            "either",
        ),
    ]
}

ONWARD_STATUSES = {Status.ACCEPTED, Status.IN_SERVICE, Status.COMPLETED}
EDITABLE = frozenset({Status.DRAFT})


def available_transitions(referral, sides):
    return [
        t
        for t in TRANSITIONS.values()
        if referral.status in t.sources and (t.party == "either" or t.party in sides)
    ]


def acting_organization(referral, transition, sides):
    if transition.party == "receiver" or (transition.party == "either" and "sender" not in sides):
        return referral.receiving_organization
    return referral.sending_organization


def check(referral, name, sides):
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise TransitionError(_("Unknown action."))
    if referral.status not in transition.sources:
        raise TransitionError(
            _("A referral in status “%(status)s” cannot be changed with “%(action)s”.")
            % {"status": referral.get_status_display(), "action": transition.label}
        )
    if transition.party == "sender" and "sender" not in sides:
        raise TransitionError(_("Only the sending institution can do this."), forbidden=True)
    if transition.party == "receiver" and "receiver" not in sides:
        raise TransitionError(_("Only the receiving institution can do this."), forbidden=True)
    return transition


def prepare(referral, transition, data, user, can_override, now):
    """Check the transition's own rules and set its fields on ``referral`` (nothing is
    saved here: ``services.change_status`` writes it). Raises TransitionError."""
    name = transition.name
    if name == "send":
        problem = referral.consent_problem()
        if problem:
            justification = (data.get("override_justification") or "").strip()
            if not can_override:
                raise TransitionError(
                    _("The referral cannot be sent without valid consent: %(problem)s")
                    % {"problem": problem}
                )
            if not justification:
                raise TransitionError(
                    _("%(problem)s A justification is required to send without valid consent.")
                    % {"problem": problem}
                )
            referral.consent_override_reason = justification
            referral.consent_overridden_by = user
            referral.consent_overridden_at = now
        referral.sent_at = now
    elif name == "decline":
        reason = data.get("decline_reason") or ""
        if reason not in DeclineReason.values:
            raise TransitionError(_("Choose a reason for declining."))
        other = (data.get("decline_reason_other") or "").strip()
        if reason == DeclineReason.OTHER and not other:
            raise TransitionError(_("Describe the other reason for declining."))
        referral.decline_reason = reason
        referral.decline_reason_other = other
        referral.answered_at = now
    elif name == "accept":
        referral.answered_at = now
    elif name == "complete":
        outcome = (data.get("counter_referral") or "").strip()
        if not outcome:
            raise TransitionError(_("The counter-referral report (outcome) is required."))
        referral.counter_referral = outcome
        referral.completed_at = now
    elif name == "close":
        referral.closed_at = now
    referral.status = transition.target
