"""Repair: from a reader's base text to the clean body text, with the offset map kept.

(Placeholder: normalises line breaks only; the full repair stage replaces it.)
"""

from __future__ import annotations

import re

from dyad.ingest.offsets import MappedText
from dyad.records import Removed


def repair(base: MappedText, *, fmt: str) -> tuple[MappedText, list[Removed]]:
    """Return the repaired body text and the spans removed from it, with reasons."""
    edits = [(m.start(), m.end(), " ") for m in re.finditer(r"(?<=\S)\n(?=\S)", base.text)]
    return base.edit(edits), []
