"""Properties of repair on arbitrary text: it never crashes and the map stays sound."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dyad.ingest.repair import repair
from dyad.ingest.repair.audit import map_problems
from dyad.offsets import MappedText
from tests.bundled import KNOWLEDGE

PIECES = st.sampled_from(
    [
        "bi-\n",
        "lateral",
        " ",
        "\n",
        "\n\n",
        "7KH",
        "ʳ",
        "12",
        "W i t h",
        ".1 ",
        "Notes",
        "1. ",
        "\ufb01",
        "\u00ad",
        "\r\n",
    ]
)
TEXTS = st.one_of(st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join))


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_repair_never_crashes_and_map_holds(text: str) -> None:
    body, removed = repair(MappedText.identity(text), fmt="txt", kb=KNOWLEDGE.repair)
    assert len(body.starts) == len(body.ends) == len(body.text)
    problems = [p for p in map_problems(body, text, shifts=frozenset(range(1, 65))) if "copied" not in p]
    assert problems == []
    for r in removed:
        assert 0 <= r.start <= r.end <= len(text)
