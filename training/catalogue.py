"""The training catalogue's filters: a plain GET form (works without JavaScript) with a count
next to every option.

Within one filter the chosen options are alternatives (OR); different filters narrow each
other (AND). An option's count is the number of modules the list would show if that option
were added to the other filters' current choices, so a count never promises an empty list.
The catalogue is small (tens to a few hundred modules), so counting happens in Python over
one query of the filter columns.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .choices import Audience, DeliveryMode, Level, Topic

DURATION_BANDS = [
    ("up-to-4", _("Up to 4 hours"), Decimal("0"), Decimal("4")),
    ("4-to-8", _("More than 4, up to 8 hours"), Decimal("4"), Decimal("8")),
    ("8-to-16", _("More than 8, up to 16 hours"), Decimal("8"), Decimal("16")),
    ("over-16", _("More than 16 hours"), Decimal("16"), None),
]


def duration_band(hours):
    """The band of a duration: bands are in ascending order, so the first that fits."""
    for code, _label, _low, high in DURATION_BANDS:
        if high is None or hours <= high:
            return code
    return None


def _matches_mode(module, value):
    return module["delivery_mode"] in (value, DeliveryMode.BOTH)


def _matches_language(module, value):
    return value in (module["available_languages"] or "").split()


@dataclass
class Facet:
    name: str
    legend: str
    choices: list
    matches: object  # (module values, option value) -> bool
    selected: list = field(default_factory=list)
    options: list = field(default_factory=list)


def _facets():
    return [
        Facet("topic", _("Topic"), Topic.choices, lambda m, v: m["topic"] == v),
        Facet("audience", _("Audience"), Audience.choices, lambda m, v: m["audience"] == v),
        Facet("level", _("Level"), Level.choices, lambda m, v: m["level"] == v),
        Facet(
            "duration",
            _("Total duration"),
            [(code, label) for code, label, _low, _high in DURATION_BANDS],
            lambda m, v: duration_band(m["duration_hours"]) == v,
        ),
        Facet(
            "mode",
            _("Delivery mode"),
            [
                (DeliveryMode.GROUP, DeliveryMode.GROUP.label),
                (DeliveryMode.INDIVIDUAL, DeliveryMode.INDIVIDUAL.label),
            ],
            _matches_mode,
        ),
        Facet("language", _("Available in"), list(settings.LANGUAGES), _matches_language),
    ]


class Catalogue:
    """Parses the GET parameters, filters the modules and counts each option."""

    FIELDS = (
        "pk",
        "topic",
        "audience",
        "level",
        "duration_hours",
        "delivery_mode",
        "available_languages",
    )

    def __init__(self, queryset, params):
        self.queryset = queryset
        self.facets = _facets()
        self.errors = []
        for facet in self.facets:
            valid = {str(value) for value, _label in facet.choices}
            for value in params.getlist(facet.name):
                if value in valid:
                    if value not in facet.selected:
                        facet.selected.append(value)
                else:
                    self.errors.append(
                        gettext(
                            "“%(value)s” is not a known option of the filter “%(filter)s”; "
                            "it was ignored."
                        )
                        % {"value": value[:50], "filter": facet.legend}
                    )
        self.rows = list(queryset.values(*self.FIELDS))
        self._count_options()

    @property
    def is_filtered(self):
        return any(facet.selected for facet in self.facets)

    def _passes(self, module, facet):
        return not facet.selected or any(facet.matches(module, value) for value in facet.selected)

    def _passes_all(self, module, skip=None):
        return all(self._passes(module, facet) for facet in self.facets if facet is not skip)

    def _count_options(self):
        for facet in self.facets:
            others = [row for row in self.rows if self._passes_all(row, skip=facet)]
            facet.options = [
                {
                    "value": str(value),
                    "label": label,
                    "count": sum(1 for row in others if facet.matches(row, value)),
                    "checked": str(value) in facet.selected,
                    "id": f"filter-{facet.name}-{value}",
                }
                for value, label in facet.choices
            ]

    def result_ids(self):
        return [row["pk"] for row in self.rows if self._passes_all(row)]

    def results(self):
        return self.queryset.filter(pk__in=self.result_ids()).order_by("title")
