"""What goes into and comes out of a search, whichever backend answers it."""

from dataclasses import dataclass, field
from datetime import datetime

from search.facets import FACETS


@dataclass
class DirectoryQuery:
    """A directory search: text plus filters (one attribute per ``search.facets`` facet),
    sort and page. ``origin`` is a (latitude, longitude) for sorting by distance."""

    text: str = ""
    language: str = "es"
    province: str = ""
    category: str = ""
    population: str = ""
    service_language: str = ""
    free: bool = False
    open_now: bool = False
    open_24_hours: bool = False
    verified: bool = False
    sort: str = "relevance"
    origin: tuple | None = None
    page: int = 1
    per_page: int = 20
    now: datetime | None = None
    literal: bool = False  # search the text as typed, without typo correction

    def filters(self, without=None):
        """{facet name: selected value} of the filters in use, but ``without``."""
        values = {facet.name: getattr(self, facet.query_attribute) for facet in FACETS}
        return {k: v for k, v in values.items() if v and k != without}


@dataclass
class DirectoryResult:
    ids: list  # service ids of the requested page, in order
    total: int
    facets: dict  # facet name -> {option code: count}; flags -> {"true": count}
    distances: dict = field(default_factory=dict)  # service id -> (km, "exact"|"city")
    suggestion: str = ""  # "did you mean": the typed text was searched
    backend: str = "database"
    corrected: str = ""  # the text searched instead of the typed one (typo correction)
    meanings: list = field(default_factory=list)  # [(meaning, query text)] of an ambiguous word
    fallbacks: set = field(default_factory=set)  # ids shown with the other language's text
    unmatched: bool = False  # the text matched nothing at all (whatever the filters)


@dataclass
class SiteQuery:
    text: str = ""
    language: str = "es"
    kinds: tuple = ()
    page: int = 1
    per_page: int = 20
    include_superseded: bool = False  # protocol editions no longer in force
    literal: bool = False  # search the text as typed, without typo correction


@dataclass
class SiteResult:
    hits: list  # dicts: kind, object_id, title, summary, url
    total: int
    kind_counts: dict
    suggestion: str = ""
    backend: str = "database"
    corrected: str = ""
    meanings: list = field(default_factory=list)
    superseded: int = 0  # protocol results left out (editions no longer in force)
