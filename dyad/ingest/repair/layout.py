"""Page layout debris: running headers and footers, page numbers, chart and table text.

Lines are classed by shape (numeric, caption, all-caps, short label, prose).
A stretch of non-prose lines holding several numeric lines is a chart or
table; a bare number standing alone is a page number; all-caps lines beside
it, lines repeated through the document, and all-caps lines ending in a page
number are running headers or footers. Produces removals ``(start, end, why)``
over whole lines, in the offsets of the text given.
"""

from __future__ import annotations

import re
from collections import Counter

from dyad.ingest.repair.editing import line_spans
from dyad.knowledge.repair import RepairKnowledge

Removal = tuple[int, int, str]

_NUMERIC = re.compile(r"^[(\[$€£¥+±~≈<>]*[-–−]?\d[\d.,:/%]*[)\]%*]*[,;]?$|^[-–—−%$]$")
_PAGE = re.compile(r"^\d{1,3}$")
_SENTENCE_END = re.compile(r"(?<!\.\.)[.!?][”\"’)\]]*$")
_CAPS_PAGE = re.compile(r"\s\d{1,3}$")
#: What a token must hold to match ``_NUMERIC``: a decimal digit, or be one of its lone signs.
_DIGIT_OR_SIGN = re.compile(r"[\d\-–—−%$]")
LABEL_WORDS = 5  # a line this short without a sentence end is a label, not prose
MIN_CHART_NUMBERS = 2
CHART_NUMBER_SHARE = 0.3


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def classify(line: str, kb: RepairKnowledge) -> str:
    """One of ``blank``, ``num``, ``caption``, ``caps``, ``label``, ``prose``."""
    s = line.strip()
    if not s:
        return "blank"
    tokens = s.split()
    # a numeric token holds a digit or is a lone sign: a line with too few of those for half its tokens (prose)
    # is not counted token by token
    signs = len(_DIGIT_OR_SIGN.findall(s))
    numeric = sum(1 for t in tokens if _NUMERIC.match(t)) if signs >= 0.5 * len(tokens) else 0
    # "Chapter 2." is half numbers too, but ends like a sentence; chart rows do not
    if numeric == len(tokens) or (numeric >= 0.5 * len(tokens) and not _SENTENCE_END.search(s)):
        return "num"
    if kb.captions.search(s):
        return "caption"
    if len(tokens) <= 15 and _is_caps(s):
        return "caps"
    if len(tokens) <= LABEL_WORDS and not _SENTENCE_END.search(s):
        return "label"
    return "prose"


def _chart_runs(classes: list[str]) -> list[tuple[int, int]]:
    """Line index ranges ``[a, b]`` of chart/table stretches."""
    runs = []
    k = 0
    n = len(classes)
    while k < n:
        if classes[k] in ("prose", "blank"):
            k += 1
            continue
        j, nums, lines, last = k, 0, 0, k
        while j < n and classes[j] != "prose":
            if classes[j] != "blank":
                lines += 1
                nums += classes[j] == "num"
                last = j
            j += 1
        if nums >= MIN_CHART_NUMBERS and nums >= CHART_NUMBER_SHARE * lines:
            runs.append((k, last))
        k = j
    return runs


def _neighbour(classes: list[str], k: int, step: int) -> int | None:
    j = k + step
    while 0 <= j < len(classes) and classes[j] == "blank":
        j += step
    return j if 0 <= j < len(classes) else None


def _alone(classes: list[str], k: int) -> bool:
    """A line with a blank line (or the text edge) on at least one side."""
    before = k == 0 or classes[k - 1] == "blank"
    after = k == len(classes) - 1 or classes[k + 1] == "blank"
    return before or after


def _repeated(text: str, spans: list[tuple[int, int]], classes: list[str]) -> set[int]:
    keys = [re.sub(r"\d+", "#", " ".join(text[s:e].lower().split())) for s, e in spans]
    counts = Counter(k for k, c in zip(keys, classes, strict=True) if c in ("caps", "label") and len(k) >= 10)
    return {i for i, k in enumerate(keys) if counts.get(k, 0) >= 3}


def layout_removals(text: str, kb: RepairKnowledge) -> list[Removal]:
    spans = line_spans(text)
    classes = [classify(text[s:e], kb) for s, e in spans]
    why: dict[int, str] = {}
    for a, b in _chart_runs(classes):
        for k in range(a, b + 1):
            if classes[k] != "blank":
                why[k] = "chart"
    for k in _repeated(text, spans, classes):
        if classes[k] == "caps" or _alone(classes, k):  # a repeat inside a paragraph is prose
            why.setdefault(k, "running-header")
    for k, c in enumerate(classes):
        if k in why:
            continue
        line = text[spans[k][0] : spans[k][1]].strip()
        if c == "caption":  # "Source: ..." under a figure, even when its numbers were not text
            why[k] = "chart"
        elif c == "caps" and _CAPS_PAGE.search(line):
            why[k] = "running-header"
        elif c == "num" and _alone(classes, k):
            why[k] = "page-number" if _PAGE.match(line) else "chart"
            if why[k] == "page-number":
                for step in (-1, 1):
                    j = _neighbour(classes, k, step)
                    if j is not None and classes[j] == "caps":
                        why.setdefault(j, "running-header")
    out = []
    for k in sorted(why):
        s, e = spans[k]
        lead = len(text[s:e]) - len(text[s:e].lstrip())
        out.append((s + lead, s + len(text[s:e].rstrip()), why[k]))
    return out
