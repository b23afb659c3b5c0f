"""Choices of the training catalogue (a leaf module: models and the catalogue import it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Topic(models.TextChoices):
    LIFE_SKILLS = "life-skills", _("Life skills")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial")
    RIGHTS = "rights-prevention", _("Rights and prevention")
    FINANCIAL = "financial-literacy", _("Financial literacy")
    DIGITAL = "digital-job-search", _("Digital literacy and job search")
    ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship")
    TRADES = "trades", _("Trades")


class Audience(models.TextChoices):
    ADULTS = "adult-survivors", _("Adult survivors")
    ADOLESCENTS = "adolescents", _("Adolescents from 15")
    FACILITATORS = "facilitators", _("Facilitators")


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class DeliveryMode(models.TextChoices):
    GROUP = "group", pgettext_lazy("session modality", "Group")
    INDIVIDUAL = "individual", _("Individual")
    BOTH = "both", _("Group or individual")


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA = "cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC_BY_NC_SA = (
        "cc-by-nc-sa-4.0",
        _("Creative Commons Attribution-NonCommercial-ShareAlike 4.0 (CC BY-NC-SA 4.0)"),
    )
    ALL_RIGHTS = "all-rights-reserved", _("All rights reserved (ask the author organisation)")
