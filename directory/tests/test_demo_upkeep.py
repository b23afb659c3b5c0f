"""The directory's upkeep on the demo data (dates in the past, relative to today): the
maintainers' dashboard lists the demo's overdue and soon-due listings, the weekly reminder
reaches the demo institutions' members whose listings are due, and the shelters' bed counts
are fresh, stale and full."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from directory import demo
from directory.display import capacity_data
from directory.models import ListingChange, OrganizationMembership, ServiceCapacity
from directory.upkeep_rules import is_overdue
from website.testing import verified_login

pytestmark = pytest.mark.django_db


def test_the_dashboard_and_the_reminders_work_on_the_demo(client, maintainer):
    out = io.StringIO()
    demo.load(out)
    assert "listings overdue" in out.getvalue()
    verified_login(client, maintainer)
    context = client.get(reverse("directory_admin:verification")).context
    assert context["overdue_count"] >= 10
    assert context["soon_count"] >= 10
    rows = [row for group in context["groups"] for row in group["rows"]]
    assert all(row["service"].organization.is_demo for row in rows)
    assert {row["overdue"] for row in rows} == {True, False}
    assert all(is_overdue(row["service"].assured_date) == row["overdue"] for row in rows)
    in_guayas = client.get(reverse("directory_admin:verification"), {"province": "EC-G"})
    assert 0 < len(in_guayas.context["groups"]) < len(context["groups"])

    due_organizations = {group["organization"].pk for group in context["groups"]}
    expected = set(
        OrganizationMembership.objects.filter(organization__in=due_organizations).values_list(
            "user__email", flat=True
        )
    )
    call_command("verification_reminders", stdout=io.StringIO())
    assert expected, "the demo has members of institutions with listings due"
    assert {address for message in mail.outbox for address in message.to} == expected
    assert len(mail.outbox) == len(expected)

    counts = [capacity_data(c) for c in ServiceCapacity.objects.filter(is_current=True)]
    assert {"fresh", "stale", "full"} <= {
        "full" if c["is_full"] else "stale" if c["is_stale"] else "fresh" for c in counts
    }
    assert ListingChange.objects.filter(status=ListingChange.Status.PENDING).exists()
