"""Helpers that turn a wanted change into ``MappedText`` edits that keep the map exact.

Every edit replaces at most one original character, so every new character
points at a non-empty span of the original (pure insertions would point at
nothing): a space inserted after a letter is written as ``letter + " "``.
"""

from __future__ import annotations

from collections.abc import Sequence

from dyad.offsets import Edit


def piece_edits(start: int, old: str, pieces: Sequence[str]) -> list[Edit]:
    """Edits replacing each character ``old[k]`` (at ``start + k``) by ``pieces[k]``."""
    return [(start + k, start + k + 1, p) for k, (c, p) in enumerate(zip(old, pieces, strict=True)) if p != c]


def respace_edits(text: str, start: int, end: int, words: Sequence[str]) -> list[Edit]:
    """Edits making ``text[start:end]`` read as ``" ".join(words)``, changing only spaces.

    ``"".join(words)`` must equal ``text[start:end]`` with its whitespace removed.
    """
    breaks: set[int] = set()  # letter counts after which a space is wanted
    count = 0
    for w in words[:-1]:
        count += len(w)
        breaks.add(count)
    edits: list[Edit] = []
    seen = 0
    i = start
    while i < end:
        if text[i].isspace():
            j = i
            while j < end and text[j].isspace():
                j += 1
            want = " " if seen in breaks else ""
            if text[i:j] != want:
                edits.append((i, j, want))
            breaks.discard(seen)
            i = j
            continue
        seen += 1
        if seen in breaks and (i + 1 >= end or not text[i + 1].isspace()):
            edits.append((i, i + 1, text[i] + " "))
            breaks.discard(seen)
        i += 1
    return edits


def line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, the newline excluded."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans
