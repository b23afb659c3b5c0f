import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from referrals import lifecycle, services
from referrals.audit import Actor
from referrals.choices import ConsentGivenBy, DeclineReason, Status
from referrals.factories import ReferralFactory, service_category
from referrals.models import AuditEntry, ConcurrentEditError

from .conftest import grant, verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are matched in English (msgids); the Spanish catalogue is checked apart."""
    with translation.override("en"):
        yield


def apply(referral, name, user, sides, version, **kwargs):
    return services.change_status(referral, name, Actor.for_user(user), sides, version, **kwargs)


SENDER = {"sender"}
RECEIVER = {"receiver"}


def send(referral, user=None, **kwargs):
    return apply(referral, "send", user, SENDER, referral.version, **kwargs)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"consent_given": False}, "not been given"),
        ({"consent_date": None}, "missing or in the future"),
        ({"consent_given_by": ""}, "who gave consent"),
        ({"is_minor": True, "consent_given_by": ConsentGivenBy.PERSON}, "minor"),
        ({"consent_scope": ""}, "scope"),
        ({"consent_expires": datetime.date(2020, 1, 1)}, "expired"),
    ],
)
def test_consent_gate_refuses_sending(changes, problem):
    referral = ReferralFactory(**changes)
    with pytest.raises(lifecycle.TransitionError, match=problem):
        send(referral)
    referral.refresh_from_db()
    assert referral.status == Status.DRAFT


def test_minor_with_guardian_consent_can_be_sent():
    referral = ReferralFactory(is_minor=True, consent_given_by=ConsentGivenBy.GUARDIAN)
    send(referral)
    assert referral.status == Status.SENT
    assert referral.sent_at is not None


def test_override_needs_permission_and_justification(world):
    user = world["users"]["sender"]
    referral = ReferralFactory(consent_given=False)
    with pytest.raises(lifecycle.TransitionError, match="justification"):
        send(referral, user, can_override=True, data={"override_justification": " "})
    send(
        referral,
        user,
        can_override=True,
        data={"override_justification": "Riesgo inminente; la Fiscalía lo ordena"},
    )
    referral.refresh_from_db()
    assert referral.status == Status.SENT
    assert referral.consent_overridden_by == user
    assert referral.consent_override_reason.startswith("Riesgo inminente")


def test_override_is_logged_and_shown_on_the_record(client, world):
    user = world["users"]["sender"]
    grant(user, "override_consent")
    referral = ReferralFactory(
        sending_organization=world["orgs"]["sender"],
        receiving_organization=world["orgs"]["receiver"],
        consent_given=False,
    )
    verified_login(client, user)
    url = reverse("referrals:transition", args=[referral.pk, "send"])
    refused = client.post(url, {"version": referral.version})
    assert refused.status_code == 400
    assert (
        "justificación" in refused.content.decode() or "justification" in refused.content.decode()
    )
    response = client.post(
        url, {"version": referral.version, "override_justification": "Orden de autoridad"}
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(referral=referral, action="consent_override").exists()
    detail = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "Orden de autoridad" in detail


def test_without_permission_the_override_is_refused(client, world):
    referral = ReferralFactory(
        sending_organization=world["orgs"]["sender"],
        receiving_organization=world["orgs"]["receiver"],
        consent_given=False,
    )
    verified_login(client, world["users"]["sender"])
    response = client.post(
        reverse("referrals:transition", args=[referral.pk, "send"]),
        {"version": referral.version, "override_justification": "Quiero enviarla"},
    )
    assert response.status_code == 400
    referral.refresh_from_db()
    assert referral.status == Status.DRAFT
    assert not referral.consent_overridden


def test_full_lifecycle_records_who_and_when(world):
    sender, receiver = world["users"]["sender"], world["users"]["receiver"]
    referral = ReferralFactory(
        sending_organization=world["orgs"]["sender"],
        receiving_organization=world["orgs"]["receiver"],
    )
    send(referral, sender)
    assert services.mark_received(referral, Actor.for_user(receiver))
    assert not services.mark_received(
        referral, Actor.for_user(receiver)
    )  # only the first opening counts
    for name in ["accept", "start"]:
        apply(referral, name, receiver, RECEIVER, referral.version)
    term = service_category()
    apply(
        referral,
        "complete",
        receiver,
        RECEIVER,
        referral.version,
        data={"counter_referral": "Atención psicológica dada", "services_given": [term]},
    )
    apply(referral, "close", sender, SENDER, referral.version)
    referral.refresh_from_db()
    assert referral.status == Status.CLOSED
    assert list(referral.services_given.all()) == [term]
    history = list(referral.changes.values_list("to_status", "by__username"))
    assert [h[0] for h in history] == [
        Status.SENT,
        Status.RECEIVED,
        Status.ACCEPTED,
        Status.IN_SERVICE,
        Status.COMPLETED,
        Status.CLOSED,
    ]
    assert history[0][1] == sender.username
    assert history[2][1] == receiver.username


@pytest.mark.parametrize(
    ("status", "name", "sides", "message"),
    [
        (Status.DRAFT, "accept", RECEIVER, "cannot be changed"),
        (Status.SENT, "complete", RECEIVER, "cannot be changed"),
        (Status.ACCEPTED, "withdraw", SENDER, "cannot be changed"),
        (Status.CLOSED, "send", SENDER, "cannot be changed"),
        (Status.RECEIVED, "accept", SENDER, "Only the receiving"),
        (Status.DRAFT, "send", RECEIVER, "Only the sending"),
        (Status.RECEIVED, "fly", RECEIVER, "Unknown"),
    ],
)
def test_invalid_transitions_are_refused(status, name, sides, message):
    referral = ReferralFactory(status=status)
    with pytest.raises(lifecycle.TransitionError, match=message):
        apply(referral, name, None, sides, referral.version)
    referral.refresh_from_db()
    assert referral.status == status


def test_decline_needs_a_reason_and_text_for_other():
    referral = ReferralFactory(status=Status.RECEIVED)
    with pytest.raises(lifecycle.TransitionError, match="reason"):
        apply(referral, "decline", None, RECEIVER, referral.version, data={})
    with pytest.raises(lifecycle.TransitionError, match="other reason"):
        apply(
            referral,
            "decline",
            None,
            RECEIVER,
            referral.version,
            data={"decline_reason": DeclineReason.OTHER},
        )
    apply(
        referral,
        "decline",
        None,
        RECEIVER,
        referral.version,
        data={"decline_reason": DeclineReason.NO_CAPACITY},
    )
    assert referral.status == Status.DECLINED


def test_complete_needs_a_counter_referral():
    referral = ReferralFactory(status=Status.IN_SERVICE)
    with pytest.raises(lifecycle.TransitionError, match="counter-referral"):
        apply(referral, "complete", None, RECEIVER, referral.version, data={})


def test_stale_transition_is_refused():
    referral = ReferralFactory(status=Status.RECEIVED)
    stale = referral.version
    apply(referral, "accept", None, RECEIVER, stale)
    other = ReferralFactory._meta.model.objects.get(pk=referral.pk)
    other.status = Status.RECEIVED  # a second tab still showing "received"
    with pytest.raises(ConcurrentEditError):
        apply(other, "accept", None, RECEIVER, stale)


def test_concurrent_edit_through_the_form_is_refused_with_a_message(client, world):
    referral = ReferralFactory(
        sending_organization=world["orgs"]["sender"],
        receiving_organization=world["orgs"]["receiver"],
    )
    verified_login(client, world["users"]["sender"])
    url = reverse("referrals:edit", args=[referral.pk])
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"requested_services"}
    }
    data.update(
        {
            "sending_organization": referral.sending_organization_id,
            "receiving_organization": referral.receiving_organization_id,
            "consent_given": "on",
            "is_minor": "false",
            "version": referral.version,
            "needs": "Primera persona",
        }
    )
    data["consent_date"] = referral.consent_date.isoformat()
    data["consent_expires"] = referral.consent_expires.isoformat()
    first = client.post(url, data)
    assert first.status_code == 302, first.context["form"].errors
    data["needs"] = "Segunda persona"
    second = client.post(url, data)  # same (now stale) version
    assert second.status_code == 409
    assert "Someone else saved" in second.content.decode() or "Otra persona" in (
        second.content.decode()
    )
    referral.refresh_from_db()
    assert referral.needs == "Primera persona"


def test_receiver_can_refer_onward(client, world):
    parent = ReferralFactory(
        sending_organization=world["orgs"]["sender"],
        receiving_organization=world["orgs"]["receiver"],
        status=Status.ACCEPTED,
    )
    verified_login(client, world["users"]["receiver"])
    url = reverse("referrals:create") + f"?parent={parent.pk}"
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["sending_organization"] == world["orgs"]["receiver"]
    today = timezone.localdate().isoformat()
    response = client.post(
        url,
        {
            "sending_organization": world["orgs"]["receiver"].pk,
            "receiving_organization": world["orgs"]["other"].pk,
            "urgency": "routine",
            "consent_given": "on",
            "consent_date": today,
            "consent_given_by": "person",
            "consent_scope": "Datos mínimos",
            "is_minor": "false",
        },
    )
    assert response.status_code == 302
    child = parent.onward_referrals.get()
    assert child.sending_organization == world["orgs"]["receiver"]
    assert child.status == Status.DRAFT


def test_sender_cannot_refer_onward(client, world):
    parent = ReferralFactory(
        sending_organization=world["orgs"]["sender"],
        receiving_organization=world["orgs"]["receiver"],
        status=Status.ACCEPTED,
    )
    verified_login(client, world["users"]["sender"])
    response = client.get(reverse("referrals:create") + f"?parent={parent.pk}")
    assert response.status_code == 403


def test_create_form_errors_are_shown_not_500(client, world):
    verified_login(client, world["users"]["sender"])
    response = client.post(
        reverse("referrals:create"),
        {
            "sending_organization": world["orgs"]["sender"].pk,
            "receiving_organization": world["orgs"]["sender"].pk,
            "consent_date": "2999-01-01",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "receiving_organization" in errors
    assert "consent_date" in errors


def test_create_with_a_receiver_from_the_directory_button(client, world):
    verified_login(client, world["users"]["sender"])
    receiver = world["orgs"]["receiver"]
    page = client.get(reverse("referrals:create") + f"?receiver={receiver.pk}")
    assert page.context["form"].initial["receiving_organization"] == receiver
    bad = client.get(reverse("referrals:create") + "?receiver=not-a-uuid")
    assert bad.status_code == 200


def test_overdue_means_urgent_and_unanswered_past_the_deadline(client, world, settings):
    settings.REFERRAL_OVERDUE_HOURS = 24
    late = timezone.now() - timedelta(hours=30)
    common = {
        "sending_organization": world["orgs"]["sender"],
        "receiving_organization": world["orgs"]["receiver"],
        "status": Status.RECEIVED,
        "sent_at": late,
    }
    overdue = ReferralFactory(urgency="emergency", **common)
    routine = ReferralFactory(urgency="routine", **common)
    answered = ReferralFactory(urgency="urgent", **{**common, "status": Status.ACCEPTED})
    fresh = ReferralFactory(urgency="urgent", **{**common, "sent_at": timezone.now()})
    assert overdue.is_overdue()
    assert not any(r.is_overdue() for r in (routine, answered, fresh))
    verified_login(client, world["users"]["receiver"])
    listing = client.get(reverse("referrals:list") + "?view=overdue").content.decode()
    assert overdue.case_code in listing
    for other in (routine, answered, fresh):
        assert other.case_code not in listing
