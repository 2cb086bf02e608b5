"""Property tests for repair on arbitrary text: no crash, a sound offset map, bounded time."""

from __future__ import annotations

import os
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.ingest.repair import repair
from dyad.offsets import MappedText
from tests.bundled import KNOWLEDGE
from tests.reliability.mapcheck import map_faults
from tests.reliability.strategies import TEXTS


@settings(
    max_examples=int(os.environ.get("DYAD_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=TEXTS, fmt=st.sampled_from(["txt", "md", "html", "pdf"]))
def test_fuzz_repair_map_holds(text: str, fmt: str) -> None:
    began = time.thread_time()
    body, removed = repair(MappedText.identity(text), fmt=fmt, kb=KNOWLEDGE.repair)
    assert time.thread_time() - began < 5.0, f"{len(text)} chars took too long"
    assert len(body.starts) == len(body.ends) == len(body.text)
    assert map_faults(body, text) == []
    for r in removed:
        assert 0 <= r.start <= r.end <= len(text) and r.why


def test_fuzz_repair_huge_line_is_linear() -> None:
    """A 400 kB single line (a minified page, a table dumped flat) repairs in seconds, not minutes."""
    line = "The ministers met in the capital and W i t h agreed co-operation 7KH 12. " * 5500
    began = time.thread_time()
    body, _ = repair(MappedText.identity(line), fmt="txt", kb=KNOWLEDGE.repair)
    assert time.thread_time() - began < 20.0
    assert body.text
