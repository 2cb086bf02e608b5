"""Agreements: mentions of treaties, declarations, plans and deals, with the status a passage gives them.

Three kinds of mention, all from ``dyad/data/agreements.yaml``:

- named agreements by alias ("the 1956 Declaration" -> ``joint-declaration-1956``),
  with their parties, date and fields from the data;
- generic ones between the document's two main states ("the peace treaty"),
  keyed by the pair so mentions from many documents meet in the registry;
- unnamed counted ones ("12 intergovernmental agreements ... were signed").

The status comes from the nearest cue in the sentence ("abandoned", "signed",
"negotiations") that is neither a goal ("talks aimed at signing") nor unreal
("would sign", "has not signed"); its date is the time layer's date for the
cue. Produces :class:`dyad.records.AgreementMention`; merging and status
history are :mod:`dyad.analysis.registry`'s job.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Span

from dyad.errors import KnowledgeError
from dyad.extract.parse import ParsedDoc
from dyad.records import AgreementMention, Mention

STATES_ONLY = frozenset({"state"})
_WINDOW = 4  # words before a cue searched for goal and irrealis words


@dataclass(frozen=True)
class AgreementData:
    """The validated agreements file with compiled alias patterns."""

    named: tuple[tuple[re.Pattern[str], dict[str, Any]], ...]
    generic: tuple[tuple[re.Pattern[str], dict[str, Any]], ...]
    kinds: dict[str, str]  # head noun -> kind
    cues: tuple[tuple[str, str], ...]  # (cue, status), longest cue first
    goal_words: tuple[str, ...]
    irrealis: frozenset[str]
    successors: dict[str, str]
    counted: frozenset[str]


def _alias_pattern(aliases: Sequence[str]) -> re.Pattern[str]:
    parts = [r"[\s\-–—]*".join(re.escape(w) for w in re.split(r"[\s\-–—]+", a)) for a in aliases]
    return re.compile(r"(?<![\w])(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?![\w])", re.IGNORECASE)


def _validate(data: Any, where: str) -> dict[str, Any]:
    need = ("kinds", "status_cues", "goal_words", "irrealis_words", "generic", "successors", "counted_nouns", "named")
    if not isinstance(data, dict) or any(k not in data for k in need):
        raise KnowledgeError(f"agreements file needs the keys {', '.join(need)}", path=where)
    for item in data["named"] + data["generic"]:
        if not isinstance(item, dict) or not {"key", "name", "kind"} <= set(item):
            raise KnowledgeError(f"agreement entry {item!r} needs key, name and kind", path=where)
        if item["kind"] not in data["kinds"]:
            raise KnowledgeError(f"agreement {item['key']!r} has unknown kind {item['kind']!r}", path=where)
        if not (item.get("aliases") or item.get("patterns")):
            raise KnowledgeError(f"agreement {item['key']!r} has no aliases or patterns", path=where)
    return data


@lru_cache(maxsize=4)
def load_agreements(path: str | Path | None = None) -> AgreementData:
    """The agreements file (default: packaged ``dyad/data/agreements.yaml``), validated and compiled."""
    where = str(path) if path else "dyad/data/agreements.yaml"
    try:
        text = (
            Path(path).read_text("utf-8")
            if path
            else resources.files("dyad.data").joinpath("agreements.yaml").read_text("utf-8")
        )
        data = _validate(yaml.safe_load(text), where)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot read the agreements file: {exc}", path=where) from exc
    cues = [(str(c).lower(), status) for status, words in data["status_cues"].items() for c in words]
    return AgreementData(
        named=tuple((_alias_pattern(a["aliases"]), a) for a in data["named"]),
        generic=tuple((_alias_pattern(g["patterns"]), g) for g in data["generic"]),
        kinds={str(w).lower(): k for k, ws in data["kinds"].items() for w in ws},
        cues=tuple(sorted(cues, key=lambda c: -len(c[0]))),
        goal_words=tuple(sorted((str(w).lower() for w in data["goal_words"]), key=len, reverse=True)),
        irrealis=frozenset(str(w).lower() for w in data["irrealis_words"]),
        successors=dict(data["successors"]),
        counted=frozenset(str(w).lower() for w in data["counted_nouns"]),
    )


def doc_dyad(mentions: Sequence[Mention], successors: dict[str, str]) -> tuple[str, ...]:
    """The document's two most mentioned states (successor states folded), sorted; () if unknown."""
    counts = Counter(successors.get(m.country, m.country) for m in mentions if m.country and m.kind in STATES_ONLY)
    if len(counts) < 2:
        counts = Counter(successors.get(m.country, m.country) for m in mentions if m.country)
    return tuple(sorted(c for c, _ in counts.most_common(2))) if len(counts) >= 2 else ()


def extract_agreements(
    pdoc: ParsedDoc, mentions: Sequence[Mention], times: Any, kb: Any = None, *, data: AgreementData | None = None
) -> list[AgreementMention]:
    """Every agreement mention in the document, with its status and status date where the passage gives them."""
    data = data or load_agreements()
    pair = doc_dyad(mentions, data.successors)
    out: list[AgreementMention] = []
    for sent, span in zip(pdoc.sentences, pdoc.spans, strict=True):
        taken: list[tuple[int, int]] = []
        for pattern, item in data.named + data.generic:
            for m in pattern.finditer(sent.text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                out.append(_mention(pdoc, sent.idx, span, m.start(), m.end(), item, pair, times, data))
        out.extend(_counted(pdoc, sent.idx, span, pair, times, data))
    return out


def _mention(
    pdoc: ParsedDoc,
    idx: int,
    span: Span,
    start: int,
    end: int,
    item: dict[str, Any],
    pair: tuple[str, ...],
    times: Any,
    data: AgreementData,
) -> AgreementMention:
    sent = pdoc.sentences[idx]
    named = "aliases" in item
    parties = tuple(item.get("parties") or ()) if named else pair
    key = item["key"] if named or not pair else f"{item['key']}:{'-'.join(pair)}"
    status, pos = status_near(sent.text, start, end, data, span)
    when = _date(times, idx, sent.start + pos) if status else None
    return AgreementMention(
        key=key,
        name=item["name"],
        kind=item["kind"],
        parties=parties,
        date=item.get("date"),
        status=status,
        status_date=when,
        fields=tuple(item.get("fields") or ()),
        evidence=pdoc.evidence(sent.start, sent.end),
    )


def _counted(
    pdoc: ParsedDoc, idx: int, span: Span, pair: tuple[str, ...], times: Any, data: AgreementData
) -> list[AgreementMention]:
    """Unnamed agreements counted in the sentence: "68 commercial deals were signed"."""
    out = []
    sent = pdoc.sentences[idx]
    for tok in span:
        if tok.like_num and tok.dep_ == "nummod" and tok.head.lower_ in data.counted and tok.head.i > tok.i:
            head = tok.head
            start, end = tok.idx - span.start_char, head.idx + len(head) - span.start_char
            status, pos = status_near(sent.text, start, end, data, span)
            name = span.doc[tok.i : head.i + 1].text
            when = _date(times, idx, sent.start + pos) if status else None
            kind = data.kinds.get(head.lower_, "other")
            out.append(
                AgreementMention(
                    key=f"{pdoc.name}#{idx}:{name.lower()}",
                    name=name,
                    kind=kind,
                    parties=pair,
                    date=when,
                    status=status,
                    status_date=when,
                    fields=(),
                    evidence=pdoc.evidence(sent.start, sent.end),
                )
            )
    return out


def status_near(
    text: str, start: int, end: int, data: AgreementData, span: Span | None = None
) -> tuple[str | None, int]:
    """The status cue nearest the mention ``text[start:end]`` that is real and not a goal, and its offset.

    With the sentence's parse, a one-word cue of an accomplished status must be a
    past verb ("signed", "was abandoning"): "signing the treaty is vital" says nothing happened.
    """
    hits: list[tuple[int, str, int]] = []  # (distance, status, offset)
    low = text.lower()
    for cue, status in data.cues:
        for m in re.finditer(rf"\b{re.escape(cue)}\w*", low):
            if start <= m.start() < end or _blocked(low, m.start(), data):
                continue
            if span is not None and " " not in cue and status in _DONE and not _past_verb(span, m.start()):
                continue
            hits.append((m.start() - end if m.start() >= end else start - m.end(), status, m.start()))
    if not hits:
        return None, 0
    _, status, pos = min(hits)
    if status == "negotiating":
        # "abandoning the discussions", "suspended the talks": the verb over the talks decides.
        over = [h for h in hits if h[1] in ("abandoned", "suspended") and 0 < pos - h[2] <= 25]
        if over:
            _, status, pos = max(over, key=lambda h: h[2])
    return status, pos


_DONE = frozenset({"signed", "in_force", "implemented", "suspended", "abandoned"})


def _past_verb(span: Span, rel: int) -> bool:
    tok = next((t for t in span if t.idx - span.start_char == rel), None)
    if tok is None:
        return False
    return tok.tag_ in ("VBD", "VBN") or (tok.tag_ == "VBG" and any(c.dep_ == "aux" for c in tok.children))


def _blocked(low: str, pos: int, data: AgreementData) -> bool:
    before = low[:pos].rstrip()
    if re.search(r"(?:^|\s)the$", before) and re.match(r"\w+ing of\b", low[pos:]):
        return True  # "the signing of a treaty" names an act without saying it happened
    if any(before.endswith(" " + g) or before == g for g in data.goal_words):
        return True
    words = re.findall(r"[a-z']+", before)[-_WINDOW:]
    return any(w in data.irrealis or w.endswith("n't") for w in words)


def _date(times: Any, idx: int, pos: int) -> str | None:
    """The time layer's date for a body position (its ``when``), else the nearest date in the sentence."""
    when = getattr(times, "when", None)
    if callable(when):
        return when(idx, pos)
    own = [t for t in getattr(times, "times", times or []) if t.sentence == idx]
    return min(own, key=lambda t: abs(t.start - pos)).value if own else None
