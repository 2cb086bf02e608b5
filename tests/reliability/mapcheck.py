"""``map_problems`` minus the one-for-one rewrites it cannot tell from copies.

The audit treats a character whose span is exactly one original character as
copied. Two repairs rewrite one character into one other character on purpose:
C1 control codes read as their cp1252 glyphs (``\\x93`` → ``“``, via ftfy) and
compatibility forms folded by NFKC (fullwidth ``Ａ`` → ``A``). And the audit
wants every span non-empty, while :meth:`MappedText.edit` maps a pure insertion
(the HTML reader's blank line between blocks) to the empty span at its place,
as documented. Those are kept out here; every other problem (out-of-range or
backward spans, a real mismatch) stays.
"""

from __future__ import annotations

import re
import unicodedata

from dyad.ingest.repair.audit import map_problems
from dyad.offsets import MappedText

SHIFTS = frozenset(range(-128, 129))
_COPIED = re.compile(r"char (\d+) .* copied from .* at (\d+)$", re.DOTALL)
_EMPTY = re.compile(r"char (\d+) .* maps to bad span (\d+):(\d+)$", re.DOTALL)


def _one_for_one(ch: str, o: str) -> bool:
    """Whether ``o`` → ``ch`` is a deliberate single-character normalisation (case aside)."""
    if 0x80 <= ord(o) <= 0x9F:
        try:
            glyph = bytes([ord(o)]).decode("cp1252")
        except UnicodeDecodeError:
            return False
        return glyph.lower() == ch.lower()
    return unicodedata.normalize("NFKC", o).lower() == ch.lower()


def _inserted_space(ch: str, start: int, end: int, length: int) -> bool:
    """A separator inserted by a reader or repair: whitespace on an empty, in-range span."""
    return ch.isspace() and 0 <= start == end <= length


def map_faults(mt: MappedText, original: str) -> list[str]:
    """The offset-map problems of ``mt`` against ``original`` that are real faults."""
    faults = []
    for problem in map_problems(mt, original, shifts=SHIFTS):
        m = _COPIED.match(problem)
        if m and _one_for_one(mt.text[int(m.group(1))], original[int(m.group(2))]):
            continue
        m = _EMPTY.match(problem)
        if m and _inserted_space(mt.text[int(m.group(1))], int(m.group(2)), int(m.group(3)), len(original)):
            continue
        faults.append(problem)
    return faults
