"""Choices of the protocol (a leaf module: models and blocks import it, it imports neither)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (not approved)")
    UPCOMING = "upcoming", _("Approved, not yet in force")
    IN_FORCE = "in-force", _("In force")
    SUPERSEDED = "superseded", _("Superseded")


class AnnexKind(models.TextChoices):
    FORMS = "forms", _("Forms")
    GLOSSARY = "glossary", _("Glossary")
    LEGAL = "legal", _("Legal framework")
    OTHER = "other", pgettext_lazy("annex kind", "Other")


SUB_ROUTE_CHOICES = [
    ("crisis", _("Crisis intervention")),
    ("voluntary-return", _("Assisted voluntary return")),
    ("repatriation", _("Repatriation of Ecuadorians found abroad")),
    ("relocation", _("Relocation within Ecuador")),
]
SUB_ROUTE_LABELS = dict(SUB_ROUTE_CHOICES)

DEADLINE_UNITS = [
    ("hours", _("hours")),
    ("days", _("days")),
    ("working-days", _("working days")),
    ("weeks", _("weeks")),
    ("months", _("months")),
]

UNIT_FORMS = {
    "hours": lambda n: ngettext("%(n)s hour", "%(n)s hours", n) % {"n": n},
    "days": lambda n: ngettext("%(n)s day", "%(n)s days", n) % {"n": n},
    "working-days": lambda n: ngettext("%(n)s working day", "%(n)s working days", n) % {"n": n},
    "weeks": lambda n: ngettext("%(n)s week", "%(n)s weeks", n) % {"n": n},
    "months": lambda n: ngettext("%(n)s month", "%(n)s months", n) % {"n": n},
}


class ChangeSignificance(models.TextChoices):
    MINOR = "minor", _("Minor: wording, typos, links (nobody is told)")
    MAJOR = "major", _("Major: what people must do changes (subscribers are told)")
