from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index

from directory.validators import normalise_phone

from .base import HSDSModel


class Service(index.Indexed, HSDSModel, ClusterableModel):
    """A service an organisation provides (HSDS service) with Ruta's eligibility fields.

    Staff-only fields (intake notes, the verifier's email, contacts marked staff-only, the
    bed counts of ``ServiceCapacity``) never leave the admin and the staff views: public
    pages, APIs, exports, the search index and PDFs read the allow-list of
    ``directory.fields``.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Defunct")

    class Gender(models.TextChoices):
        ANY = "any", _("Any gender")
        WOMEN = "women", _("Women and girls")
        MEN = "men", _("Men and boys")

    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(_("name"), max_length=250)
    alternate_name = models.CharField(_("alternate name"), max_length=250, blank=True)
    description = models.TextField(_("description"))
    url = models.URLField(_("URL"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    categories = models.ManyToManyField(
        "directory.TaxonomyTerm",
        related_name="services_in_category",
        verbose_name=_("service categories"),
        limit_choices_to={"taxonomy__code": "ruta-service-categories"},
    )
    populations = models.ManyToManyField(
        "directory.TaxonomyTerm",
        related_name="services_for_population",
        verbose_name=_("populations served"),
        blank=True,
        limit_choices_to={"taxonomy__code": "ruta-populations"},
    )
    # Eligibility
    eligibility_description = models.TextField(_("eligibility"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, default="any")
    accepts_mother_with_children = models.BooleanField(
        _("a mother may come with her young children"), default=False
    )
    # Access and cost
    application_process = models.TextField(_("how to access"), blank=True)
    interpretation_services = models.TextField(_("interpretation services"), blank=True)
    is_free = models.BooleanField(_("free of charge"), default=True)
    fees_description = models.TextField(_("fees"), blank=True)
    wait_time = models.CharField(_("waiting time"), max_length=200, blank=True)
    alert = models.CharField(_("alert"), max_length=300, blank=True)
    # Verification
    assured_date = models.DateField(_("last verified"), null=True, blank=True)
    assurer_email = models.EmailField(_("verified by (email)"), blank=True)
    # Staff-only (bed counts: ServiceCapacity)
    intake_notes = models.TextField(_("intake notes (staff only)"), blank=True)

    panels = [
        FieldPanel("organization"),
        FieldPanel("name"),
        FieldPanel("alternate_name"),
        FieldPanel("status"),
        FieldPanel("alert"),
        FieldPanel("description"),
        FieldPanel("categories"),
        MultiFieldPanel(
            [
                FieldPanel("populations"),
                FieldRowPanel([FieldPanel("minimum_age"), FieldPanel("maximum_age")]),
                FieldPanel("gender"),
                FieldPanel("accepts_mother_with_children"),
                FieldPanel("eligibility_description"),
            ],
            heading=_("Eligibility"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("application_process"),
                FieldPanel("interpretation_services"),
                FieldPanel("is_free"),
                FieldPanel("fees_description"),
                FieldPanel("wait_time"),
                FieldPanel("url"),
                FieldPanel("email"),
            ],
            heading=_("Access and cost"),
        ),
        InlinePanel("service_at_locations", label=_("Locations")),
        InlinePanel("schedules", label=_("Opening hours")),
        InlinePanel("languages", label=_("Languages")),
        MultiFieldPanel(
            [FieldPanel("assured_date"), FieldPanel("assurer_email")],
            heading=_("Verification"),
        ),
        MultiFieldPanel(
            [FieldPanel("intake_notes")],
            heading=_("Staff only (never public)"),
        ),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("alternate_name", boost=2),
        index.SearchField("description"),
        index.SearchField("eligibility_description"),
        index.RelatedFields("organization", [index.SearchField("name")]),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.RelatedFields("populations", [index.SearchField("name")]),
        index.FilterField("status"),
        index.FilterField("organization_id"),
        index.FilterField("is_free"),
    ]

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["organization__name", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.minimum_age is not None and self.minimum_age > 120:
            errors["minimum_age"] = _("The minimum age must be between 0 and 120.")
        if self.maximum_age is not None and self.maximum_age > 120:
            errors["maximum_age"] = _("The maximum age must be between 0 and 120.")
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.minimum_age > self.maximum_age
        ):
            errors["maximum_age"] = _("The maximum age cannot be lower than the minimum age.")
        if not self.is_free and not self.fees_description:
            errors["fees_description"] = _("Describe the fees when the service is not free.")
        if errors:
            raise ValidationError(errors)


class Phone(HSDSModel):
    """A phone number, attached to an organisation, service, location or contact.

    Phones of confidential locations, and those marked staff-only, are direct lines: only
    signed-in staff of listed institutions see them.
    """

    class PhoneType(models.TextChoices):
        VOICE = "voice", _("Voice")
        CELL = "cell", _("Mobile")
        TEXT = "text", _("Text messages")
        FAX = "fax", _("Fax")
        HOTLINE = "hotline", _("Hotline")
        WHATSAPP = "whatsapp", _("WhatsApp")

    organization = models.ForeignKey(
        "directory.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="phones",
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    location = models.ForeignKey(
        "directory.Location",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="phones",
    )
    contact = models.ForeignKey(
        "directory.Contact",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="phones",
    )
    number = models.CharField(_("number"), max_length=40)
    extension = models.CharField(_("extension"), max_length=10, blank=True)
    type = models.CharField(_("type"), max_length=10, choices=PhoneType.choices, default="voice")
    description = models.CharField(_("description"), max_length=250, blank=True)
    is_staff_only = models.BooleanField(_("staff only (direct line)"), default=False)

    class Meta:
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self):
        return self.number

    def clean(self):
        super().clean()
        try:
            self.number = normalise_phone(self.number)
        except ValidationError as error:
            raise ValidationError({"number": error.messages}) from error
        owners = [self.organization_id, self.service_id, self.location_id, self.contact_id]
        if not any(owners):
            raise ValidationError(
                _("Attach the phone to an organisation, a service, a location or a contact.")
            )


class Contact(HSDSModel):
    """A named contact. Contacts are staff-only unless marked public."""

    organization = models.ForeignKey(
        "directory.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(
        pgettext_lazy("contact's job title", "title"), max_length=200, blank=True
    )
    department = models.CharField(_("department"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_public = models.BooleanField(_("public contact"), default=False)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.title or self.name or str(self.pk)


class Schedule(HSDSModel):
    """Opening hours of a service on one weekday (HSDS schedule with freq=WEEKLY)."""

    class Weekday(models.TextChoices):
        MO = "MO", pgettext_lazy("day of the week", "Monday")
        TU = "TU", pgettext_lazy("day of the week", "Tuesday")
        WE = "WE", pgettext_lazy("day of the week", "Wednesday")
        TH = "TH", pgettext_lazy("day of the week", "Thursday")
        FR = "FR", pgettext_lazy("day of the week", "Friday")
        SA = "SA", pgettext_lazy("day of the week", "Saturday")
        SU = "SU", pgettext_lazy("day of the week", "Sunday")

    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="schedules")
    byday = models.CharField(_("weekday"), max_length=2, choices=Weekday.choices, blank=True)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    open_24_hours = models.BooleanField(_("open 24 hours"), default=False)
    description = models.CharField(_("description"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        ordering = ["service", "byday", "opens_at"]

    def __str__(self):
        if self.open_24_hours:
            return f"{self.get_byday_display() or '*'} 24h"
        return f"{self.get_byday_display()} {self.opens_at}–{self.closes_at}"

    def clean(self):
        super().clean()
        if not self.open_24_hours and not self.byday:
            raise ValidationError({"byday": _("Choose a weekday, or mark it open 24 hours.")})
        if not self.open_24_hours and (self.opens_at is None or self.closes_at is None):
            raise ValidationError(_("Give opening and closing times, or mark it open 24 hours."))


class Language(HSDSModel):
    """A language a service is offered in (ISO 639-1 code)."""

    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="unique_service_language")
        ]

    def __str__(self):
        return self.name
