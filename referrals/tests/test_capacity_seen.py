"""Capacity before referring: the new-referral form shows the receiving service's free beds
with their age, warns when there is no room or the count is stale, records what the sender
saw with the referral; "no capacity" declines are counted per service for coordinators."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from directory import upkeep
from directory.factories import ServiceCapacityFactory, ServiceFactory
from referrals import reports
from referrals.choices import DeclineReason, Status
from referrals.factories import ReferralFactory
from referrals.models import Referral

from .conftest import verified_login

pytestmark = pytest.mark.django_db
FREE = 4321  # a count no other value of the page holds


def referral_data(world, service):
    return {
        "sending_organization": world["orgs"]["sender"].pk,
        "receiving_organization": world["orgs"]["receiver"].pk,
        "receiving_service": service.pk,
        "urgency": "routine",
        "consent_given": "on",
        "consent_date": timezone.localdate().isoformat(),
        "consent_given_by": "person",
        "consent_scope": "Datos mínimos",
        "is_minor": "false",
    }


@pytest.fixture
def shelter(world):
    service = ServiceFactory(organization=world["orgs"]["receiver"], name="Acogida de prueba")
    count = ServiceCapacityFactory(
        service=service,
        available=FREE,
        maximum=FREE + 5,
        updated=timezone.now() - timedelta(days=2),
    )
    return {"service": service, "count": count}


def test_the_form_shows_each_service_with_its_count_and_age(client, world, shelter):
    verified_login(client, world["users"]["sender"])
    with translation.override("es"):
        page = client.get(reverse("referrals:create")).content.decode()
    assert f"Acogida de prueba — {FREE} camas libres · actualizado hace 2\xa0días" in page
    chosen = client.get(reverse("referrals:create"), {"receiving_service": shelter["service"].pk})
    assert chosen.status_code == 200


def test_what_the_sender_saw_is_recorded_with_the_referral(client, world, shelter):
    verified_login(client, world["users"]["sender"])
    page = client.get(reverse("referrals:create"))
    shown_at = page.context["shown_at"]
    upkeep.record_capacity(shelter["service"], None, unit="beds", available=0)
    data = {**referral_data(world, shelter["service"]), "capacity_shown_at": shown_at}
    response = client.post(reverse("referrals:create"), data)
    assert response.status_code == 302
    record = Referral.objects.get(receiving_service=shelter["service"]).capacity_seen
    # The count the form showed, not the one saved while the sender was typing.
    assert [count["available"] for count in record["counts"]] == [FREE]
    detail = client.get(response["Location"]).content.decode()
    assert str(FREE) in detail


def test_no_room_and_stale_counts_are_warned(client, world, shelter, settings):
    shelter["count"].available = 0
    shelter["count"].save()
    settings.RUTA_CAPACITY_STALE_HOURS = 24  # the two-day-old count is stale
    verified_login(client, world["users"]["sender"])
    with translation.override("es"):
        bound = client.post(
            reverse("referrals:create"),
            {"receiving_service": shelter["service"].pk},  # invalid: the form comes back
        )
    assert bound.status_code == 400
    notice = bound.content.decode()
    assert "sin cupo" in notice
    response = client.post(reverse("referrals:create"), referral_data(world, shelter["service"]))
    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("no free beds" in w or "no tenía camas" in w for w in warnings), warnings
    assert any("stale" in w or "desactualizado" in w for w in warnings), warnings


def test_a_service_without_a_count_is_recorded_as_such(client, world):
    service = ServiceFactory(organization=world["orgs"]["receiver"])
    verified_login(client, world["users"]["sender"])
    response = client.post(reverse("referrals:create"), referral_data(world, service))
    assert response.status_code == 302
    assert Referral.objects.get(receiving_service=service).capacity_seen["counts"] == []


def test_no_capacity_declines_are_counted_per_service(world):
    receiver = world["orgs"]["receiver"]
    full = ServiceFactory(organization=receiver, name="Casa llena")
    busy = ServiceFactory(organization=receiver, name="Casa ocupada")
    sent = timezone.now() - timedelta(days=3)
    for service, reason, times in (
        (full, DeclineReason.NO_CAPACITY, 6),
        (busy, DeclineReason.NO_CAPACITY, 5),
        (busy, DeclineReason.NOT_ELIGIBLE, 3),  # another reason: not counted
    ):
        for _ in range(times):
            ReferralFactory(
                sending_organization=world["orgs"]["sender"],
                receiving_organization=receiver,
                receiving_service=service,
                status=Status.DECLINED,
                decline_reason=reason,
                sent_at=sent,
                answered_at=sent + timedelta(hours=1),
            )
    table = next(t for t in reports.build()["tables"] if t.key == "no_capacity")
    assert {row.label: row.shown for row in table.rows} == {
        f"{receiver.name} · Casa llena": "6",
        f"{receiver.name} · Casa ocupada": "5",
    }
