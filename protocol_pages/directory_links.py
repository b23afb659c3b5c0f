"""'In your province': services and public contacts of a step's responsible institutions.

Only public directory fields are read: organisation name and referral contact, service
name, status and categories, and the canton of its locations in the chosen province.
Addresses, coordinates, phones, contacts and staff-only service fields are never loaded.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from directory.models import PROVINCE_CHOICES, Service, ServiceAtLocation, TaxonomyTerm

PUBLIC_STATUSES = [Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED]
PROVINCES = dict(PROVINCE_CHOICES)


@dataclass
class PublicService:
    name: str
    status: str
    status_label: str
    categories: list
    cantons: list


@dataclass
class InstitutionInProvince:
    organization: object
    role: str
    services: list = field(default_factory=list)


@dataclass
class ProvinceLookup:
    choices: list
    code: str = ""
    name: str = ""
    step_id: str = ""
    step_found: bool = False
    error: str = ""
    results: list = field(default_factory=list)


def services_in_province(organization_ids, province):
    """{organisation id: [PublicService]} for active services delivered in the province."""
    services = (
        Service.objects.filter(
            organization_id__in=organization_ids,
            status__in=PUBLIC_STATUSES,
            service_at_locations__location__province=province,
        )
        .distinct()
        .only("id", "organization_id", "name", "status")
        .prefetch_related(Prefetch("categories", queryset=TaxonomyTerm.objects.only("id", "name")))
    )
    services = list(services)
    cantons = {}
    for service_id, canton in (
        ServiceAtLocation.objects.filter(service__in=services, location__province=province)
        .values_list("service_id", "location__canton")
        .order_by("location__canton")
    ):
        cantons.setdefault(service_id, [])
        if canton not in cantons[service_id]:
            cantons[service_id].append(canton)
    by_organization = {}
    for service in services:
        by_organization.setdefault(service.organization_id, []).append(
            PublicService(
                service.name,
                service.status,
                service.get_status_display(),
                [term.name for term in service.categories.all()],
                cantons.get(service.pk, []),
            )
        )
    return by_organization


def province_lookup(request, steps):
    """Read ?province=…&step=… (a plain GET form) and look up that step's institutions."""
    lookup = ProvinceLookup(choices=PROVINCE_CHOICES)
    code = request.GET.get("province", "").strip()
    step_id = request.GET.get("step", "").strip()
    if not code:
        return lookup
    lookup.step_id = step_id
    step = next((child for child in steps if child.id == step_id), None)
    lookup.step_found = step is not None
    if code not in PROVINCES:
        lookup.error = _("Choose a province from the list.")
        return lookup
    if step is None:
        lookup.error = _("That step does not exist on this page. Choose the province again.")
        return lookup
    lookup.code, lookup.name = code, PROVINCES[code]
    responsible = [item for item in step.value["responsible"] if item["organization"]]
    services = services_in_province([item["organization"].pk for item in responsible], code)
    lookup.results = [
        InstitutionInProvince(
            item["organization"], item["role"], services.get(item["organization"].pk, [])
        )
        for item in responsible
        if item["organization"].is_active
    ]
    return lookup
