"""Markers: unique values planted in private fields, and the scanner that finds them.

A text marker is ``qz`` + five digits + ``k`` (no Spanish or English word, no hexadecimal
hash, no slug of the demo holds ``qz`` followed by a digit); a number marker is 8374 followed
by five digits; a coordinate marker has 8374 as its first decimals. The scanner looks for
the patterns, not for a list, so a marker is found whatever field it came from."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

TEXT = re.compile(r"qz\d{5}k", re.IGNORECASE)
NUMBER = re.compile(r"(?<![\d.])8374\d{5}(?!\d)")
COORDINATE = re.compile(r"\d\.8374")
# Digits a page may space or hyphenate when it formats a number (a phone, a count).
DIGIT_SEPARATORS = re.compile(r"(?<=\d)[\s\-/()]+(?=\d)")
# What a PDF's text extraction or a long word's hyphenation may put inside a marker.
BREAKS = re.compile(r"[\s\u00ad\u200b-]+")


@dataclass(frozen=True)
class Plant:
    marker: str
    model: str  # app_label.Model
    field: str
    kind: str  # why it is private: staff-only, confidential, internal, private, draft...
    pk: object

    @property
    def group(self):
        """One marker of each group is searched for (a kind of private value of an app);
        the search index itself is scanned for every marker."""
        return (self.model.split(".")[0], self.kind)

    def __str__(self):
        return f"{self.model}#{self.pk}.{self.field} ({self.kind})"


@dataclass
class Markers:
    planted: dict = field(default_factory=dict)  # marker -> Plant
    skipped: dict = field(default_factory=dict)  # (model, field) -> reason
    count: int = 0

    def _next(self):
        self.count += 1
        return self.count

    def text(self, model, name, kind, pk, max_length=None):
        marker = f"qz{self._next():05d}k"
        if max_length is not None and max_length < len(marker):
            self.skipped[(model, name)] = f"max_length {max_length} < {len(marker)}"
            return None
        return self._keep(marker, model, name, kind, pk)

    def number(self, model, name, kind, pk):
        return int(self._keep(str(837400000 + self._next()), model, name, kind, pk))

    def coordinate(self, model, name, kind, pk, *, base):
        """``base`` + 0.8374…, six decimals: stays in the country's range, found by its
        first decimals (however a page rounds it, down to four)."""
        number = self._next()
        self._keep(f"coordinate {number}", model, name, kind, pk)
        value = Decimal(f"{abs(base)}.8374{number % 100:02d}")
        return -value if base < 0 else value

    def _keep(self, marker, model, name, kind, pk):
        self.planted[marker] = Plant(marker, model, name, kind, pk)
        return marker

    def one_per_group(self):
        """The first marker of each group (what the searches look for)."""
        seen = {}
        for plant in self.planted.values():
            if not TEXT.fullmatch(plant.marker):
                continue
            seen.setdefault(plant.group, plant)
        return list(seen.values())

    def describe(self, found):
        if found.startswith("coordinate"):
            return "a planted coordinate (latitude or longitude of a confidential place)"
        plant = self.planted.get(found.lower())
        return str(plant) if plant else "a marker-shaped value"


def find(text):
    """Every marker-shaped value in ``text`` (a set of strings)."""
    found = set(TEXT.findall(text)) | set(TEXT.findall(BREAKS.sub("", text)))
    found |= set(NUMBER.findall(text)) | set(NUMBER.findall(DIGIT_SEPARATORS.sub("", text)))
    found |= {f"coordinate …{match}…" for match in COORDINATE.findall(text)}
    return {value.lower() for value in found}
