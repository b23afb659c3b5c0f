"""The embedded default: the query read by ``search.analysis`` and scored by the database
(``search.backends.scoring``: one BM25F query, the same on SQLite and PostgreSQL), with
filters, facet counts and distances from an in-memory snapshot of the directory
(``search.backends.snapshot``) and site results ranked by ``search.backends.site``."""

import math

from django.utils import timezone

from directory.provinces import distance_km
from search.analysis import read_query
from search.backends import DirectoryResult
from search.backends.scoring import rank, rank_targets
from search.backends.site import site_result
from search.backends.snapshot import bits, directory_snapshot, members
from search.facets import FACETS
from search.lookup import query_context
from search.models import SearchEntry
from search.statistics import fallback_targets


def match(text, language, kinds, *, literal=False, targets=False):
    """([Scored] best first, or only their target ids with ``targets``; the
    ``search.analysis.Reading`` of ``text``)."""
    reading = read_query(text, language, query_context(language), literal=literal)
    if not reading.concepts:
        return [], reading
    ranking = rank_targets if targets else rank
    return ranking(reading.concepts, language, kinds), reading


def fallback_ids(service_ids, language):
    """The services among ``service_ids`` whose entry in ``language`` holds the other
    language's text (the provider wrote only that one)."""
    return fallback_targets(language, SearchEntry.Kind.SERVICE).intersection(service_ids)


class DatabaseBackend:
    name = "database"

    # --- directory ------------------------------------------------------------------------

    def _distances(self, service_ids, origin):
        """{service id: (km, "exact"|"city")} from the services' public points."""
        snapshot = directory_snapshot()
        indexes = [snapshot.position[pk] for pk in service_ids if pk in snapshot.position]
        found = snapshot.distances(indexes, origin, distance_km)
        return {snapshot.ids[index]: value for index, value in found.items()}

    def directory(self, query):
        """Text matches scored by the database; filters, facet counts, order and distances
        from the in-memory snapshot of the directory (``search.backends.snapshot``)."""
        snapshot = directory_snapshot()
        base, ranking, reading = snapshot.everything, None, None
        by_distance = query.sort == "distance" and query.origin
        if query.text.strip():
            found, reading = match(
                query.text,
                query.language,
                [SearchEntry.Kind.SERVICE],
                literal=query.literal,
                targets=True,
            )
            ranking = {}
            for target_id in found:
                index = snapshot.position.get(target_id)
                if index is not None:
                    ranking.setdefault(index, len(ranking))
            base = bits(ranking)
        now = query.now or timezone.now()
        filters = query.filters()
        selected = base & snapshot.filter_mask(filters, now)
        facets = {}
        for facet in FACETS:  # each counted with the other filters only
            others = base & snapshot.filter_mask(query.filters(without=facet.name), now)
            if facet.flag:
                flagged = others & snapshot.flag_mask(facet, now)
                facets[facet.name] = {"true": flagged.bit_count()}
            else:
                facets[facet.name] = snapshot.counts(facet.name, others)
        distances = {}
        if by_distance:
            indexes = members(selected)
            distances = snapshot.distances(indexes, query.origin, distance_km)
            # Nearest first; a stable sort keeps bit order (the order of service ids) on ties.
            indexes.sort(key=lambda i: distances[i][0] if i in distances else math.inf)
        elif ranking is not None:
            indexes = sorted(members(selected), key=ranking.__getitem__)
        else:
            indexes = snapshot.ordered(selected, query.language)
        start = (query.page - 1) * query.per_page
        page = indexes[start : start + query.per_page]
        if query.origin and not distances:
            distances = snapshot.distances(page, query.origin, distance_km)
        ids = [snapshot.ids[index] for index in page]
        return DirectoryResult(
            ids=ids,
            total=len(indexes),
            facets=facets,
            distances={snapshot.ids[i]: distances[i] for i in page if i in distances},
            suggestion=reading.suggestion if reading else "",
            backend=self.name,
            corrected=reading.corrected if reading else "",
            meanings=reading.meanings if reading else [],
            fallbacks=fallback_ids(ids, query.language) if ids else set(),
            unmatched=ranking is not None and not ranking,
        )

    def service_ids(self, text, language):
        """Ids of the services matching ``text``, best first (the HSDS API's ``search``)."""
        return self._ids(text, language, SearchEntry.Kind.SERVICE)

    def organization_ids(self, text, language):
        """Ids of the organisations matching ``text``, best first (the HSDS API's ``search``)."""
        return self._ids(text, language, SearchEntry.Kind.ORGANIZATION)

    def _ids(self, text, language, kind):
        found, _reading = match(text, language, [kind])
        return list(dict.fromkeys(entry.target_id for entry in found))

    # --- site search ----------------------------------------------------------------------

    def site(self, query):
        all_kinds = [choice for choice, _label in SearchEntry.Kind.choices]
        found, reading = match(query.text, query.language, all_kinds, literal=query.literal)
        return site_result(query, found, reading, backend=self.name)
