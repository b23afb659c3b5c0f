"""The embedded default: Wagtail's database search (modelsearch) over ``SearchEntry`` rows,
filters and facet counts from the ORM, typo correction with rapidfuzz."""

import math
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

from django.core.cache import cache as django_cache
from django.db import connection
from django.db.models import Count, Max, Q
from django.utils import timezone
from modelsearch.backends import get_search_backend
from rapidfuzz import fuzz, process

from search.backends import DirectoryResult, SiteResult
from search.models import SearchEntry
from search.text import read_synonym_lines, stem, stems, tokens

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
MAINLAND = "America/Guayaquil"
GALAPAGOS = "Pacific/Galapagos"
GALAPAGOS_PROVINCE = "EC-W"
TYPO_CUTOFF = 80


def local_now(tz_name, now=None):
    return (now or timezone.now()).astimezone(ZoneInfo(tz_name))


def minute_of_week(moment: datetime):
    return moment.weekday() * 1440 + moment.hour * 60 + moment.minute


def distance_km(a, b):
    """Great-circle distance (haversine) between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# --- vocabulary ("did you mean") ------------------------------------------------------------


def _statistics(language):
    """({stem: display word}, {stem: number of entries}, number of entries) for
    ``language``, cached until the entries change."""
    state = SearchEntry.objects.filter(language=language).aggregate(
        n=Count("pk"), last=Max("updated_at")
    )
    stamp = f"{state['n']}-{state['last'].timestamp() if state['last'] else 0}"
    key = f"search-statistics-{language}-{stamp}"
    statistics = django_cache.get(key)
    if statistics is None:
        words, frequency = {}, {}
        for line in read_synonym_lines():
            for token in tokens(line, language):
                words.setdefault(stem(token, language), token)
        rows = SearchEntry.objects.filter(language=language).values_list(
            "title", "summary", "title_text", "body_text"
        )
        for title, summary, title_text, body_text in rows.iterator(chunk_size=2000):
            for token in tokens(f"{title} {summary}", language):
                words.setdefault(stem(token, language), token)
            for token in set(f"{title_text} {body_text}".split()):
                words.setdefault(token, token)
                frequency[token] = frequency.get(token, 0) + 1
        total = state["n"] or 0
        weights = {term: math.log(1 + total / count) for term, count in frequency.items()}
        statistics = (words, weights, total)
        django_cache.set(key, statistics, 600)
    return statistics


def vocabulary(language):
    """{stem: display word} of every indexed term in ``language``."""
    return _statistics(language)[0]


def idf(language):
    """{stem: inverse document frequency} (rare words weigh more, e.g. a canton)."""
    _words, weights, total = _statistics(language)
    return weights, total


def correct(text, language):
    """(stems, corrected stems, suggestion text or "") for a query."""
    original = stems(text, language)
    words = vocabulary(language)
    choices = list(words)
    corrected, shown, changed = [], [], False
    for token in original:
        if token in words or token.isdigit() or len(token) < 4 or not choices:
            corrected.append(token)
            shown.append(words.get(token, token))
            continue
        match = process.extractOne(token, choices, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
        if match:
            corrected.append(match[0])
            shown.append(words[match[0]])
            changed = True
        else:
            corrected.append(token)
            shown.append(token)
    return original, corrected, (" ".join(shown) if changed else "")


@cache
def _sqlite_fts_table():
    from wagtail.search.models import IndexEntry

    table = f"{IndexEntry._meta.db_table}_fts"
    return table if table in connection.introspection.table_names() else ""


class DatabaseBackend:
    name = "database"

    # --- text matching ----------------------------------------------------------------------

    def _run(self, terms, queryset, operator):
        if connection.vendor == "sqlite" and _sqlite_fts_table():
            return self._run_sqlite(terms, queryset, operator)
        results = get_search_backend().search(
            " ".join(terms),
            queryset.only("pk", "target_id", "kind"),
            operator=operator,
            order_by_relevance=False,  # ranked by _rerank: the same on every database
        )
        return list(results)

    def _run_sqlite(self, terms, queryset, operator):
        """The same match as modelsearch's SQLite backend, with the full-text table driving
        the join: SQLite otherwise runs the MATCH once per index row (seconds at 10,000
        services). Terms are our own stems ([a-z0-9]+), so they are safe in the expression."""
        from django.contrib.contenttypes.models import ContentType
        from wagtail.search.models import IndexEntry

        joiner = " AND " if operator == "and" else " OR "
        expression = "{title body} : (" + joiner.join(f'"{term}"' for term in terms) + ")"
        fts, entries = _sqlite_fts_table(), IndexEntry._meta.db_table
        # Table names come from model metadata; the values are query parameters.
        sql = (
            f'SELECT e."object_id" FROM "{fts}" CROSS JOIN "{entries}" e '  # noqa: S608 # nosec B608
            f'ON e."id" = "{fts}"."rowid" WHERE "{fts}" MATCH %s AND e."content_type_id" = %s'
        )
        content_type = ContentType.objects.get_for_model(SearchEntry)
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, content_type.pk])
            ids = {int(row[0]) for row in cursor.fetchall()}
        if not ids:
            return []
        rows = queryset.only("pk", "target_id", "kind").order_by("pk")
        if len(ids) <= 2000:
            return list(rows.filter(pk__in=ids))
        return [entry for entry in rows if entry.pk in ids]

    def _rerank(self, found, terms, language):
        """Order by the query words an entry has (then in its title, then the shorter
        title, then alphabetically), rare words weighing more: the same order on SQLite and
        PostgreSQL, whose own scores differ."""
        rows = {
            pk: (set(title.split()), set(body.split()), title.count(" "), title, shown)
            for pk, title, body, shown in SearchEntry.objects.filter(
                pk__in=[entry.pk for entry in found]
            ).values_list("pk", "title_text", "body_text", "title")
        }
        wanted = set(terms)
        weights, total = idf(language)

        def key(item):
            position, entry = item
            title, body, length, _text, shown = rows.get(entry.pk, (set(), set(), 0, "", ""))
            score = sum(weights.get(term, math.log(1 + total)) for term in wanted & (title | body))
            return (-round(score, 6), -len(wanted & title), length, shown, position)

        return [entry for _position, entry in sorted(enumerate(found), key=key)]

    def match(self, text, language, kinds):
        """Entries matching ``text`` in ``language`` (best first) and a "did you mean"
        suggestion: all words first, then typo-corrected words, then any word."""
        queryset = SearchEntry.objects.filter(language=language, kind__in=list(kinds))
        original, corrected, suggestion = correct(text, language)
        if not original:
            return None, ""
        found = self._run(original, queryset, "and")
        if found:
            return self._rerank(found, original, language), ""
        if suggestion:
            found = self._run(corrected, queryset, "and")
            if found:
                return self._rerank(found, corrected, language), suggestion
        return self._rerank(self._run(corrected, queryset, "or"), corrected, language), suggestion

    # --- directory ------------------------------------------------------------------------

    def _base(self):
        from directory.models import Service
        from directory.visibility import VISIBLE_SERVICE_STATUSES

        return Service.objects.filter(
            status__in=VISIBLE_SERVICE_STATUSES, organization__is_active=True
        ).order_by()

    def _open_now_ids(self, now):
        from directory.models import Schedule, ServiceAtLocation

        def open_at(tz_name):
            moment = local_now(tz_name, now)
            day, clock = WEEKDAYS[moment.weekday()], moment.time().replace(microsecond=0)
            return Schedule.objects.filter(
                Q(open_24_hours=True, byday__in=["", day])
                | Q(byday=day, opens_at__lte=clock, closes_at__gt=clock)
            ).values("service_id")

        galapagos = ServiceAtLocation.objects.filter(location__province=GALAPAGOS_PROVINCE).values(
            "service_id"
        )
        return (Q(pk__in=open_at(MAINLAND)) & ~Q(pk__in=galapagos)) | (
            Q(pk__in=open_at(GALAPAGOS)) & Q(pk__in=galapagos)
        )

    def _apply(self, queryset, filters, query):
        from directory.models import Language, Schedule, Service, ServiceAtLocation

        if "province" in filters:
            queryset = queryset.filter(
                pk__in=ServiceAtLocation.objects.filter(
                    location__province=filters["province"]
                ).values("service_id")
            )
        if "category" in filters:
            queryset = queryset.filter(
                pk__in=Service.categories.through.objects.filter(
                    taxonomyterm__code=filters["category"]
                ).values("service_id")
            )
        if "population" in filters:
            queryset = queryset.filter(
                pk__in=Service.populations.through.objects.filter(
                    taxonomyterm__code=filters["population"]
                ).values("service_id")
            )
        if "language" in filters:
            queryset = queryset.filter(
                pk__in=Language.objects.filter(code=filters["language"]).values("service_id")
            )
        if filters.get("free"):
            queryset = queryset.filter(is_free=True)
        if filters.get("open_24_hours"):
            queryset = queryset.filter(
                pk__in=Schedule.objects.filter(open_24_hours=True).values("service_id")
            )
        if filters.get("open_now"):
            queryset = queryset.filter(self._open_now_ids(query.now))
        return queryset

    def facet_counts(self, base, query):
        from directory.models import Language, Service, ServiceAtLocation

        def subset(facet):
            return self._apply(base, query.filters(without=facet), query)

        facets = {
            "province": dict(
                ServiceAtLocation.objects.filter(service__in=subset("province"))
                .order_by()
                .values_list("location__province")
                .annotate(n=Count("service_id", distinct=True))
            ),
            "category": dict(
                Service.categories.through.objects.filter(service__in=subset("category"))
                .order_by()
                .values_list("taxonomyterm__code")
                .annotate(n=Count("service_id", distinct=True))
            ),
            "population": dict(
                Service.populations.through.objects.filter(service__in=subset("population"))
                .order_by()
                .values_list("taxonomyterm__code")
                .annotate(n=Count("service_id", distinct=True))
            ),
            "language": dict(
                Language.objects.filter(service__in=subset("language"))
                .order_by()
                .values_list("code")
                .annotate(n=Count("service_id", distinct=True))
            ),
        }
        for flag in ("free", "open_now", "open_24_hours"):
            facets[flag] = {
                "true": self._apply(subset(flag), {flag: True}, query).count(),
            }
        return facets

    def _distances(self, service_ids, origin):
        from directory.models import ServiceAtLocation
        from directory.visibility import location_data
        from search.indexer import public_points

        best, by_location = {}, {}
        links = (
            ServiceAtLocation.objects.filter(service_id__in=service_ids)
            .select_related("location")
            .prefetch_related("location__phones")
        )
        for link in links:
            if link.location_id not in by_location:  # each location's public point once
                by_location[link.location_id] = [
                    (distance_km(origin, (lat, lon)), precision)
                    for lat, lon, precision in public_points([location_data(link.location)])
                ]
            for km, precision in by_location[link.location_id]:
                key = str(link.service_id)
                if key not in best or km < best[key][0]:
                    best[key] = (km, precision)
        return best

    def directory(self, query):
        base = self._base()
        ranking, suggestion = None, ""
        if query.text.strip():
            found, suggestion = self.match(query.text, query.language, [SearchEntry.Kind.SERVICE])
            ranking = {}
            for position, entry in enumerate(found or []):
                ranking.setdefault(entry.target_id, position)
            base = base.filter(pk__in=list(ranking))
        filtered = self._apply(base, query.filters(), query)
        facets = self.facet_counts(base, query)
        distances = {}
        if query.sort == "distance" and query.origin:
            ids = [str(pk) for pk in filtered.values_list("pk", flat=True)]
            distances = self._distances(ids, query.origin)
            ids.sort(key=lambda pk: (distances.get(pk, (math.inf,))[0], pk))
        elif ranking is not None:
            ids = [str(pk) for pk in filtered.values_list("pk", flat=True)]
            ids.sort(key=lambda pk: ranking.get(pk, math.inf))
        else:
            ids = [
                str(pk)
                for pk in filtered.order_by("organization__name", "name", "pk").values_list(
                    "pk", flat=True
                )
            ]
        start = (query.page - 1) * query.per_page
        page_ids = ids[start : start + query.per_page]
        if query.origin and not distances:
            distances = self._distances(page_ids, query.origin)
        return DirectoryResult(
            ids=page_ids,
            total=len(ids),
            facets=facets,
            distances={pk: distances[pk] for pk in page_ids if pk in distances},
            suggestion=suggestion,
            backend=self.name,
        )

    def service_ids(self, text, language):
        """Ids of the services matching ``text``, best first (the HSDS API's ``search``)."""
        found, _suggestion = self.match(text, language, [SearchEntry.Kind.SERVICE])
        seen = []
        for entry in found or []:
            if entry.target_id not in seen:
                seen.append(entry.target_id)
        return seen

    # --- site search ----------------------------------------------------------------------

    def site(self, query):
        all_kinds = [choice for choice, _label in SearchEntry.Kind.choices]
        if not query.text.strip():
            return SiteResult(hits=[], total=0, kind_counts={}, backend=self.name)
        found, suggestion = self.match(query.text, query.language, all_kinds)
        found = found or []
        kind_counts = {}
        for entry in found:
            kind_counts[entry.kind] = kind_counts.get(entry.kind, 0) + 1
        chosen = [e for e in found if not query.kinds or e.kind in query.kinds]
        start = (query.page - 1) * query.per_page
        page = chosen[start : start + query.per_page]
        rows = {e.pk: e for e in SearchEntry.objects.filter(pk__in=[entry.pk for entry in page])}
        hits = [
            {
                "kind": rows[e.pk].kind,
                "kind_label": rows[e.pk].get_kind_display(),
                "object_id": rows[e.pk].target_id,
                "title": rows[e.pk].title,
                "summary": rows[e.pk].summary,
                "url": rows[e.pk].url,
            }
            for e in page
            if e.pk in rows
        ]
        return SiteResult(
            hits=hits,
            total=len(chosen),
            kind_counts=kind_counts,
            suggestion=suggestion,
            backend=self.name,
        )
