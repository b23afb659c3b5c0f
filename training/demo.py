"""Demo training modules, the trainers' and reviewers' roles and two demo users.

Modules are written by fictional demo organisations of the directory demo (found by id
through ``directory.demo.demo_uuid``); when those are missing, two fictional demo
organisations of our own are created by slug. Users (password ``ruta-demo-2026``, README):
``formadora`` (Formadores) and ``coordinacion`` (Coordinación; the referrals demo gives the
same user a coordinator role, so only the group is added here). Idempotent: a second run
updates the modules in place. PDFs are not built here: each is built on its first request.
"""

import datetime
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from directory.models import Organization, Service

from .access import COORDINATION_GROUP, TRAINERS_GROUP
from .demo_content import CATALOGUE_MODULES, DISCLOSURE_EN, DISCLOSURE_ES, FULL_MODULES
from .models import TrainingIndexPage, TrainingModulePage
from .roles import setup_training_roles
from .signals import pdf_builds_suspended

DEMO_PASSWORD = "ruta-demo-2026"  # noqa: S105 - development-only demo accounts, stated in README
DEMO_USERS = {"formadora": TRAINERS_GROUP, "coordinacion": COORDINATION_GROUP}
# Our keys → directory demo keys (directory.demo.FICTIONAL).
AUTHOR_KEYS = {"shelter": "acogida", "workshop": "p5", "foundation": "otra"}
FALLBACK_AUTHORS = {
    "shelter": ("fundacion-demo-formacion-1", "Fundación Demo Formación Uno"),
    "workshop": ("fundacion-demo-formacion-2", "Fundación Demo Formación Dos"),
    "foundation": ("fundacion-demo-formacion-1", "Fundación Demo Formación Uno"),
}
LAST_REVIEWED = datetime.date(2026, 10, 15)


def _authors():
    try:
        from directory.demo import demo_uuid
    except ImportError:
        demo_uuid = None
    authors = {}
    for key, directory_key in AUTHOR_KEYS.items():
        organization = None
        if demo_uuid is not None:
            organization = Organization.objects.filter(
                pk=demo_uuid("org", directory_key), is_demo=True
            ).first()
        if organization is None:
            slug, name = FALLBACK_AUTHORS[key]
            organization, _ = Organization.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "slug_es": slug,
                    "slug_en": slug,
                    "description": "Organización ficticia de demostración (formación).",
                    "description_es": "Organización ficticia de demostración (formación).",
                    "description_en": "Fictional demonstration organisation (training).",
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
                "title": title,
                "duration_minutes": minutes,
                "objectives": _items(objectives),
                "activities": _items(
                    [
                        {"title": name, "minutes": length, "description": description}
                        for name, length, description in activities
                    ]
                ),
                "materials": _items(materials),
                "handouts": [],
                "assessment_checklist": _items(checklist),
                "facilitator_notes": notes,
            },
        }
        for title, minutes, objectives, activities, materials, checklist, notes in sessions
    ]


def _module_values(data):
    return {
        "title": data["title"][0],
        "title_es": data["title"][0],
        "title_en": data["title"][1],
        "slug": data["slug"][0],
        "slug_es": data["slug"][0],
        "slug_en": data["slug"][1],
        "summary": data["summary"][0],
        "summary_es": data["summary"][0],
        "summary_en": data["summary"][1],
        "topic": data["topic"],
        "audience": data["audience"],
        "level": data["level"],
        "duration_hours": Decimal(data["hours"]),
        "delivery_mode": data["mode"],
        "last_reviewed": LAST_REVIEWED,
        "search_description_es": data["summary"][0],
        "search_description_en": data["summary"][1],
    }


def _full_values(data):
    values = _module_values(data)
    values.update(
        learning_objectives_es=data["objectives"][0],
        learning_objectives_en=data["objectives"][1],
        content_warning_es=data["warning"][0],
        content_warning_en=data["warning"][1],
        safety_notes_es=DISCLOSURE_ES,
        safety_notes_en=DISCLOSURE_EN,
        sessions_es=_sessions(data["sessions"][0]),
        sessions_en=_sessions(data["sessions"][1]),
    )
    return values


def _catalogue_values(row):
    slugs, titles, summaries, topic, audience, level, hours, mode, author = row
    return {
        "slug": slugs,
        "title": titles,
        "summary": summaries,
        "topic": topic,
        "audience": audience,
        "level": level,
        "hours": hours,
        "mode": mode,
        "author": author,
    }


def _upsert(index, values, author):
    page = TrainingModulePage.objects.child_of(index).filter(slug_es=values["slug_es"]).first()
    if page is None:
        page = TrainingModulePage(**values, author_organization=author)
        index.add_child(instance=page)
    else:
        for name, value in values.items():
            setattr(page, name, value)
        page.author_organization = author
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


def load(stdout):
    index = TrainingIndexPage.objects.first()
    if index is None:
        stdout.write("  no training index page: run the website demo first; skipped")
        return
    setup_training_roles(index)
    _users(stdout)
    authors = _authors()
    vocational = list(
        Service.objects.filter(categories__code="vocational", organization__is_demo=True).order_by(
            "name"
        )[:2]
    )
    modules = {}
    rows = [(data, _full_values(data)) for data in FULL_MODULES]
    rows += [(data, _module_values(data)) for data in map(_catalogue_values, CATALOGUE_MODULES)]
    with pdf_builds_suspended():
        for number, (data, values) in enumerate(rows, start=1):
            modules[values["slug_es"]] = _upsert(index, values, authors[data["author"]])
            stdout.write(f"  module {number}/{len(rows)}: {values['title_es']}")
        # Links between modules and to the directory, then one more revision for them.
        for slug in (
            "corte-y-confeccion",
            "panaderia-y-pasteleria",
            "alfabetizacion-digital-y-empleo",
        ):
            page = modules[slug]
            page.related_services.set(vocational)
            page.prerequisites.set([modules["autoestima-y-proyecto-de-vida"]])
            page.save_revision().publish()
        plan = modules["emprendimiento-plan-de-negocio"]
        plan.prerequisites.set([modules["finanzas-personales-y-ahorro"]])
        plan.save_revision().publish()
    full = sum(1 for page in modules.values() if len(page.sessions_es or []) >= 4)
    stdout.write(
        f"  {len(modules)} training modules ({full} written in full), "
        f"{len({a.pk for a in authors.values()})} author organisations; "
        "PDFs build on first request"
    )
