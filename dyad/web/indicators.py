"""Indicator series: quantities grouped by what they measure, in which unit, for which pair of countries.

The quantity extractor's ``what`` is the noun phrase next to a number, and it is
sometimes no description at all: a pronoun ("It"), a name ("Putin"), or a
fragment that swallowed the number or the next clause ("Turnover between the two
countries around $ 30"). :func:`describe` turns ``what`` into a normalised
description (lower case, no leading article, cut before the number or clause it
ran into) or ``None`` when nothing measurable is left. Quantities with a
description are grouped into one series per (description, unit, subject pair),
each charted with all its points; the others stay in the table only.

>>> describe("Turnover between the two countries around $ 30")
'turnover between the two countries'
>>> describe("It") is None
True
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection
from typing import Any

from dyad.web.render import evidence_url

PRONOUNS = frozenset(
    [
        "it",
        "its",
        "he",
        "she",
        "they",
        "them",
        "we",
        "you",
        "i",
        "this",
        "that",
        "these",
        "those",
        "what",
        "which",
        "who",
        "one",
        "ones",
        "there",
    ]
)
EDGE_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "this",
        "that",
        "these",
        "those",
        "some",
        "all",
        "each",
        "of",
        "in",
        "for",
        "to",
        "and",
        "or",
        "as",
        "such",
        "on",
        "at",
        "by",
        "with",
        "from",
        "around",
        "about",
        "over",
        "than",
        "into",
        "per",
    ]
)
CLAUSE_WORDS = frozenset(
    [
        "which",
        "who",
        "whom",
        "whose",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "began",
        "begun",
        "follow",
        "follows",
        "many",
        "said",
    ]
)
NUMBER_WORDS = frozenset(["billion", "million", "trillion", "thousand", "hundred", "worth", "percent", "cent"])
MAX_WORDS = 5


def describe(what: str | None, names: Collection[str] = ()) -> str | None:
    """A normalised description of what a quantity measures, or ``None`` for a pronoun, a name or a fragment.

    ``names`` holds lower-cased actor names and surnames: a bare name is who, not what.
    """
    words: list[str] = []
    for token in re.findall(r"[^\W\d_][\w'’-]*|\S", what or ""):
        if not token[0].isalpha():  # the number, a currency sign or punctuation the phrase ran into
            break
        low = token.lower()
        if words and low in CLAUSE_WORDS:  # the phrase ran into the next clause
            break
        words.append(low)
    while words and words[0] in EDGE_WORDS:
        words.pop(0)
    while words and words[-1] in EDGE_WORDS:
        words.pop()
    if not words or len(words) > MAX_WORDS or (len(words) == 1 and words[0] in PRONOUNS):
        return None
    if NUMBER_WORDS & set(words):
        return None
    text = " ".join(words)
    return None if text in names else text


def pair_of(subject: list[str] | None) -> str:
    """The subject's countries as one key, sorted (``JPN-RUS``), or ``unspecified``."""
    return "-".join(sorted(set(subject))) if subject else "unspecified"


def series(records: list[dict[str, Any]], names: Collection[str] = ()) -> tuple[list[dict[str, Any]], int]:
    """Series of dated values keyed by (description, unit, pair), and how many quantities had no description."""
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    undescribed = 0
    for rec in records:
        if not rec.get("date") or rec.get("value") is None:
            continue
        what = describe(rec.get("what"), names)
        if what is None:
            undescribed += 1
            continue
        ev = rec["evidence"][0] if rec.get("evidence") else None
        point = {"date": rec["date"], "value": rec["value"], "what": rec.get("what"),
                 "link": evidence_url(ev) if ev else ""}  # fmt: skip
        grouped[(what, str(rec.get("unit")), pair_of(rec.get("subject")))].append(point)
    out = []
    for (what, unit, pair), points in grouped.items():
        points.sort(key=lambda p: (p["date"], p["value"]))
        out.append({"what": what, "unit": unit, "pair": pair, "points": points})
    out.sort(key=lambda s: (-len(s["points"]), s["what"], s["unit"], s["pair"]))
    return out, undescribed
