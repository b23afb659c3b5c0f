"""Reads of the admin's directory screens: an institution's own records (what its members
may propose changes to), its listing page, the proposals, the upkeep dashboard, the bed
counts, the problem reports and the reminder digests. Never a public output."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q
from django.utils import timezone

from directory.models import (
    ListingChange,
    Location,
    Organization,
    OrganizationMembership,
    Phone,
    ProblemReport,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceCapacity,
)
from directory.selectors import (
    VISIBLE_SERVICE_STATUSES,
    current_capacities_prefetch,
    public_services,
)
from directory.upkeep_rules import setting, soon_due_since, verification_due, verified_since

# --- an institution's own records ---------------------------------------------------------


def own_organization(organization):
    return Organization.objects.filter(pk=organization.pk)


def own_services(organization):
    return Service.objects.filter(organization=organization)


def own_locations(organization):
    return Location.objects.filter(organization=organization)


def own_phones(organization):
    """The institution's phones, its services' and its places' (not its contacts': those
    are the maintainers')."""
    return Phone.objects.filter(
        Q(organization=organization)
        | Q(service__organization=organization)
        | Q(location__organization=organization),
        contact__isnull=True,
    )


def own_schedules(organization):
    return Schedule.objects.filter(service__organization=organization)


def listing(organization):
    """Everything the member's listing page shows, in a fixed number of queries."""
    services = (
        own_services(organization)
        .order_by("name")
        .prefetch_related(
            "schedules",
            "phones",
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location"),
            ),
            current_capacities_prefetch(),
        )
    )
    return {
        "services": list(services),
        "locations": list(own_locations(organization).prefetch_related("phones")),
        "phones": list(Phone.objects.filter(organization=organization, contact__isnull=True)),
        "changes": list(
            organization.listing_changes.filter(status=ListingChange.Status.PENDING)
            .select_related("proposed_by")
            .order_by("-proposed_at")
        ),
        "decided": list(
            organization.listing_changes.exclude(status=ListingChange.Status.PENDING)
            .select_related("reviewed_by")
            .order_by("-reviewed_at", "-proposed_at")[:10]
        ),
    }


# --- proposals ------------------------------------------------------------------------------


MODELS = {
    ListingChange.Kind.ORGANIZATION: Organization,
    ListingChange.Kind.SERVICE: Service,
    ListingChange.Kind.LOCATION: Location,
    ListingChange.Kind.PHONE: Phone,
    ListingChange.Kind.SCHEDULE: Schedule,
}


def changes(status=ListingChange.Status.PENDING):
    return ListingChange.objects.filter(status=status).select_related(
        "organization", "proposed_by", "reviewed_by"
    )


def change_target(change, *, for_update=False):
    """The record a proposal changes (None for a new one, or when it is gone)."""
    if change.object_id is None:
        return None
    queryset = MODELS[change.kind].objects.all()
    if for_update:
        queryset = queryset.select_for_update()
    return queryset.filter(pk=change.object_id).first()


# --- re-verification ------------------------------------------------------------------------


def _listed_services():
    return Service.objects.filter(organization__is_active=True, status__in=VISIBLE_SERVICE_STATUSES)


def due_services(today=None, province=""):
    """Listed services that are overdue or due within ``RUTA_VERIFICATION_SOON_DAYS``
    (optionally with a place in ``province``), oldest verification first."""
    today = today or timezone.localdate()
    due = Q(assured_date__isnull=True) | Q(assured_date__lt=soon_due_since(today))
    services = _listed_services().filter(due)
    if province:
        services = services.filter(service_at_locations__location__province=province)
    return (
        services.distinct()
        .select_related("organization")
        .prefetch_related(
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location"),
            )
        )
        .order_by("organization__name", "assured_date", "name")
    )


def due_rows(services, today=None):
    """(organisation, [row]) pairs for the dashboard and the digests: each row with its
    due date, whether it is overdue and the provinces of its places."""
    today = today or timezone.localdate()
    overdue_before = verified_since(today)
    groups = {}
    for service in services:
        provinces = sorted({sal.location.province for sal in service.service_at_locations.all()})
        row = {
            "service": service,
            "due": verification_due(service.assured_date),
            "overdue": service.assured_date is None or service.assured_date < overdue_before,
            "provinces": provinces,
        }
        groups.setdefault(service.organization, []).append(row)
    return list(groups.items())


def reminder_user_ids(now=None):
    """Active members with an e-mail address, of institutions with due services, who got
    no digest in the last ``RUTA_VERIFICATION_REMINDER_DAYS`` days."""
    now = now or timezone.now()
    recent = now - timedelta(days=setting("RUTA_VERIFICATION_REMINDER_DAYS"))
    organizations = due_services(timezone.localtime(now).date()).values("organization_id")
    memberships = OrganizationMembership.objects.filter(
        organization_id__in=organizations,
        organization__is_active=True,
        user__is_active=True,
    ).exclude(user__email="")
    reminded = memberships.filter(reminded_at__gte=recent).values("user_id")
    return sorted(set(memberships.exclude(user_id__in=reminded).values_list("user_id", flat=True)))


def digest(user_id, today=None):
    """(recipient, [(organisation, [row])]) for one person's digest: only their own
    institutions' due services (no other person's data)."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return None, []
    services = due_services(today).filter(
        organization__memberships__user=user, organization__is_active=True
    )
    return user, due_rows(services, today)


# --- bed counts -----------------------------------------------------------------------------


def capacity_services(organizations):
    """The services of these institutions with their current counts, for the phone form."""
    return (
        Service.objects.filter(organization__in=organizations)
        .exclude(status=Service.Status.DEFUNCT)
        .select_related("organization")
        .prefetch_related(current_capacities_prefetch())
        .order_by("organization__name", "name")
    )


def capacity_as_of(service_id, moment):
    """The count of each unit that was the latest at ``moment`` (what someone saw then)."""
    found = []
    for unit in ServiceCapacity.Unit.values:
        count = (
            ServiceCapacity.objects.filter(service_id=service_id, unit=unit, updated__lte=moment)
            .order_by("-updated")
            .first()
        )
        if count is not None:
            found.append(count)
    return found


def hsds_services():
    """What the HSDS service reads, and its current counts (staff's HSDS endpoints)."""
    return public_services().prefetch_related(current_capacities_prefetch())


# --- problem reports ------------------------------------------------------------------------


def problem_reports(status=ProblemReport.Status.OPEN):
    return ProblemReport.objects.filter(status=status).select_related("organization", "service")
