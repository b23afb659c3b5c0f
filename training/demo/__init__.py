"""Demo training modules (``modules.yaml``), the trainers' and reviewers' roles and two
demo users.

Modules are written by fictional demo organisations of the directory demo
(``authors.yaml``); when those are missing, fictional demo organisations of our own are
created by slug. Users (password ``ruta-demo-2026``, README): ``formadora`` (Formadores)
and ``coordinacion`` (Coordinación; the referrals demo gives the same user a coordinator
role, so only the group is added here). Idempotent: a second run updates the modules in
place. PDFs are not built here: each is built on its first request.
"""

import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from directory.demo import demo_uuid
from directory.models import Organization, Service
from training.access import COORDINATION_GROUP, TRAINERS_GROUP
from training.models import TrainingIndexPage, TrainingModulePage
from training.roles import setup_training_roles
from training.signals import pdf_builds_suspended
from website.demo.files import columns, read

DEMO_PASSWORD = "ruta-demo-2026"  # noqa: S105 - development-only demo accounts, stated in README
DEMO_USERS = {"formadora": TRAINERS_GROUP, "coordinacion": COORDINATION_GROUP}
RELATED_SERVICES = 2  # the first demo services of a module's `related_services` category


def _authors():
    authors = {}
    for key, spec in read(__file__, "authors").items():
        organization = Organization.objects.filter(
            pk=demo_uuid("org", spec["directory"]), is_demo=True
        ).first()
        if organization is None:
            slug = spec["fallback"]["slug"]
            organization, _ = Organization.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": spec["fallback"]["name"],
                    "slug_es": slug,
                    "slug_en": slug,
                    **columns(
                        description={
                            "es": "Organización ficticia de demostración (formación).",
                            "en": "Fictional demonstration organisation (training).",
                        }
                    ),
                    "is_demo": True,
                },
            )
        authors[key] = organization
    return authors


def _items(values):
    return [{"type": "item", "id": str(uuid.uuid4()), "value": value} for value in values]


def _sessions(sessions):
    return [
        {
            "type": "session",
            "value": {
                "title": session["title"],
                "duration_minutes": session["minutes"],
                "objectives": _items(session["objectives"]),
                "activities": _items(session["activities"]),
                "materials": _items(session["materials"]),
                "handouts": [],
                "assessment_checklist": _items(session["checklist"]),
                "facilitator_notes": session["notes"],
            },
        }
        for session in sessions
    ]


def _values(data, last_reviewed):
    values = {
        **columns(title=data["title"], slug=data["slug"], summary=data["summary"]),
        **{f"search_description_{code}": text for code, text in data["summary"].items()},
        "topic": data["topic"],
        "audience": data["audience"],
        "level": data["level"],
        "duration_hours": Decimal(str(data["hours"])),
        "delivery_mode": data["mode"],
        "last_reviewed": last_reviewed,
    }
    if "sessions" in data:  # a module written in full
        values.update(
            columns(
                learning_objectives=data["learning_objectives"],
                content_warning=data["content_warning"],
                safety_notes=data["safety_notes"],
            )
        )
        for code, sessions in data["sessions"].items():
            values[f"sessions_{code}"] = _sessions(sessions)
    return values


def _upsert(index, values, author, prerequisites, services):
    page = TrainingModulePage.objects.child_of(index).filter(slug_es=values["slug_es"]).first()
    if page is None:
        page = TrainingModulePage(**values, author_organization=author)
        index.add_child(instance=page)
    else:
        for name, value in values.items():
            setattr(page, name, value)
        page.author_organization = author
    page.prerequisites.set(prerequisites)
    page.related_services.set(services)
    page.save_revision().publish()
    return page


def _users(stdout):
    user_model = get_user_model()
    for username, group_name in DEMO_USERS.items():
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"first_name": "Demo", "email": f"{username}@demo.ruta.invalid"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=group_name))
    stdout.write(
        f"  demo users: formadora (trainer), coordinacion (reviewer), password {DEMO_PASSWORD}"
    )


def _demo_services(category):
    services = Service.objects.filter(categories__code=category, organization__is_demo=True)
    return list(services.order_by("name")[:RELATED_SERVICES])


def load(stdout):
    index = TrainingIndexPage.objects.first()
    if index is None:
        stdout.write("  no training index page: run the website demo first; skipped")
        return
    setup_training_roles(index)
    _users(stdout)
    authors = _authors()
    data = read(__file__, "modules")
    modules = {}
    with pdf_builds_suspended():
        for number, spec in enumerate(data["modules"], start=1):
            page = _upsert(
                index,
                _values(spec, data["last_reviewed"]),
                authors[spec["author"]],
                [modules[slug] for slug in spec.get("prerequisites", [])],
                _demo_services(spec["related_services"]) if "related_services" in spec else [],
            )
            modules[spec["slug"]["es"]] = page
            stdout.write(f"  module {number}/{len(data['modules'])}: {page.title_es}")
    full = sum(1 for spec in data["modules"] if "sessions" in spec)
    stdout.write(
        f"  {len(modules)} training modules ({full} written in full), "
        f"{len({a.pk for a in authors.values()})} author organisations; "
        "PDFs build on first request"
    )
