"""The offset map: every derived character points back into the original."""

from __future__ import annotations

import json
from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyad.offsets import MappedText


def test_offsets_identity_round_trip() -> None:
    base = MappedText.identity("Tokyo and Moscow")
    assert base.to_original(10, 16) == (10, 16)


@pytest.mark.parametrize(
    ("text", "edits", "expected", "span", "original_span"),
    [
        ("bi-\nlateral talks", [(2, 4, "")], "bilateral talks", (0, 9), (0, 11)),
        ("the ﬁrst visit", [(4, 5, "fi")], "the first visit", (4, 9), (4, 8)),
        ("Ja pan", [(2, 3, "")], "Japan", (0, 5), (0, 6)),
        ("a\nb", [(1, 2, " ")], "a b", (2, 3), (2, 3)),
        ("ab", [(1, 1, "-")], "a-b", (0, 3), (0, 2)),
    ],
)
def test_offsets_edit_maps_spans(text, edits, expected, span, original_span) -> None:
    mapped = MappedText.identity(text).edit(edits)
    assert mapped.text == expected
    assert mapped.to_original(*span) == original_span


def test_offsets_compose_through_two_passes() -> None:
    first = MappedText.identity("xx Ja-\npan yy").edit([(5, 7, "")])
    second = first.edit([(0, 3, "")])
    assert second.text == "Japan yy"
    assert second.to_original(0, 5) == (3, 10)


def test_offsets_reject_overlapping_edits() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        MappedText.identity("abcdef").edit([(0, 3, ""), (2, 4, "")])


def test_offsets_removed_spans() -> None:
    mapped = MappedText.identity("keep DROP keep").edit([(4, 9, "")])
    assert mapped.removed_spans(14) == [(4, 9)]


@given(
    st.text(min_size=0, max_size=60),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 5), st.text(max_size=3)), max_size=6),
)
def test_offsets_serialisation_round_trips(text: str, raw_edits: list[tuple[int, int, str]]) -> None:
    edits, pos = [], 0
    for start, length, repl in sorted(raw_edits):
        start = max(start, pos)
        end = min(start + length, len(text))
        if start > len(text):
            break
        edits.append((start, end, repl))
        pos = end if end > start else start + 1
    mapped = MappedText.identity(text).edit(e for e in edits if e[0] <= len(text))
    restored = MappedText.loads(mapped.text, mapped.dumps())
    assert restored.starts == mapped.starts
    assert restored.ends == mapped.ends
    for s, e in zip(mapped.starts, mapped.ends, strict=True):
        assert 0 <= s <= e <= len(text)


def _runs_by_character(mapped: MappedText) -> list[list[int]]:
    """The run-length encoding built one character at a time: what ``dumps`` must equal."""
    runs: list[list[int]] = []
    for i, (s, e) in enumerate(zip(mapped.starts, mapped.ends, strict=True)):
        if runs:
            r = runs[-1]
            if r[4] == 1 and s == r[1] + r[3] and e == r[2] + r[3]:
                r[3] += 1
                continue
            if s == r[1] and e == r[2] and (r[4] == 0 or r[3] == 1):
                r[3:5] = [r[3] + 1, 0]
                continue
        runs.append([i, s, e, 1, 1])
    return runs


@given(
    st.lists(st.tuples(st.sampled_from(["next", "same", "jump"]), st.integers(-3, 6), st.integers(0, 2)), max_size=60)
)
def test_offsets_dumps_equals_per_character_runs(steps) -> None:
    starts, ends, pos = array("i"), array("i"), 0
    for how, jump, width in steps:
        pos = pos + 1 if how == "next" else pos if how == "same" else max(0, pos + jump)
        starts.append(pos)
        ends.append(pos + width)
    mapped = MappedText("x" * len(starts), starts, ends)
    assert json.loads(mapped.dumps()) == _runs_by_character(mapped)
    restored = MappedText.loads(mapped.text, mapped.dumps())
    assert (restored.starts, restored.ends) == (starts, ends)
