import csv
import io
import random
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

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
    # 8 - 6 would give away the small sender's 2: both are hidden.
    assert cells(report, "sending") == {"Emisora grande": "c", "Emisora pequeña": "c"}
    status = cells(report, "status")
    assert status[str(Status.ACCEPTED.label)] == "6"
    assert status[str(Status.DECLINED.label)] == "c"
    assert status[str(Status.CLOSED.label)] == "c"  # zero is below 5 too
    forms = cells(report, "exploitation")
    assert forms[str(Exploitation.SEXUAL.label)] == "c"
    assert forms[str(Exploitation.LABOUR.label)] == "c"
    # 75 % of 8 answers would give away the 2 declined: the rate is not shown.
    assert report["acceptance_rate"] is None
    assert report["median_hours_to_accept"] == 4.5


def test_rate_is_shown_when_it_reveals_no_hidden_cell(referrals_data):
    sent = timezone.now() - timedelta(days=3)
    for _ in range(3):
        ReferralFactory(
            sending_organization=referrals_data["small"],
            status=Status.DECLINED,
            decline_reason=DeclineReason.NOT_ELIGIBLE,
            sent_at=sent,
            answered_at=sent + timedelta(hours=1),
        )
    for _ in range(5):
        ReferralFactory(sending_organization=referrals_data["small"], status=Status.SENT)
    report = reports.build()
    with translation.override("en"):
        assert cells(reports.build(), "answer") == {
            "Accepted": "6",
            "Declined": "5",
            "Not answered": "5",
        }
    assert report["acceptance_rate"] == 55  # 6 of 11 answered


def test_rates_are_hidden_below_five_answers(db):
    ReferralFactory(status=Status.ACCEPTED, sent_at=timezone.now(), answered_at=timezone.now())
    report = reports.build()
    assert report["acceptance_rate"] is None
    assert report["median_hours_to_accept"] is None


def test_chart_draws_no_bar_for_suppressed_cells(referrals_data):
    table = next(t for t in reports.build()["tables"] if t.key == "sending")
    bars = {bar["label"]: bar for bar in table.chart()["bars"]}
    assert bars["Emisora grande"]["width"] == 0  # hidden to protect the small one
    assert bars["Emisora pequeña"]["width"] == 0
    assert bars["Emisora pequeña"]["shown"] == "c"
    status = next(t for t in reports.build()["tables"] if t.key == "status").chart()["bars"]
    assert {bar["width"] > 0 for bar in status if bar["shown"] != "c"} == {True}


def test_report_page_and_csv_for_coordinators(client, world, referrals_data):
    verified_login(client, world["users"]["coordinator"])
    page = client.get(reverse("referrals:reports"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html
    # Charts are drawn on the server: no script from another host (the admin's own only).
    assert not re.search(r"<script[^>]+src=\"(https?:)?//", html)
    assert ">c<" in html
    assert world["referral"].case_code not in html  # aggregates only, never records
    assert "<tfoot>" in html  # every table that adds up shows its total
    response = client.get(reverse("referrals:reports_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    # With the world's referral (1, from a third institution) two small cells hide each other.
    assert ["sending", "Emisora pequeña", "c"] in rows
    assert ["sending", "Emisora grande", "6"] in rows
    assert ["sending", "total", "9"] in rows
    for row in rows[1:]:
        value = row[2]
        assert value == "c" or not value.isdigit() or int(value) >= 5, row
    assert_nothing_recoverable(rows)


def test_staff_cannot_see_reports(client, world):
    verified_login(client, world["users"]["manager"])
    response = client.get(reverse("referrals:reports"), follow=True)
    assert response.status_code == 404


def recoverable(total, shown, hidden_count):
    """What a reader can work out of one table that adds up to ``total``: the hidden cells
    whose value is forced. Each hidden cell lies between 0 and the smallest cell shown (the
    rule hides the smallest first), and together they make ``total - sum(shown)``."""
    if not hidden_count:
        return False
    rest = total - sum(shown)
    bound = min(shown) if shown else total
    low = max(0, rest - (hidden_count - 1) * bound)
    high = min(bound, rest)
    return low == high


def assert_nothing_recoverable(rows):
    """Every table but the forms of exploitation and the no-capacity declines (a part of the
    declined referrals, with no total published) partitions the referrals sent, so its
    cells add up to the report's total (whether or not the table repeats it)."""
    tables = {}
    for key, category, value in rows[1:]:
        if category != "total":
            tables.setdefault(key, []).append(value)
    (total,) = [value for key, _category, value in rows[1:] if key == "total"]
    assert total.isdigit()  # the fixtures publish a total: there is something to subtract from
    for key, values in tables.items():
        if key in {
            "exploitation",
            "no_capacity",
            "acceptance_rate_percent",
            "median_hours_to_accept",
        }:
            continue
        shown = [int(v) for v in values if v.isdigit()]
        hidden = len(values) - len(shown)
        assert not recoverable(int(total), shown, hidden), (key, values)


def test_no_hidden_cell_can_be_worked_out_from_the_totals(referrals_data):
    """Regression: a "<5" cell was the total minus the cells shown (8 - 6 = 2)."""
    assert_nothing_recoverable(list(reports.csv_rows(reports.build())))


def test_protection_holds_for_any_table():
    rng = random.Random(15)
    for _ in range(3000):
        counts = [rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 30]) for _ in range(rng.randint(1, 8))]
        hidden = reports.protect(counts)
        assert {i for i, c in enumerate(counts) if c < reports.SUPPRESS_BELOW} <= hidden
        total = sum(counts)
        if total < reports.SUPPRESS_BELOW:
            continue  # the total itself is hidden
        shown = [c for i, c in enumerate(counts) if i not in hidden]
        assert not recoverable(total, shown, len(hidden)), counts
