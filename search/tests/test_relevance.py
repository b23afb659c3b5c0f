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
        # PDFs of the demo pages are not needed here; load_demo rebuilds the search
        # entries once at its end.
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
    queries = " ".join(case["query"] for case in SUITE)
    assert "psicolojica" in queries  # typos
    assert "Galápagos" in queries
    assert "Galapagos" in queries  # with and without accents
    assert all(case.get("expected") for case in SUITE)


@pytest.mark.django_db
def test_relevance_on_demo_data(demo_data):
    failures, precision = [], []
    for case in SUITE:
        language = case.get("language", "es")
        result = search_directory(DirectoryQuery(text=case["query"], language=language, per_page=3))
        top3 = names(result.ids, language)
        expected, kind = case.get("expected", []), case.get("kind")
        missing = [name for name in expected if name not in top3]
        wrong_kind = [name for name in top3 if kind and not name.startswith(kind)]
        if missing or wrong_kind or not top3:
            failures.append(
                f"{case['query']!r}: missing {missing}, not {kind!r}: {wrong_kind}; top 3 = {top3}"
            )
        # precision@3: share of the first 3 results that are expected or of the expected kind.
        relevant = [name for name in top3 if name in expected or (kind and name.startswith(kind))]
        precision.append(len(relevant) / 3)
    mean = sum(precision) / len(precision)
    print(
        f"\nRelevance ({result.backend} backend): {len(SUITE) - len(failures)}/{len(SUITE)} "
        f"queries pass; mean precision@3 = {mean:.2f}"
    )
    assert not failures, "\n".join(failures)
