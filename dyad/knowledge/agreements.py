"""The agreements dyad knows: ``dyad/data/agreements.yaml`` read, validated and compiled into :class:`AgreementData`.

Named agreements with their aliases, parties and dates, generic ones by pattern, and the cue words
that give a mention its status (:mod:`dyad.extract.agreements` reads them; the registry,
:mod:`dyad.analysis.registry`, takes an agreement's known fields from ``by_key``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.datafile import read_yaml
from dyad.errors import KnowledgeError


@dataclass(frozen=True)
class AgreementData:
    """The validated agreements file with compiled alias patterns and cue tables."""

    named: tuple[tuple[re.Pattern[str], dict[str, Any]], ...]
    generic: tuple[tuple[re.Pattern[str], dict[str, Any]], ...]
    kinds: dict[str, str]  # head noun -> kind
    verb_cues: dict[str, str]  # lemma or "lemma particle ..." -> status
    noun_cues: dict[str, str]
    done: frozenset[str]
    path_through: frozenset[str]
    blocking: frozenset[str]
    irrealis: frozenset[str]
    successors: dict[str, str]
    counted: frozenset[str]
    by_key: dict[str, dict[str, Any]]
    text_names: frozenset[str] = frozenset()  # nouns a capitalised name of an agreement may end in or open with
    text_described: frozenset[str] = frozenset()  # nouns that describe one in lower case ("the 2023 agreement on X")
    not_subjects: frozenset[str] = frozenset()  # "an agreement on the sidelines of ...": where, not what about
    object_cues: frozenset[str] = frozenset()  # verb cues whose subject is another agreement ("X replaced Y")
    #: for each pattern of ``named + generic``, one word of each of its aliases in lower case (every match holds
    #: one of them: a sentence without any need not be searched), or None where an alias has no ASCII word
    alias_words: tuple[tuple[str, ...] | None, ...] = ()


def _alias_words(aliases: Sequence[str]) -> tuple[str, ...] | None:
    """The longest ASCII word of each alias, lower case (the pattern matches each of an alias's words as
    written, ignoring case; :func:`dyad.casefold.blind` reads a sentence the same way); None when an alias
    has none."""
    words = []
    for alias in aliases:
        ascii_words = [w for w in re.split(r"[\s\-–—]+", alias) if w and w.isascii()]
        if not ascii_words:
            return None
        words.append(max(ascii_words, key=len).lower())
    return tuple(dict.fromkeys(words))


def _alias_pattern(aliases: Sequence[str]) -> re.Pattern[str]:
    parts = [r"[\s\-–—]*".join(re.escape(w) for w in re.split(r"[\s\-–—]+", a)) for a in aliases]
    return re.compile(r"(?<![\w])(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?![\w])", re.IGNORECASE)


def _validate(data: Any, where: str) -> dict[str, Any]:
    need = (
        "kinds",
        "status_cues",
        "done_statuses",
        "path_through",
        "blocking_heads",
        "irrealis_words",
        "generic",
        "successors",
        "counted_nouns",
        "named",
    )
    if not isinstance(data, dict) or any(k not in data for k in need):
        raise KnowledgeError(f"agreements file needs the keys {', '.join(need)}", path=where)
    for status, cues in data["status_cues"].items():
        if not isinstance(cues, dict) or not {"verbs", "nouns"} <= set(cues):
            raise KnowledgeError(f"status {status!r} needs 'verbs' and 'nouns' lists", path=where)
    for item in data["named"] + data["generic"]:
        if not isinstance(item, dict) or not {"key", "name", "kind"} <= set(item):
            raise KnowledgeError(f"agreement entry {item!r} needs key, name and kind", path=where)
        if item["kind"] not in data["kinds"]:
            raise KnowledgeError(f"agreement {item['key']!r} has unknown kind {item['kind']!r}", path=where)
        if not (item.get("aliases") or item.get("patterns")):
            raise KnowledgeError(f"agreement {item['key']!r} has no aliases or patterns", path=where)
    return data


def _lower(words: Any) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words)


def read_agreements(path: str | Path | None = None) -> AgreementData:
    """The agreements file (default: packaged ``dyad/data/agreements.yaml``), validated and compiled."""
    raw, where = read_yaml("agreements.yaml", path, "agreements file")
    data = _validate(raw, where)
    cues = data["status_cues"]
    return AgreementData(
        named=tuple((_alias_pattern(a["aliases"]), a) for a in data["named"]),
        generic=tuple((_alias_pattern(g["patterns"]), g) for g in data["generic"]),
        kinds={str(w).lower(): k for k, ws in data["kinds"].items() for w in ws},
        verb_cues={str(c).lower(): s for s, c_ in cues.items() for c in c_["verbs"]},
        noun_cues={str(c).lower(): s for s, c_ in cues.items() for c in c_["nouns"]},
        done=_lower(data["done_statuses"]),
        path_through=_lower(data["path_through"]),
        blocking=_lower(data["blocking_heads"]),
        irrealis=_lower(data["irrealis_words"]),
        successors=dict(data["successors"]),
        counted=_lower(data["counted_nouns"]),
        by_key={a["key"]: a for a in data["named"] + data["generic"]},
        text_names=_lower(data.get("text_names") or ()),
        text_described=_lower(data.get("text_described") or ()),
        not_subjects=_lower(data.get("not_subjects") or ()),
        object_cues=_lower(data.get("object_cues") or ()),
        alias_words=tuple(
            _alias_words(x) for x in [*(a["aliases"] for a in data["named"]), *(g["patterns"] for g in data["generic"])]
        ),  # fmt: skip
    )
