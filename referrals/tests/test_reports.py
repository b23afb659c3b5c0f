import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals import reports
from referrals.choices import DeclineReason, Exploitation, Status
from referrals.factories import OrganizationFactory, ReferralFactory

from .conftest import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def referrals_data():
    big_sender = OrganizationFactory(name="Emisora grande")
    small_sender = OrganizationFactory(name="Emisora pequeña")
    receiver = OrganizationFactory(name="Receptora")
    sent = timezone.now() - timedelta(days=3)
    for index in range(6):  # 6 accepted from the big sender
        ReferralFactory(
            sending_organization=big_sender,
            receiving_organization=receiver,
            status=Status.ACCEPTED,
            sent_at=sent,
            answered_at=sent + timedelta(hours=2 + index),
            exploitation_forms=["labour"],
        )
    for _ in range(2):  # 2 declined from the small sender
        ReferralFactory(
            sending_organization=small_sender,
            receiving_organization=receiver,
            status=Status.DECLINED,
            decline_reason=DeclineReason.NO_CAPACITY,
            sent_at=sent,
            answered_at=sent + timedelta(hours=1),
            exploitation_forms=["sexual"],
            province="EC-O",
        )
    ReferralFactory(sending_organization=small_sender, receiving_organization=receiver)  # draft
    return {"big": big_sender, "small": small_sender}


def cells(report, key):
    table = next(t for t in report["tables"] if t.key == key)
    return {row.label: row.shown for row in table.rows}


def test_small_cells_are_suppressed(referrals_data):
    report = reports.build()
    assert report["total"] == "8"  # drafts are not counted
    assert cells(report, "sending") == {"Emisora grande": "6", "Emisora pequeña": "<5"}
    status = cells(report, "status")
    assert status[str(Status.ACCEPTED.label)] == "6"
    assert status[str(Status.DECLINED.label)] == "<5"
    assert status[str(Status.CLOSED.label)] == "<5"  # zero is below 5 too
    forms = cells(report, "exploitation")
    assert forms[str(Exploitation.SEXUAL.label)] == "<5"
    assert forms[str(Exploitation.LABOUR.label)] == "6"
    assert report["acceptance_rate"] == 75  # 6 of 8 answered
    assert report["median_hours_to_accept"] == 4.5


def test_rates_are_hidden_below_five_answers(db):
    ReferralFactory(status=Status.ACCEPTED, sent_at=timezone.now(), answered_at=timezone.now())
    report = reports.build()
    assert report["acceptance_rate"] is None
    assert report["median_hours_to_accept"] is None


def test_chart_draws_no_bar_for_suppressed_cells(referrals_data):
    table = next(t for t in reports.build()["tables"] if t.key == "sending")
    bars = {bar["label"]: bar for bar in table.chart()["bars"]}
    assert bars["Emisora grande"]["width"] > 0
    assert bars["Emisora pequeña"]["width"] == 0
    assert bars["Emisora pequeña"]["shown"] == "<5"


def test_report_page_and_csv_for_coordinators(client, world, referrals_data):
    verified_login(client, world["users"]["coordinator"])
    page = client.get(reverse("referrals:reports"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html
    # Charts are drawn on the server: no script from another host (the admin's own only).
    assert not re.search(r"<script[^>]+src=\"(https?:)?//", html)
    assert "&lt;5" in html
    assert world["referral"].case_code not in html  # aggregates only, never records
    response = client.get(reverse("referrals:reports_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["sending", "Emisora pequeña", "<5"] in rows
    assert ["sending", "Emisora grande", "6"] in rows
    for row in rows[1:]:
        value = row[2]
        assert value == "<5" or not value.isdigit() or int(value) >= 5, row


def test_staff_cannot_see_reports(client, world):
    verified_login(client, world["users"]["manager"])
    response = client.get(reverse("referrals:reports"), follow=True)
    assert response.status_code == 404
