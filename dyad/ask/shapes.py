"""Question shapes: what kind of item a question asks for, and what it already says.

A :class:`Shape` names the expected answer (``when``, ``year``, ``who``,
``where``, ``number``, ``actions``, ``disagree``, ``what``), the unit a number
should carry, the head noun a number or name should sit by ("how many
*agreements*", "which *treaty*"), and the dates the question itself gives,
which a good passage should match and an answer must not merely repeat.
Recognition is by the wording of the question, never by the question itself.

>>> s = recognise("How many commercial deals were signed during the visit?")
>>> s.kind, s.unit, s.head
('number', 'count', 'deals')
>>> recognise("On what date did Russia abandon the talks?").kind
'when'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dyad.ask.dates import FoundDate, find_dates

_PERSON_NOUNS = (
    "leader|leaders|minister|ministers|president|premier|prime minister|spokesman|spokeswoman|spokesperson|"
    "official|officials|counterpart|diplomat|diplomats|author|envoy|ambassador|politician|secretary|chancellor|"
    "emperor|king|father|mother|son|daughter|negotiator|negotiators|representative|head|chief|general|admiral|"
    "journalist|scholar|analyst|person|people|man|woman|chairman|governor|mayor|side"
)
_PLACE_NOUNS = "city|town|country|place|island|islands|port|region|venue|capital|location|resort"
#: "which country", "in what city": the kind of place asked for, which the answering passage seldom says
_PLACE_ASKED = re.compile(rf"\b(?:which|what)\s+(?:{_PLACE_NOUNS})\b", re.I)
#: "how many days" counts a span of time: a duration ("four days") answers it
_DURATION_HEADS = frozenset({"hours", "days", "weeks", "months", "years", "decades", "centuries"})
_UNITS = [
    ("percent", r"\b(share|percentage|proportion|per ?cent|percent|what part|fraction)\b"),
    ("duration", r"\bhow (late|long|early)\b|\bfor how\b|\bwhat (?:period|time)\b"),
    ("area", r"\b(area|how large an area|square)\b(?! of (?:cooperation|joint))"),
    (
        "money",
        r"\b(value|worth|cost|costs|funding|fund|budget|investment|turnover|exports?|imports?|trade|price|"
        r"gdp|revenue|loan|how much money)\b",
    ),
]
_NUMBER_RE = re.compile(
    r"\b(how (many|much|large|big|late|long|early|far|high|often)|(?:within|in|for|over) what (?:period|time)|"
    r"what (share|percentage|proportion|percent|"
    r"part|fraction|number|amount|sum|size|value|area|volume|level)|what (?:is|was|were) (?:the )?(?:[\w'-]+ )*?"
    r"(share|percentage|value|size|amount|area|volume|level|number|turnover|population|cost|worth|trade))\b"
)
_HOW_MANY_HEAD = re.compile(r"\bhow many\s+((?:[a-z-]+\s+){0,5}?)([a-z-]+s)\b")
_WHICH_HEAD = re.compile(
    r"\b(?:which|what)\s+((?:[a-z'-]+\s+){0,3}?)([a-z'-]+)\s+(?:did|does|do|was|were|is|are|has|"
    r"had|have|will|would|could|can|signed|met|made|called|took|stressed|said|told)\b"
)
_WHICH_PERSON = re.compile(
    rf"\b(which|what)\s+(?:[a-z'-]+\s+){{0,3}}?({_PERSON_NOUNS})\b"
    r"(?!\s+(?:of|for) (?:the )?(?:area|value|share))"
)
# "the name of" asks for a name: it says what kind of answer, not what the passage is about
_STOP_WH = re.compile(
    r"\b(name of|title of|when|who|whom|whose|where|which|what|how|why|did|does|do|was|were|is|are|the|a|an|of|"
    r"roughly|approximately|about|according to)\b",
    re.I,
)


@dataclass(frozen=True)
class Shape:
    kind: str
    question: str
    unit: str | None = None
    head: str | None = None
    dates: tuple[FoundDate, ...] = ()
    actor: str | None = None

    @property
    def years(self) -> set[str]:
        """The years the question names (from its dates)."""
        return {d.iso[:4] for d in self.dates if not d.iso.startswith("-")}

    @property
    def names(self) -> frozenset[str]:
        """Stems of the names the question gives: capitalised words past its first word."""
        from dyad.ask.search import terms

        words = re.findall(r"(?u)\b\w\w+\b", self.question)[1:]
        return frozenset(t for w in words if w[:1].isupper() for t in terms(w))

    @property
    def focus(self) -> str:
        """The question without its question words: what to search for."""
        return re.sub(r"\s+", " ", _STOP_WH.sub(" ", _PLACE_ASKED.sub(" ", self.question))).strip(" ?")


def recognise(question: str) -> Shape:
    """The shape of ``question`` (see the module docstring)."""
    q = question.strip()
    low = q.lower()
    dates = tuple(find_dates(q))
    if re.search(r"\b(disagree|disagreement|differ|contradict|conflicting|at odds)\b", low):
        return Shape("disagree", q, dates=dates)
    m = re.match(r"^\s*what (?:did|has|have|does) (.+?) (?:do|done)\b", low)
    if m:
        return Shape("actions", q, dates=dates, actor=q[m.start(1) : m.end(1)])
    if re.search(r"\b(in|of|for) (which|what) year\b|^\s*(which|what) year\b|\bwhat year\b", low):
        return Shape("year", q, dates=dates)
    if re.search(
        r"^\s*when\b|\b(what|which) (date|day|month)\b|\bwhat month and year\b|^\s*what (?:is|was) the date\b", low
    ):
        return Shape("when", q, dates=dates)
    person_asked = re.search(r"^\s*(who|whom|whose)\b", low) or _WHICH_PERSON.search(low)
    if person_asked and not _NUMBER_RE.search(low):
        return Shape("who", q, dates=dates, head=_which_head(low) or _role_head(low))
    if re.search(rf"^\s*where\b|\b(which|what)\s+(?:[a-z-]+\s+)?({_PLACE_NOUNS})\b", low):
        return Shape("where", q, dates=dates)
    if _NUMBER_RE.search(low):
        return Shape("number", q, unit=_unit(low), head=_count_head(low), dates=dates)
    return Shape("what", q, dates=dates, head=_which_head(low))


def _unit(low: str) -> str:
    if re.search(r"\bhow many\b", low):
        head = _count_head(low)
        return "duration" if head in _DURATION_HEADS else "count"
    for unit, pattern in _UNITS:
        if re.search(pattern, low):
            return unit
    return "any"


def _count_head(low: str) -> str | None:
    m = _HOW_MANY_HEAD.search(low)
    return m.group(2) if m else None


def _role_head(low: str) -> str | None:
    """The first role noun of a 'who' question ("Who was X's counterpart ...?" -> counterpart)."""
    found = re.findall(rf"\b({_PERSON_NOUNS})\b", low)
    return found[0].split()[-1] if found else None


def _which_head(low: str) -> str | None:
    m = _WHICH_HEAD.search(low)
    return m.group(2) if m else None
