"""Demo data of the directory's upkeep, loaded after the directory's own demo (its last
step): listings overdue and soon due for re-verification (dates in the past, relative to
today), bed counts of the demo shelters (fresh, stale, full), a change proposed by the
demo shelter waiting for review and an open problem report. The texts are in
``upkeep.yaml``; the dates are worked out from today. Idempotent."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from directory.models import (
    ListingChange,
    Organization,
    ProblemReport,
    Service,
    ServiceCapacity,
)
from directory.upkeep_rules import add_months, setting
from website.demo.files import read

TEXTS = read(__file__, "upkeep")

# Every fourth demo service is overdue, the next one due within the "soon" window.
OVERDUE_EVERY = 4
SHELTER_USER = "staff_acogida"  # the demo shelter's manager (directory.demo.STAFF_USERS)


def _verification_dates(services, today):
    months = setting("RUTA_VERIFICATION_MONTHS")
    overdue = soon = 0
    for index, service in enumerate(services):
        if index % OVERDUE_EVERY == 0:
            day = add_months(today, -(months + 2)) - timedelta(days=index % 27)
            overdue += 1
        elif index % OVERDUE_EVERY == 1:
            day = add_months(today, -months) + timedelta(days=1 + index % 20)
            soon += 1
        else:
            continue
        Service.objects.filter(pk=service.pk).update(assured_date=day)
    return overdue, soon


def _capacities(shelters, now):
    """Counts of every demo shelter: mostly fresh, every third stale, every fifth full."""
    ServiceCapacity.objects.filter(service__in=shelters).delete()
    counts = []
    for index, service in enumerate(shelters):
        stale = index % 3 == 2
        full = index % 5 == 4
        counts.append(
            ServiceCapacity(
                service=service,
                unit=ServiceCapacity.Unit.BEDS,
                maximum=20,
                available=0 if full else 2 + index % 9,
                updated=now - (timedelta(days=6 + index % 5) if stale else timedelta(hours=3)),
                description=TEXTS["capacity_description"],
            )
        )
    ServiceCapacity.objects.bulk_create(counts)
    return len(counts)


def _proposal(shelter_org, user):
    service = shelter_org.services.order_by("name").first()
    if service is None:
        return 0
    ListingChange.objects.update_or_create(
        organization=shelter_org,
        kind=ListingChange.Kind.SERVICE,
        object_id=service.pk,
        status=ListingChange.Status.PENDING,
        defaults={
            "action": ListingChange.Action.UPDATE,
            "label": str(service)[:250],
            "proposed": {
                f"wait_time_{code}": text for code, text in TEXTS["proposal"]["wait_time"].items()
            },
            "original": {
                "wait_time_es": service.wait_time_es,
                "wait_time_en": service.wait_time_en,
            },
            "proposed_by": user,
        },
    )
    return 1


def load(stdout):
    today, now = timezone.localdate(), timezone.now()
    services = list(Service.objects.filter(organization__is_demo=True).order_by("pk"))
    overdue, soon = _verification_dates(services, today)
    shelters = list(
        Service.objects.filter(organization__is_demo=True, categories__code="shelter")
        .distinct()
        .order_by("pk")
    )
    counted = _capacities(shelters, now)
    user = get_user_model().objects.filter(username=SHELTER_USER).first()
    shelter_org = Organization.objects.filter(memberships__user=user).first() if user else None
    proposals = 0
    if shelter_org is not None:
        proposals = _proposal(shelter_org, user)
        report = TEXTS["problem_report"]
        ProblemReport.objects.get_or_create(
            organization=shelter_org,
            kind=report["kind"],
            description=report["description"],
            defaults={"language": report["language"]},
        )
    stdout.write(
        f"  upkeep: {overdue} listings overdue, {soon} due soon, {counted} bed counts, "
        f"{proposals} proposal waiting for review, 1 problem report"
    )
