from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import (
    DirectoryIndexPage,
    Location,
    Organization,
    Schedule,
    Service,
    Taxonomy,
    TaxonomyTerm,
)


@register(DirectoryIndexPage)
class DirectoryIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(Taxonomy)
class TaxonomyTR(TranslationOptions):
    fields = ("name", "description")


@register(TaxonomyTerm)
class TaxonomyTermTR(TranslationOptions):
    fields = ("name", "description")


@register(Organization)
class OrganizationTR(TranslationOptions):
    fields = ("description", "slug")


@register(Service)
class ServiceTR(TranslationOptions):
    fields = (
        "name",
        "alternate_name",
        "description",
        "eligibility_description",
        "application_process",
        "interpretation_services",
        "fees_description",
        "wait_time",
        "alert",
    )


@register(Location)
class LocationTR(TranslationOptions):
    fields = ("description", "transportation", "accessibility")


@register(Schedule)
class ScheduleTR(TranslationOptions):
    fields = ("description",)
