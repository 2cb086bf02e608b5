"""Acceptance tests of the repair stage on the real, damaged seed documents (read from ../shared)."""

from __future__ import annotations

import time

import pytest

from dyad.ingest.repair import repair
from dyad.ingest.repair.audit import map_problems
from dyad.offsets import MappedText
from dyad.records import Removed
from tests.bundled import KNOWLEDGE
from tests.conftest import seed_file

SEEDS = ["000", "001", "002", "003", "004"]


def _repaired(prefix: str) -> tuple[str, MappedText, list[Removed]]:
    original = seed_file(prefix).read_text(encoding="utf-8")
    body, removed = repair(MappedText.identity(original), fmt="txt", kb=KNOWLEDGE.repair)
    return original, body, removed


def _inside_removed(removed: list[Removed], start: int, end: int, why: str | None = None) -> bool:
    return any(r.start <= start and end <= r.end and (why is None or r.why == why) for r in removed)


def _body_at(body: MappedText, ostart: int, oend: int) -> str:
    """Body text whose characters derive from the original span ``[ostart, oend)``."""
    return "".join(c for c, s, e in zip(body.text, body.starts, body.ends, strict=True) if s < oend and e > ostart)


@pytest.mark.parametrize("prefix", SEEDS)
def test_repair_map_round_trip(prefix: str) -> None:
    original, body, removed = _repaired(prefix)
    assert map_problems(body, original, shifts=frozenset({29})) == []
    for r in removed:
        assert 0 <= r.start < r.end <= len(original)


@pytest.mark.parametrize("prefix", SEEDS)
def test_repair_paragraph_shape(prefix: str) -> None:
    _, body, _ = _repaired(prefix)
    text = body.text
    assert text == text.strip()
    assert "\n\n\n" not in text and "  " not in text
    assert all(p and "\n" not in p for p in text.split("\n\n"))


@pytest.mark.parametrize(
    ("prefix", "shifted", "decoded"),
    [
        ("004", "7KHʳUVW", "The first"),
        ("004", "+RNNDLGR", "Hokkaido"),
        ("004", "SURGXFHGWKHʳUVW", "produced the first"),
    ],
)
def test_repair_decodes_font_shift(prefix: str, shifted: str, decoded: str) -> None:
    original, body, _ = _repaired(prefix)
    at = original.index(shifted)
    assert decoded in body.text
    if shifted != "+RNNDLGR":  # these sit in caption text kept in the body; the map label is chart debris
        assert _body_at(body, at, at + len(shifted)).startswith(decoded)
    assert shifted not in body.text


@pytest.mark.parametrize(
    ("prefix", "phrase"),
    [
        ("004", "Moscow considers the absence"),
        ("004", "Without such efforts, rapprochement"),
        ("004", "conditions for Japanese businesses."),
        ("004", "where conflicts, geopolitical"),
        ("002", "bilateral relations"),
        ("002", "Japan is also uncertain"),
        ("002", "Russo-Japanese Relations"),
        ("002", "anti-Western Moscow-Beijing"),
        ("000", "between Japan and Russia. In other words"),
    ],
)
def test_repair_body_reads_clean(prefix: str, phrase: str) -> None:
    _, body, _ = _repaired(prefix)
    assert phrase in body.text


@pytest.mark.parametrize(
    ("prefix", "phrase", "why"),
    [
        ("001", "Interesting how decidedly hostile", "comment"),
        ("001", "The Financial Times, January 17", "references"),
        ("003", "Make a charitable donation", "boilerplate"),
        ("003", "Page last modified", "boilerplate"),
        ("003", "mailing list", "boilerplate"),
        ("004", "VALDAI DISCUSSION CLUB REPORT", "running-header"),
        ("004", "RUSSIA – JAPAN TRADE TURNOVER", "chart"),
        ("004", "Number of responses", "chart"),
        ("000", "Program speech of Prime Minister", "references"),
    ],
)
def test_repair_removes_non_article(prefix: str, phrase: str, why: str) -> None:
    original, body, removed = _repaired(prefix)
    at = original.index(phrase)
    assert _inside_removed(removed, at, at + len(phrase), why), [r for r in removed if r.why == why][:5]
    assert phrase not in body.text


def test_repair_removes_chart_numbers_between_prose() -> None:
    original, body, removed = _repaired("004")
    at = original.index("35,000")
    assert _inside_removed(removed, at, at + 6, "chart")
    assert "implies that Moscow is abandoning its position" in body.text


def test_repair_removes_footnote_markers() -> None:
    original, body, removed = _repaired("000")
    at = original.index("Russia.1 In")
    assert _inside_removed(removed, at + 7, at + 8, "footnote-marker")


@pytest.mark.parametrize("prefix", SEEDS)
def test_repair_is_fast(prefix: str) -> None:
    original = seed_file(prefix).read_text(encoding="utf-8")
    repair(MappedText.identity("warm up the word list."), fmt="txt", kb=KNOWLEDGE.repair)
    t0 = time.process_time()  # CPU time: wall time is noisy on a shared machine
    repair(MappedText.identity(original), fmt="txt", kb=KNOWLEDGE.repair)
    assert time.process_time() - t0 < 0.5
