"""Relevance on the demo data: every query of relevance.yaml must find its expected services
in the first 3 results. The one test module that loads the demo data (once per module,
rolled back afterwards)."""

from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from search.backends import DirectoryQuery
from search.service import search_directory

SUITE = yaml.safe_load((Path(__file__).parent / "relevance.yaml").read_text(encoding="utf-8"))
NO_BACKGROUND_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        # PDFs of the demo pages are not needed here; search entries are built by
        # search/demo.py at the end of load_demo.
        with override_settings(TASKS=NO_BACKGROUND_TASKS, RUTA_ALLOW_DEMO_DATA=True):
            call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


def names(ids, language):
    from directory.models import Service

    by_id = {str(s.pk): s for s in Service.objects.filter(pk__in=ids)}
    return [getattr(by_id[pk], f"name_{language}") for pk in ids if pk in by_id]


def test_suite_is_big_enough():
    assert len(SUITE) >= 30
    kinds = " ".join(case.get("query") for case in SUITE)
    assert "psicolojica" in kinds  # typos
    assert "Galápagos" in kinds
    assert "Galapagos" in kinds  # with and without accents


@pytest.mark.django_db
def test_relevance_on_demo_data(demo_data):
    failures, precision = [], []
    relevant_total = 0
    for case in SUITE:
        language = case.get("language", "es")
        result = search_directory(DirectoryQuery(text=case["query"], language=language, per_page=3))
        top3 = names(result.ids, language)
        expected = case["expected"]
        missing = [name for name in expected if name not in top3]
        if missing:
            failures.append(f"{case['query']!r}: missing {missing}; top 3 = {top3}")
        # precision@3: share of the first 3 results that are relevant to the query (the
        # expected services, and any service of the same kind as the first expected one).
        kind = expected[0].split(" — ")[0]
        relevant = [name for name in top3 if name in expected or name.startswith(kind)]
        relevant_total += len(relevant)
        precision.append(len(relevant) / 3)
    mean = sum(precision) / len(precision)
    print(
        f"\nRelevance ({result.backend} backend): {len(SUITE) - len(failures)}/{len(SUITE)} "
        f"queries with their expected results in the top 3; mean precision@3 = {mean:.2f}"
    )
    assert not failures, "\n".join(failures)
