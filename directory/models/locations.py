from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from directory.provinces import in_ecuador, province_choices

from .base import HSDSModel

PROVINCE_CHOICES = province_choices()


class Location(HSDSModel):
    """Where services are delivered (HSDS location with its physical address).

    A confidential location (every shelter, by default) is shown publicly only at canton and
    province level: address, exact coordinates and direct phones stay staff-only.
    """

    class LocationType(models.TextChoices):
        PHYSICAL = "physical_location", _("Physical")
        POSTAL = "postal_address", _("Postal")
        VIRTUAL = "virtual", _("Virtual")

    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="locations"
    )
    location_type = models.CharField(
        _("type"), max_length=20, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    name = models.CharField(_("name"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    is_confidential = models.BooleanField(
        _("confidential location"),
        default=True,
        help_text=_(
            "Public pages show only the canton and province; address, coordinates and "
            "direct phones are for staff of listed institutions. Every shelter is confidential."
        ),
    )
    address_1 = models.CharField(_("address"), max_length=250, blank=True)
    address_2 = models.CharField(_("address (line 2)"), max_length=250, blank=True)
    canton = models.CharField(_("canton / city"), max_length=120)
    province = models.CharField(_("province"), max_length=5, choices=PROVINCE_CHOICES)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    transportation = models.TextField(_("how to get there"), blank=True)
    accessibility = models.TextField(_("accessibility notes"), blank=True)
    url = models.URLField(_("URL (virtual locations)"), blank=True)

    panels = [
        FieldPanel("organization"),
        FieldPanel("name"),
        FieldPanel("location_type"),
        FieldPanel("is_confidential"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("address_1"),
                FieldPanel("address_2"),
                FieldPanel("canton"),
                FieldPanel("province"),
                FieldPanel("postal_code"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
            ],
            heading=_("Address"),
        ),
        FieldPanel("transportation"),
        FieldPanel("accessibility"),
        FieldPanel("url"),
    ]

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["province", "canton", "name"]

    def __str__(self):
        return f"{self.name} ({self.canton})"

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        if self.latitude is not None and not in_ecuador(
            float(self.latitude), float(self.longitude)
        ):
            raise ValidationError(
                {
                    "latitude": _(
                        "These coordinates are outside Ecuador. Check the signs: "
                        "Ecuador's longitudes are negative (west)."
                    )
                }
            )


class ServiceAtLocation(HSDSModel):
    """A service delivered at a location."""

    service = ParentalKey(
        "directory.Service", on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("location"), FieldPanel("description")]

    class Meta:
        verbose_name = _("service at location")
        verbose_name_plural = _("services at locations")
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="unique_service_location")
        ]

    def __str__(self):
        return f"{self.service} @ {self.location}"
