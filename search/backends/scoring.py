"""One score for every candidate, computed by the database the same way on SQLite and
PostgreSQL: BM25F over three fields (name > labels > description) with each concept's
terms weighted and saturated together, then "all words matched" as a bonus.

    x(entry, concept) = Σ_term weight · Σ_field W_f · tf_f / (1 − b_f + b_f · len_f / avg_f)
    score(entry)      = Σ_concept idf(concept) · x · (k1 + 1) / (x + k1)
    final             = score · (1 + COVERAGE_BONUS · matched / counted)

``idf`` is BM25's, from the largest document frequency among the concept's terms (as
Lucene's SynonymQuery). An entry qualifies when it matches a concept of the directory's
own vocabulary (``anchor``), or every concept the reader asked for, or, for a query that
names only places, a place. ``rank_in_python`` computes the same from the rows, for the
test that the SQL and the formula agree.
"""

import math
from typing import NamedTuple

from django.db import connection

from search.models import SearchEntry, SearchTerm
from search.statistics import collection, described, document_frequencies
from search.weights import COVERAGE_BONUS, FIELDS, K1, REAL


class Scored(NamedTuple):
    pk: int
    target_id: str
    kind: str
    title: str
    score: float


# Scores are rounded to 6 decimals in double precision (a NUMERIC rounding took half of
# PostgreSQL's time for a broad query), so that equal scores tie the same on every backend.
SCALE = 1_000_000


def rounded(score):
    return round(score * SCALE) / SCALE


def idf(df, total):
    return math.log(1 + (total - df + 0.5) / (df + 0.5))


class Plan(NamedTuple):
    """The concepts as the SQL needs them: each term's concept and weight, each concept's
    idf and flags."""

    terms: dict  # term -> (concept index, weight)
    idfs: list
    counted: list
    anchors: list
    places: list
    requirements: tuple  # (counted concepts, needs, place-only query)


def plan(concepts, language, kinds):
    frequencies = document_frequencies([t for c in concepts for t in c.terms], language, kinds)
    total, averages = collection(language, kinds)
    terms, idfs, counted, anchors, places = {}, [], [], [], []
    for index, concept in enumerate(concepts):
        present = [frequencies.get(t, 0) for t in concept.terms if frequencies.get(t, 0)]
        idfs.append(idf(max(present), total) if present else 0.0)
        counted.append(int(concept.counted and bool(present)))
        anchors.append(int(concept.anchor and concept.counted))
        places.append(int(concept.place))
        for term, weight in concept.terms.items():
            if term not in terms and frequencies.get(term):
                terms[term] = (index, weight)
    needs = sum(1 for c in concepts if c.counted and not c.place)
    place_only = needs == 0
    return Plan(terms, idfs, counted, anchors, places, (sum(counted), needs, place_only)), averages


def _field_sum(averages):
    """SQL for Σ_field W_f · tf_f / (1 − b_f + b_f · len_f / avg_f), and its parameters."""
    parts, params = [], []
    for column, length, weight, b in FIELDS:
        parts.append(f'{REAL} * p."{column}" / ({REAL} + {REAL} * p."{length}")')
        params += [weight, 1 - b, b / averages[length]]
    return " + ".join(parts), params


def _case(column, values, params_out, cast=False):
    """CASE over the plan's terms or concept numbers (numbers inlined: we made them)."""
    if cast:
        whens = " ".join(f"WHEN {index} THEN %s" for index in range(len(values)))
        params_out += list(values)
        return f"(CASE {column} {whens} ELSE 0 END)"
    whens = " ".join(f"WHEN {int(value)} THEN 1" for value in values)
    return f"(CASE {column} {whens} ELSE 0 END)" if values else "0"


def rank(concepts, language, kinds):
    """[Scored] of the qualifying entries, best first (ties: the older entry first)."""
    entries = described(language)
    return [
        Scored(*entries[pk], float(score))
        for pk, score in _scores(concepts, language, kinds)
        if pk in entries
    ]


def rank_targets(concepts, language, kinds):
    """The target ids of ``rank`` (what a directory search needs), without building rows."""
    entries = described(language)
    return [entries[pk][1] for pk, _score in _scores(concepts, language, kinds) if pk in entries]


def _qualifies(query_plan, concepts, used):
    """SQL over the per-concept sums ``x<k>`` (NULL when the entry lacks concept k): the
    entry holds an anchor concept, or every concept the reader asked for, or (a query that
    names only places) a place."""
    _counted, _needs, place_only = query_plan.requirements
    conditions = [f"x{k} IS NOT NULL" for k in used if query_plan.anchors[k]]
    needed = [k for k, concept in enumerate(concepts) if concept.counted and not concept.place]
    if needed and all(k in used and query_plan.counted[k] for k in needed):
        conditions.append("(" + " AND ".join(f"x{k} IS NOT NULL" for k in needed) + ")")
    if place_only:
        conditions += [f"x{k} IS NOT NULL" for k in used if query_plan.places[k]]
    return " OR ".join(conditions)


def _scores(concepts, language, kinds):
    """[(entry id, score)] of the qualifying entries, best first: one pass over the
    postings grouped by entry with one sum per concept (``x<k>``), then the saturation, the
    coverage bonus and the qualification over those sums. (Grouping by entry and concept
    first, then by entry, took twice as long on PostgreSQL for a broad query.)"""
    kinds = list(kinds)
    query_plan, averages = plan(concepts, language, kinds)
    used = sorted({concept for concept, _weight in query_plan.terms.values()})
    qualifies = _qualifies(query_plan, concepts, used) if used else ""
    if not qualifies:
        return []
    counted_total = query_plan.requirements[0]
    share = COVERAGE_BONUS / counted_total if counted_total else 0.0
    idfs = [float(query_plan.idfs[k]) for k in used]
    if len(used) == 1:
        sums = f"SUM(r.x) AS x{used[0]}"
    else:
        sums = ", ".join(f"SUM(CASE WHEN r.c = {k} THEN r.x END) AS x{k}" for k in used)
    saturated = " + ".join(f"{REAL} * COALESCE(x{k} * {REAL} / (x{k} + {REAL}), 0)" for k in used)
    matched = " + ".join(
        f"(CASE WHEN x{k} IS NULL THEN 0 ELSE 1 END)" for k in used if query_plan.counted[k]
    )
    weighted = " + ".join(f"{REAL} * COALESCE(x{k}, 0)" for k in used)
    field_sql, field_params = _field_sum(averages)
    # Table names come from model metadata, concept numbers are integers we made; terms and
    # numbers are query parameters.
    values = ", ".join(f"(%s, {concept}, {REAL})" for concept, _w in query_plan.terms.values())
    sql = (
        f"WITH q(term, c, w) AS (VALUES {values}) "  # noqa: S608 # nosec B608
        f"SELECT e, ROUND(({saturated}) * (1 + {REAL} * ({matched or '0'})) * {SCALE}) "
        f"/ {SCALE} FROM (SELECT r.e AS e, {sums} "
        f'FROM (SELECT p."entry_id" AS e, q.c AS c, q.w * ({field_sql}) AS x '
        f'FROM q JOIN "{SearchTerm._meta.db_table}" p ON p."term" = q.term '
        f'WHERE p."language" = %s AND p."kind" IN ({", ".join(["%s"] * len(kinds))})) r '
        f"GROUP BY r.e) s WHERE ({weighted}) > 0 AND ({qualifies}) ORDER BY 2 DESC, 1"
    )
    params = [v for term, (_c, weight) in query_plan.terms.items() for v in (term, float(weight))]
    params += [v for value in idfs for v in (value, K1 + 1, K1)]
    params += [share, *field_params, language, *kinds, *idfs]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def finish(rows, requirements):
    """Qualify, add the coverage bonus and sort rows of (id, target id, kind, title, score,
    matched, anchored, placed, needs)."""
    counted_total, needs_total, place_only = requirements
    share = COVERAGE_BONUS / counted_total if counted_total else 0.0
    found = [
        Scored(pk, target_id, kind, title, rounded(float(score) * (1 + share * matched)))
        for pk, target_id, kind, title, score, matched, anchored, placed, needs in rows
        if score and (anchored or (needs_total and needs == needs_total) or (place_only and placed))
    ]
    found.sort(key=_order)
    return found


def _order(scored):
    return (-scored.score, scored.pk)


def rank_in_python(concepts, language, kinds):
    """The same ranking computed in Python from the postings (a reference for tests)."""
    kinds = list(kinds)
    query_plan, averages = plan(concepts, language, kinds)
    postings = SearchTerm.objects.filter(
        language=language, term__in=list(query_plan.terms), kind__in=kinds
    ).values_list("entry_id", "term", *[c for f in FIELDS for c in f[:2]])
    sums = {}
    for entry_id, term, *values in postings:
        concept, weight = query_plan.terms[term]
        x = sum(
            w * values[2 * i] / (1 - b + b * values[2 * i + 1] / averages[length])
            for i, (_c, length, w, b) in enumerate(FIELDS)
        )
        sums.setdefault(entry_id, {}).setdefault(concept, 0.0)
        sums[entry_id][concept] += weight * x
    entries = SearchEntry.objects.in_bulk(list(sums))
    rows = []
    for entry_id, by_concept in sums.items():
        entry = entries[entry_id]
        score = sum(query_plan.idfs[c] * x * (K1 + 1) / (x + K1) for c, x in by_concept.items())
        flags = [
            sum(flag[c] for c in by_concept)
            for flag in (query_plan.counted, query_plan.anchors, query_plan.places)
        ]
        needs = sum(1 for c in by_concept if query_plan.counted[c] and not query_plan.places[c])
        rows.append((entry.pk, entry.target_id, entry.kind, entry.title, score, *flags, needs))
    return finish(rows, query_plan.requirements)
