from .capacity import ServiceCapacity
from .changes import ListingChange
from .imports import HSDSImport
from .locations import PROVINCE_CHOICES, Location, ServiceAtLocation
from .organisations import Organization, OrganizationMembership
from .pages import DirectoryIndexPage
from .services import Contact, Language, Phone, Schedule, Service
from .taxonomy import Taxonomy, TaxonomyTerm
from .upkeep import ProblemReport, ServiceVerification

__all__ = [
    "PROVINCE_CHOICES",
    "Contact",
    "DirectoryIndexPage",
    "HSDSImport",
    "Language",
    "ListingChange",
    "Location",
    "Organization",
    "OrganizationMembership",
    "Phone",
    "ProblemReport",
    "Schedule",
    "Service",
    "ServiceAtLocation",
    "ServiceCapacity",
    "ServiceVerification",
    "Taxonomy",
    "TaxonomyTerm",
]
