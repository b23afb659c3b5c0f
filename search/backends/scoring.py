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
from django.db.models import Avg, Count

from search.models import SearchEntry, SearchTerm

K1 = 1.2
FIELDS = (  # (posting column, length column, weight W_f, length normalisation b_f)
    ("in_title", "title_length", 3.0, 0.5),
    ("in_labels", "labels_length", 2.0, 0.3),
    ("in_body", "body_length", 1.0, 0.75),
)
COVERAGE_BONUS = 1.0


class Scored(NamedTuple):
    pk: int
    target_id: str
    kind: str
    title: str
    score: float


def document_frequencies(terms, language, kinds=None):
    """{term: number of entries holding it} in ``language`` (and ``kinds``)."""
    terms = sorted(set(terms))
    if not terms:
        return {}
    rows = SearchTerm.objects.filter(language=language, term__in=terms)
    if kinds:
        rows = rows.filter(kind__in=list(kinds))
    return dict(rows.values_list("term").annotate(n=Count("pk")).order_by())


def collection(language, kinds):
    """(number of entries, {length column: average}) of ``language`` and ``kinds``."""
    entries = SearchEntry.objects.filter(language=language, kind__in=list(kinds))
    averages = entries.aggregate(
        n=Count("pk"), **{length: Avg(length) for _c, length, _w, _b in FIELDS}
    )
    return averages.pop("n") or 0, {k: max(float(v or 0), 1.0) for k, v in averages.items()}


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
        parts.append(f'%s * p."{column}" / (%s + %s * p."{length}")')
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
    """[Scored] of the qualifying entries, best first (ties: title, then id)."""
    kinds = list(kinds)
    query_plan, averages = plan(concepts, language, kinds)
    if not query_plan.terms:
        return []
    terms = list(query_plan.terms)
    params = []
    concept_case = (
        '(CASE p."term" '
        + " ".join(f"WHEN %s THEN {query_plan.terms[t][0]}" for t in terms)
        + " END)"
    )
    concept_params = list(terms)
    weight_case = '(CASE p."term" ' + " ".join("WHEN %s THEN %s" for _t in terms) + " END)"
    weight_params = [v for t in terms for v in (t, float(query_plan.terms[t][1]))]
    field_sql, field_params = _field_sum(averages)
    inner = (
        f'SELECT p."entry_id" AS e, {concept_case} AS c, '  # noqa: S608 # nosec B608
        f"SUM({weight_case} * ({field_sql})) AS x "
        f'FROM "{SearchTerm._meta.db_table}" p '
        f'WHERE p."language" = %s AND p."term" IN ({", ".join(["%s"] * len(terms))}) '
        f'AND p."kind" IN ({", ".join(["%s"] * len(kinds))}) GROUP BY 1, 2'
    )
    params += concept_params + weight_params + field_params + [language, *terms, *kinds]
    idf_params = []
    idf_case = _case("a.c", query_plan.idfs, idf_params, cast=True)
    counted = [i for i, v in enumerate(query_plan.counted) if v]
    anchors = [i for i, v in enumerate(query_plan.anchors) if v]
    places = [i for i, v in enumerate(query_plan.places) if v]
    # Table names come from model metadata; terms and numbers are query parameters, concept
    # numbers are integers we made.
    sql = (
        'SELECT s."id", s."target_id", s."kind", s."title", '  # noqa: S608 # nosec B608
        f"a.score, a.matched, a.anchored, a.placed, a.needs FROM ("
        f"SELECT a.e, SUM({idf_case} * a.x * %s / (a.x + %s)) AS score, "
        f"SUM({_case('a.c', counted, [])}) AS matched, "
        f"SUM({_case('a.c', anchors, [])}) AS anchored, "
        f"SUM({_case('a.c', places, [])}) AS placed, "
        f"SUM({_case('a.c', [i for i in counted if i not in places], [])}) AS needs "
        f"FROM ({inner}) a GROUP BY a.e) a "
        f'JOIN "{SearchEntry._meta.db_table}" s ON s."id" = a.e'
    )
    params = [*idf_params, K1 + 1, K1, *params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return finish(rows, query_plan.requirements)


def finish(rows, requirements):
    """Qualify, add the coverage bonus and sort rows of (id, target id, kind, title, score,
    matched, anchored, placed, needs)."""
    counted_total, needs_total, place_only = requirements
    found = []
    for pk, target_id, kind, title, score, matched, anchored, placed, needs in rows:
        qualifies = anchored or (needs_total and needs == needs_total) or (place_only and placed)
        if not qualifies or not score:
            continue
        coverage = matched / counted_total if counted_total else 0.0
        final = round(float(score) * (1 + COVERAGE_BONUS * coverage), 6)
        found.append(Scored(pk, target_id, kind, title, final))
    found.sort(key=lambda s: (-s.score, s.title, s.pk))
    return found


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
