"""A bounded schemathesis run over the app's own OpenAPI schema: no operation answers 5xx.

Generated values (within and outside the declared types) go through the real
ASGI app over a real database; each operation gets a few examples only, so
this stays a smoke test. ``schemathesis run`` against a live ``dyad serve``
is the long version. (Schemathesis's pytest plugin does not load under
pytest 9, so the operations' strategies are driven with hypothesis directly.)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (pip install schemathesis)")
from hypothesis import HealthCheck, given, settings  # noqa: E402 - after the skip
from schemathesis.checks import not_a_server_error  # noqa: E402

EXAMPLES = int(os.environ.get("DYAD_SCHEMA_EXAMPLES", "10"))


def _check_operation(operation: Any) -> int:
    calls = [0]

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        response = case.call()
        calls[0] += 1
        case.validate_response(response, checks=[not_a_server_error])
        assert "content-security-policy" in {k.lower() for k in response.headers}

    run()
    return calls[0]


@pytest.mark.slow
def test_web_schemathesis_no_server_errors(small_db: Path) -> None:
    from dyad.web.app import create_app

    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(small_db))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    calls = sum(_check_operation(op) for op in operations)
    assert calls >= len(operations)
    print(f"schemathesis: {len(operations)} operations, {calls} calls")
