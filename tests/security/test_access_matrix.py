"""The access matrix (issue 15): every role × every referral action, every directory-edit
action in the Wagtail admin (with inline parts) and Django's admin, with production's
two-factor rule (``RUTA_REQUIRE_2FA``). One explicit expected answer per cell; a change
is checked to have happened exactly when it is allowed. docs/security.md names it."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from directory.factories import category
from directory.models import Location, Organization, OrganizationMembership, Schedule, Service
from referrals.choices import Status
from referrals.models import Referral

from .matrix_world import ROLES, add_inline, admin_form, build, snippet_url, tear_down

L = "login"  # redirect to the admin sign-in
T = "2fa"  # redirect to the second factor (verify or set up)
H = "home"  # Wagtail's "no permission": redirect to the dashboard with a message
D = "done"  # redirect after the change, which must have happened
N = 404  # as if it did not exist (plain, no redirect)
X = "ignored"  # redirect after the change, but the forged part of it did not happen
P = "propose"  # a member's own record: to the proposal form, the record unchanged

# fmt: off
# action:       anon su-pw super coord sender snd-pw receiver manager unrel admin editor
MATRIX = {
    "list":             (L, T, N,   N,   200, T, 200, 200, 200, N, N),
    "add":              (L, T, N,   N,   200, T, 200, 200, 200, N, N),
    "create":           (L, T, N,   N,   D,   T, D,   D,   D,   N, N),
    "view":             (L, T, N,   N,   200, T, 200, 200, N,   N, N),
    "edit_draft":       (L, T, N,   N,   200, T, N,   200, N,   N, N),
    "edit_sent":        (L, T, N,   N,   403, T, 403, 403, N,   N, N),
    "send":             (L, T, N,   N,   D,   T, N,   D,   N,   N, N),
    "consent_override": (L, T, N,   N,   400, T, N,   D,   N,   N, N),
    "withdraw":         (L, T, N,   N,   D,   T, 403, D,   N,   N, N),
    "accept":           (L, T, N,   N,   403, T, D,   403, N,   N, N),
    "decline":          (L, T, N,   N,   403, T, D,   403, N,   N, N),
    "start":            (L, T, N,   N,   403, T, D,   403, N,   N, N),
    "complete":         (L, T, N,   N,   403, T, D,   403, N,   N, N),
    "close":            (L, T, N,   N,   D,   T, D,   D,   N,   N, N),
    "export":           (L, T, N,   N,   403, T, 403, 200, 403, N, N),
    "audit_log":        (L, T, 200, 200, N,   T, N,   200, N,   N, N),
    "referral_audit":   (L, T, 200, 200, N,   T, N,   200, N,   N, N),
    "reports":          (L, T, 200, 200, N,   T, N,   N,   N,   N, N),
    "reports_csv":      (L, T, 200, 200, N,   T, N,   N,   N,   N, N),
    "enrolment_codes":  (L, T, 200, N,   N,   T, N,   N,   N,   N, N),
    "org_list":         (L, T, 200, H,   H,   T, H,   H,   H,   H, 200),
    "org_add":          (L, T, D,   H,   H,   T, H,   H,   H,   H, D),
    "org_edit_members": (L, T, X,   H,   P,   T, N,   P,   N,   H, X),
    "members_add":      (L, T, D,   N,   N,   T, N,   D,   N,   N, N),
    "org_delete":       (L, T, D,   H,   N,   T, N,   N,   N,   H, D),
    "service_add":      (L, T, D,   H,   H,   T, H,   H,   H,   H, D),
    "service_edit_hours": (L, T, D, H,   P,   T, N,   P,   N,   H, D),
    "service_delete":   (L, T, D,   H,   N,   T, N,   N,   N,   H, D),
    "location_add":     (L, T, D,   H,   H,   T, H,   H,   H,   H, D),
    "location_edit":    (L, T, D,   H,   P,   T, N,   P,   N,   H, D),
    "location_delete":  (L, T, D,   H,   N,   T, N,   N,   N,   H, D),
    "django_admin":     (N, N, N,   N,   N,   N, N,   N,   N,   N, N),
}
# fmt: on
assert all(len(row) == len(ROLES) for row in MATRIX.values())

NEW_NAME = "Creado por la matriz de acceso"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            built = build()
        yield built
        tear_down(built)


def transition(world, status, name, **data):
    referral = world.referrals[status]
    url = reverse("referrals:transition", args=[referral.pk, name])
    return "post", url, {"version": referral.version, **data}


def status_is(world, key, status):
    return Referral.objects.get(pk=world.referrals[key].pk).status == status


def referral_form(world, role, referral=None):
    today = timezone.localdate().isoformat()
    own = world.own_organization(role)
    receiver = world.orgs["other" if own != world.orgs["other"] else "sender"]
    data = {
        "sending_organization": own.pk,
        "receiving_organization": receiver.pk,
        "urgency": "routine",
        "consent_given": "on",
        "consent_date": today,
        "consent_given_by": "person",
        "consent_scope": "Datos mínimos",
        "is_minor": "false",
        "needs": NEW_NAME,
    }
    if referral is not None:
        data.update(sending_organization=referral.sending_organization_id, version=referral.version)
    return data


def org_edit_members(world, role):
    """The organisation's form has no staff inline: who may grant access is decided by the
    staff screens. A forged inline (as the old form sent it) must grant nothing."""
    org = world.orgs["sender"]
    url = snippet_url("organization", "edit", org.pk)
    data, _form = admin_form(world, url)
    data.update(
        {
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": str(world.users["admin_user"].pk),
            "memberships-0-role": "manager",
        }
    )
    return "post", url, data


def members_add(world, role):
    url = reverse("directory_admin:memberships", args=[world.orgs["sender"].pk])
    return "post", url, {"username": world.users["admin_user"].username, "role": "staff"}


def service_edit_hours(world, role):
    url = snippet_url("service", "edit", world.objects["service"].pk)
    data, form = admin_form(world, url)
    hours = {"byday": "MO", "opens_at": "08:00", "closes_at": "17:00"}
    return "post", url, add_inline(data, form, "schedules", hours)


def add_form(world, model, **values):
    url = snippet_url(model, "add")
    data, _form = admin_form(world, url)
    data.update(values)
    return "post", url, data


def location_edit(world, role):
    url = snippet_url("location", "edit", world.objects["location"].pk)
    data, _form = admin_form(world, url)
    data["name"] = NEW_NAME
    return "post", url, data


def delete(world, model, obj):
    return "post", snippet_url(model, "delete", obj.pk), {}


R = Status
ACTIONS = {
    "list": (lambda w, r: ("get", reverse("referrals:list"), None), None),
    "add": (lambda w, r: ("get", reverse("referrals:create"), None), None),
    "create": (
        lambda w, r: ("post", reverse("referrals:create"), referral_form(w, r)),
        lambda w: Referral.objects.filter(status=R.DRAFT, created_by__isnull=False).exists(),
    ),
    "view": (
        lambda w, r: ("get", reverse("referrals:detail", args=[w.referrals[R.SENT].pk]), None),
        None,
    ),
    "edit_draft": (
        lambda w, r: ("get", reverse("referrals:edit", args=[w.referrals[R.DRAFT].pk]), None),
        None,
    ),
    "edit_sent": (
        lambda w, r: (
            "post",
            reverse("referrals:edit", args=[w.referrals[R.SENT].pk]),
            referral_form(w, "sender", w.referrals[R.SENT]),
        ),
        lambda w: (
            Referral.objects.get(pk=w.referrals[R.SENT].pk).receiving_organization
            != w.orgs["receiver"]
        ),
    ),
    "send": (lambda w, r: transition(w, R.DRAFT, "send"), lambda w: status_is(w, R.DRAFT, R.SENT)),
    "consent_override": (
        lambda w, r: transition(w, "no_consent", "send", override_justification="Orden judicial"),
        lambda w: status_is(w, "no_consent", R.SENT),
    ),
    "withdraw": (
        lambda w, r: transition(w, R.SENT, "withdraw"),
        lambda w: status_is(w, R.SENT, R.WITHDRAWN),
    ),
    "accept": (
        lambda w, r: transition(w, R.RECEIVED, "accept"),
        lambda w: status_is(w, R.RECEIVED, R.ACCEPTED),
    ),
    "decline": (
        lambda w, r: transition(w, R.RECEIVED, "decline", decline_reason="no_capacity"),
        lambda w: status_is(w, R.RECEIVED, R.DECLINED),
    ),
    "start": (
        lambda w, r: transition(w, R.ACCEPTED, "start"),
        lambda w: status_is(w, R.ACCEPTED, R.IN_SERVICE),
    ),
    "complete": (
        lambda w, r: transition(w, R.IN_SERVICE, "complete", counter_referral="Informe"),
        lambda w: status_is(w, R.IN_SERVICE, R.COMPLETED),
    ),
    "close": (
        lambda w, r: transition(w, R.COMPLETED, "close"),
        lambda w: status_is(w, R.COMPLETED, R.CLOSED),
    ),
    "export": (lambda w, r: ("get", reverse("referrals:export"), None), None),
    "audit_log": (lambda w, r: ("get", reverse("referrals:audit"), None), None),
    "referral_audit": (
        lambda w, r: (
            "get",
            reverse("referrals:referral_audit", args=[w.referrals[R.SENT].pk]),
            None,
        ),
        None,
    ),
    "reports": (lambda w, r: ("get", reverse("referrals:reports"), None), None),
    "reports_csv": (lambda w, r: ("get", reverse("referrals:reports_csv"), None), None),
    "enrolment_codes": (lambda w, r: ("get", reverse("referrals_2fa:codes"), None), None),
    "org_list": (lambda w, r: ("get", snippet_url("organization", "list"), None), None),
    "org_add": (
        lambda w, r: add_form(
            w,
            "organization",
            name=NEW_NAME,
            slug_es="matriz",
            slug_en="matrix",
            description_es="Prueba",
            description_en="Test",
        ),
        lambda w: Organization.objects.filter(name=NEW_NAME).exists(),
    ),
    "org_edit_members": (
        org_edit_members,
        lambda w: OrganizationMembership.objects.filter(user=w.users["admin_user"]).exists(),
    ),
    "members_add": (
        members_add,
        lambda w: OrganizationMembership.objects.filter(user=w.users["admin_user"]).exists(),
    ),
    "org_delete": (
        lambda w, r: delete(w, "organization", w.orgs["spare"]),
        lambda w: not Organization.objects.filter(pk=w.orgs["spare"].pk).exists(),
    ),
    "service_add": (
        lambda w, r: add_form(
            w,
            "service",
            organization=str(w.orgs["sender"].pk),
            name_es=NEW_NAME,
            name_en=NEW_NAME,
            description_es="Prueba",
            description_en="Test",
            categories=[str(category("shelter").pk)],
        ),
        lambda w: Service.objects.filter(name_es=NEW_NAME).exists(),
    ),
    "service_edit_hours": (
        service_edit_hours,
        lambda w: Schedule.objects.filter(service=w.objects["service"]).exists(),
    ),
    "service_delete": (
        lambda w, r: delete(w, "service", w.objects["spare_service"]),
        lambda w: not Service.objects.filter(pk=w.objects["spare_service"].pk).exists(),
    ),
    "location_add": (
        lambda w, r: add_form(
            w,
            "location",
            organization=str(w.orgs["sender"].pk),
            name=NEW_NAME,
            canton="Quito",
            province="EC-P",
        ),
        lambda w: Location.objects.filter(name=NEW_NAME).exists(),
    ),
    "location_edit": (location_edit, lambda w: Location.objects.filter(name=NEW_NAME).exists()),
    "location_delete": (
        lambda w, r: delete(w, "location", w.objects["spare_location"]),
        lambda w: not Location.objects.filter(pk=w.objects["spare_location"].pk).exists(),
    ),
    "django_admin": (lambda w, r: ("get", "/django-admin/auth/user/", None), None),
}
assert set(ACTIONS) == set(MATRIX)


def outcome(response, action):
    if action == "django_admin":  # outside the admin: LocaleMiddleware tries /es/ first
        return response.status_code
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    if location.startswith(reverse("wagtailadmin_login")):
        return L
    if location.startswith("/admin/two-factor/"):
        return T
    if location == reverse("wagtailadmin_home"):
        return H
    if location.startswith("/admin/directory/listing/"):
        return P
    return D


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(client, world, settings, role, action):
    settings.RUTA_REQUIRE_2FA = True  # production's default
    expected = MATRIX[action][ROLES.index(role)]
    build_request, effect = ACTIONS[action]
    method, url, data = build_request(world, role)
    world.sign_in(client, role)
    before = effect(world) if effect else None
    response = getattr(client, method)(url, data or {}, follow=action == "django_admin")
    got = outcome(response, action)
    errors = response.context and response.context.get("form") and response.context["form"].errors
    want = D if expected == X else expected
    assert got == want, (role, action, got, response.get("Location"), errors)
    if effect:
        changed = effect(world) and not before
        assert changed == (expected == D), (role, action, "changed" if changed else "unchanged")
    if action == "django_admin":
        assert b"Site administration" not in response.content
    if expected == N and url.startswith("/admin/referrals/"):
        assert world.referrals[R.SENT].case_code.encode() not in response.content


def test_every_role_is_a_real_account(world):
    """The matrix's users exist and differ (a typo in the world would test nothing)."""
    users = [u.pk for u in world.users.values()]
    assert len(set(users)) == len(ROLES) - 1
    assert get_user_model().objects.filter(pk__in=users).count() == len(users)
