"""Property-based run of every public API operation in /api/openapi.json (schemathesis +
hypothesis).

Each operation gets EXAMPLES generated requests (valid and invalid parameters); the run fails
on any 5xx, any status code or content type the description does not declare, and any
response that does not match its schema. It prints how many requests it made.
(schemathesis' own pytest plugin does not work with pytest 9, so hypothesis drives it.)
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api_data import build_public_content

EXAMPLES = 40  # per operation and generation mode
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MINIMUM_REQUESTS = 1000


@pytest.fixture
def api_schema(db, settings):
    from django.core import signals
    from django.db import close_old_connections

    from website.wsgi import application

    settings.RUTA_API_RATE_LIMIT = (0, 60)
    build_public_content()
    # The real WSGI handler closes database connections after each request, which would end
    # the test's transaction on PostgreSQL; Django's own test client switches this off too.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_every_public_api_operation_survives_generated_requests(api_schema, capsys):
    counts = {"requests": 0, "server_errors": 0}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 16

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                derandomize=True,
                database=None,
            )
            def run(case):
                response = case.call()
                counts["requests"] += 1
                if response.status_code >= 500:
                    counts["server_errors"] += 1
                case.validate_response(response, checks=CHECKS)

            try:
                run()
            except Unsatisfiable:
                # An operation without parameters has no invalid variant to generate.
                assert mode is GenerationMode.NEGATIVE, operation.label

    with capsys.disabled():
        print(
            f"\nAPI fuzz: {len(operations)} operations, {counts['requests']} generated "
            f"requests, {counts['server_errors']} server errors"
        )
    assert counts["server_errors"] == 0
    assert counts["requests"] >= MINIMUM_REQUESTS
