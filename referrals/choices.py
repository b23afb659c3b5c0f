"""Fixed vocabularies of a referral record (codes are stored; labels are translated)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("referral status", "Draft")
    SENT = "sent", pgettext_lazy("referral status", "Sent")
    RECEIVED = "received", pgettext_lazy("referral status", "Received")
    ACCEPTED = "accepted", pgettext_lazy("referral status", "Accepted")
    DECLINED = "declined", pgettext_lazy("referral status", "Declined")
    IN_SERVICE = "in_service", pgettext_lazy("referral status", "In service")
    COMPLETED = "completed", pgettext_lazy("referral status", "Completed")
    WITHDRAWN = "withdrawn", pgettext_lazy("referral status", "Withdrawn")
    CLOSED = "closed", pgettext_lazy("referral status", "Closed")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    URGENT = "urgent", _("Urgent")
    EMERGENCY = "emergency", _("Emergency")


class AgeRange(models.TextChoices):
    CHILD = "0-11", _("0 to 11 years")
    ADOLESCENT = "12-17", _("12 to 17 years")
    YOUNG_ADULT = "18-25", _("18 to 25 years")
    ADULT = "26-35", _("26 to 35 years")
    MIDDLE = "36-50", _("36 to 50 years")
    OLDER = "51+", _("51 years or more")
    UNKNOWN = "unknown", _("Not known")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    DIVERSE = "diverse", _("Other gender identity")
    NOT_STATED = "not_stated", _("Not stated")


class Nationality(models.TextChoices):
    ECUADORIAN = "EC", _("Ecuadorian")
    VENEZUELAN = "VE", _("Venezuelan")
    COLOMBIAN = "CO", _("Colombian")
    PERUVIAN = "PE", _("Peruvian")
    CUBAN = "CU", _("Cuban")
    HAITIAN = "HT", _("Haitian")
    CHINESE = "CN", _("Chinese")
    OTHER = "other", _("Other nationality")
    UNKNOWN = "unknown", _("Not known")


class Language(models.TextChoices):
    SPANISH = "es", _("Spanish")
    KICHWA = "qu", _("Kichwa")
    SHUAR = "jiv", _("Shuar")
    ENGLISH = "en", _("English")
    HAITIAN_CREOLE = "ht", _("Haitian Creole")
    CHINESE = "zh", _("Chinese")
    OTHER = "other", _("Other language")


class Exploitation(models.TextChoices):
    """Forms of exploitation listed in COIP art. 91."""

    SEXUAL = "sexual", _("Sexual exploitation")
    LABOUR = "labour", _("Labour exploitation")
    BEGGING = "begging", _("Begging")
    SERVILE_MARRIAGE = "servile_marriage", _("Servile marriage or union")
    ILLEGAL_ADOPTION = "illegal_adoption", _("Illegal adoption")
    ORGANS = "organs", _("Extraction or trade of organs, tissues or fluids")
    FORCED_RECRUITMENT = "forced_recruitment", _("Forced recruitment")
    OTHER = "other", _("Other form of exploitation")


class ConsentGivenBy(models.TextChoices):
    PERSON = "person", _("The person")
    GUARDIAN = "guardian", _("A legal guardian")
    AUTHORITY = "authority", _("A protection authority")


class DeclineReason(models.TextChoices):
    NO_CAPACITY = "no_capacity", _("No capacity")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    NO_CONTACT = "no_contact", _("Could not contact the person")
    OTHER = "other", _("Other reason")
