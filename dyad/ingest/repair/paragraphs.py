"""Paragraph shape: PDF line breaks joined, paragraphs separated by exactly one blank line.

Every whitespace run is rewritten: spaces and tabs become one space; a single
line break becomes a space, unless the line before is a heading (numbered, or
every content word capitalised) after a sentence end; a blank line becomes a
paragraph break, unless the text runs on mid-sentence into a lowercase word
(a page or column break). Small-caps lines extracted with mixed case
(``ruSSo-JaPaneSe``) are set in title case.
"""

from __future__ import annotations

import re
from itertools import islice

from dyad.offsets import Edit

_WS = re.compile(r"\s+")
#: The whitespace runs that can need an edit: all but a lone space between two words (it stays as it is and
#: changes nothing that later lines are judged by), which is most of them.
_WS_EDITABLE = re.compile(r"\s*[^\S ]\s*|\s{2,}|^\s+|\s+$")
_UPPER = re.compile(r"[^\W\d_](?<=[A-ZÀ-ÞА-Я])")
_LOWER = re.compile(r"[a-zß-ÿа-я]")
_SENTENCE_END = re.compile(r"[.!?:][”\"’)\]]*$")
_NUMBERED = re.compile(r"^(?:\d{1,2}|[IVX]{1,4}|[A-Z])[.)]\s+\S")
# Words a title leaves in lower case (English title-case convention).
_MINOR = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "for",
        "by",
        "with",
        "at",
        "from",
        "as",
        "vs",
        "is",
        "not",
        "its",
        "into",
        "nor",
    ]
)
MAX_HEADING_WORDS = 14


def _headingish(line: str) -> bool:
    s = line.strip()
    numbered = bool(_NUMBERED.match(s))
    words = s.split()[1 if numbered else 0 :]
    rest = " ".join(words)
    if not words or len(words) > MAX_HEADING_WORDS or re.search(r"[.!?,;]$", rest) or ". " in rest:
        return False
    content = [w for w in words if w.lower() not in _MINOR and w[0].isalpha()]
    if not content:
        return False
    caps = sum(1 for w in content if w[0].isupper()) / len(content)
    return caps >= 0.5 if numbered else (caps == 1.0 and len(content) >= 2)


def _is_caps(line: str) -> bool:
    """An all-capitals line (a title or caption), which never runs on into prose."""
    lower = len(_LOWER.findall(line))
    if 5 * lower > len(line):  # prose: too few characters are left for four capitals to each small letter
        return False
    upper = len(_UPPER.findall(line))
    return upper + lower >= 6 and upper >= 4 * lower


def _line_before(text: str, pos: int) -> str:
    return text[text.rfind("\n", 0, pos) + 1 : pos]


def paragraph_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    heading_chain = False  # the current line continues a heading begun on an earlier line
    prev_ended = True  # the line before the current one ended a sentence or a block
    for m in _WS_EDITABLE.finditer(text):
        run = m.group()
        if m.start() == 0 or m.end() == len(text):
            edits.append((m.start(), m.end(), ""))
            continue
        breaks = run.count("\n")
        nxt = text[m.end()]
        if breaks == 0:
            want = " "
        else:
            line = _line_before(text, m.start())
            heading_chain = _headingish(line) and (prev_ended or heading_chain)
            ended = bool(_SENTENCE_END.search(line))
            if breaks == 1:
                heading_next = heading_chain and (nxt.isupper() or nxt.isdigit())
                following = text[m.end() : text.find("\n", m.end()) % (len(text) + 1)]
                caps = _is_caps(line) or _is_caps(following)
                numbered_next = ended and bool(_NUMBERED.match(following)) and _headingish(following)
                want = "\n\n" if heading_next or caps or numbered_next else " "
            else:
                runs_on = not ended and nxt.islower() and not heading_chain
                want = " " if runs_on else "\n\n"
            if want == "\n\n":
                heading_chain, ended = False, True
            prev_ended = ended
        if run != want:
            edits.append((m.start(), m.end(), want))
    return edits


_TOKEN = re.compile(r"[^\W\d_][^\W\d_'’-]*")


def _odd_case(word: str) -> bool:
    """Lowercase followed by uppercase inside a word, as small caps extract (``relatIonS``)."""
    return (
        bool(re.search(r"[a-z][A-Z]", word)) and word[0].islower() or bool(re.search(r"[a-z][A-Z].*[a-z][A-Z]", word))
    )


#: A small letter followed by a capital: every word :func:`_odd_case` finds holds one.
_CASE_TURN = re.compile(r"[a-z][A-Z]")


def smallcaps_edits(text: str) -> list[Edit]:
    """Title-case lines (paragraphs) most of whose words show small-caps case damage. Only a line with a small
    letter before a capital somewhere can have one such word, so only those lines are read word by word."""
    edits: list[Edit] = []
    line_end = -1
    for turn in _CASE_TURN.finditer(text):
        if turn.start() < line_end:  # a line read already
            continue
        start = text.rfind("\n", 0, turn.start()) + 1
        line_end = text.find("\n", turn.start()) % (len(text) + 1)  # -1 (the last line) becomes its length
        words = list(islice(_TOKEN.finditer(text[start:line_end]), MAX_HEADING_WORDS + 1))  # all of a heading's words
        if not words or len(words) > MAX_HEADING_WORDS:
            continue
        odd = sum(1 for w in words if _odd_case(w.group()))
        if odd == 0 or odd < 0.5 * len(words):
            continue
        for w in words:
            fixed = "-".join(p[:1].upper() + p[1:].lower() for p in w.group().split("-"))
            if fixed != w.group():
                edits.append((start + w.start(), start + w.end(), fixed))
    return edits
