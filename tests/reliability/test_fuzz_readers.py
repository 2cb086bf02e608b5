"""Property tests: any bytes in a .txt/.md/.html/.pdf file give a SourceText or InputRejected, in bounded time.

Every example is also repaired, and the repaired text must still map onto the
original (``map_problems``), because that is what the rest of the pipeline
builds on. The bound per document is generous for a 2-core CI machine; the
point is to catch hangs and super-linear blow-ups, not to benchmark.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.config import Options
from dyad.errors import InputRejected
from dyad.ingest.readers import read_file
from dyad.ingest.repair import repair
from dyad.records import SourceText
from tests.bundled import KNOWLEDGE
from tests.reliability.mapcheck import map_faults
from tests.reliability.strategies import HTML_TEXT, PDF_BYTES, TEXTS, encoded, mutated

DEMO = Path(__file__).resolve().parents[2] / "dyad" / "demo" / "corpus"
#: CPU seconds one read + repair may take on any fuzzed input (the files are at most a few kB).
#: CPU time, not wall time, so a busy CI machine does not make the bound flaky.
PER_DOCUMENT_S = 5.0
#: Examples per test; raise it for a long run: DYAD_FUZZ_EXAMPLES=5000 pytest tests/reliability
EXAMPLES = int(os.environ.get("DYAD_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """One folder for the module's examples (hypothesis reruns a test body many times)."""
    with tempfile.TemporaryDirectory(prefix="dyad-fuzz-") as folder:
        for demo in sorted(DEMO.iterdir()):  # warm the one-time loads (knowledge, pypdf) outside the bound
            if demo.suffix in (".txt", ".html", ".pdf"):
                read_and_repair(Path(folder) / f"warm{demo.suffix}", demo.read_bytes())
        yield Path(folder)


def read_and_repair(path: Path, data: bytes) -> SourceText | InputRejected:
    """Write ``data`` to ``path``, read and repair it, check the contract, return what came out."""
    path.write_bytes(data)
    began = time.thread_time()
    try:
        source = read_file(path, Options())
    except InputRejected as exc:
        assert str(exc), "a rejection must say why"
        return exc
    body, removed = repair(source.base, fmt=source.format, kb=KNOWLEDGE.repair)
    took = time.thread_time() - began
    assert took < PER_DOCUMENT_S, f"{path.name}: {len(data)} bytes took {took:.1f} CPU s"
    assert source.base.text.strip(), "an accepted document has text"
    assert map_faults(source.base, source.original) == []
    assert map_faults(body, source.original) == [], (data[:200], body.text[:200])
    for r in removed:
        assert 0 <= r.start <= r.end <= len(source.original)
    return source


def _demo(suffix: str) -> bytes:
    return next(p for p in sorted(DEMO.iterdir()) if p.suffix == suffix).read_bytes()


@FUZZ
@given(data=st.binary(min_size=1, max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html", ".pdf"]))
def test_fuzz_readers_random_bytes(scratch: Path, data: bytes, suffix: str) -> None:
    read_and_repair(scratch / f"bytes{suffix}", data)


@FUZZ
@given(data=encoded(TEXTS), suffix=st.sampled_from([".txt", ".md"]))
def test_fuzz_readers_damaged_text(scratch: Path, data: bytes, suffix: str) -> None:
    read_and_repair(scratch / f"text{suffix}", data)


@FUZZ
@given(data=encoded(HTML_TEXT))
def test_fuzz_readers_broken_html(scratch: Path, data: bytes) -> None:
    read_and_repair(scratch / "page.html", data)


@FUZZ
@given(data=st.one_of(PDF_BYTES, mutated(_demo(".pdf"))))
def test_fuzz_readers_broken_pdf(scratch: Path, data: bytes) -> None:
    read_and_repair(scratch / "paper.pdf", data)


@FUZZ
@given(
    data=st.one_of(mutated(_demo(".html")), mutated(_demo(".md")), mutated(_demo(".txt"))),
    suffix=st.sampled_from([".txt", ".md", ".html"]),
)
def test_fuzz_readers_mutated_demo_files(scratch: Path, data: bytes, suffix: str) -> None:
    read_and_repair(scratch / f"demo{suffix}", data)
