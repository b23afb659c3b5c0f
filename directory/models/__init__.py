from .imports import HSDSImport
from .locations import PROVINCE_CHOICES, Location, ServiceAtLocation
from .organisations import Organization, OrganizationMembership
from .pages import DirectoryIndexPage
from .services import Contact, Language, Phone, Schedule, Service
from .taxonomy import Taxonomy, TaxonomyTerm

__all__ = [
    "PROVINCE_CHOICES",
    "Contact",
    "DirectoryIndexPage",
    "HSDSImport",
    "Language",
    "Location",
    "Organization",
    "OrganizationMembership",
    "Phone",
    "Schedule",
    "Service",
    "ServiceAtLocation",
    "Taxonomy",
    "TaxonomyTerm",
]
