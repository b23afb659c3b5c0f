"""The access matrix: every role × action, allowed and denied paths (docs/referrals.md)."""

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.urls import reverse

from referrals.choices import Status
from referrals.factories import ReferralFactory
from referrals.models import AuditEntry

from .conftest import verified_login

ROLES = [
    "anonymous",
    "nomember",
    "sender",
    "receiver",
    "unrelated",
    "manager",
    "coordinator",
    "superuser",
]
LOGIN = "login"

# Expected HTTP status per action and role ("login" = redirect to the admin sign-in).
MATRIX = {
    "list": {"sender": 200, "receiver": 200, "unrelated": 200, "manager": 200},
    "view": {"sender": 200, "receiver": 200, "manager": 200},
    "create": {"sender": 200, "receiver": 200, "unrelated": 200, "manager": 200},
    # The referral is sent: nobody edits it any more (the consent was given for it as sent).
    "edit": {"sender": 403, "receiver": 403, "manager": 403},
    "change_status": {"sender": 302, "receiver": 403, "manager": 302},
    "export": {"sender": 403, "receiver": 403, "unrelated": 403, "manager": 200},
    "view_audit": {"manager": 200, "coordinator": 200, "superuser": 200},
    "reports": {"coordinator": 200, "superuser": 200},
}
# Who sees the referral's case code in the response.
SEES_RECORD = {
    "list": {"sender", "receiver", "manager"},
    "view": {"sender", "receiver", "manager"},
    "export": {"manager"},
    "view_audit": {"manager", "coordinator", "superuser"},
}


def expected(action, role):
    if role == "anonymous":
        return LOGIN
    return MATRIX[action].get(role, 404)


def perform(client, action, referral):
    if action == "list":
        sent = client.get(reverse("referrals:list") + "?view=sent")
        if sent.status_code != 200:
            return sent, b""
        received = client.get(reverse("referrals:list") + "?view=received")
        return received, sent.content + received.content
    urls = {
        "view": reverse("referrals:detail", args=[referral.pk]),
        "create": reverse("referrals:create"),
        "edit": reverse("referrals:edit", args=[referral.pk]),
        "export": reverse("referrals:export"),
        "view_audit": reverse("referrals:referral_audit", args=[referral.pk]),
        "reports": reverse("referrals:reports"),
    }
    if action == "change_status":
        response = client.post(
            reverse("referrals:transition", args=[referral.pk, "withdraw"]),
            {"version": referral.version},
        )
    else:
        response = client.get(urls[action])
    return response, response.content


@pytest.mark.parametrize("action", list(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(client, world, role, action):
    referral = world["referral"]
    if role != "anonymous":
        verified_login(client, world["users"][role])
    response, content = perform(client, action, referral)
    want = expected(action, role)
    referral.refresh_from_db()

    if want == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
        return
    assert "no-store" in response["Cache-Control"]
    # A hidden referral is a plain 404 (no redirect to a language-prefixed admin URL).
    assert response.status_code == want, (role, action, response.status_code)
    if want in (403, 404):
        # Denied attempts are audited, and a 404 does not reveal the case code.
        assert AuditEntry.objects.filter(allowed=False, user=world["users"][role]).exists()
        if want == 404:
            assert referral.case_code.encode() not in response.content
    if action == "change_status":
        assert referral.status == (Status.WITHDRAWN if want == 302 else Status.SENT)
    if action in SEES_RECORD and want == 200:
        assert (referral.case_code.encode() in content) == (role in SEES_RECORD[action])
    if want == 200 and action != "create":
        logged = {"list": "list", "reports": "report"}.get(action, action)
        logged = "status" if logged == "change_status" else logged
        assert AuditEntry.objects.filter(
            allowed=True, user=world["users"][role], action=logged
        ).exists()


def test_receiver_first_view_marks_received(client, world):
    referral = world["referral"]
    verified_login(client, world["users"]["receiver"])
    client.get(reverse("referrals:detail", args=[referral.pk]))
    referral.refresh_from_db()
    assert referral.status == Status.RECEIVED
    assert referral.received_at is not None
    assert referral.changes.filter(to_status=Status.RECEIVED).count() == 1


def test_sender_view_does_not_mark_received(client, world):
    referral = world["referral"]
    verified_login(client, world["users"]["sender"])
    client.get(reverse("referrals:detail", args=[referral.pk]))
    referral.refresh_from_db()
    assert referral.status == Status.SENT


def test_unknown_referral_is_answered_like_a_hidden_one(client, world):
    verified_login(client, world["users"]["unrelated"])
    missing = client.get(reverse("referrals:detail", args=[uuid.uuid4()]), follow=True)
    hidden = client.get(reverse("referrals:detail", args=[world["referral"].pk]), follow=True)
    assert missing.status_code == hidden.status_code == 404


def test_manager_audit_log_shows_only_their_referrals(client, world):
    elsewhere = ReferralFactory(
        sending_organization=world["orgs"]["other"],
        receiving_organization=world["orgs"]["receiver"],
    )
    AuditEntry.objects.create(action="view", referral=elsewhere, case_code=elsewhere.case_code)
    AuditEntry.objects.create(
        action="view", referral=world["referral"], case_code=world["referral"].case_code
    )
    verified_login(client, world["users"]["manager"])
    page = client.get(reverse("referrals:audit")).content.decode()
    assert world["referral"].case_code in page
    assert elsewhere.case_code not in page


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("anonymous", False),
        ("nomember", False),
        ("coordinator", False),
        ("receiver", False),  # its own (only) institution
        ("sender", True),
    ],
)
@pytest.mark.parametrize("as_dict", [False, True])
def test_refer_button_only_for_institution_staff(rf, world, role, shown, as_dict):
    request = rf.get("/es/directorio/")
    request.user = AnonymousUser() if role == "anonymous" else world["users"][role]
    organization = world["orgs"]["receiver"]
    context_org = (
        {"id": str(organization.pk), "name": organization.name} if as_dict else organization
    )
    html = render_to_string(
        "referrals/includes/refer_button.html",
        {"organization": context_org, "request": request},
    )
    link = f"{reverse('referrals:create')}?receiver={organization.pk}"
    assert (link in html) == shown


def test_no_refer_button_for_an_inactive_institution(rf, world):
    organization = world["orgs"]["receiver"]
    organization.is_active = False
    organization.save()
    request = rf.get("/")
    request.user = world["users"]["sender"]
    html = render_to_string(
        "referrals/includes/refer_button.html", {"organization": organization, "request": request}
    )
    assert "receiver=" not in html


def test_receiver_cannot_see_a_draft_before_it_is_sent(client, world):
    draft = ReferralFactory(
        sending_organization=world["orgs"]["sender"],
        receiving_organization=world["orgs"]["receiver"],
    )
    verified_login(client, world["users"]["receiver"])
    response = client.get(reverse("referrals:detail", args=[draft.pk]), follow=True)
    assert response.status_code == 404
    listing = client.get(reverse("referrals:list") + "?view=received").content.decode()
    assert draft.case_code not in listing
    assert world["referral"].case_code in listing
