"""Event-verb families: the question's event in any of its wordings, and the stored events that fit it.

A question asks about one event ("abandon the talks"); documents word it many
ways ("pulled out of", "walked away from", "would no longer negotiate"). The
families in ``dyad/data/ask_verbs.yaml`` map each wording to its family, so a
passage covers the question's verb when it holds any member of the family, a
passage about the opposite event (renewing the talks) is ranked down, and the
stored events of the family's PLOVER types point at the passages to prefer.

>>> table = load()                                                         # doctest: +SKIP
>>> [f.name for f in families_in(terms("When did Russia pull out of the talks?"), table)]  # doctest: +SKIP
['withdraw']

The table is read where a question is answered (``dyad.ask.answer.answer``, once per question; the packaged
YAML comes from the parsed-knowledge cache) and handed down: no module keeps it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dyad.ask.search import terms
from dyad.datafile import read_yaml
from dyad.errors import KnowledgeError


@dataclass(frozen=True)
class Family:
    """One event family: its single-word stems, its multi-word forms (as stem tuples), types and opposites."""

    name: str
    stems: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    types: tuple[str, ...]
    opposite: tuple[str, ...]

    def in_terms(self, present: set[str] | frozenset[str]) -> bool:
        """Whether a passage (its set of stems) holds a member of the family."""
        return bool(self.stems & present) or any(all(w in present for w in p) for p in self.phrases)

    def fits_event(self, ev_type: str, mode: str | None) -> bool:
        for t in self.types:
            base, _, want_mode = t.partition("/")
            if base == ev_type and (not want_mode or want_mode == (mode or "")):
                return True
        return False


def load() -> dict[str, Family]:
    """The families from the package's data file, validated."""
    data, where = read_yaml("ask_verbs.yaml", None, "verb families")
    if not isinstance(data, dict) or not isinstance(data.get("families"), dict):
        raise KnowledgeError("expected a mapping 'families'", path=where)
    out = {}
    for name, spec in data["families"].items():
        if not isinstance(spec, dict) or not isinstance(spec.get("forms"), list):
            raise KnowledgeError(f"family {name!r} needs a list 'forms'", path=where)
        words = [tuple(terms(str(f))) for f in spec["forms"]]
        out[name] = Family(
            name,
            frozenset(w[0] for w in words if len(w) == 1),
            tuple(w for w in words if len(w) > 1),
            tuple(spec.get("types") or ()),
            tuple(spec.get("opposite") or ()),
        )
    for fam in out.values():
        for other in fam.opposite:
            if other not in out:
                raise KnowledgeError(f"family {fam.name!r} names an unknown opposite {other!r}", path=where)
    return out


def families_in(question_terms: list[str] | set[str], table: Mapping[str, Family]) -> list[Family]:
    """The families of ``table`` whose members the question uses."""
    present = set(question_terms)
    return [f for f in table.values() if f.in_terms(present)]


def members(fam: Family) -> set[str]:
    """Every stem of the family, single words and the words of its phrases."""
    return set(fam.stems) | {w for p in fam.phrases for w in p}


def key_family(question: str, fams: list[Family]) -> list[Family]:
    """The family of the question's main verb ("how many were *signed* during the visit" -> sign), as a list.

    The main verb is the parse's root (or, under an auxiliary root, its first verb); a question whose
    main verb has no family ("what did X *express* during the visit") has no key family.
    """
    if not fams:
        return []
    from dyad.ask.candidates import parse

    doc = parse(question)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    heads = [t for r in roots for t in (r, *r.children) if t.pos_ in ("VERB", "NOUN") or t is r]
    for tok in heads:
        stems = set(terms(tok.text)) | set(terms(tok.lemma_))
        for f in fams:
            if stems & members(f):
                return [f]
        if tok.pos_ == "VERB" and tok.dep_ == "ROOT" and tok.lemma_ not in ("be", "do", "have"):
            return []
    return []


def opposites(fams: list[Family], table: Mapping[str, Family]) -> list[Family]:
    """The families of ``table`` that name the opposite event of ``fams`` (renewing talks for leaving them)."""
    named = {o for f in fams for o in f.opposite} - {f.name for f in fams}
    return [table[n] for n in sorted(named)]
