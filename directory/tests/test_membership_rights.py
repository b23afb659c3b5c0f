"""Who may grant access to an institution (a membership opens its referrals and the
directory's staff-only details): nobody through the organisation's admin form (its staff
inline is gone), an institution's managers only on their own staff list and only with the
roles there are, holders of ``directory.manage_memberships`` everywhere."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from directory.factories import MembershipFactory, UserFactory
from directory.models import OrganizationMembership
from website.testing import verified_login

pytestmark = pytest.mark.django_db
Role = OrganizationMembership.Role


@pytest.fixture
def staff(institutions):
    own, other = institutions["own"], institutions["other"]
    manager = MembershipFactory(organization=own["organization"], role=Role.MANAGER).user
    return {
        "own": own["organization"],
        "other": other["organization"],
        "member": own["member"],  # staff, not manager
        "manager": manager,
        "others_membership": other["organization"].memberships.get(),
        "newcomer": UserFactory(username="recien-llegada"),
    }


def screens(organization, membership):
    return {
        "list": ("get", reverse("directory_admin:memberships", args=[organization.pk]), {}),
        "add": (
            "post",
            reverse("directory_admin:memberships", args=[organization.pk]),
            {"username": "recien-llegada", "role": "manager"},
        ),
        "role": (
            "post",
            reverse("directory_admin:membership", args=[organization.pk, membership.pk]),
            {"action": "role", "role": "manager"},
        ),
        "remove": (
            "post",
            reverse("directory_admin:membership", args=[organization.pk, membership.pk]),
            {"action": "remove"},
        ),
    }


def snapshot():
    return sorted(OrganizationMembership.objects.values_list("organization", "user", "role"))


def test_staff_cannot_promote_themselves_or_add_anyone(client, staff):
    verified_login(client, staff["member"])
    own_membership = staff["member"].memberships.get()
    before = snapshot()
    assert client.get(reverse("directory_admin:memberships_home")).status_code == 404
    for name, (method, url, data) in screens(staff["own"], own_membership).items():
        assert getattr(client, method)(url, data).status_code == 404, name
    assert snapshot() == before


def test_a_manager_cannot_reach_another_institutions_staff(client, staff):
    verified_login(client, staff["manager"])
    before = snapshot()
    others = staff["others_membership"]
    for name, (method, url, data) in screens(staff["other"], others).items():
        assert getattr(client, method)(url, data).status_code == 404, name
    # The other institution's membership through the manager's own institution's URL.
    for name in ("role", "remove"):
        method, url, data = screens(staff["own"], others)[name]
        assert client.post(url, data).status_code == 404, name
    assert snapshot() == before


def test_a_manager_grants_only_the_roles_there_are(client, staff):
    verified_login(client, staff["manager"])
    url = reverse("directory_admin:memberships", args=[staff["own"].pk])
    refused = client.post(url, {"username": "recien-llegada", "role": "superuser"})
    assert refused.status_code == 400
    assert "role" in refused.context["form"].errors
    member = staff["member"].memberships.get()
    role_url = reverse("directory_admin:membership", args=[staff["own"].pk, member.pk])
    client.post(role_url, {"action": "role", "role": "is_superuser"})
    member.refresh_from_db()
    assert member.role == Role.STAFF
    assert client.post(url, {"username": "recien-llegada", "role": "staff"}).status_code == 302
    added = staff["newcomer"].memberships.get()
    assert (added.organization, added.role) == (staff["own"], Role.STAFF)
    staff["newcomer"].refresh_from_db()
    assert not staff["newcomer"].is_superuser
    assert not staff["newcomer"].is_staff


def test_the_organisation_form_grants_nothing(client, staff, django_user_model):
    editor = UserFactory()
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "change_organization"])
    )
    verified_login(client, editor)
    url = reverse("wagtailsnippets_directory_organization:edit", args=[staff["own"].pk])
    form = client.get(url).context["form"]
    assert "memberships" not in getattr(form, "formsets", {})
    before = snapshot()
    data = {
        name: "" if value is None else value
        for name, value in ((field.html_name, field.value()) for field in form)
        if not isinstance(value, bool)
    }
    data.update(
        {
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": str(editor.pk),
            "memberships-0-role": "manager",
        }
    )
    client.post(url, data)
    assert snapshot() == before
    assert client.get(reverse("directory_admin:memberships_home")).status_code == 404


def test_the_permission_manages_every_institution(client, staff):
    keeper = UserFactory()
    keeper.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "manage_memberships"])
    )
    verified_login(client, keeper)
    url = reverse("directory_admin:memberships", args=[staff["other"].pk])
    response = client.post(url, {"username": "recien-llegada", "role": "staff"})
    assert response["Location"] == url
    assert staff["newcomer"].memberships.get().organization == staff["other"]
