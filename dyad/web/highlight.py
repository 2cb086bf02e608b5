"""Cut a document's text into runs for display, with evidence spans marked.

Evidence offsets point into the *original* text. The document page shows
either the original itself (identity mapping, removed spans greyed) or the
repaired text, where a character is marked when the original span it came
from overlaps an evidence span. The template escapes every run; nothing here
builds HTML.

>>> runs = segments("abcdef", [(1, 3)], focus=None)
>>> [(r.text, r.marked) for r in runs]
[('a', False), ('bc', True), ('def', False)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Run:
    text: str
    marked: bool = False
    focus: bool = False
    removed: bool = False
    anchors: list[str] = field(default_factory=list)  # ids of spans that start here
    span: int = -1  # index of the innermost (shortest) span covering the run, -1 when none


def anchor_id(start: int, end: int) -> str:
    return f"ev-{start}-{end}"


def _coverage(length: int, spans: Sequence[tuple[int, int]]) -> list[int]:
    diff = [0] * (length + 1)
    for s, e in spans:
        s, e = max(0, min(s, length)), max(0, min(e, length))
        if e > s:
            diff[s] += 1
            diff[e] -= 1
    cov, total = [0] * length, 0
    for i in range(length):
        total += diff[i]
        cov[i] = total
    return cov


def _innermost(length: int, spans: Sequence[tuple[int, int]]) -> list[int]:
    """Per original character, the index of the shortest span covering it (-1 when none)."""
    inner = [-1] * length
    for k in sorted(range(len(spans)), key=lambda k: spans[k][0] - spans[k][1]):  # longest first, shortest wins
        s, e = max(0, min(spans[k][0], length)), max(0, min(spans[k][1], length))
        inner[s:e] = [k] * (e - s)
    return inner


def segments(
    text: str,
    spans: Sequence[tuple[int, int]],
    *,
    focus: tuple[int, int] | None,
    removed: Sequence[tuple[int, int]] = (),
    starts: Sequence[int] | None = None,
    ends: Sequence[int] | None = None,
    original_length: int | None = None,
) -> list[Run]:
    """Runs of ``text`` with the same marking.

    ``starts``/``ends`` give, per character of ``text``, its original span; leave
    them out when ``text`` is the original. Spans, focus and removed are original offsets.
    """
    n = len(text)
    olen = original_length if original_length is not None else n
    mapped = starts is not None and ends is not None
    inner = _innermost(olen, spans)
    fcov = _coverage(olen, [focus] if focus else [])
    rcov = _coverage(olen, removed)

    def hit(c: list[int], i: int) -> bool:
        if not mapped:
            return c[i] > 0
        s, e = starts[i], ends[i]  # type: ignore[index]
        return e > s and (c[min(s, olen - 1)] > 0 or c[min(e - 1, olen - 1)] > 0)

    def which(i: int) -> int:
        if not mapped:
            return inner[i]
        s, e = starts[i], ends[i]  # type: ignore[index]
        if e <= s:
            return -1
        first = inner[min(s, olen - 1)]
        return first if first >= 0 else inner[min(e - 1, olen - 1)]

    anchors: dict[int, list[str]] = {}
    wanted = sorted({*spans, *([focus] if focus else [])})
    if mapped:
        # the first character whose original start reaches the span's start
        j = 0
        order = sorted(range(n), key=lambda i: starts[i])  # type: ignore[index]
        for s, e in wanted:
            while j < n and starts[order[j]] < s:  # type: ignore[index]
                j += 1
            anchors.setdefault(order[j] if j < n else max(n - 1, 0), []).append(anchor_id(s, e))
    else:
        for s, e in wanted:
            anchors.setdefault(min(max(s, 0), max(n - 1, 0)), []).append(anchor_id(s, e))

    runs: list[Run] = []
    begin = 0
    key_prev: tuple[int, bool, bool] | None = None
    for i in range(n + 1):
        key = (which(i), hit(fcov, i), False if mapped else hit(rcov, i)) if i < n else None
        if i == n or i in anchors or key != key_prev:
            if i > begin and key_prev is not None:
                span, focused, gone = key_prev
                runs.append(Run(text[begin:i], span >= 0, focused, gone, anchors.get(begin, []), span))
            begin, key_prev = i, key
    if not runs and anchors:
        runs.append(Run("", anchors=[a for ids in anchors.values() for a in ids]))
    return runs
