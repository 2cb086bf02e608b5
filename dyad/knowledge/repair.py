"""Load and validate the repair stage's knowledge file (``dyad/data/repair/repair.yaml``).

Produces one frozen :class:`RepairKnowledge` (compiled patterns, ligature
stand-ins, shift range, and the word list the word checks use), read once per
:class:`~dyad.knowledge.Knowledge`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.datafile import read_yaml
from dyad.errors import KnowledgeError
from dyad.knowledge.words import WordList

DATA = Path(__file__).resolve().parents[1] / "data" / "repair" / "repair.yaml"


@dataclass(frozen=True)
class RepairKnowledge:
    ligature_standins: dict[str, str]
    shift_range: range
    boilerplate: re.Pattern[str]
    reference_headings: frozenset[str]
    back_matter_headings: frozenset[str]
    citation: re.Pattern[str]
    comment_headings: re.Pattern[str]
    captions: re.Pattern[str]
    number_abbreviations: frozenset[str]
    #: how common English words are (wordfreq's list, read on first use and kept here)
    words: WordList
    #: what the repairs worked out from these words and kept for later documents (the shifted-glyph test's
    #: judgement and decodings of each distinct token: names recur from one document to the next)
    cache: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)


def _strings(raw: dict, key: str, path: Path) -> list[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise KnowledgeError(f"{key!r} must be a non-empty list of strings; fix the file", path=str(path))
    return value


def _pattern(raw: dict, key: str, path: Path) -> re.Pattern[str]:
    parts = _strings(raw, key, path)
    for part in parts:
        try:
            re.compile(part)
        except re.error as exc:
            raise KnowledgeError(f"{key!r}: bad pattern {part!r} ({exc})", path=str(path)) from exc
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def parse_knowledge(raw: object, path: Path) -> RepairKnowledge:
    """Validate a parsed YAML mapping; raise :class:`KnowledgeError` saying what to fix."""
    if not isinstance(raw, dict):
        raise KnowledgeError("repair knowledge must be a YAML mapping", path=str(path))
    lig = raw.get("ligature_standins")
    if not isinstance(lig, dict) or not all(
        isinstance(k, str) and len(k) == 1 and isinstance(v, str) and v.isalpha() for k, v in lig.items()
    ):
        raise KnowledgeError("'ligature_standins' must map single glyphs to letters", path=str(path))
    shifts = raw.get("font_shifts")
    if not isinstance(shifts, dict) or not all(isinstance(shifts.get(k), int) for k in ("min", "max")):
        raise KnowledgeError("'font_shifts' needs integer 'min' and 'max'", path=str(path))
    if not 0 < shifts["min"] <= shifts["max"] < 200:
        raise KnowledgeError("'font_shifts' must satisfy 0 < min <= max < 200", path=str(path))
    return RepairKnowledge(
        ligature_standins=dict(lig),
        shift_range=range(shifts["min"], shifts["max"] + 1),
        boilerplate=_pattern(raw, "boilerplate_lines", path),
        reference_headings=frozenset(s.lower() for s in _strings(raw, "reference_headings", path)),
        back_matter_headings=frozenset(s.lower() for s in _strings(raw, "back_matter_headings", path)),
        citation=_pattern(raw, "citation_cues", path),
        comment_headings=_pattern(raw, "comment_headings", path),
        captions=_pattern(raw, "caption_lines", path),
        number_abbreviations=frozenset(s.lower() for s in _strings(raw, "number_abbreviations", path)),
        words=WordList(),
    )


def read_repair(path: Path = DATA) -> RepairKnowledge:
    """The repair knowledge of ``path``, read and validated."""
    raw, _where = read_yaml("repair/repair.yaml", path, "repair knowledge")
    return parse_knowledge(raw, Path(path))
