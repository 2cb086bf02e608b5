"""Repair: from a reader's base text to the clean body text, with the offset map kept.

``repair`` runs successive :meth:`MappedText.edit` passes, each over the
previous pass's output (the map always points at the original):

1. glyphs: line ends, invisible characters, ligatures, mojibake; font-shifted runs decoded;
2. small-caps lines set in title case;
3. whole lines left out: site furniture, reference lists, reader comments,
   running headers, page numbers, chart and table debris (each reported as a
   :class:`~dyad.records.Removed` span of the original, with its reason);
4. line-end hyphenation, then paragraph shape (lines joined, one blank line
   between paragraphs);
5. letter-spaced words, words split by stray spaces, lost compound hyphens,
   space before punctuation;
6. footnote markers glued to sentence ends.

The body keeps the article prose only. Knowledge (cue phrases, ligature
stand-ins) comes from ``dyad/data/repair/repair.yaml`` (:mod:`dyad.knowledge.repair`), passed in as ``kb``.
"""

from __future__ import annotations

from collections.abc import Callable

from dyad.ingest.repair.glyphs import clean_edits, shift_edits
from dyad.ingest.repair.hyphenation import hyphenation_edits
from dyad.ingest.repair.layout import layout_removals
from dyad.ingest.repair.paragraphs import paragraph_edits, smallcaps_edits
from dyad.ingest.repair.sections import footnote_marker_edits, section_removals
from dyad.ingest.repair.spacing import (
    letterspace_edits,
    lost_hyphen_edits,
    punctuation_edits,
    split_word_edits,
)
from dyad.knowledge.repair import RepairKnowledge
from dyad.offsets import MappedText
from dyad.records import Removed

__all__ = ["repair"]

Removal = tuple[int, int, str]


def _remove(mt: MappedText, removals: list[Removal], out: list[Removed], *, whole_lines: bool) -> MappedText:
    """Delete the spans (with their line end when whole lines) and record them in original offsets."""
    edits = []
    for start, end, why in removals:
        if end <= start:
            continue
        o_start, o_end = mt.to_original(start, end)
        out.append(Removed(o_start, o_end, why))
        stop = end + 1 if whole_lines and mt.text[end : end + 1] == "\n" else end
        edits.append((start, stop, ""))
    return mt.edit(edits)


def _line_passes(mt: MappedText, kb: RepairKnowledge, out: list[Removed]) -> MappedText:
    mt = _remove(mt, section_removals(mt.text, kb), out, whole_lines=True)
    return _remove(mt, layout_removals(mt.text, kb), out, whole_lines=True)


def repair(base: MappedText, *, fmt: str, kb: RepairKnowledge) -> tuple[MappedText, list[Removed]]:
    """Return the repaired body text and the spans of the original left out of it, with reasons.

    ``fmt`` is the reader's format (``txt``, ``md``, ``html``, ``pdf``); the
    repairs decide by the text's own shape, so the same damage is repaired
    whatever container it came in.

    >>> from dyad.knowledge.repair import read_repair
    >>> body, removed = repair(MappedText.identity("Bi-\\nlateral talks.\\n\\n12\\n"), fmt="txt", kb=read_repair())
    >>> body.text, [r.why for r in removed]
    ('Bilateral talks.', ['page-number'])
    """
    removed: list[Removed] = []
    mt = base.edit(clean_edits(base.text))
    text_passes: list[Callable[[str], list]] = [lambda t: shift_edits(t, kb), smallcaps_edits]
    for make in text_passes:
        mt = mt.edit(make(mt.text))
    mt = _line_passes(mt, kb, removed)
    words = kb.words
    for make in (
        lambda t: hyphenation_edits(t, words),
        paragraph_edits,
        lambda t: letterspace_edits(t, words),
        lambda t: split_word_edits(t, words),
        lambda t: lost_hyphen_edits(t, words),
        punctuation_edits,
    ):
        mt = mt.edit(make(mt.text))
    mt = _remove(mt, footnote_marker_edits(mt.text, kb), removed, whole_lines=False)
    removed.sort(key=lambda r: (r.start, r.end))
    return mt, removed
