"""Factories for training pages. Sessions are raw StreamField data (the JSON the admin
saves), built with :func:`session_data` so tests can plant recognisable facilitator notes."""

import uuid
from decimal import Decimal

import factory
from django.utils.text import slugify

from website.factories import TranslatedPageFactory

from .choices import Audience, DeliveryMode, Level, Topic
from .models import TrainingIndexPage, TrainingModulePage


def _items(values):
    return [{"type": "item", "id": str(uuid.uuid4()), "value": value} for value in values]


def session_data(title, *, minutes=90, activities=None, notes="", objectives=None, **value):
    """One raw 'session' block. ``activities`` are (title, minutes[, description]) tuples."""
    activities = activities or [("Bienvenida", 15), ("Actividad central", 60), ("Cierre", 15)]
    return {
        "type": "session",
        "id": str(uuid.uuid4()),
        "value": {
            "title": title,
            "duration_minutes": minutes,
            "objectives": _items(objectives or [f"Objetivo de {title}"]),
            "activities": _items(
                [
                    {
                        "title": activity[0],
                        "minutes": activity[1],
                        "description": activity[2] if len(activity) > 2 else "",
                    }
                    for activity in activities
                ]
            ),
            "materials": _items(value.get("materials", [])),
            "handouts": _items([document.pk for document in value.get("handouts", [])]),
            "assessment_checklist": _items(value.get("checklist", [])),
            "facilitator_notes": f"<p>{notes}</p>" if notes else "",
        },
    }


class TrainingIndexPageFactory(TranslatedPageFactory):
    class Meta:
        model = TrainingIndexPage

    title = "Formación"
    slug = "formacion"
    title_en = "Training"
    slug_en = "training"


class TrainingModulePageFactory(TranslatedPageFactory):
    """A live module in both languages; pass ``sessions_es``/``sessions_en`` raw data."""

    class Meta:
        model = TrainingModulePage

    title = factory.Sequence(lambda n: f"Módulo {n}")
    title_en = factory.LazyAttribute(lambda o: o.title.replace("Módulo", "Module"))
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    slug_en = factory.LazyAttribute(lambda o: slugify(o.title_en))
    summary = factory.LazyAttribute(lambda o: f"Resumen de {o.title}.")
    summary_es = factory.SelfAttribute("summary")
    summary_en = factory.LazyAttribute(lambda o: f"Summary of {o.title_en}.")
    topic = Topic.LIFE_SKILLS
    audience = Audience.ADULTS
    level = Level.INTRODUCTORY
    duration_hours = Decimal("6")
    delivery_mode = DeliveryMode.GROUP
