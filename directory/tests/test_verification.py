"""Re-verification: each service is due a year after its last verification; overdue
listings say so on public pages and can be filtered out; maintainers see a dashboard by
institution and province; members get a weekly digest and confirm with one POST."""

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from directory.factories import (
    LocationFactory,
    MembershipFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)
from directory.models import ServiceVerification
from directory.upkeep_rules import add_months, is_overdue, verification_due
from website.testing import verified_login

pytestmark = pytest.mark.django_db
NOT_VERIFIED = "Información sin verificar desde"


def months_ago(months, days=0):
    return add_months(timezone.localdate(), -months) - timedelta(days=days)


def test_due_dates_follow_the_setting(settings):
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert verification_due(date(2025, 3, 10)) == date(2026, 3, 10)
    assert verification_due(None) is None
    assert is_overdue(None)
    assert is_overdue(months_ago(12, days=1))
    assert not is_overdue(months_ago(11))
    settings.RUTA_VERIFICATION_MONTHS = 6
    assert is_overdue(months_ago(7))


@pytest.fixture
def listings(institutions):
    own = institutions["own"]
    own["service"].assured_date = months_ago(14)
    own["service"].save()
    other = institutions["other"]
    other["service"].assured_date = months_ago(12, days=-10)  # due in 10 days
    other["service"].save()
    fresh = ServiceFactory(organization=other["organization"], assured_date=months_ago(1))
    ServiceAtLocationFactory(service=fresh, location=other["location"])
    far = LocationFactory(organization=own["organization"], province="EC-O", canton="Machala")
    ServiceAtLocationFactory(service=own["service"], location=far)
    return {**institutions, "fresh": fresh}


def test_overdue_listings_are_marked_on_public_pages(client, directory_page, listings):
    own, other = listings["own"], listings["other"]
    page = client.get(f"/es/directorio/{own['organization'].slug_es}/").content.decode()
    assert NOT_VERIFIED in page
    assert client.get(f"/en/directory/{own['organization'].slug_en}/").status_code == 200
    assert (
        "Information not verified since"
        in client.get(f"/en/directory/{own['organization'].slug_en}/").content.decode()
    )
    assert (
        NOT_VERIFIED
        not in client.get(f"/es/directorio/{other['organization'].slug_es}/").content.decode()
    )
    browse = client.get("/es/directorio/").content.decode()
    assert browse.count(NOT_VERIFIED) == 1


def test_overdue_listings_can_be_filtered_out(client, directory_page, listings):
    everything = client.get("/es/directorio/").context
    verified = client.get("/es/directorio/", {"verified": "1"}).context
    names = {card["name"] for card in verified["results"]}
    assert listings["own"]["service"].name not in names
    assert {listings["other"]["service"].name, listings["fresh"].name} <= names
    assert verified["total"] == everything["total"] - 1
    assert everything["flag_counts"]["verified"] == everything["total"] - 1


def test_still_correct_is_one_post_that_records_who_and_when(client, directory_page, listings):
    own = listings["own"]
    verified_login(client, own["member"])
    url = reverse("directory_admin:confirm", args=[own["organization"].pk, own["service"].pk])
    assert client.get(url).status_code == 405  # a POST only: a link cannot confirm
    response = client.post(url)
    assert response.status_code == 302
    own["service"].refresh_from_db()
    assert own["service"].assured_date == timezone.localdate()
    verification = ServiceVerification.objects.get()
    assert (verification.verified_by, verification.method) == (own["member"], "confirmed")
    page = client.get(f"/es/directorio/{own['organization'].slug_es}/").content.decode()
    assert NOT_VERIFIED not in page


def test_the_dashboard_lists_overdue_and_soon_due_by_institution_and_province(
    client, listings, maintainer
):
    verified_login(client, maintainer)
    url = reverse("directory_admin:verification")
    context = client.get(url).context
    groups = {group["organization"]: group["rows"] for group in context["groups"]}
    own, other = listings["own"], listings["other"]
    assert [row["service"] for row in groups[own["organization"]]] == [own["service"]]
    assert groups[own["organization"]][0]["overdue"]
    assert [row["service"] for row in groups[other["organization"]]] == [other["service"]]
    assert not groups[other["organization"]][0]["overdue"]
    assert (context["overdue_count"], context["soon_count"]) == (1, 1)
    in_el_oro = client.get(url, {"province": "EC-O"}).context
    assert [group["organization"] for group in in_el_oro["groups"]] == [own["organization"]]
    assert "El Oro" in in_el_oro["groups"][0]["rows"][0]["province_names"]
    assert client.get(url, {"province": "nowhere"}).status_code == 200


def test_the_weekly_digest_reaches_each_member_once(listings, django_capture_on_commit_callbacks):
    own, other = listings["own"], listings["other"]
    colleague = MembershipFactory(
        organization=own["organization"], user__email="colega@casa-propia.invalid"
    ).user
    out = io.StringIO()
    call_command("verification_reminders", "--dry-run", stdout=out)
    assert "3" in out.getvalue()
    assert not mail.outbox
    call_command("verification_reminders", stdout=io.StringIO())
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([own["member"].email, colleague.email, other["member"].email])
    for message in mail.outbox:
        (address,) = message.to
        others = {own["member"].email, colleague.email, other["member"].email} - {address}
        assert not any(email in message.body for email in others)
        assert own["member"].username not in message.body
    to_own = next(m for m in mail.outbox if m.to == [own["member"].email])
    assert own["service"].name in to_own.body
    assert other["service"].name not in to_own.body  # not their institution
    assert reverse("directory_admin:listing", args=[own["organization"].pk]) in to_own.body
    mail.outbox.clear()
    call_command("verification_reminders", stdout=io.StringIO())
    assert not mail.outbox  # one a week


def test_nobody_is_reminded_when_everything_is_fresh(institutions):
    for world in institutions.values():
        world["service"].assured_date = timezone.localdate()
        world["service"].save()
    call_command("verification_reminders", stdout=io.StringIO())
    assert not mail.outbox
