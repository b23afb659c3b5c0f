"""'In your province': who to call for each step, in the reader's province.

The province is chosen once (``?province=EC-G`` on an edition, phase or sub-route page, kept
in a plain cookie that holds only the code) and applied to every step of the page. For each
responsible institution a step names: its services in the province; when it has none, its
nearest offices (by distance between provincial capitals) and the directory's services of
the same categories in the province; the page then lists the national lines, so a reader
never meets a dead end.

This is a per-request layer on top of the steps (which depend only on the edition): a
handful of queries of identifiers, then the directory's public result cards
(``directory.cards``: public fields only, confidential places as canton and province).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from directory.cards import service_cards
from directory.models import (
    PROVINCE_CHOICES,
    Service,
    ServiceAtLocation,
)
from directory.provinces import capital_distance_km
from directory.selectors import directory_page, service_ids_in_province

PUBLIC_STATUSES = [Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED]
PROVINCES = dict(PROVINCE_CHOICES)
PROVINCE_COOKIE = "ruta_province"
COOKIE_MAX_AGE = 365 * 24 * 3600
NEAREST_LIMIT = 3
SAME_CATEGORY_LIMIT = 5


@dataclass
class InstitutionInProvince:
    organization: object
    role: str
    url: str = ""
    services: list = field(default_factory=list)  # result cards in the province
    nearest: list = field(default_factory=list)  # its cards in the nearest provinces
    same_category: list = field(default_factory=list)  # others' cards in the province
    same_need: bool = True  # False: no category in common, any service in the province


@dataclass
class ProvinceLookup:
    choices: list
    code: str = ""
    name: str = ""
    step_id: str = ""
    step_found: bool = False
    error: str = ""
    from_cookie: bool = False
    by_step: dict = field(default_factory=dict)  # step id -> [InstitutionInProvince]

    @property
    def query(self):
        """``?province=…`` for links that carry the choice to the other pages."""
        return f"?province={self.code}" if self.code else ""


def chosen_province(request):
    """(code, error, from_cookie): the ``province`` GET parameter, else the cookie."""
    code = request.GET.get("province", "").strip()
    if code:
        if code in PROVINCES:
            return code, "", False
        return "", _("Choose a province from the list."), False
    cookie = request.COOKIES.get(PROVINCE_COOKIE, "")
    return (cookie, "", True) if cookie in PROVINCES else ("", "", False)


def remember_province(request, response):
    """Keep a province chosen in the URL in the cookie (only when it changes, so that the
    page stays cacheable). A page rendered from the cookie alone is the reader's own."""
    code, _error, from_cookie = chosen_province(request)
    if code and not from_cookie and request.COOKIES.get(PROVINCE_COOKIE) != code:
        response.set_cookie(PROVINCE_COOKIE, code, max_age=COOKIE_MAX_AGE, samesite="Lax")
    if code and from_cookie:
        response["Cache-Control"] = "private"
    return response


def _responsible(steps):
    """{step id: [(organisation, role)]} of the active institutions each step names."""
    found = {}
    for step in steps:
        found[step.id] = [
            (item["organization"], item["role"])
            for item in step.value["responsible"]
            if item["organization"] and item["organization"].is_active
        ]
    return found


def _places(organization_ids):
    """{organisation id: {province: [service id]}} of their listed services."""
    places = {}
    rows = (
        ServiceAtLocation.objects.filter(
            service__organization_id__in=organization_ids, service__status__in=PUBLIC_STATUSES
        )
        .order_by("service__name", "service_id")
        .values_list("service__organization_id", "location__province", "service_id")
        .distinct()
    )
    for organization_id, province, service_id in rows:
        ids = places.setdefault(organization_id, {}).setdefault(province, [])
        if str(service_id) not in ids:
            ids.append(str(service_id))
    return places


def _nearest(by_province, code):
    """[(service id, km)] of an institution's services in the nearest other provinces."""
    ranked = sorted((capital_distance_km(code, province), province) for province in by_province)
    found = []
    for km, province in ranked:
        found.extend((pk, km) for pk in by_province[province] if pk not in dict(found))
    return found[:NEAREST_LIMIT]


def _same_category(organization_ids, code):
    """{organisation id: [service id]}: listed services of other institutions in the
    province that share a category with the institution's services."""
    categories = {}
    for organization_id, term_id in Service.categories.through.objects.filter(
        service__organization_id__in=organization_ids
    ).values_list("service__organization_id", "taxonomyterm_id"):
        categories.setdefault(organization_id, set()).add(term_id)
    every_term = set().union(*categories.values()) if categories else set()
    local = (
        ServiceAtLocation.objects.filter(
            location__province=code,
            service__status__in=PUBLIC_STATUSES,
            service__organization__is_active=True,
            service__categories__in=every_term,
        )
        .order_by("service__name", "service_id")
        .values_list("service_id", "service__organization_id", "service__categories")
    )
    found = {}
    for service_id, owner, term_id in local:
        for organization_id, terms in categories.items():
            ids = found.setdefault(organization_id, [])
            if owner != organization_id and term_id in terms and str(service_id) not in ids:
                ids.append(str(service_id))
    return {pk: ids[:SAME_CATEGORY_LIMIT] for pk, ids in found.items()}


def _card_urls(cards, request):
    """Link each card to its service page and organisation page; the directory page (or
    None when there is none)."""
    directory = directory_page()
    if directory is None:
        return
    base = directory.get_url(request=request)
    for card in cards.values():
        card["url"] = directory.service_url(card["id"], request)
        card["organization"]["url"] = f"{base}{card['organization']['slug']}/"
    return directory


def institutions_in_province(steps, code, request=None):
    """{step id: [InstitutionInProvince]} for every step of the page."""
    responsible = _responsible(steps)
    organization_ids = {org.pk for items in responsible.values() for org, _role in items}
    if not organization_ids:
        return {step_id: [] for step_id in responsible}
    places = _places(organization_ids)
    missing = [pk for pk in organization_ids if code not in places.get(pk, {})]
    nearest = {
        pk: _nearest({p: ids for p, ids in places.get(pk, {}).items() if p != code}, code)
        for pk in missing
    }
    same_category = _same_category(missing, code) if missing else {}
    # No service of the same categories there: any listed service of the province, so that
    # the reader still finds a local contact.
    unmatched = [pk for pk in missing if not same_category.get(pk)]
    anywhere = service_ids_in_province(code)[:SAME_CATEGORY_LIMIT] if unmatched else []
    for pk in unmatched:
        same_category[pk] = [sid for sid in anywhere if sid not in places.get(pk, {}).get(code, [])]
    wanted = {pk for by_province in places.values() for pk in by_province.get(code, [])}
    wanted |= {pk for found in nearest.values() for pk, _km in found}
    wanted |= {pk for ids in same_category.values() for pk in ids}
    cards = service_cards(list(wanted))
    directory = _card_urls(cards, request)
    by_step = {}
    for step_id, items in responsible.items():
        by_step[step_id] = []
        for organization, role in items:
            entry = InstitutionInProvince(organization, role)
            if directory is not None:
                entry.url = directory.organization_url(organization, request)
            local = places.get(organization.pk, {}).get(code, [])
            entry.services = [cards[pk] for pk in local if pk in cards]
            for pk, km in nearest.get(organization.pk, []):
                if pk in cards:
                    entry.nearest.append(
                        {**cards[pk], "distance_km": round(km), "distance_is_approximate": True}
                    )
            ids = same_category.get(organization.pk, [])
            entry.same_category = [cards[pk] for pk in ids if pk in cards]
            entry.same_need = organization.pk not in unmatched
            by_step[step_id].append(entry)
    return by_step


def institution_urls(steps, request=None):
    """{organisation id: its directory page} for the active institutions the steps name."""
    organizations = {org.pk: org for items in _responsible(steps).values() for org, _r in items}
    directory = directory_page() if organizations else None
    if directory is None:
        return {}
    return {pk: directory.organization_url(org, request) for pk, org in organizations.items()}


def province_lookup(request, steps):
    """The reader's province (URL or cookie) applied to every step of the page."""
    lookup = ProvinceLookup(choices=PROVINCE_CHOICES)
    code, lookup.error, lookup.from_cookie = chosen_province(request)
    lookup.step_id = request.GET.get("step", "").strip()
    # Only when asked about a step: reading the steps loads their institutions (a query).
    lookup.step_found = bool(lookup.step_id) and any(child.id == lookup.step_id for child in steps)
    if lookup.step_id and not lookup.step_found and not lookup.error:
        lookup.error = _("That step does not exist on this page. Choose the province again.")
    if not code:
        return lookup
    lookup.code, lookup.name = code, PROVINCES[code]
    lookup.by_step = institutions_in_province(steps, code, request)
    return lookup
