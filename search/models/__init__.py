from .entries import SearchEntry, SearchTerm
from .failures import SearchFailure
from .rules import SearchRule

__all__ = ["SearchEntry", "SearchFailure", "SearchRule", "SearchTerm"]
