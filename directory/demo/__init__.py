"""Demo directory: the real public bodies' public role (``public_bodies.yaml``) and fictional
demonstration organisations (``organisations.yaml``) with services (``services.yaml``).

Everything fictional is marked ``is_demo`` and its phone descriptions say "ficticio"; real
public bodies carry only their public role (no invented contact details: their referral
contact points to ECU 911 and 1800-DELITO). Ids are uuid5 values of the YAML keys, so
loading twice updates instead of duplicating, and other apps' demo data find an
organisation by key through :func:`demo_uuid` (or by slug through ``DEMO_ORG_SLUGS``).

Demo users (password ``ruta-demo-2026``): ``staff_acogida`` (acogida), ``staff_fiscalia``
(fiscalia) and ``staff_otra`` (otra).
"""

import uuid
from datetime import time

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from directory.models import (
    Language,
    Location,
    Organization,
    OrganizationMembership,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.provinces import provinces
from directory.vocabulary import CATEGORY_TERMS, POPULATION_TERMS, ensure_vocabularies
from website.demo.files import columns, read

from . import upkeep

NAMESPACE = uuid.UUID("a6f4b0de-51c3-4c1b-9a8e-1f0f3f6e2b44")
DEMO_PASSWORD = "ruta-demo-2026"  # noqa: S105 - development-only demo accounts, stated in README
STAFF_USERS = {"staff_acogida": "acogida", "staff_fiscalia": "fiscalia", "staff_otra": "otra"}
CATEGORIES = list(CATEGORY_TERMS)
POPULATIONS = list(POPULATION_TERMS)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")

PUBLIC_BODIES = read(__file__, "public_bodies")
FICTIONAL = read(__file__, "organisations")
SERVICES = read(__file__, "services")
TEXTS = SERVICES["texts"]

DEMO_ORG_SLUGS = {body["key"]: slugify(body["name"]) for body in PUBLIC_BODIES} | {
    org["key"]: slugify(org["name"]["es"]) for org in FICTIONAL if org["key"] in ("acogida", "otra")
}


def demo_uuid(kind, key):
    return uuid.uuid5(NAMESPACE, f"{kind}/{key}")


def _upsert(model, pk, **values):
    obj, _created = model.objects.update_or_create(id=pk, defaults=values)
    return obj


def _organization(key, names, descriptions, *, kind, is_demo, referral):
    return _upsert(
        Organization,
        demo_uuid("org", key),
        name=names["es"],
        **columns(slug={code: slugify(name) for code, name in names.items()}),
        **columns(description=descriptions),
        kind=kind,
        is_demo=is_demo,
        is_active=True,
        **referral,
    )


def _service(key, organization, names, descriptions, terms, populations, location, **extra):
    service = _upsert(
        Service,
        demo_uuid("service", key),
        organization=organization,
        **columns(name=names, description=descriptions),
        assured_date=TEXTS["assured_date"],
        assurer_email=TEXTS["assurer_email"],
        **extra,
    )
    category = key.rsplit("/", 1)[-1]
    service.categories.set([terms[("ruta-service-categories", category)]])
    service.populations.set([terms[("ruta-populations", code)] for code in populations])
    _upsert(ServiceAtLocation, demo_uuid("sal", key), service=service, location=location)
    return service


def _public_bodies(terms):
    for body in PUBLIC_BODIES:
        key, name = body["key"], body["name"]
        organization = _organization(
            key,
            {"es": name, "en": name},
            body["description"],
            kind="public",
            is_demo=False,
            referral={
                "referral_contact_name": TEXTS["referral_via_emergency"],
                "referral_phone": "",
                "referral_email": "",
            },
        )
        location = _upsert(
            Location,
            demo_uuid("location", key),
            organization=organization,
            name=TEXTS["national_coverage"],
            location_type=Location.LocationType.VIRTUAL,
            canton="Quito",
            province="EC-P",
            is_confidential=False,
        )
        for category in body["categories"]:
            text = SERVICES["categories"][category]
            _service(
                f"{key}/{category}",
                organization,
                text["name"],
                text["description"],
                terms,
                POPULATIONS,
                location,
                status=Service.Status.ACTIVE,
                **columns(application_process=TEXTS["public_application"]),
            )
    return sum(len(body["categories"]) for body in PUBLIC_BODIES)


def _fictional_organization(number, org, province):
    key, names, canton = org["key"], org["name"], org["canton"]
    area = SERVICES["area_codes"][org["province"]]
    organization = _organization(
        key,
        names,
        {
            code: text.format(canton=canton, province=province.name)
            for code, text in TEXTS["demo_description"].items()
        },
        kind=org["kind"],
        is_demo=True,
        referral={
            "referral_contact_name": TEXTS["referral_contact"],
            "referral_phone": f"+593 {area}-390-{number:04d}",
            "referral_email": f"{slugify(names['es'])[:40]}@demo.ruta.invalid",
        },
    )
    shelter = org.get("shelter", False)
    location = _upsert(
        Location,
        demo_uuid("location", key),
        organization=organization,
        name=TEXTS["house"].format(last_word=names["es"].split()[-1])
        if shelter
        else TEXTS["seat"].format(canton=canton),
        location_type=Location.LocationType.PHYSICAL,
        canton=canton,
        province=org["province"],
        is_confidential=shelter,
        address_1=TEXTS["address"].format(number=100 + number),
        latitude=round(province.latitude + 0.001 * (number % 7), 6),
        longitude=round(province.longitude - 0.001 * (number % 5), 6),
        accessibility=TEXTS["accessibility"] if number % 2 else "",
    )
    _upsert(
        Phone,
        demo_uuid("phone", f"{key}/location"),
        location=location,
        number=f"+593 {area}-391-{number:04d}",
        description=TEXTS["direct_line"],
        is_staff_only=shelter,
    )
    _upsert(
        Phone,
        demo_uuid("phone", key),
        organization=organization,
        number=f"+593 99-390-{number:04d}",
        type=Phone.PhoneType.CELL,
        description=TEXTS["demo_number"],
    )
    return organization, location


def _schedules(service, key, category):
    if category == "shelter":
        _upsert(Schedule, demo_uuid("schedule", key), service=service, byday="", open_24_hours=True)
        return
    for day in WEEKDAYS:
        _upsert(
            Schedule,
            demo_uuid("schedule", f"{key}/{day}"),
            service=service,
            byday=day,
            opens_at=time(8, 30),
            closes_at=time(16, 30),
        )


def _fictional(terms):
    """Three services per organisation: a shelter's two first, then categories in turn."""
    province_info, services, next_category = provinces(), 0, 0
    for number, org in enumerate(FICTIONAL):
        organization, location = _fictional_organization(
            number, org, province_info[org["province"]]
        )
        shelter = org.get("shelter", False)
        chosen = ["shelter", "psychological"] if shelter else []
        while len(chosen) < 3:
            category = CATEGORIES[next_category % len(CATEGORIES)]
            next_category += 1
            if category not in chosen and category != "shelter":
                chosen.append(category)
        for position, category in enumerate(chosen):
            text, key = SERVICES["categories"][category], f"{org['key']}/{category}"
            closed = (number + position) % 9 == 4
            service = _service(
                key,
                organization,
                {code: f"{text['name'][code]} — {org['name'][code]}" for code in ("es", "en")},
                text["description"],
                terms,
                [POPULATIONS[(number + position + i) % len(POPULATIONS)] for i in range(3)],
                location,
                status=Service.Status.TEMPORARILY_CLOSED if closed else Service.Status.ACTIVE,
                **columns(
                    alert=TEXTS["closed_alert"] if closed else {"es": "", "en": ""},
                    application_process=TEXTS["demo_application"],
                ),
                minimum_age={"vocational": 18, "education": 6}.get(category),
                maximum_age=17 if category in ("education", "child-protection") else None,
                gender=Service.Gender.WOMEN if shelter and number % 2 == 0 else Service.Gender.ANY,
                accepts_mother_with_children=shelter,
                intake_notes=TEXTS["shelter_intake"] if category == "shelter" else "",
            )
            _upsert(
                Language,
                demo_uuid("language", f"{key}/es"),
                service=service,
                code="es",
                name="Español",
            )
            _schedules(service, key, category)
            services += 1
    return services


def _demo_users(stdout):
    user_model = get_user_model()
    for username, key in STAFF_USERS.items():
        user, created = user_model.objects.get_or_create(username=username)
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.first_name = "Demo"
        user.email = f"{username}@demo.ruta.invalid"
        user.save()
        OrganizationMembership.objects.get_or_create(
            organization_id=demo_uuid("org", key),
            user=user,
            defaults={
                "role": OrganizationMembership.Role.MANAGER
                if key == "acogida"
                else OrganizationMembership.Role.STAFF
            },
        )
    stdout.write(f"  demo staff users: {', '.join(STAFF_USERS)} (password {DEMO_PASSWORD})")


def load(stdout):
    ensure_vocabularies()
    terms = {(t.taxonomy.code, t.code): t for t in TaxonomyTerm.objects.select_related("taxonomy")}
    services = _public_bodies(terms) + _fictional(terms)
    _demo_users(stdout)
    shelters = sum(1 for org in FICTIONAL if org.get("shelter"))
    stdout.write(
        f"  {len(PUBLIC_BODIES) + len(FICTIONAL)} organisations, {services} services, "
        f"{shelters} confidential shelters"
    )
    upkeep.load(stdout)  # overdue listings, bed counts, a proposal (upkeep.py)
