"""Choosing the key item of an answer inside a chosen passage, and writing it in words.

Candidates (:mod:`dyad.ask.candidates`, plus dates the time layer stored) are
kept when they are of the kind the question's shape wants and are not merely
repeated from the question; the one nearest the question's words in the
passage wins. A count sits best right before the noun the question counts
("12 intergovernmental agreements").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dyad.ask import candidates as cands
from dyad.ask.candidates import Candidate
from dyad.ask.dates import in_words, with_year
from dyad.ask.search import stemmer, terms
from dyad.ask.shapes import Shape

_KIN = re.compile(r"\b(father|mother|son|daughter|brother|sister|wife|husband|grandfather|grandson|uncle)\b", re.I)
_WORD_RE = re.compile(r"(?u)\b\w\w+\b")
#: What being the agent of the question's verb in the passive adds to a name's score.
AGENT_BONUS = 0.5
_NUMBER_KINDS = {"percent", "money", "area", "duration", "count"}
_PLURAL_HEADS = re.compile(r"\b(leaders|officials|ministers|sides|parties|persons|diplomats|negotiators)\b")


def term_positions(text: str, qterms: set[str]) -> list[int]:
    """Character positions in ``text`` of words whose stem is one of the question's terms."""
    stem = stemmer().stemWord
    return [m.start() for m in _WORD_RE.finditer(text) if stem(m.group(0).lower()) in qterms]


def given_in_question(c: Candidate, shape: Shape) -> bool:
    """Whether the question already names this item (an answer must add something new)."""
    if c.kind == "date":
        return any(c.iso == d.iso or (c.iso and d.iso and c.iso.endswith(d.iso.lstrip("-"))) for d in shape.dates)
    qwords = set(_WORD_RE.findall(shape.question.lower()))
    words = [w for w in _WORD_RE.findall(c.text.lower()) if len(w) > 2]
    if c.kind in _NUMBER_KINDS:
        # the number itself, not its unit: "eight years" is new to "how many years ...?"
        num = re.search(r"\d(?:[\d.,]*\d)?", c.text)
        if num is None:
            return _word_number(c.text) in qwords
        return bool(re.search(rf"(?<![\d.,]){re.escape(num.group(0))}(?![\d.,])", shape.question))
    if c.kind == "person" and not _KIN.search(shape.question):
        # one shared name is enough: "Sergei Lavrov" is the question's "Lavrov" (but Abe's father is not Abe)
        return any(w in qwords for w in words)
    return bool(words) and all(w in qwords or stemmer().stemWord(w) in qwords for w in words)


def _word_number(text: str) -> str:
    """The number word of a quantity written in words ("about eight years" -> "eight")."""
    words = _WORD_RE.findall(text.lower())
    return next((w for w in words if cands.NUMBER_WORD.fullmatch(w)), words[-1] if words else "")


def wanted(shape: Shape, c: Candidate) -> float:
    """How well a candidate's kind fits the shape: 0 (not at all) to 1."""
    k = shape.kind
    if k in ("when", "year"):
        if c.kind != "date":
            return 0.0
        if k == "year":
            return 1.0
        precise = "date" in shape.question.lower() and "month" not in shape.question.lower()
        return {10: 1.0, 7: 0.9 if not precise else 0.6, 4: 0.6}.get(len(c.iso or "") if c.iso else 0, 0.8)
    if k == "who":
        # the recogniser often files "Minister Ivan Petrov" under organisations: a weaker candidate
        return 1.0 if c.kind == "person" else 0.4 if c.kind == "thing" and _looks_named(c.text) else 0.0
    if k == "where":
        return 1.0 if c.kind == "place" else 0.0
    if k == "number":
        if c.kind not in _NUMBER_KINDS:
            return 0.0
        if shape.unit in (None, "any"):
            return 1.0
        if c.kind == shape.unit:
            return 0.7 if c.kind == "count" and not any(ch.isdigit() for ch in c.text) else 1.0
        if shape.unit == "money" and c.kind == "count":
            return 0.5
        return 0.15
    if k == "what":
        if c.kind not in ("thing", "person", "place"):
            return 0.0
        if shape.head and stemmer().stemWord(shape.head) in terms(c.text):
            return 1.0
        return 0.6 if c.kind == "thing" else 0.4
    return 0.0


def _looks_named(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def candidates_for(shape: Shape, text: str, stored_dates: Iterable[Candidate] = ()) -> list[Candidate]:
    if shape.kind in ("when", "year"):
        stored = list(stored_dates)
        found = [c for c in cands.dates(text) if not any(c.start < s.end and s.start < c.end for s in stored)]
        return stored + found
    if shape.kind == "number":
        return cands.numbers(text)
    if shape.kind in ("who", "where", "what"):
        return list(cands.entities(text))
    return []


def choose(shape: Shape, text: str, qterms: set[str], stored_dates: Iterable[Candidate] = ()) -> list[Candidate]:
    """The best candidate(s) in ``text`` for ``shape``, best first; empty when none fits."""
    return [c for _s, c in scored(shape, text, qterms, stored_dates)]


def best_fit(shape: Shape, text: str, qterms: set[str], stored_dates: Iterable[Candidate] = ()) -> float:
    """How good the best candidate of ``text`` is (0 when there is none), for ranking passages."""
    found = scored(shape, text, qterms, stored_dates)
    return max(0.0, found[0][0]) if found else 0.0


def scored(
    shape: Shape, text: str, qterms: set[str], stored_dates: Iterable[Candidate] = ()
) -> list[tuple[float, Candidate]]:
    """Candidates with their scores, best first; plural 'who' questions keep up to three names."""
    positions = term_positions(text, qterms)
    out: list[tuple[float, Candidate]] = []
    for c in candidates_for(shape, text, stored_dates):
        fit = wanted(shape, c)
        if fit <= 0 or given_in_question(c, shape):
            continue
        inside = [p for p in positions if not c.start <= p < c.end]
        dist = min((abs(p - (c.start + c.end) / 2) for p in inside), default=300.0)
        score = fit - min(dist, 300.0) / 400.0
        if shape.kind == "number" and shape.head and _head_follows(text, c, shape.head):
            score += 1.0
        if shape.kind == "who" and shape.head and _head_precedes(text, c, shape.head):
            score += 0.5
        if shape.kind == "who" and _agent_of(text, c, qterms):
            score += AGENT_BONUS
        out.append((score, c))
    out.sort(key=lambda sc: (-sc[0], sc[1].start))
    if shape.kind == "who" and (_PLURAL_HEADS.search(shape.head or "") or _PLURAL_HEADS.search(shape.question)):
        return _distinct(out)[:3]
    return out[:1]


def _head_follows(text: str, c: Candidate, head: str) -> bool:
    """The counted noun right after the number ("12 agreements") or just before it ("population of 17,000")."""
    stem = stemmer().stemWord(head)
    after = _WORD_RE.findall(text[c.end : c.end + 60].lower())[:5]
    before = _WORD_RE.findall(text[max(0, c.start - 50) : c.start].lower())[-4:]
    return any(stemmer().stemWord(w) == stem for w in [*after, *before])


def _head_precedes(text: str, c: Candidate, head: str) -> bool:
    """Apposition: the role noun just before the name ("his counterpart Ivan Petrov")."""
    stem = stemmer().stemWord(head)
    words = _WORD_RE.findall(text[max(0, c.start - 60) : c.start].lower())[-6:]
    return any(stemmer().stemWord(w) == stem for w in words)


#: "<verb> by <capitalised title words> <name>": the name is the agent of the verb
_AGENT_RE = re.compile(r"(?u)\b(\w+)\s+by\s+(?:the\s+)?(?:[A-Z][\w.'’-]*,?\s+){0,4}$")


def _agent_of(text: str, c: Candidate, qterms: set[str]) -> bool:
    """The name is the agent of the question's verb in the passive: "troops led by <name>" for "who led"."""
    m = _AGENT_RE.search(text[max(0, c.start - 60) : c.start])
    return m is not None and stemmer().stemWord(m.group(1).lower()) in qterms


def _distinct(items: list[tuple[float, Candidate]]) -> list[tuple[float, Candidate]]:
    seen: set[str] = set()
    out = []
    for sc, c in items:
        key = c.text.lower()
        if key not in seen and not any(key in s or s in key for s in seen):
            seen.add(key)
            out.append((sc, c))
    return out


def key_text(shape: Shape, chosen: list[Candidate], year_hint: str | None) -> str:
    """The key item in words: a date as words and ISO, names joined, a number with its unit."""
    if not chosen:
        return ""
    if shape.kind in ("when", "year") and chosen[0].iso:
        c = chosen[0]
        iso = with_year(c.iso or "", year_hint)
        end = with_year(c.end_iso, year_hint) if c.end_iso else None
        return iso[:4] if shape.kind == "year" and not iso.startswith("-") else in_words(iso, end)
    return " and ".join(c.text for c in chosen)
