"""The API contract: property-based run of every operation of /api/openapi.json
(schemathesis + hypothesis) with ALL of schemathesis' checks.

Each operation gets ``EXAMPLES`` generated requests per generation mode (schema-valid and
schema-violating), from a fixed seed. A response fails the run when it is a 5xx, has a
status code, content type, header or body the description does not declare, when a
schema-valid request is rejected (positive_data_acceptance), when a schema-violating one is
accepted (negative_data_rejection), or when a method the description does not list is not a
405 with Allow (unsupported_method). The one filter on generated cases is
``cross_parameter_rules`` (see its docstring). ``RUTA_API_FUZZ_EXAMPLES`` raises the count:
``benchmarks/api_contract.py`` is the longer run. It prints what it did and how long it took.
(schemathesis' own pytest plugin does not work with pytest 9, so hypothesis drives it.)
"""

import os
import time
from collections import Counter

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from directory.filters import MAX_PER_PAGE
from infra.api.content_openapi import UNSEARCHABLE_ORDERS
from tests.api_data import build_public_content
from website.wsgi import application

EXAMPLES = int(os.environ.get("RUTA_API_FUZZ_EXAMPLES", "25"))  # per operation and mode
SEED = int(os.environ.get("RUTA_API_FUZZ_SEED", "20261201"))
MINIMUM_OPERATIONS = 17


def cross_parameter_rules(case):
    """False for the schema-valid requests that break a rule between two parameters, which
    OpenAPI 3.1 cannot express (the parameter descriptions state it; the HSDS tests
    test_full_and_minimal_together_are_refused and test_minimal_services_give_what_a_copy_
    needs_in_one_page guard it): ``full`` with ``minimal``, and more than MAX_PER_PAGE a page
    without ``minimal`` (HSDS); ``order`` by a field Wagtail's search does not index (title,
    slug) together with ``search`` (/api/v2/, test_ordering_by_title_while_searching_is_a_400).
    Only positive cases are filtered: a schema-violating request must still be refused
    whatever the other parameters say."""
    query = case.query or {}
    if query.get("search") and str(query.get("order", "")).lstrip("-") in UNSEARCHABLE_ORDERS:
        return False
    minimal = str(query.get("minimal", "")).lower() == "true"
    if minimal and str(query.get("full", "")).lower() == "true":
        return False
    per_page = query.get("per_page")
    if isinstance(per_page, float) and per_page.is_integer():
        per_page = int(per_page)  # JSON Schema's integers include 6371.0 (so does the API)
    return minimal or not isinstance(per_page, int) or per_page <= MAX_PER_PAGE


@pytest.fixture
def api_schema(db, settings):
    settings.RUTA_API_RATE_LIMIT = (0, 60)
    build_public_content()
    # The real WSGI handler closes database connections after each request, which would end
    # the test's transaction on PostgreSQL; Django's own test client switches this off too.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def run_operation(operation, mode, statuses):
    strategy = operation.as_strategy(generation_mode=mode)
    if mode is GenerationMode.POSITIVE:
        strategy = strategy.filter(cross_parameter_rules)

    @seed(SEED)
    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def run(case):
        response = case.call()
        statuses[response.status_code] += 1
        case.validate_response(response)  # every check schemathesis has

    try:
        run()
    except Unsatisfiable:
        # An operation without parameters has no schema-violating variant to generate.
        assert mode is GenerationMode.NEGATIVE, operation.label


def test_every_public_api_operation_keeps_the_contract(api_schema, capsys):
    started = time.monotonic()
    statuses, failures = Counter(), []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= MINIMUM_OPERATIONS
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                run_operation(operation, mode, statuses)
            except (Exception, BaseExceptionGroup) as error:  # every operation runs
                failures.append(f"{operation.label} ({mode.value}): {error}")
    requests = sum(statuses.values())
    with capsys.disabled():
        print(
            f"\nAPI contract: {len(operations)} operations, {requests} generated requests "
            f"({EXAMPLES} per operation and mode, seed {SEED}) in "
            f"{time.monotonic() - started:.1f} s; statuses {dict(sorted(statuses.items()))}"
        )
    assert not failures, "\n\n".join(failures)
    assert not [status for status in statuses if status >= 500]
    assert requests >= len(operations) * EXAMPLES
