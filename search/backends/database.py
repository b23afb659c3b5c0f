"""The embedded default: Wagtail's database search (modelsearch) over ``SearchEntry`` rows,
typo correction with rapidfuzz, and filters, facet counts and distances from an in-memory
snapshot of the directory built with the ORM (``search.backends.snapshot``)."""

import math
from functools import cache
from typing import NamedTuple

from django.core.cache import cache as django_cache
from django.db import connection
from django.db.models import Count, Max
from django.utils import timezone
from modelsearch.backends import get_search_backend
from rapidfuzz import fuzz, process

from search.backends import DirectoryResult, SiteResult
from search.backends.freshness import fingerprint
from search.backends.snapshot import bits, directory_snapshot, members
from search.models import SearchEntry
from search.text import read_synonym_lines, stem, stems, tokens

TYPO_CUTOFF = 80


class Hit(NamedTuple):
    """A matching search entry."""

    pk: int
    target_id: str
    kind: str


def _padded(text):
    return f" {text} "


def distance_km(a, b):
    """Great-circle distance (haversine) between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# --- vocabulary ("did you mean") ------------------------------------------------------------


_statistics_memory = {}


def _statistics(language):
    """({stem: display word}, {stem: inverse document frequency}, number of entries) for
    ``language``, kept in this process (and the shared cache) until the entries change."""

    def read():
        state = SearchEntry.objects.filter(language=language).aggregate(
            n=Count("pk"), last=Max("pk")
        )
        return (state["n"] or 0, state["last"] or 0)

    from infra.page_cache import current_version

    stamp = (current_version(), fingerprint(f"search-entries-{language}", read))
    remembered = _statistics_memory.get(language)
    if remembered and remembered[0] == stamp:
        return remembered[1]
    key = f"search-statistics-{language}-{stamp[0]}-{stamp[1][0]}-{stamp[1][1]}"
    statistics = django_cache.get(key)
    if statistics is None:
        statistics = _compute_statistics(language, total=stamp[1][0])
        django_cache.set(key, statistics, 600)
    _statistics_memory[language] = (stamp, statistics)
    return statistics


def _compute_statistics(language, total):
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
    weights = {term: math.log(1 + total / count) for term, count in frequency.items()}
    return (words, weights, total)


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

    def _run(self, terms, language, kinds, operator, ranked=True):
        """[Hit] of the entries in ``language`` and ``kinds`` having all (``and``) or any
        (``or``) of the stems ``terms``, best first (``_order_by``); in no particular order
        when not ``ranked`` (a search sorted by distance needs only the set)."""
        if connection.vendor == "sqlite" and _sqlite_fts_table():
            return self._run_sqlite(terms, language, kinds, operator, ranked)
        if connection.vendor == "postgresql":
            return self._run_postgresql(terms, language, kinds, operator, ranked)
        return self._run_generic(terms, language, kinds, operator, ranked)

    def _order_by(self, terms, language, every_term, position, ranked=True):
        """The ranking every database shares, as an ORDER BY clause and its parameters:
        the query words an entry has, rare words weighing more (inverse document
        frequency), then the words in its title, then the shorter title, then the title
        (code-point order), then the oldest entry. Computed by the database on the
        space-padded stems (``position`` is its "where is this text in that one"
        function), so neither the long texts nor thousands of rows reach Python; with
        ``every_term`` (every term is in every entry found) the first key is a constant.
        Not ``ranked``: no ORDER BY at all."""
        if not ranked:
            return "", []
        weights, total = idf(language)
        unknown = math.log(1 + total)
        title = """(' ' || s."title_text" || ' ')"""
        entry = """(' ' || s."title_text" || ' ' || s."body_text" || ' ')"""
        keys, params = [], []
        if not every_term:
            keys.append(
                "ROUND(CAST("
                + " + ".join(
                    f"CASE WHEN {position}({entry}, %s) > 0 THEN %s ELSE 0 END" for _t in terms
                )
                + " AS NUMERIC), 6) DESC"
            )
            for term in terms:
                params += [_padded(term), weights.get(term, unknown)]
        keys.append(
            "("
            + " + ".join(f"CASE WHEN {position}({title}, %s) > 0 THEN 1 ELSE 0 END" for _t in terms)
            + ") DESC"
        )
        params += [_padded(term) for term in terms]
        keys.append("""length(s."title_text") - length(replace(s."title_text", ' ', ''))""")
        collate = ' COLLATE "C"' if connection.vendor == "postgresql" else ""
        keys += [f's."title"{collate}', 's."id"']
        return "ORDER BY " + ", ".join(keys), params

    def _run_postgresql(self, terms, language, kinds, operator, ranked=True):
        """The same match as modelsearch's PostgreSQL backend, in one query that can use
        the GIN index of the index entries' ``body`` vector (modelsearch matches on the
        concatenation of the title and body vectors, which no index serves: a scan of every
        entry). ``SearchEntry`` has no search field named "title", so all its text is in
        ``body``.

        PostgreSQL's Spanish stemmer stems our stems again, so a term may also find a few
        related forms ("refugio" finds "refugiado"); with "and" every entry found has every
        term in that sense, and the ranking treats them alike, as on SQLite."""
        from django.contrib.contenttypes.models import ContentType
        from wagtail.search.models import IndexEntry

        config = getattr(get_search_backend(), "config", None) or "simple"
        joiner = " & " if operator == "and" else " | "
        order, order_params = self._order_by(terms, language, operator == "and", "strpos", ranked)
        kinds = list(kinds)
        # Table names come from model metadata, terms are our own stems ([a-z0-9]+, valid
        # tsquery words) and every value is a query parameter.
        sql = (
            f'SELECT s."id", s."target_id", s."kind" '  # noqa: S608 # nosec B608
            f'FROM "{SearchEntry._meta.db_table}" s '
            f'WHERE s."language" = %s AND s."kind" IN ({", ".join(["%s"] * len(kinds))}) '
            f'AND s."id" IN (SELECT CAST(e."object_id" AS BIGINT) '
            f'FROM "{IndexEntry._meta.db_table}" e WHERE e."content_type_id" = %s '
            f'AND e."body" @@ to_tsquery(%s::regconfig, %s)) '
            f"{order}"
        )
        content_type = ContentType.objects.get_for_model(SearchEntry)
        params = [language, *kinds, content_type.pk, config, joiner.join(terms), *order_params]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [Hit(*row) for row in cursor.fetchall()]

    def _run_sqlite(self, terms, language, kinds, operator, ranked=True):
        """The same match as modelsearch's SQLite backend in one query, with the full-text
        table driving the joins: SQLite otherwise runs the MATCH once per index row (seconds
        at 10,000 services). Terms are our own stems ([a-z0-9]+), so they are safe in the
        expression; everything else is a query parameter."""
        from django.contrib.contenttypes.models import ContentType
        from wagtail.search.models import IndexEntry

        joiner = " AND " if operator == "and" else " OR "
        expression = "{title body} : (" + joiner.join(f'"{term}"' for term in terms) + ")"
        fts, entries = _sqlite_fts_table(), IndexEntry._meta.db_table
        order, order_params = self._order_by(terms, language, operator == "and", "instr", ranked)
        kinds = list(kinds)
        # Table names come from model metadata; every value is a query parameter.
        sql = (
            f'SELECT s."id", s."target_id", s."kind" '  # noqa: S608 # nosec B608
            f'FROM "{fts}" CROSS JOIN "{entries}" e ON e."id" = "{fts}"."rowid" '
            f'CROSS JOIN "{SearchEntry._meta.db_table}" s '
            f'ON s."id" = CAST(e."object_id" AS INTEGER) '
            f'WHERE "{fts}" MATCH %s AND e."content_type_id" = %s AND s."language" = %s '
            f'AND s."kind" IN ({", ".join(["%s"] * len(kinds))}) '
            f"{order}"
        )
        content_type = ContentType.objects.get_for_model(SearchEntry)
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, content_type.pk, language, *kinds, *order_params])
            return [Hit(*row) for row in cursor.fetchall()]

    def _run_generic(self, terms, language, kinds, operator, ranked=True):
        """Any other database: modelsearch finds the entries, Python ranks them as
        ``_order_by`` does."""
        queryset = SearchEntry.objects.filter(language=language, kind__in=list(kinds))
        results = get_search_backend().search(
            " ".join(terms), queryset.only("pk"), operator=operator, order_by_relevance=False
        )
        rows = SearchEntry.objects.filter(pk__in=[entry.pk for entry in results]).values_list(
            "pk", "target_id", "kind", "title", "title_text", "body_text"
        )
        weights, total = idf(language)
        unknown = math.log(1 + total)

        def key(row):
            _pk, _target, _kind, title, title_text, body_text = row
            padded_title, padded_entry = _padded(title_text), _padded(f"{title_text} {body_text}")
            score = sum(
                weights.get(term, unknown) for term in terms if _padded(term) in padded_entry
            )
            in_title = sum(_padded(term) in padded_title for term in terms)
            return (-round(score, 6), -in_title, title_text.count(" "), title, row[0])

        return [Hit(*row[:3]) for row in (sorted(rows, key=key) if ranked else rows)]

    def match(self, text, language, kinds, ranked=True):
        """Entries matching ``text`` in ``language`` (best first, unless not ``ranked``)
        and a "did you mean" suggestion: all words first, then typo-corrected words, then
        any word."""
        original, corrected, suggestion = correct(text, language)
        original, corrected = list(dict.fromkeys(original)), list(dict.fromkeys(corrected))
        if not original:
            return None, ""
        found = self._run(original, language, kinds, "and", ranked)
        if found:
            return found, ""
        if suggestion:
            found = self._run(corrected, language, kinds, "and", ranked)
            if found:
                return found, suggestion
        return self._run(corrected, language, kinds, "or", ranked), suggestion

    # --- directory ------------------------------------------------------------------------

    def _distances(self, service_ids, origin):
        """{service id: (km, "exact"|"city")} from the services' public points."""
        snapshot = directory_snapshot()
        indexes = [snapshot.position[pk] for pk in service_ids if pk in snapshot.position]
        found = snapshot.distances(indexes, origin, distance_km)
        return {snapshot.ids[index]: value for index, value in found.items()}

    def directory(self, query):
        """Text matches from the search entries; filters, facet counts, order and distances
        from the in-memory snapshot of the directory (``search.backends.snapshot``)."""
        snapshot = directory_snapshot()
        base, ranking, suggestion = snapshot.everything, None, ""
        by_distance = query.sort == "distance" and query.origin
        if query.text.strip():
            found, suggestion = self.match(
                query.text, query.language, [SearchEntry.Kind.SERVICE], ranked=not by_distance
            )
            ranking = {}
            for entry in found or []:
                index = snapshot.position.get(entry.target_id)
                if index is not None:
                    ranking.setdefault(index, len(ranking))
            base = bits(ranking)
        now = query.now or timezone.now()
        filters = query.filters()
        selected = base & snapshot.filter_mask(filters, now)
        facets = {}
        for facet in ("province", "category", "population", "language"):
            others = base & snapshot.filter_mask(query.filters(without=facet), now)
            facets[facet] = snapshot.counts(facet, others)
        for flag in ("free", "open_now", "open_24_hours"):
            others = base & snapshot.filter_mask(query.filters(without=flag), now)
            flagged = snapshot.filter_mask({flag: True}, now)
            facets[flag] = {"true": (others & flagged).bit_count()}
        distances = {}
        if by_distance:
            indexes = members(selected)
            distances = snapshot.distances(indexes, query.origin, distance_km)
            indexes.sort(key=lambda i: (distances.get(i, (math.inf,))[0], snapshot.ids[i]))
        elif ranking is not None:
            indexes = sorted(members(selected), key=ranking.__getitem__)
        else:
            indexes = snapshot.ordered(selected, query.language)
        start = (query.page - 1) * query.per_page
        page = indexes[start : start + query.per_page]
        if query.origin and not distances:
            distances = snapshot.distances(page, query.origin, distance_km)
        return DirectoryResult(
            ids=[snapshot.ids[index] for index in page],
            total=len(indexes),
            facets=facets,
            distances={snapshot.ids[i]: distances[i] for i in page if i in distances},
            suggestion=suggestion,
            backend=self.name,
        )

    def service_ids(self, text, language):
        """Ids of the services matching ``text``, best first (the HSDS API's ``search``)."""
        return self._ids(text, language, SearchEntry.Kind.SERVICE)

    def organization_ids(self, text, language):
        """Ids of the organisations matching ``text``, best first (the HSDS API's ``search``)."""
        return self._ids(text, language, SearchEntry.Kind.ORGANIZATION)

    def _ids(self, text, language, kind):
        found, _suggestion = self.match(text, language, [kind])
        return list(dict.fromkeys(entry.target_id for entry in found or []))

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
