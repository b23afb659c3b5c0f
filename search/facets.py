"""The directory's filters (facets), defined once.

The query parser (``search.directory``), both backends (the snapshot's bit sets, the
Elasticsearch request) and the filter form read this list; a new filter is a line here,
its data in each backend, and its choices in ``search.directory``.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Facet:
    name: str  # GET parameter, key of DirectoryQuery.filters() and of the counts
    label: str
    document_field: str  # the Elasticsearch document's field (search.documents)
    all_label: str = ""  # a choice: the form's empty option
    unknown: str = ""  # a choice: the message for a value that is not offered
    flag: bool = False  # a checkbox: only "on" filters
    timed: bool = False  # a flag that depends on the clock (opening hours)
    recent: bool = False  # a flag on a date: within the verification period (upkeep_rules)
    attribute: str = ""  # DirectoryQuery's attribute, when it is not ``name``

    @property
    def query_attribute(self):
        return self.attribute or self.name


FACETS = (
    Facet(
        "province",
        _("Province"),
        "provinces",
        _("All provinces"),
        _("Unknown province “%(value)s”: showing all provinces."),
    ),
    Facet(
        "category",
        _("Service category"),
        "categories",
        _("All categories"),
        _("Unknown category “%(value)s”: showing all categories."),
    ),
    Facet(
        "population",
        _("Population served"),
        "populations",
        _("All populations"),
        _("Unknown population “%(value)s”: showing all populations."),
    ),
    Facet(
        "language",
        _("Language"),
        "languages",
        _("All languages"),
        _("Unknown language “%(value)s”: showing all languages."),
        attribute="service_language",  # DirectoryQuery.language is the reader's language
    ),
    Facet("free", _("Free only"), "is_free", flag=True),
    Facet("open_now", _("Open now (Ecuador time)"), "open_minutes", flag=True, timed=True),
    Facet("open_24_hours", _("Open 24 hours"), "open_24_hours", flag=True),
    Facet("verified", _("Verified information only"), "assured_date", flag=True, recent=True),
)
CHOICE_FACETS = tuple(facet for facet in FACETS if not facet.flag)
FLAG_FACETS = tuple(facet for facet in FACETS if facet.flag)
