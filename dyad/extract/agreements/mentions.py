"""Agreements: mentions of treaties, declarations, plans and deals, with the status a passage gives them.

Three kinds of mention from ``dyad/data/agreements.yaml``, and whatever else the text names
or describes as an agreement (:mod:`dyad.extract.agreements.text`: the data file only adds
aliases and known dates, it is not needed to find one):

- named agreements by alias ("the 1956 Declaration" -> ``joint-declaration-1956``),
  with their parties, date and fields from the data;
- generic ones ("the peace treaty") between the states the noun phrase names
  ("the Sino-Japanese peace treaty": CHN, JPN), else the document's two main states,
  keyed by the pair so mentions from many documents meet in the registry;
- unnamed counted ones ("12 intergovernmental agreements were signed"), kept only
  with a status, keyed by pair, number and year so every retelling meets.

The status comes from the dependency path above the mention: the first status
verb or noun it hangs from ("the treaty was signed", "talks on a treaty",
"abandoning the discussions aimed at signing a deal"). A verb of a done status
must be finite or a perfect/passive participle and free of negation, modals and
conditions; a non-finite one ("proposed signing a treaty") is a goal, and the
path goes on to the verb above it. The status date is the time layer's date for
the cue (:meth:`TimeLayer.date_for`), else the sentence's story time. Produces
:class:`dyad.records.AgreementMention`; merging and status history are
:mod:`dyad.analysis.registry`'s job.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Span, Token

from dyad.casefold import blind
from dyad.extract.agreements.text import one_name_one_key, text_agreements
from dyad.extract.parse import ParsedDoc
from dyad.knowledge.agreements import AgreementData
from dyad.knowledge.units import UnitTable
from dyad.records import AgreementMention, Mention

STATES_ONLY = frozenset({"state"})
MAX_HOPS = 7  # dependency arcs climbed from a mention to its status cue
_PASS_DEPS = frozenset({"conj", "appos"})
_MODIFIER_DEPS = frozenset({"acl", "relcl", "amod"})


def doc_dyad(mentions: Sequence[Mention], successors: dict[str, str]) -> tuple[str, ...]:
    """The document's two most mentioned states (successor states folded), sorted; () if unknown."""
    counts = Counter(successors.get(m.country, m.country) for m in mentions if m.country and m.kind in STATES_ONLY)
    if len(counts) < 2:
        counts = Counter(successors.get(m.country, m.country) for m in mentions if m.country)
    return tuple(sorted(c for c, _ in counts.most_common(2))) if len(counts) >= 2 else ()


def extract_agreements(
    pdoc: ParsedDoc, mentions: Sequence[Mention], times: Any, data: AgreementData, units: UnitTable
) -> list[AgreementMention]:
    """Every agreement mention in the document, with its status and status date where the parse gives them.

    >>> [m.status for m in extract_agreements(pdoc, mentions, times, k.agreements, k.units)]  # doctest: +SKIP
    ['abandoned']  # "Moscow abandoned the talks on a peace treaty."
    """
    pair = doc_dyad(mentions, data.successors)
    out: list[AgreementMention] = []
    links: list[tuple[str, str]] = []
    listed = data.named + data.generic
    needs = data.alias_words if len(data.alias_words) == len(listed) else (None,) * len(listed)
    for sent, span in zip(pdoc.sentences, pdoc.spans, strict=True):
        taken: list[tuple[int, int]] = []
        low = blind(sent.text)
        for (pattern, item), words in zip(listed, needs, strict=True):
            if words is not None and not any(w in low for w in words):
                continue  # none of its aliases can be here
            for m in pattern.finditer(sent.text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                head = _head(span, m.start(), m.end())
                found = _mention(pdoc, sent.idx, head, (m.start(), m.end()), item, pair, mentions, times, data)
                if found is not None:
                    out.append(found)
        out.extend(_counted(pdoc, sent.idx, span, pair, times, data, units))
        out.extend(text_agreements(pdoc, sent.idx, span, taken, pair, mentions, times, data, out, links))
    return one_name_one_key(out, links, pair)


def _head(span: Span, start: int, end: int) -> Token | None:
    """The syntactic head of the sentence-relative character range ``[start, end)``."""
    toks = [t for t in span if start <= t.idx - span.start_char < end]
    inside = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in inside or t.head == t), toks[-1] if toks else None)


def _mention(
    pdoc: ParsedDoc,
    idx: int,
    head: Token | None,
    where: tuple[int, int],
    item: dict[str, Any],
    pair: tuple[str, ...],
    mentions: Sequence[Mention],
    times: Any,
    data: AgreementData,
) -> AgreementMention | None:
    sent = pdoc.sentences[idx]
    if "aliases" not in item and head is not None:
        item = _dated_named(head, item, data) or item  # "the 1951 peace treaty" is a named one
    named = "aliases" in item
    if named:
        parties, key = tuple(item.get("parties") or ()), item["key"]
    else:
        np_pair = _np_states(pdoc, idx, head, mentions, data) if head is not None else ()
        if np_pair is None:
            return None  # names one outside state only: whose treaty is unclear
        parties = np_pair or pair
        key = f"{item['key']}:{'-'.join(parties)}" if parties else item["key"]
    status, cue = status_of(head, data) if head is not None else (None, None)
    when = status_date(times, pdoc, idx, cue, where) if cue is not None else None
    if not named and status == "signed" and when:
        signed = _signed_named(item, when, data)  # "signed the peace treaty" on 8 September 1951
        if signed is not None:
            item, named, parties, key = signed, True, tuple(signed.get("parties") or ()), signed["key"]
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


def _dated_named(head: Token, item: dict[str, Any], data: AgreementData) -> dict[str, Any] | None:
    """The one named agreement of the same kind dated in the year a generic mention gives itself."""
    years = {t.text for t in head.subtree if t.i < head.i and re.fullmatch(r"1[6-9]\d\d|20\d\d", t.text)}
    if len(years) != 1:
        return None
    (year,) = years
    hits = [a for _, a in data.named if a["kind"] == item["kind"] and str(a.get("date") or "")[:4] == year]
    return hits[0] if len(hits) == 1 else None


def _signed_named(item: dict[str, Any], when: str, data: AgreementData) -> dict[str, Any] | None:
    """The one named agreement of the kind signed on the very date a generic mention was signed."""
    hits = [
        a
        for _, a in data.named
        if a["kind"] == item["kind"] and len(when) >= 7 and str(a.get("date") or "").startswith(when)
    ]
    return hits[0] if len(hits) == 1 else None


def _np_states(
    pdoc: ParsedDoc, idx: int, head: Token, mentions: Sequence[Mention], data: AgreementData
) -> tuple[str, ...] | None:
    """States the agreement's own noun phrase names ("Sino-Japanese", "with China"), folded and sorted.

    () when it names none (the document's pair applies); None when it names a single
    state and the pair is unclear.
    """
    shift = pdoc.sentences[idx].start - pdoc.spans[idx].start_char
    lo, hi = head.left_edge.idx + shift, head.right_edge.idx + len(head.right_edge) + shift
    states = sorted(
        {
            data.successors.get(m.country, m.country)
            for m in mentions
            if m.country and m.kind in STATES_ONLY and lo <= m.start < hi
        }
    )
    if len(states) >= 2:
        return tuple(states)
    return () if not states else None


def _counted(
    pdoc: ParsedDoc, idx: int, span: Span, pair: tuple[str, ...], times: Any, data: AgreementData, units: UnitTable
) -> list[AgreementMention]:
    """Unnamed agreements counted in the sentence and given a status: "68 commercial deals were signed"."""
    from dyad.extract.quantities.lex import word_value

    out = []
    sent = pdoc.sentences[idx]
    for tok in span:
        if not (tok.like_num and tok.dep_ == "nummod"):
            continue
        head = tok.head
        if not (head.lower_ in data.counted and head.i > tok.i):
            continue
        status, cue = status_of(head, data)
        if status is None or cue is None:
            continue
        rel = (tok.idx - span.start_char, head.idx + len(head) - span.start_char)
        when = status_date(times, pdoc, idx, cue, rel)
        try:
            value = float(tok.text.replace(",", ""))
        except ValueError:
            value = word_value(tok.lower_, units)
        if not value:
            continue
        name = span.doc[tok.i : head.i + 1].text
        out.append(
            AgreementMention(
                key=f"count:{'-'.join(pair)}:{value:g}:{(when or '')[:4]}",
                name=name,
                kind=data.kinds.get(head.lower_, "other"),
                parties=pair,
                date=when,
                status=status,
                status_date=when,
                fields=(),
                evidence=pdoc.evidence(sent.start, sent.end),
            )
        )
    return out


def status_of(head: Token, data: AgreementData) -> tuple[str | None, Token | None]:
    """The status the parse gives the agreement headed by ``head``, and the cue token; (None, None) if none.

    First a participle or relative clause on the agreement itself ("the declaration
    signed in 1956"), then the chain of heads above it, passing through
    prepositions, conjunctions, goal words and non-finite cues (goals), stopping at
    any other verb or noun.
    """
    for child in head.children:
        status = _cue(child, data) if child.dep_ in _MODIFIER_DEPS else None
        if status and status != "negotiating" and not _blocked(child, data) and _real(child, status, data):
            return status, child
    tok, hops, goal = head, 0, False
    while tok.head != tok and hops < MAX_HOPS:
        dep, tok, hops = tok.dep_, tok.head, hops + 1
        if tok.lower_ in data.blocking or tok.lemma_.lower() in data.blocking:
            return None, None
        status = _cue(tok, data)
        if status is None:
            if dep in _PASS_DEPS:
                continue  # "the Declaration and the Plan", "the treaty, the first since 1905"
            if tok.lower_ in data.path_through or tok.lemma_.lower() in data.path_through:
                goal = goal or tok.pos_ != "ADP"
                continue
            return None, None
        if _blocked(tok, data):
            return None, None
        if dep == "nsubj" and tok.lemma_.lower() in data.object_cues:
            return None, None  # "the new treaty replaced the old one": the old one ended, not the new
        if not _real(tok, status, data):
            goal = True
            continue  # a goal ("aimed at signing"): the talks or the proposal above it decide
        if goal and status in ("signed", "in_force", "implemented"):
            return None, None  # "agreed to sign a treaty" is a promise, not a signing
        if tok.dep_ in ("ccomp", "xcomp") and _cue(tok.head, data) == "proposed":
            goal = True
            continue  # "proposing that the two countries sign a treaty"
        if tok.pos_ in ("NOUN", "PROPN"):
            verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if verb is not None and _blocked(verb, data):
                return None, None  # "there will be talks", "did not hold talks"
            over = _over_talks(tok, data) if status == "negotiating" else None
            if over:
                return over
        return status, tok
    return None, None


def _cue(tok: Token, data: AgreementData) -> str | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("NOUN", "PROPN"):
        return data.noun_cues.get(tok.lower_) or data.noun_cues.get(lemma)
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    parts = [c.lower_ for c in tok.children if c.dep_ in ("prt", "prep", "dobj", "advmod")]
    for c in tok.children:
        if c.dep_ == "prep":
            parts += [g.lower_ for g in c.children if g.dep_ == "pobj"]
    for n in (3, 2):  # phrasal cues first: "enter into force", "put forward"
        for phrase, status in data.verb_cues.items():
            words = phrase.split()
            if len(words) == n and words[0] == lemma and all(w in parts for w in words[1:]):
                return status
    return data.verb_cues.get(lemma)


def _blocked(tok: Token, data: AgreementData) -> bool:
    """Negated, modal or conditional: "has not signed", "would sign", "if they sign", "no talks",
    or a clause under a verb that has not happened ("to hand over islands after they sign a treaty")."""
    up = tok.head
    finite_aux = any(c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in up.children)
    if tok.dep_ == "advcl" and up.tag_ in ("VB", "VBG") and not finite_aux:
        return True
    for c in tok.children:
        word = c.lower_.replace("’", "'")
        if c.dep_ in ("neg", "aux", "advmod", "mark", "det") and word in data.irrealis | data.blocking:
            return True
    return False


def _real(tok: Token, status: str, data: AgreementData) -> bool:
    """Whether a cue states that the thing happened (done statuses need a finite or perfect/passive verb)."""
    if tok.pos_ in ("NOUN", "PROPN"):
        return status not in data.done or status in ("in_force", "suspended", "abandoned")
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if tok.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    if tok.tag_ == "VBN":
        return bool(aux) or tok.dep_ in _MODIFIER_DEPS or tok.dep_ in ("ROOT", "conj", "ccomp", "advcl")
    if tok.tag_ == "VBG":
        return any(a.lemma_ == "be" for a in aux)
    return tok.tag_ == "VB" and any(a.lemma_ == "do" for a in aux)


def _over_talks(talks: Token, data: AgreementData) -> tuple[str, Token] | None:
    """A verb over the talks that ends or halts them: "abandoned the discussions", "talks were frozen"."""
    verb = talks.head
    while verb.pos_ in ("ADP", "ADV") and verb.head != verb:
        verb = verb.head
    status = _cue(verb, data)
    if status in ("suspended", "abandoned") and not _blocked(verb, data) and _real(verb, status, data):
        return status, verb
    return None


def status_date(times: Any, pdoc: ParsedDoc, idx: int, cue: Token, mention: tuple[int, int]) -> str | None:
    """The time layer's date for the cue, else the sentence's story time.

    A date inside the mention names the agreement ("the 1956 Declaration"), not when this happened; a
    step told in a relative clause takes no date from outside that clause.
    """
    sent_start = pdoc.sentences[idx].start
    pos = sent_start + cue.idx - pdoc.spans[idx].start_char
    date_for = getattr(times, "date_for", None)
    if not callable(date_for):
        return None
    t = date_for(idx, pos)
    lo, hi = sent_start + mention[0], sent_start + mention[1]
    clause = next((a for a in [cue, *cue.ancestors] if a.dep_ == "relcl"), None)
    if t is not None and clause is not None:
        shift = sent_start - pdoc.spans[idx].start_char
        left, right = clause.left_edge, clause.right_edge
        if not (left.idx + shift <= t.start < right.idx + len(right) + shift):
            return None  # "the ministers who signed the deal called on 12 June": the date is the call's
    if t is not None and not (lo <= t.start < hi):
        return str(t.value)
    refs = getattr(times, "ref_dates", None) or []
    return refs[idx] if idx < len(refs) else None
