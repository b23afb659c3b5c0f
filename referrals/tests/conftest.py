import pytest
from django.contrib.auth.models import Group, Permission

from directory.models import OrganizationMembership
from referrals.access import COORDINATOR_GROUP
from referrals.choices import Status
from referrals.factories import (
    MembershipFactory,
    OrganizationFactory,
    ReferralFactory,
    UserFactory,
)
from website.testing import verified_login  # noqa: F401 (used by the tests)


def grant(user, codename):
    user.user_permissions.add(Permission.objects.get(codename=codename))


@pytest.fixture
def world(db):
    """Three institutions and one user per role of the access matrix, plus a sent referral
    from ``sender_org`` to ``receiver_org``."""
    sender_org = OrganizationFactory(name="Casa de acogida de prueba")
    receiver_org = OrganizationFactory(name="Fiscalía de prueba")
    other_org = OrganizationFactory(name="Otra institución de prueba")
    users = {
        "sender": MembershipFactory(organization=sender_org).user,
        "receiver": MembershipFactory(organization=receiver_org).user,
        "unrelated": MembershipFactory(organization=other_org).user,
        "manager": MembershipFactory(
            organization=sender_org, role=OrganizationMembership.Role.MANAGER
        ).user,
        "nomember": UserFactory(),
        "coordinator": UserFactory(),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }
    # The group as ``migrate`` makes it (referrals.roles): admin access and reports.
    users["coordinator"].groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    grant(users["nomember"], "access_admin")
    grant(users["manager"], "export_referrals")
    referral = ReferralFactory(
        sending_organization=sender_org, receiving_organization=receiver_org, status=Status.SENT
    )
    return {
        "orgs": {"sender": sender_org, "receiver": receiver_org, "other": other_org},
        "users": users,
        "referral": referral,
    }
