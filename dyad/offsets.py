"""Offset maps: every character of a derived text points back to a span of the original.

Readers and the repair stage never edit strings in place. They describe edits
(replace ``text[start:end]`` with a string) and :meth:`MappedText.edit` builds
the new text together with, for each new character, the ``[start, end)`` span
of the *original* text it came from. Maps compose automatically because each
``MappedText`` always points at the original, never at an intermediate text.

>>> base = MappedText.identity("bi-\\nlateral")
>>> fixed = base.edit([(2, 4, "")])
>>> fixed.text
'bilateral'
>>> fixed.to_original(0, 9)
(0, 11)
"""

from __future__ import annotations

import json
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

Edit = tuple[int, int, str]


@dataclass(frozen=True)
class MappedText:
    """A text plus, per character, the original span it derives from."""

    text: str
    starts: array
    ends: array

    @classmethod
    def identity(cls, original: str) -> MappedText:
        n = len(original)
        return cls(original, array("i", range(n)), array("i", range(1, n + 1)))

    def __len__(self) -> int:
        return len(self.text)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``[start, end)`` of ``text`` to the original.

        An empty span maps to the empty span just after the preceding character.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside text of length {len(self.text)}")
        if start == end:
            pos = self.ends[start - 1] if start > 0 else (self.starts[0] if self.text else 0)
            return pos, pos
        return self.starts[start], max(self.ends[start:end])

    def edit(self, edits: Iterable[Edit]) -> MappedText:
        """Apply non-overlapping edits ``(start, end, replacement)`` given in this text's offsets.

        A replacement of the same length as the span it replaces maps character by
        character (e.g. decoding shifted glyphs); any other replacement maps every
        new character to the whole replaced span (e.g. a ligature glyph read as
        "fi", or a hyphen plus line break removed). Pure insertions map to the
        empty span at the insertion point.
        """
        ordered = sorted(edits, key=lambda e: (e[0], e[1]))
        out: list[str] = []
        starts = array("i")
        ends = array("i")
        pos = 0
        for start, end, repl in ordered:
            if start < pos or end < start or end > len(self.text):
                raise ValueError(f"overlapping or invalid edit {start}:{end}")
            out.append(self.text[pos:start])
            starts.extend(self.starts[pos:start])
            ends.extend(self.ends[pos:start])
            if repl:
                if end - start == len(repl):
                    starts.extend(self.starts[start:end])
                    ends.extend(self.ends[start:end])
                else:
                    o_start, o_end = self.to_original(start, end)
                    starts.extend([o_start] * len(repl))
                    ends.extend([o_end] * len(repl))
                out.append(repl)
            pos = end
        out.append(self.text[pos:])
        starts.extend(self.starts[pos:])
        ends.extend(self.ends[pos:])
        return MappedText("".join(out), starts, ends)

    def removed_spans(self, original_length: int) -> list[tuple[int, int]]:
        """Original spans that no character of this text derives from."""
        covered = bytearray(original_length)
        for s, e in zip(self.starts, self.ends, strict=True):
            covered[s:e] = b"\x01" * (e - s)
        spans: list[tuple[int, int]] = []
        i = 0
        while i < original_length:
            if covered[i]:
                i += 1
                continue
            j = i
            while j < original_length and not covered[j]:
                j += 1
            spans.append((i, j))
            i = j
        return spans

    # -- storage -----------------------------------------------------------------

    def dumps(self) -> str:
        """Run-length encode the map as JSON: runs of ``[text_pos, orig_start, orig_end, length, step]``.

        A run steps by 1 (characters copied in order) or by 0 (characters that all stand for one
        original span); a run of one character followed by the same span turns into a step-0 run.
        The breaks between runs are found with NumPy; only the runs themselves are walked in Python.
        """
        import numpy as np

        n = len(self.starts)
        if n == 0:
            return "[]"
        s = np.frombuffer(self.starts, dtype=np.int32).astype(np.int64)
        e = np.frombuffer(self.ends, dtype=np.int32).astype(np.int64)
        ds, de = np.diff(s), np.diff(e)
        same = (ds == 0) & (de == 0)  # same[i]: character i + 1 has character i's span
        not_inc = np.flatnonzero((ds != 1) | (de != 1)).tolist()  # breaks of a step-1 run
        not_same = np.flatnonzero(~same).tolist()  # breaks of a step-0 run
        same_at = same.tolist()
        sl, el = s.tolist(), e.tolist()
        runs: list[list[int]] = []
        i = 0
        while i < n:
            step = 0 if i + 1 < n and same_at[i] else 1
            breaks = not_same if step == 0 else not_inc
            k = bisect_left(breaks, i)
            end = breaks[k] + 1 if k < len(breaks) else n
            runs.append([i, sl[i], el[i], end - i, step])
            i = end
        return json.dumps(runs, separators=(",", ":"))

    @classmethod
    def loads(cls, text: str, data: str) -> MappedText:
        """The map :meth:`dumps` wrote, its runs expanded with NumPy for a long text (a page loads many
        documents' maps); a short one in Python, where NumPy's own overhead would cost more."""
        if len(text) < 2048:
            starts, ends = array("i"), array("i")
            for _, s, e, length, step in json.loads(data):
                starts.extend(range(s, s + length * step, step) if step else [s] * length)
                ends.extend(range(e, e + length * step, step) if step else [e] * length)
            if len(starts) != len(text):
                raise ValueError("offset map does not match text length")
            return cls(text, starts, ends)
        import numpy as np

        runs = np.asarray(json.loads(data), dtype=np.int64).reshape(-1, 5)
        lengths = runs[:, 3]
        # each character's place within its run, times the run's step
        within = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        step = np.repeat(runs[:, 4], lengths) * within
        starts = array("i", (np.repeat(runs[:, 1], lengths) + step).astype(np.int32).tobytes())
        ends = array("i", (np.repeat(runs[:, 2], lengths) + step).astype(np.int32).tobytes())
        if len(starts) != len(text):
            raise ValueError("offset map does not match text length")
        return cls(text, starts, ends)
