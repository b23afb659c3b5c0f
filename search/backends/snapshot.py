"""An in-memory picture of the public directory's filter data, for fast facets.

The database backend used to count each facet with a grouped query over the matching
services (seven queries over a list of thousands of ids: about a second at 10,000
services). Here every filter option is a bit set (a Python ``int``, one bit per visible
service), so filtering is ``&`` and a facet count is ``int.bit_count``: microseconds.

The picture is built from the directory tables in a handful of queries and rebuilt when
the directory changes (``search.backends.freshness``: the shared content version and the
services' row count and latest change). It never holds more than the public serialisers
show: provinces of locations, public points (the province capital for confidential
locations: ``search.indexer.public_points``), categories, populations, languages, fees flag,
opening hours and whether the listing was verified recently (its public ``assured_date``).
"""

import threading
import uuid
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.db.models import CharField, Count, Max
from django.db.models.functions import Cast
from django.utils import translation

from directory.display import location_data
from directory.models import Language, Location, Schedule, Service, ServiceAtLocation
from directory.selectors import visible_services
from directory.upkeep_rules import verified_since
from search.backends.clock import GALAPAGOS, GALAPAGOS_PROVINCE, MAINLAND, local_minute
from search.backends.freshness import Memory
from search.facets import CHOICE_FACETS, FLAG_FACETS
from search.indexer import open_ranges, public_points


def bits(indexes):
    """A bit set with the given bit numbers on (built in bytes: OR-ing ints one bit at a
    time would copy the growing number each time)."""
    indexes = list(indexes)
    if not indexes:
        return 0
    buffer = bytearray((max(indexes) >> 3) + 1)
    for index in indexes:
        buffer[index >> 3] |= 1 << (index & 7)
    return int.from_bytes(buffer, "little")


def members(mask):
    """The bit numbers that are on, smallest first (fast for sets of thousands)."""
    text = bin(mask)[:1:-1]  # least significant bit first
    return [index for index, digit in enumerate(text) if digit == "1"]


@dataclass
class DirectorySnapshot:
    ids: list = field(default_factory=list)  # bit number -> service id (str)
    position: dict = field(default_factory=dict)  # service id -> bit number
    rank: dict = field(default_factory=dict)  # language -> [order of each bit] (default sort)
    options: dict = field(default_factory=dict)  # choice facet -> {code: mask}
    flags: dict = field(default_factory=dict)  # flag facet (but the timed one) -> mask
    galapagos: int = 0
    opening: list = field(default_factory=list)  # (bit number, [[start, end) minutes])
    locations: dict = field(default_factory=dict)  # location hex -> [(lat, lon, precision)]
    place_sets: list = field(default_factory=list)  # number -> (location hex, …)
    service_places: list = field(default_factory=list)  # bit number -> its place set number
    _open_cache: dict = field(default_factory=dict)

    @property
    def everything(self):
        return (1 << len(self.ids)) - 1

    def filter_mask(self, filters, now):
        """The services that pass ``filters`` ({facet name: value}, ``search.facets``)."""
        mask = self.everything
        for facet in CHOICE_FACETS:
            if facet.name in filters:
                mask &= self.options[facet.name].get(filters[facet.name], 0)
        for facet in FLAG_FACETS:
            if filters.get(facet.name):
                mask &= self.flag_mask(facet, now)
        return mask

    def flag_mask(self, facet, now):
        """The services with a flag on (open at ``now`` for the opening-hours one)."""
        return self.open_mask(now) if facet.timed else self.flags[facet.name]

    def open_mask(self, now):
        """Services open at ``now``: Ecuador mainland time, Galápagos time for services
        with a location in Galápagos."""
        key = (local_minute(MAINLAND, now), local_minute(GALAPAGOS, now))
        if key not in self._open_cache:
            if len(self._open_cache) > 16:
                self._open_cache.clear()
            opened = []
            for index, ranges in self.opening:
                minute = key[1] if self.galapagos >> index & 1 else key[0]
                if any(start <= minute < end for start, end in ranges):
                    opened.append(index)
            self._open_cache[key] = bits(opened)
        return self._open_cache[key]

    def counts(self, facet, subset):
        return {
            code: n
            for code, mask in self.options[facet].items()
            if (n := (mask & subset).bit_count())
        }

    def ordered(self, mask, language):
        rank = self.rank.get(language) or self.rank[settings.LANGUAGE_CODE]
        return sorted(members(mask), key=rank.__getitem__)

    def distances(self, indexes, origin, distance):
        """{bit number: (km, precision)}: the nearest public point of each service (computed
        once per set of locations that services share)."""
        nearest = {}
        best = {}
        for index in indexes:
            places = self.service_places[index]
            if places not in nearest:
                found = [
                    (distance(origin, (lat, lon)), precision)
                    for location_id in self.place_sets[places]
                    for lat, lon, precision in self.locations.get(location_id, ())
                ]
                nearest[places] = min(found, key=_first) if found else None
            if (point := nearest[places]) is not None:
                best[index] = point
        return best


def _first(pair):
    return pair[0]


class _ScheduleRow(NamedTuple):
    """The fields of a schedule that ``open_ranges`` reads."""

    byday: str
    opens_at: object
    closes_at: object
    open_24_hours: bool


def _text(field):
    """A key column as text: UUID objects cost more to build than the rest of the snapshot."""
    return Cast(field, output_field=CharField())


def _hex(value):
    """One spelling for a UUID read as text on any database (with or without dashes)."""
    return str(value).replace("-", "").lower()


def _build():
    visible = visible_services()
    snapshot = DirectorySnapshot()
    rows = [
        (_hex(pk), free, assured)
        for pk, free, assured in visible.values_list(_text("pk"), "is_free", "assured_date")
    ]
    rows.sort()  # bit order is the order of service ids (distance ties rely on it)
    snapshot.ids = [str(uuid.UUID(row[0])) for row in rows]
    snapshot.position = {pk: index for index, pk in enumerate(snapshot.ids)}
    position = {row[0]: index for index, row in enumerate(rows)}  # by _hex
    for code, _name in settings.LANGUAGES:
        with translation.override(code):  # modeltranslation orders by the language's name
            ordered = visible.order_by("organization__name", "name", "pk").values_list(
                _text("pk"), flat=True
            )
            rank = [0] * len(rows)
            for order, pk in enumerate(ordered):
                rank[position[_hex(pk)]] = order
        snapshot.rank[code] = rank
    snapshot.flags["free"] = bits(index for index, row in enumerate(rows) if row[1])
    since = verified_since()  # a date: the picture is at most MAX_AGE_SECONDS old
    snapshot.flags["verified"] = bits(
        index for index, row in enumerate(rows) if row[2] is not None and row[2] >= since
    )

    def grouped(pairs):
        groups = {}
        for code, service_id in pairs:
            index = position.get(_hex(service_id))
            if index is not None:
                groups.setdefault(code, []).append(index)
        return {code: bits(indexes) for code, indexes in groups.items()}

    links = [
        (position[_hex(service_id)], _hex(location_id), province)
        for service_id, location_id, province in ServiceAtLocation.objects.filter(
            service__in=visible
        ).values_list(_text("service_id"), _text("location_id"), "location__province")
    ]
    snapshot.options["province"] = grouped((province, rows[i][0]) for i, _l, province in links)
    snapshot.galapagos = snapshot.options["province"].get(GALAPAGOS_PROVINCE, 0)
    service_locations = [[] for _ in rows]
    for index, location_id, _province in links:
        service_locations[index].append(location_id)
    numbers = {}  # services of one organisation often share their places
    for locations in service_locations:
        key = tuple(sorted(locations))
        if key not in numbers:
            numbers[key] = len(snapshot.place_sets)
            snapshot.place_sets.append(key)
        snapshot.service_places.append(numbers[key])
    located = {location_id for _i, location_id, _p in links}
    for location in Location.objects.filter(pk__in=located).prefetch_related("phones"):
        snapshot.locations[_hex(location.pk)] = public_points([location_data(location)])
    for facet, relation in (("category", Service.categories), ("population", Service.populations)):
        snapshot.options[facet] = grouped(
            relation.through.objects.filter(service__in=visible).values_list(
                "taxonomyterm__code", _text("service_id")
            )
        )
    snapshot.options["language"] = grouped(
        Language.objects.filter(service__in=visible).values_list("code", _text("service_id"))
    )
    schedules = {}
    for service_id, *fields in Schedule.objects.filter(service__in=visible).values_list(
        _text("service_id"), "byday", "opens_at", "closes_at", "open_24_hours"
    ):
        schedules.setdefault(position[_hex(service_id)], []).append(_ScheduleRow(*fields))
    snapshot.flags["open_24_hours"] = bits(
        index for index, items in schedules.items() if any(s.open_24_hours for s in items)
    )
    snapshot.opening = [
        (index, ranges) for index, items in schedules.items() if (ranges := open_ranges(items))
    ]
    return snapshot


def _services_fingerprint():
    state = Service.objects.aggregate(n=Count("pk"), last=Max("last_modified"))
    return (state["n"], state["last"].timestamp() if state["last"] else 0)


class DirectoryMemory:
    """What this process keeps about the current state of the directory: the snapshot
    (built on first use: the Elasticsearch backend never needs it), the public result
    cards already shaped for display, by (language, service id), and the filter choices."""

    MAX_CARDS = 5000

    def __init__(self, stamp=None):
        self.stamp = stamp
        self._snapshot = None
        self._lock = threading.Lock()
        self.cards = {}
        self.choices = None  # the filter options (search.directory._choices)

    @property
    def snapshot(self):
        with self._lock:
            if self._snapshot is None:
                self._snapshot = _build()
            return self._snapshot

    def remember_card(self, language, service_id, card):
        if len(self.cards) >= self.MAX_CARDS:
            self.cards.clear()
        self.cards[(language, service_id)] = card


# Renewed when the directory changes (search.backends.freshness), and at least this often.
MAX_AGE_SECONDS = 300
_memory = Memory("directory-services", _services_fingerprint, max_age=MAX_AGE_SECONDS)


def directory_memory():
    """This process's memory of the current directory."""
    return _memory.get(DirectoryMemory)


def directory_snapshot():
    return directory_memory().snapshot
