from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from directory.constants import RESERVED_SLUGS
from directory.validators import normalise_phone

from .base import HSDSModel


class OrganizationQuerySet(models.QuerySet):
    def public(self):
        """Listed organisations: an inactive one is public nowhere."""
        return self.filter(is_active=True)


class Organization(index.Indexed, HSDSModel, ClusterableModel):
    """An institution that provides services (HSDS organization).

    The public contact of an organisation is its referral contact: confidential shelters are
    reached through it, never through their own address or direct phones.
    """

    class Kind(models.TextChoices):
        PUBLIC_BODY = "public", _("Public body")
        NGO = "ngo", _("Non-governmental organisation")
        INTERNATIONAL = "international", _("International organisation")
        LOCAL_GOVERNMENT = "local", _("Local government (GAD)")
        OTHER = "other", pgettext_lazy("organisation type", "Other")

    name = models.CharField(_("name"), max_length=250)
    alternate_name = models.CharField(_("alternate name"), max_length=250, blank=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=False)
    description = models.TextField(_("description"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NGO)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    legal_status = models.CharField(_("legal status"), max_length=200, blank=True)
    referral_contact_name = models.CharField(
        _("referral contact"),
        max_length=200,
        blank=True,
        help_text=_("The public point of contact for referrals (a role, not a person's name)."),
    )
    referral_phone = models.CharField(_("referral phone"), max_length=40, blank=True)
    referral_email = models.EmailField(_("referral email"), blank=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Fictional organisation for demonstrations.")
    )
    is_active = models.BooleanField(pgettext_lazy("institution", "active"), default=True)

    objects = OrganizationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("alternate_name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("referral_contact_name"),
                FieldPanel("referral_phone"),
                FieldPanel("referral_email"),
            ],
            heading=_("Public referral contact"),
        ),
        FieldPanel("email"),
        FieldPanel("website"),
        FieldPanel("legal_status"),
        FieldPanel("is_active"),
        FieldPanel("is_demo"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("alternate_name", boost=2),
        index.SearchField("description"),
        index.FilterField("is_active"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean_fields(self, exclude=None):
        # Editors may leave the addresses empty: they are made from the name.
        for field in ("slug", "slug_es", "slug_en"):
            if not getattr(self, field, None) and self.name:
                setattr(self, field, slugify(self.name)[:255])
        super().clean_fields(exclude=exclude)

    def clean(self):
        super().clean()
        errors = {}
        for field in ("slug_es", "slug_en"):
            if getattr(self, field, None) in RESERVED_SLUGS:
                errors[field] = _("This address is used by the directory itself; choose another.")
        if self.referral_phone:
            try:
                self.referral_phone = normalise_phone(self.referral_phone)
            except ValidationError as error:
                errors["referral_phone"] = error.messages
        if errors:
            raise ValidationError(errors)


class OrganizationMembership(models.Model):
    """Links a user to a listed institution: staff see staff-only directory fields, and
    the referrals section scopes every record to the user's institutions.

    Not part of the organisation's admin form: who may grant this access is decided by
    ``directory.access.can_manage_memberships`` (docs/directory.md, "Memberships")."""

    class Role(models.TextChoices):
        STAFF = "staff", _("Staff")
        MANAGER = "manager", _("Institution manager")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAFF)
    created_at = models.DateTimeField(auto_now_add=True)
    # The last verification digest sent for this membership (one a week at most).
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="unique_membership")
        ]
        permissions = [("manage_memberships", "Can manage the staff of every institution")]

    def __str__(self):
        return f"{self.user} · {self.organization}"
