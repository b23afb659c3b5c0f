"""Relevance on a fictional directory built with the factories (``relevance/``): graded
judgements written by staff before the engine was tuned, in the categories of issue 18.
Prints nDCG@10, P@3 and MRR per category and overall; no-answer queries must stay empty."""

import pytest
from django.db import transaction
from django.test import override_settings

from search.analysis import read_query
from search.backends import DirectoryQuery
from search.backends.freshness import forget
from search.backends.scoring import rank, rank_in_python
from search.indexer import rebuild_entries
from search.lookup import query_context
from search.models import SearchEntry
from search.service import search_directory
from search.tests.relevance.build import build_directory, load
from search.tests.relevance.metrics import ndcg_at_10, precision_at_3, reciprocal_rank

SUITE = load("queries.yaml")
NO_BACKGROUND_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
# Set below the figures measured when the suite was first met (docs/performance.md).
THRESHOLDS = {"ndcg": 0.85, "p3": 0.80, "mrr": 0.90}


@pytest.fixture(scope="module")
def fictional_directory(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(TASKS=NO_BACKGROUND_TASKS):
            keys = build_directory()
        rebuild_entries()
        forget()
        yield keys
        transaction.set_rollback(True)
    forget()


def ranked_keys(keys, case):
    query = DirectoryQuery(text=case["q"], language=case.get("language", "es"), per_page=10)
    result = search_directory(query)
    return [keys[pk] for pk in result.ids if pk in keys], result


def evaluate(keys):
    figures, empty_failures = {}, []
    for category, cases in SUITE.items():
        for case in cases:
            ranked, result = ranked_keys(keys, case)
            if case.get("empty"):
                if result.total:
                    empty_failures.append(f"{case['q']!r}: {result.total} results {ranked[:3]}")
                continue
            judged = case["rel"]
            scores = figures.setdefault(category, [])
            scores.append(
                (
                    ndcg_at_10(ranked, judged),
                    precision_at_3(ranked, judged),
                    reciprocal_rank(ranked, judged),
                )
            )
    return figures, empty_failures


def mean(values):
    return sum(values) / len(values) if values else 0.0


def test_suite_covers_the_issue_categories():
    assert sum(len(cases) for cases in SUITE.values()) >= 120
    expected = {"situation", "english", "synonyms", "languages", "places", "typos"}
    assert expected | {"derived", "none"} <= set(SUITE)
    cases = [case for cases in SUITE.values() for case in cases]
    assert all(case.get("rel") or case.get("empty") for case in cases)
    assert all(set(case) <= {"q", "rel", "language", "empty"} for case in cases)


@pytest.mark.django_db
def test_relevance_on_a_fictional_directory(fictional_directory):
    figures, empty_failures = evaluate(fictional_directory)
    every = [score for scores in figures.values() for score in scores]
    print(f"\nRelevance ({len(every)} judged queries + {len(SUITE['none'])} no-answer):")
    print(f"{'category':<12} {'n':>3} {'nDCG@10':>8} {'P@3':>6} {'MRR':>6}")
    for category, scores in [*figures.items(), ("all", every)]:
        ndcg, p3, mrr = (mean([score[i] for score in scores]) for i in range(3))
        print(f"{category:<12} {len(scores):>3} {ndcg:>8.3f} {p3:>6.3f} {mrr:>6.3f}")
    overall = {name: mean([s[i] for s in every]) for i, name in enumerate(("ndcg", "p3", "mrr"))}
    print(f"no-answer queries that found something: {len(empty_failures)}")
    for failure in empty_failures:
        print(f"  {failure}")
    assert all(overall[name] >= bound for name, bound in THRESHOLDS.items()), overall
    assert not empty_failures, "queries nothing answers must find nothing"


@pytest.mark.django_db
def test_the_database_and_the_formula_agree(fictional_directory):
    """The SQL of this database ranks every query as the documented formula computed in
    Python: SQLite and PostgreSQL, each checked against it, agree within 0.02."""
    gaps = []
    for cases in SUITE.values():
        for case in cases:
            if case.get("empty"):
                continue
            language = case.get("language", "es")
            concepts = read_query(case["q"], language, query_context(language)).concepts
            by_sql = [e.target_id for e in rank(concepts, language, [SearchEntry.Kind.SERVICE])]
            by_formula = [
                e.target_id for e in rank_in_python(concepts, language, [SearchEntry.Kind.SERVICE])
            ]
            keys = fictional_directory
            gaps.append(
                abs(
                    ndcg_at_10([keys[i] for i in by_sql if i in keys], case["rel"])
                    - ndcg_at_10([keys[i] for i in by_formula if i in keys], case["rel"])
                )
            )
    print(f"\nSQL against the formula: mean nDCG@10 gap {mean(gaps):.4f}, largest {max(gaps):.4f}")
    assert mean(gaps) <= 0.01
