"""An in-memory picture of the public directory's filter data, for fast facets.

The database backend used to count each facet with a grouped query over the matching
services (seven queries over a list of thousands of ids: about a second at 10,000
services). Here every filter option is a bit set (a Python ``int``, one bit per visible
service), so filtering is ``&`` and a facet count is ``int.bit_count``: microseconds.

The picture is built from the directory tables in a handful of queries and rebuilt when
the directory changes: it is keyed by the shared content version that every directory save
or delete moves (``infra.page_cache``, seen by all workers at once) and by the number of
services and their latest modification (``search.backends.freshness``), for changes that
bypass signals. It never holds more than the public serialisers show: provinces of
locations, public points (the province capital for confidential locations:
``search.indexer.public_points``), categories, populations, languages, fees flag and
opening hours.
"""

import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.db.models import CharField, Count, Max
from django.db.models.functions import Cast
from django.utils import translation

from search.backends.clock import GALAPAGOS, GALAPAGOS_PROVINCE, MAINLAND, local_minute
from search.backends.freshness import fingerprint
from search.backends.freshness import forget as forget_fingerprints

MAX_AGE_SECONDS = 300  # rebuilt at least this often, whatever the version says
_lock = threading.RLock()
_current = {}


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
    options: dict = field(default_factory=dict)  # facet -> {code: mask}
    flags: dict = field(default_factory=dict)  # "free" / "open_24_hours" -> mask
    galapagos: int = 0
    opening: list = field(default_factory=list)  # (bit number, [[start, end) minutes])
    locations: dict = field(default_factory=dict)  # location hex -> [(lat, lon, precision)]
    service_locations: list = field(default_factory=list)  # bit number -> [location hex]
    _open_cache: dict = field(default_factory=dict)

    @property
    def everything(self):
        return (1 << len(self.ids)) - 1

    def filter_mask(self, filters, now):
        mask = self.everything
        for facet in ("province", "category", "population", "language"):
            if facet in filters:
                mask &= self.options[facet].get(filters[facet], 0)
        for flag in ("free", "open_24_hours"):
            if filters.get(flag):
                mask &= self.flags[flag]
        if filters.get("open_now"):
            mask &= self.open_mask(now)
        return mask

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
        """{bit number: (km, precision)}: the nearest public point of each service (each
        location's nearest point computed once)."""
        nearest = {}

        def location_nearest(location_id):
            if location_id not in nearest:
                found = [
                    (distance(origin, (lat, lon)), precision)
                    for lat, lon, precision in self.locations.get(location_id, ())
                ]
                nearest[location_id] = min(found, key=_first) if found else None
            return nearest[location_id]

        best = {}
        for index in indexes:
            found = [
                point
                for location_id in self.service_locations[index]
                if (point := location_nearest(location_id)) is not None
            ]
            if found:
                best[index] = found[0] if len(found) == 1 else min(found, key=_first)
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
    from directory.models import Language, Location, Schedule, Service, ServiceAtLocation
    from directory.visibility import VISIBLE_SERVICE_STATUSES, location_data
    from search.indexer import open_ranges, public_points

    visible = Service.objects.filter(
        status__in=VISIBLE_SERVICE_STATUSES, organization__is_active=True
    )
    snapshot = DirectorySnapshot()
    rows = [(_hex(pk), free) for pk, free in visible.values_list(_text("pk"), "is_free")]
    rows.sort()
    snapshot.ids = [str(uuid.UUID(pk)) for pk, _free in rows]
    snapshot.position = {pk: index for index, pk in enumerate(snapshot.ids)}
    position = {pk: index for index, (pk, _free) in enumerate(rows)}  # by _hex
    for code, _name in settings.LANGUAGES:
        with translation.override(code):  # modeltranslation orders by the language's name
            ordered = visible.order_by("organization__name", "name", "pk").values_list(
                _text("pk"), flat=True
            )
            rank = [0] * len(rows)
            for order, pk in enumerate(ordered):
                rank[position[_hex(pk)]] = order
        snapshot.rank[code] = rank
    snapshot.flags["free"] = bits(index for index, (_pk, free) in enumerate(rows) if free)

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
    snapshot.service_locations = [[] for _ in rows]
    for index, location_id, _province in links:
        snapshot.service_locations[index].append(location_id)
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


def _key():
    from directory.models import Service
    from infra.page_cache import current_version

    def read():
        state = Service.objects.aggregate(n=Count("pk"), last=Max("last_modified"))
        return (state["n"], state["last"].timestamp() if state["last"] else 0)

    return (current_version(), fingerprint("directory-services", read))


class DirectoryMemory:
    """What this process keeps about the current state of the directory: the snapshot
    (built on first use: the Elasticsearch backend never needs it) and the public result
    cards already shaped for display, by (language, service id)."""

    MAX_CARDS = 5000

    def __init__(self, key):
        self.key = key
        self.built = time.monotonic()
        self._snapshot = None
        self.cards = {}
        self.choices = None  # the filter options (search.directory._choices)

    @property
    def snapshot(self):
        if self._snapshot is None:
            self._snapshot = _build()
        return self._snapshot

    def remember_card(self, language, service_id, card):
        if len(self.cards) >= self.MAX_CARDS:
            self.cards.clear()
        self.cards[(language, service_id)] = card


def directory_memory():
    """This process's memory of the directory, renewed when the directory changed (or it
    is older than ``MAX_AGE_SECONDS``)."""
    key = _key()
    with _lock:
        memory = _current.get("memory")
        if (
            memory is None
            or memory.key != key
            or time.monotonic() - memory.built >= MAX_AGE_SECONDS
        ):
            memory = _current["memory"] = DirectoryMemory(key)
        return memory


def directory_snapshot():
    with _lock:
        memory = directory_memory()
        return memory.snapshot


def forget():
    """Drop what this process remembers (tests: each starts from a rolled-back database)."""
    with _lock:
        _current.pop("memory", None)
    forget_fingerprints()
