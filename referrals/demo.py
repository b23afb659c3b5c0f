"""Fictional referrals between the demo institutions (development only; idempotent).

Runs after the directory demo: it uses the directory's demo staff users ``staff_acogida``,
``staff_fiscalia`` and ``staff_otra`` (creating them and three fictional institutions if the
directory demo did not), adds ``gestor_acogida`` (manager) and gives ``coordinacion`` the
programme coordinator role. Every demo user with referral access gets a TOTP device with a
FIXED, PUBLISHED development secret (README): never use these accounts outside a laptop.
"""

import random
import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from directory.models import Organization, OrganizationMembership, Taxonomy, TaxonomyTerm
from website.demo.files import read

from .choices import (
    AgeRange,
    ConsentGivenBy,
    DeclineReason,
    Exploitation,
    Gender,
    Language,
    Nationality,
    Status,
    Urgency,
)
from .models import CASE_CODE_ALPHABET, Referral, StatusChange
from .roles import ensure_coordinator_group

NAMESPACE = uuid.UUID("0c1f7a52-7d0e-4f55-9d3c-2b6f8f0d7a31")
DEMO_PASSWORD = "ruta-demo-2026"  # noqa: S105 - development-only demo accounts (README)
STAFF_USERS = ["staff_acogida", "staff_fiscalia", "staff_otra"]

# Development-only TOTP secrets (hex of 20 ASCII bytes); README lists them in base32.
DEMO_TOTP_KEYS = {
    username: f"ruta-demo-{username}".ljust(20, "0")[:20].encode().hex()
    for username in [*STAFF_USERS, "gestor_acogida", "coordinacion"]
}

FLOW = [
    Status.DRAFT,
    Status.SENT,
    Status.RECEIVED,
    Status.ACCEPTED,
    Status.DECLINED,
    Status.IN_SERVICE,
    Status.COMPLETED,
    Status.WITHDRAWN,
    Status.CLOSED,
]
# The path through the lifecycle that leads to each status (for the history).
PATHS = {
    Status.DRAFT: [],
    Status.SENT: [Status.SENT],
    Status.RECEIVED: [Status.SENT, Status.RECEIVED],
    Status.ACCEPTED: [Status.SENT, Status.RECEIVED, Status.ACCEPTED],
    Status.DECLINED: [Status.SENT, Status.RECEIVED, Status.DECLINED],
    Status.IN_SERVICE: [Status.SENT, Status.RECEIVED, Status.ACCEPTED, Status.IN_SERVICE],
    Status.COMPLETED: [
        Status.SENT,
        Status.RECEIVED,
        Status.ACCEPTED,
        Status.IN_SERVICE,
        Status.COMPLETED,
    ],
    Status.WITHDRAWN: [Status.SENT, Status.WITHDRAWN],
    Status.CLOSED: [
        Status.SENT,
        Status.RECEIVED,
        Status.ACCEPTED,
        Status.IN_SERVICE,
        Status.COMPLETED,
        Status.CLOSED,
    ],
}
TEXTS = read(__file__, "demo")  # referrals/demo.yaml
NEEDS, RISKS = TEXTS["needs"], TEXTS["risks"]


def _user(username, email_domain="demo.ruta.invalid"):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": "Demo", "email": f"{username}@{email_domain}"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _organisations(stdout):
    """The three demo staff users' institutions, created if the directory demo did not."""
    organisations = []
    for index, username in enumerate(STAFF_USERS):
        user = _user(username)
        membership = OrganizationMembership.objects.filter(user=user).first()
        if membership is None:
            organisation, _ = Organization.objects.get_or_create(
                slug=f"institucion-demo-derivaciones-{index + 1}",
                defaults={
                    "name": f"Institución ficticia de derivaciones {index + 1}",
                    "description": "Institución ficticia para demostraciones.",
                    "is_demo": True,
                },
            )
            membership = OrganizationMembership.objects.create(organization=organisation, user=user)
            stdout.write(f"  created fictional institution for {username}")
        organisations.append(membership.organization)
    return organisations


def _roles(organisations):
    manager = _user("gestor_acogida")
    OrganizationMembership.objects.update_or_create(
        organization=organisations[0],
        user=manager,
        defaults={"role": OrganizationMembership.Role.MANAGER},
    )
    manager.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="referrals",
            codename__in=["export_referrals", "override_consent"],
        )
    )
    coordinator = _user("coordinacion")  # shared with the training demo: only add the role
    coordinator.groups.add(ensure_coordinator_group())
    for username, key in DEMO_TOTP_KEYS.items():
        user = get_user_model().objects.get(username=username)
        TOTPDevice.objects.update_or_create(
            user=user, name="demo", defaults={"key": key, "confirmed": True}
        )
    return manager


def _terms():
    return list(TaxonomyTerm.objects.filter(taxonomy__code=Taxonomy.SERVICE_CATEGORIES))


def load(stdout):
    organisations = _organisations(stdout)
    _roles(organisations)
    users = {
        org.pk: OrganizationMembership.objects.filter(organization=org).first().user
        for org in organisations
    }
    pairs = [(a, b) for a in organisations for b in organisations if a != b]
    terms = _terms()
    rng = random.Random(2026)
    now = timezone.now()
    count = 36
    for index in range(count):
        status = FLOW[index % len(FLOW)]
        sender, receiver = pairs[index % len(pairs)]
        created = now - timedelta(days=rng.randint(2, 170), hours=rng.randint(0, 23))
        code = "DER-DEMO-" + "".join(rng.choice(CASE_CODE_ALPHABET) for _ in range(6))
        path = PATHS[status]
        stamps = {}
        moment = created
        for step in path:
            moment += timedelta(hours=rng.randint(1, 60))
            stamps[step] = min(moment, now - timedelta(minutes=5))
        is_minor = index % 5 == 0
        referral, _ = Referral.objects.update_or_create(
            id=uuid.uuid5(NAMESPACE, f"referral/{index}"),
            defaults={
                "case_code": code,
                "sending_organization": sender,
                "receiving_organization": receiver,
                "urgency": [Urgency.ROUTINE, Urgency.URGENT, Urgency.EMERGENCY][index % 3],
                "province": ["EC-P", "EC-G", "EC-O", "EC-E", "EC-I"][index % 5],
                "age_range": AgeRange.ADOLESCENT if is_minor else rng.choice(AgeRange.values),
                "gender": rng.choice(Gender.values),
                "nationality": rng.choice(Nationality.values),
                "languages": [Language.SPANISH] + ([Language.KICHWA] if index % 7 == 0 else []),
                "is_minor": is_minor,
                "exploitation_forms": rng.sample(Exploitation.values[:6], k=1 + index % 2),
                "risk_notes": rng.choice(RISKS),
                "needs": rng.choice(NEEDS),
                "consent_given": True,
                "consent_date": created.date(),
                "consent_given_by": ConsentGivenBy.GUARDIAN if is_minor else ConsentGivenBy.PERSON,
                "consent_scope": TEXTS["consent_scope"],
                "consent_expires": (created + timedelta(days=365)).date(),
                "status": status,
                "decline_reason": DeclineReason.NO_CAPACITY if status == Status.DECLINED else "",
                "counter_referral": (
                    TEXTS["counter_referral"] if Status.COMPLETED in stamps else ""
                ),
                "created_by": users[sender.pk],
                "sent_at": stamps.get(Status.SENT),
                "received_at": stamps.get(Status.RECEIVED),
                "answered_at": stamps.get(Status.ACCEPTED) or stamps.get(Status.DECLINED),
                "completed_at": stamps.get(Status.COMPLETED),
                "closed_at": stamps.get(Status.CLOSED),
            },
        )
        Referral.objects.filter(pk=referral.pk).update(created_at=created)
        if terms:
            referral.requested_services.set(rng.sample(terms, k=min(2, len(terms))))
            if Status.COMPLETED in stamps:
                referral.services_given.set(terms[:1])
        referral.changes.all().delete()
        previous = ""
        for step in [Status.DRAFT, *path]:
            receiving_side = step in {
                Status.RECEIVED,
                Status.ACCEPTED,
                Status.DECLINED,
                Status.IN_SERVICE,
                Status.COMPLETED,
            }
            organisation = receiver if receiving_side else sender
            StatusChange.objects.create(
                referral=referral,
                from_status=previous,
                to_status=step,
                by=users[organisation.pk],
                by_organization=organisation,
                at=stamps.get(step, created),
            )
            previous = step
    stdout.write(
        f"  {count} fictional referrals in every status; users gestor_acogida (manager), "
        f"coordinacion (coordinator); TOTP secrets in README (development only)"
    )
