"""Sections that are not the article: site furniture, reference lists, reader comments, footnote markers.

``section_removals`` finds whole lines to leave out of the body (with the
reason ``boilerplate``, ``references`` or ``comment``), in the offsets of the
text it is given. ``footnote_marker_edits`` drops note numbers glued to the end
of a sentence or clause (``Russia.1 In``), on the paragraph-shaped text.
"""

from __future__ import annotations

import re

from dyad.ingest.repair.editing import line_spans
from dyad.knowledge.repair import RepairKnowledge

Removal = tuple[int, int, str]

_ITEM = re.compile(r"^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)])\s*\S")
_BULLET = re.compile(r"^\s*[•●▪◦*·]\s*\S")
_MAX_GAP_LINES = 3  # unnumbered lines a reference item may wrap over
_PROSE_WORDS = 60  # a line this long is prose, never a wrapped citation
_TAIL_SHORT = 300  # characters: a short tail after the notes is a credit line


def _number(line: str) -> int | None:
    m = _ITEM.match(line)
    if not m:
        return None
    return int(m.group(1) or m.group(2))


def boilerplate_removals(text: str, kb: RepairKnowledge) -> list[Removal]:
    out = []
    for s, e in line_spans(text):
        line = text[s:e].strip()
        if line and len(line.split()) <= 25 and kb.boilerplate.search(line):
            lead = len(text[s:e]) - len(text[s:e].lstrip())
            out.append((s + lead, s + lead + len(line), "boilerplate"))
    return out


_NOTE_URL = re.compile(r"^\s*\[?\d{1,3}[\].)]?\s+(?:https?://|www\.)\S+$")


def footnote_removals(text: str) -> list[Removal]:
    """Page-foot notes that are a number and a web address, with the address's wrapped tail."""
    out: list[Removal] = []
    lines = line_spans(text)
    k = 0
    while k < len(lines):
        s, e = lines[k]
        if not _NOTE_URL.match(text[s:e]):
            k += 1
            continue
        end = e
        k += 1
        while k < len(lines):  # a lone word right after is the address wrapped over a line
            nxt = text[lines[k][0] : lines[k][1]].strip()
            if nxt and (_NOTE_URL.match(nxt) or (" " not in nxt and len(nxt) <= 30 and nxt[0].islower())):
                end = lines[k][1]
            elif nxt:
                break
            k += 1
        lead = len(text[s:e]) - len(text[s:e].lstrip())
        out.append((s + lead, end, "footnote"))
    return out


def _reference_run(text: str, lines: list[tuple[int, int]], first: int) -> tuple[int, int]:
    """Index range ``[first, last]`` of the numbered list starting at line ``first``."""
    expect, last, gap = 2, first, 0
    for k in range(first + 1, len(lines)):
        line = text[lines[k][0] : lines[k][1]]
        if not line.strip():
            continue
        n = _number(line)
        if n is not None and n in (expect, expect - 1):
            expect, last, gap = n + 1, k, 0
            continue
        gap += 1
        if gap > _MAX_GAP_LINES or len(line.split()) > _PROSE_WORDS or _BULLET.match(line):
            break
    return first, last


def _heading_before(text: str, lines: list[tuple[int, int]], first: int, kb: RepairKnowledge) -> int:
    seen = 0
    for k in range(first - 1, -1, -1):
        line = text[lines[k][0] : lines[k][1]].strip()
        if not line:
            continue
        key = re.sub(r"[\d.:\s]+$", "", line.lower()).strip()
        if key in kb.reference_headings:
            return k
        seen += 1
        if seen >= 2:
            break
    return first


_YEAR = re.compile(r"\b(1[6-9]|20)\d\d\b")
# a year alone does not make a citation (a numbered chronology has years too); with one of these it does
_CITATION_SHAPE = re.compile(
    r"\b[A-Z][a-z]+,\s+[A-Z]\.|\b[A-Z]\.\s?[A-Z][a-z]+|[“\"«]|\b(Press|Journal|University|Review)\b"
)


def _cited(item: str, kb: RepairKnowledge) -> bool:
    if kb.citation.search(_YEAR.sub("", item)):
        return True
    # a source line ends on its date ("..., November 7, 2016."); a chronology entry starts with it
    return bool(_YEAR.search(item.rstrip()[-16:]) or (_YEAR.search(item) and _CITATION_SHAPE.search(item)))


def reference_removals(text: str, kb: RepairKnowledge) -> list[Removal]:
    """The reference/notes list (from its heading) and, after a list near the end, the rest."""
    lines = line_spans(text)
    for k, (s, e) in enumerate(lines):
        if _number(text[s:e]) != 1:
            continue
        first, last = _reference_run(text, lines, k)
        items = [text[a:b] for a, b in lines[first : last + 1] if _number(text[a:b]) is not None]
        cited = sum(1 for it in items if _cited(it, kb))
        if len(items) < 3 or cited < 0.6 * len(items):
            continue
        heading = _heading_before(text, lines, first, kb)
        if heading == first and lines[first][0] < len(text) // 2:
            continue  # an unheaded list in the first half is part of the article
        start = lines[heading][0]
        out: list[Removal] = [(start, lines[last][1], "references")]
        if start >= len(text) // 3:  # notes in the last part of the text close the article
            out.extend(_tail(text, lines[last][1]))
        return out
    return []


def _tail(text: str, pos: int) -> list[Removal]:
    """Whatever follows the notes at the end of a page: reader comments or credit lines."""
    rest = text[pos:]
    body = rest.strip()
    if not body:
        return []
    start = pos + rest.index(body[0])
    long_or_bulleted = len(body) > _TAIL_SHORT or any(_BULLET.match(ln) for ln in body.split("\n"))
    return [(start, start + len(body), "comment" if long_or_bulleted else "boilerplate")]


_LIST_ITEM = re.compile(r"^\s*(?:[-–•●▪◦*·]|\[\d{1,3}\]|\d{1,3}[.)]\s)")
_PROSE_LINE_WORDS = 8  # an unmarked line this long ending a sentence is prose, not a pointer


def back_matter_removals(text: str, kb: RepairKnowledge) -> list[Removal]:
    """A closing run of "See also", references, further reading and links, to the end of the text.

    From a back-matter or reference heading in the second half of the text, when every line
    after it is a list item, a citation or a short line (no unmarked prose sentence), the
    whole rest is back matter: the article has ended.
    """
    heads = kb.reference_headings | kb.back_matter_headings
    lines = line_spans(text)
    for k, (s, e) in enumerate(lines):
        if s < len(text) // 2:
            continue
        key = re.sub(r"[\d.:\s]+$", "", text[s:e].strip().lower().lstrip("#* ")).strip()
        if key not in heads:
            continue
        if all(not _prose_line(text[a:b]) for a, b in lines[k + 1 :]):
            end = len(text.rstrip())
            return [(s + len(text[s:e]) - len(text[s:e].lstrip()), end, "references")]
    return []


def _prose_line(line: str) -> bool:
    words = line.split()
    return len(words) >= _PROSE_LINE_WORDS and not _LIST_ITEM.match(line) and line.rstrip().endswith((".", "!", "?"))


_TEMPLATE_FIELD = re.compile(r"^\s*(?:\}\}(?:-->)?\s*)?\|(?:\w|[^\S\n]){1,30}=")
_MIN_TEMPLATE_FIELDS = 3


def template_removals(text: str) -> list[Removal]:
    """A wiki infobox left in the text: a run of ``| field = value`` lines and what lies between them.

    Three or more field lines with no prose sentence between them are the box's markup and
    its terse values (commanders, casualties, dates of a whole war), not the article.
    """
    lines = line_spans(text)
    fields = [k for k, (s, e) in enumerate(lines) if _TEMPLATE_FIELD.match(text[s:e])]
    out: list[Removal] = []
    run: list[int] = []
    for k in [*fields, None]:
        if k is not None and run and not any(_prose_line(text[a:b]) for a, b in lines[run[-1] + 1 : k]):
            run.append(k)
            continue
        if len(run) >= _MIN_TEMPLATE_FIELDS:
            s, e = lines[run[0]][0], lines[run[-1]][1]
            out.append((s + len(text[s:e]) - len(text[s:e].lstrip()), e, "boilerplate"))
        run = [k] if k is not None else []
    return out


def comment_removals(text: str, kb: RepairKnowledge) -> list[Removal]:
    """A comments heading in the second half of the text opens a comment section to the end."""
    for s, e in line_spans(text):
        if s < len(text) // 2:
            continue
        line = text[s:e].strip()
        if line and kb.comment_headings.fullmatch(line):
            return [(s, len(text.rstrip()), "comment")]
    return []


def section_removals(text: str, kb: RepairKnowledge) -> list[Removal]:
    """All line-level removals of this module, non-overlapping, in text order."""
    found = boilerplate_removals(text, kb) + reference_removals(text, kb) + comment_removals(text, kb)
    found += back_matter_removals(text, kb) + template_removals(text)
    found += footnote_removals(text)
    found.sort()
    out: list[Removal] = []
    for r in found:
        if out and r[0] < out[-1][1]:
            if r[1] > out[-1][1]:
                out[-1] = (out[-1][0], r[1], out[-1][2])
            continue
        out.append(r)
    return out


_MARKER = re.compile(r"(?<=[A-Za-z][.,;:!?])(\d{1,3})(?=\s|$)|(?<=[A-Za-z.,;:!?][”\"’»)])(\d{1,3})(?=\s|$)")


# encyclopedia-style citation brackets glued to a word or a sentence end: "talks.[3]", "1970[4][5]", "[citation needed]"
_BRACKETED = re.compile(
    r"(?<=[\w.,;:!?”\"’)])(?:\[(?:\d{1,3}|[a-z]|note \d{1,3}|citation needed|clarification needed|"
    r"better source needed|when\?|who\?|which\?)\])+",
    re.IGNORECASE,
)


def footnote_marker_edits(text: str, kb: RepairKnowledge) -> list[Removal]:
    """Note numbers stuck to the end of a sentence or quote ("negotiations.3", "talks.[3]", "[citation
    needed]"), with reason ``footnote-marker``."""
    out: list[Removal] = [(m.start(), m.end(), "footnote-marker") for m in _BRACKETED.finditer(text)]
    for m in _MARKER.finditer(text):
        word = re.search(r"(\w+)\W*$", text[max(0, m.start() - 12) : m.start()])
        if word and word.group(1).lower() in kb.number_abbreviations:
            continue  # "Vol.4", "No.5": a reference, not a marker
        if word and word.group(1).isdigit():
            continue
        out.append((m.start(), m.end(), "footnote-marker"))
    return sorted(out)
