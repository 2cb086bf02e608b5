"""Checks that a repaired text still points faithfully at its original.

``map_problems`` lists every way the offset map of a :class:`MappedText`
breaks the contract: a character mapped to an empty or out-of-range span,
spans going backwards, or a character the repair did not rewrite that differs
from the original. Used by tests and available to callers as a sanity check.
"""

from __future__ import annotations

from dyad.offsets import MappedText


def _rewritten(mt: MappedText, i: int) -> bool:
    """Whether character ``i`` came from a replacement rather than a copy."""
    s, e = mt.starts[i], mt.ends[i]
    if e - s != 1:
        return True
    shared = (i > 0 and (mt.starts[i - 1], mt.ends[i - 1]) == (s, e)) or (
        i + 1 < len(mt.text) and (mt.starts[i + 1], mt.ends[i + 1]) == (s, e)
    )
    return shared


def map_problems(mt: MappedText, original: str, *, shifts: frozenset[int] = frozenset()) -> list[str]:
    """Describe each broken promise of the map (empty when all is well).

    A copied character must equal the original one, up to case (small-caps
    repair), whitespace for whitespace, or a constant code-point shift in ``shifts`` (decoded glyphs).
    """
    problems: list[str] = []
    last_start = 0
    for i, ch in enumerate(mt.text):
        s, e = mt.starts[i], mt.ends[i]
        if not 0 <= s < e <= len(original):
            problems.append(f"char {i} {ch!r} maps to bad span {s}:{e}")
            continue
        if s < last_start:
            problems.append(f"char {i} {ch!r} maps backwards ({s} < {last_start})")
        last_start = s
        if _rewritten(mt, i):
            continue
        o = original[s]
        if ch.isspace() and o.isspace():
            continue  # a line break read as a space
        if ch != o and ch.lower() != o.lower() and (ord(ch) - ord(o)) not in shifts:
            problems.append(f"char {i} {ch!r} copied from {o!r} at {s}")
    return problems
