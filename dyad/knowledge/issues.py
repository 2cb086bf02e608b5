"""The issues states take positions on: ``dyad/data/issues.yaml`` read, validated and compiled into :class:`IssueData`.

Cue phrases per issue and stance, the words around them that negate or distance a stance, and the
publishers whose name in a document's head gives its author a country (:func:`publisher_country`;
the positions stage, :mod:`dyad.extract.positions`, and the disagreements,
:mod:`dyad.analysis.disagreements`, both ask it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.datafile import read_yaml
from dyad.errors import KnowledgeError

#: a publisher line counts in the first this many characters of a document
PUBLISHER_HEAD = 2000


@dataclass(frozen=True)
class IssueData:
    """Compiled cues: (pattern, issue, stance), longest cue first."""

    cues: tuple[tuple[re.Pattern[str], str, str], ...]
    verbs: frozenset[str]
    negators: tuple[str, ...]
    eval_cues: tuple[tuple[re.Pattern[str], str], ...]
    eval_objects: frozenset[str]
    distancing: frozenset[str]
    actions: frozenset[str] = frozenset()
    conditionals: frozenset[str] = frozenset()
    pronouns: frozenset[str] = frozenset()
    # first word of each cue -> indices into ``cues``: a sentence is tried only on cues whose first word it has
    cue_heads: tuple[tuple[str, tuple[int, ...]], ...] | None = None
    open_stances: dict[str, str] = field(default_factory=dict)  # "insist on" -> support (positions_text)
    open_heads: frozenset[str] = frozenset()  # their verbs' lemmas
    light_nouns: frozenset[str] = frozenset()  # "attempt", "move": the issue is what they are about
    actor_issues: frozenset[str] = frozenset()  # verbs whose actor object is an issue ("recognise Kosovo")
    negated_opposes: frozenset[str] = frozenset()  # support verbs whose negation opposes ("never recognise")
    stance_adjectives: dict[str, str] = field(default_factory=dict)  # "keen" -> support ("keen to widen trade")
    #: each publisher's name pattern with its country (``perspectives.publishers``), and one pattern for all
    publishers: tuple[tuple[re.Pattern[str], str], ...] = ()
    any_publisher: re.Pattern[str] | None = None


def _body(phrase: str) -> str:
    return r"[\s\-]+".join(re.escape(w) for w in phrase.split())


def _pat(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){_body(phrase)}(?!\w)", re.IGNORECASE)


_WORD = re.compile(r"\w+")


def _head_index(phrases: Sequence[str]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Each phrase's first word (its first run of word characters, lower case) -> the phrases' indices.

    A cue pattern starts at a word boundary, so wherever it matches, the sentence holds that word;
    a phrase that does not start with a word character goes under "" and is always tried.
    """
    index: dict[str, list[int]] = {}
    for k, phrase in enumerate(phrases):
        m = _WORD.match(phrase.strip().lower())
        index.setdefault(m.group(0) if m else "", []).append(k)
    return tuple((head, tuple(ks)) for head, ks in index.items())


def read_issues(path: str | Path | None = None) -> IssueData:
    """The issues file (default: packaged ``dyad/data/issues.yaml``), validated and compiled."""
    data, where = read_yaml("issues.yaml", path, "issues file")
    if not isinstance(data, dict) or not {"stance_verbs", "negators", "issues", "evaluations"} <= set(data):
        raise KnowledgeError("issues file needs stance_verbs, negators, issues and evaluations", path=where)
    cues = []
    for issue, body in data["issues"].items():
        if not isinstance(body, dict) or not isinstance(body.get("stances"), dict):
            raise KnowledgeError(f"issue {issue!r} needs a 'stances' mapping", path=where)
        for stance, phrases in body["stances"].items():
            cues += [(str(p), str(issue), str(stance)) for p in phrases]
    ev = data["evaluations"]
    cues.sort(key=lambda c: -len(c[0]))
    compiled = tuple((_pat(p), i, s) for p, i, s in cues)
    return IssueData(
        cue_heads=_head_index([p for p, _i, _s in cues]),
        cues=compiled,
        verbs=frozenset(data["stance_verbs"]),
        negators=tuple(str(n) for n in data["negators"]),
        eval_cues=tuple((_pat(str(p)), str(s)) for s, ps in ev["stances"].items() for p in ps),
        eval_objects=frozenset(ev["objects"]),
        distancing=frozenset(ev["distancing"]),
        actions=frozenset(data.get("action_verbs") or ()),
        conditionals=frozenset(data.get("conditionals") or ()),
        pronouns=frozenset(data.get("pronouns") or ()),
        open_stances=(table := _open_table(data.get("open_stances"), where)),
        open_heads=frozenset(p.split()[0] for p in table),
        light_nouns=frozenset(str(w).lower() for w in data.get("light_nouns") or ()),
        actor_issues=frozenset(str(w).lower() for w in data.get("actor_issues") or ()),
        negated_opposes=frozenset(str(w).lower() for w in data.get("negated_opposes") or ()),
        stance_adjectives=_open_table(data.get("stance_adjectives"), where),
        **_publishers(data),
    )


def _open_table(raw: Any, where: str) -> dict[str, str]:
    """``open_stances`` (stance -> verb phrases) as verb phrase -> stance."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        raise KnowledgeError("open_stances must map each stance to a list of verbs", path=where)
    return {" ".join(str(p).lower().split()): str(stance) for stance, ps in raw.items() for p in ps}


def publisher_country(text: str, issues: IssueData) -> tuple[str, str] | None:
    """(country, publisher) for the first publisher or outlet of ``perspectives`` named in ``text``'s head.

    Only a masthead or publisher line counts: the first ``PUBLISHER_HEAD`` characters, or a
    short stand-alone line without a link (a running title such as "X CLUB REPORT, 2017");
    outlets cited in the references at the end do not.
    """
    lines = [ln for ln in text.splitlines() if 0 < len(ln.strip()) <= 80 and "http" not in ln and "URL" not in ln]
    text = text[:PUBLISHER_HEAD] + "\n" + "\n".join(lines)
    first = issues.any_publisher.search(text) if issues.any_publisher else None
    if first is None:
        return None
    at = first.start()  # the earliest name; ties at that place go to the first (country, name) in order
    hits = [(c, m.group(0)) for pat, c in issues.publishers if (m := pat.match(text, at))]
    return min(hits)


def _publishers(data: dict[str, Any]) -> dict[str, Any]:
    """Each publisher name's pattern with its country, and one pattern for all of them (to find the first)."""
    pubs = (data.get("perspectives") or {}).get("publishers") or {}
    # short names ("RT", "TASS") only in their own case; longer ones in any ("VALDAI DISCUSSION CLUB")
    alts = [(f"(?i:{re.escape(n)})" if len(n) > 5 else re.escape(n), str(c)) for c, ns in pubs.items() for n in ns]
    names = tuple((re.compile(rf"(?<!\w){a}(?!\w)"), c) for a, c in alts)
    anyone = re.compile(rf"(?<!\w)(?:{'|'.join(a for a, _c in alts)})(?!\w)") if alts else None
    return {"publishers": names, "any_publisher": anyone}
