"""The event lexicon: PLOVER types, trigger verbs and nouns, and modality cues, read from data.

Everything the event extractor knows about words lives in ``dyad/data/events.yaml``, with
more trigger keys under it in ``dyad/data/events_cameo.yaml`` (converted from PETRARCH2's
CAMEO verb dictionary by ``scripts/convert_cameo.py``; a verb events.yaml keys stays its own);
this module reads them (once per :class:`~dyad.knowledge.Knowledge`), checks them (unknown types,
malformed triggers, missing cue lists raise :class:`~dyad.errors.KnowledgeError` naming the entry), and answers the
small questions the extractor asks: which type and mode a trigger key has, and what
quad, intensity and CAMEO root a ``(type, mode)`` gets.

>>> lex = read_lexicon()
>>> lex.verbs["put forward"]
('REQUEST', 'propose')
>>> lex.intensity("CONSULT", "visit")
5.0
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dyad.datafile import read_yaml
from dyad.errors import KnowledgeError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
COARSE = ("CONSULT", "AGREE", "PROPOSE", "COOPERATE", "STATEMENT", "DISAPPROVE", "COERCE", "MILITARY", "WITHDRAW")
CUE_LISTS = (
    "irrealis_heads", "implicative_heads", "negating_heads", "negators", "modals", "conditional_marks",
    "irrealis_nouns", "opinion_verbs", "reporting_verbs", "mutual_heads", "mutual_numbers", "mutual_words",
    "light_verbs", "agent_heads", "venue_nouns", "patient_nouns", "factive_preps", "habitual_adverbs",
    "act_containers", "act_things", "mediating_words", "inward_papers", "reaction_nouns", "collective_agents",
    "naming_verbs", "calling_verbs", "reproach_words", "acts_on_things", "stand_in_nouns", "crowd_nouns",
    "military_moves", "armed_heads", "irrealis_adjectives", "internal_adjectives",
)  # fmt: skip

Trigger = tuple[str, str | None]  # (PLOVER type, mode)
DATA = Path(__file__).resolve().parents[1] / "data"
#: dyad's own ``events.yaml`` over the keys converted from PETRARCH2's CAMEO dictionary
#: (``events_cameo.yaml``, made by ``scripts/convert_cameo.py``)
FILES = (DATA / "events.yaml", DATA / "events_cameo.yaml")


@dataclass(frozen=True)
class TypeInfo:
    quad: str
    base: float
    cameo: str
    coarse: str
    modes: dict[str, float] = field(default_factory=dict)
    coarse_modes: dict[str, str] = field(default_factory=dict)
    cameo_modes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Lexicon:
    types: dict[str, TypeInfo]
    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    dated_nouns: dict[str, Trigger]
    cues: dict[str, frozenset[str]]
    mutual: frozenset[str] = frozenset()

    def quad(self, type_: str) -> str:
        return self.types[type_].quad

    def intensity(self, type_: str, mode: str | None) -> float:
        """Base intensity of the type plus the mode's offset, clipped to -10..10."""
        info = self.types[type_]
        value = info.base + info.modes.get(mode or "", 0.0)
        return float(max(-10.0, min(10.0, value)))

    def cameo(self, type_: str, mode: str | None) -> str:
        info = self.types[type_]
        return info.cameo_modes.get(mode or "", info.cameo)

    def coarse(self, type_: str, mode: str | None) -> str:
        """The gold's coarse class for a PLOVER type (and mode, where the mode decides)."""
        info = self.types[type_]
        return info.coarse_modes.get(mode or "", info.coarse)

    def is_mutual(self, type_: str, mode: str | None) -> bool:
        """True for symmetric acts (meet, talk, sign), whose two records of opposite direction are one act."""
        return type_ in self.mutual or f"{type_}/{mode}" in self.mutual

    def cue(self, name: str) -> frozenset[str]:
        return self.cues[name]


def _trigger(value: Any, where: str, types: dict[str, TypeInfo]) -> Trigger:
    if not isinstance(value, str):
        raise KnowledgeError(f"{where}: expected 'TYPE' or 'TYPE/mode', got {value!r}")
    type_, _, mode = value.partition("/")
    if type_ not in types:
        raise KnowledgeError(f"{where}: unknown PLOVER type {type_!r}; use one of {', '.join(PLOVER_TYPES)}")
    return type_, (mode or None)


def _type_info(name: str, raw: Any) -> TypeInfo:
    where = f"events.yaml types.{name}"
    if name not in PLOVER_TYPES:
        raise KnowledgeError(f"{where}: not a PLOVER type")
    if not isinstance(raw, dict) or raw.get("quad") not in QUADS or raw.get("coarse") not in COARSE:
        raise KnowledgeError(f"{where}: needs quad (one of {QUADS}) and coarse (one of {COARSE})")
    base = raw.get("base")
    if not isinstance(base, int | float) or not -10 <= base <= 10:
        raise KnowledgeError(f"{where}: base intensity must be a number in -10..10")
    coarse_modes = dict(raw.get("coarse_modes") or {})
    if any(c not in COARSE for c in coarse_modes.values()):
        raise KnowledgeError(f"{where}: coarse_modes values must be among {COARSE}")
    return TypeInfo(
        quad=raw["quad"],
        base=float(base),
        cameo=str(raw.get("cameo", "")),
        coarse=raw["coarse"],
        modes={k: float(v) for k, v in (raw.get("modes") or {}).items()},
        coarse_modes=coarse_modes,
        cameo_modes={k: str(v) for k, v in (raw.get("cameo_modes") or {}).items()},
    )


def parse_lexicon(data: Any) -> Lexicon:
    """Validate the loaded YAML and build the :class:`Lexicon` (raises KnowledgeError)."""
    if not isinstance(data, dict):
        raise KnowledgeError("events.yaml: top level must be a mapping")
    types = {name: _type_info(name, raw) for name, raw in (data.get("types") or {}).items()}
    missing = set(PLOVER_TYPES) - set(types)
    if missing:
        raise KnowledgeError(f"events.yaml types: missing {', '.join(sorted(missing))}")
    tables = {}
    for table in ("verbs", "nouns", "dated_nouns"):
        raw = data.get(table) or {}
        tables[table] = {
            " ".join(str(k).lower().split()): _trigger(v, f"events.yaml {table}.{k}", types) for k, v in raw.items()
        }
    cues_raw = data.get("cues") or {}
    cues = {}
    for name in CUE_LISTS:
        if not isinstance(cues_raw.get(name), list):
            raise KnowledgeError(f"events.yaml cues.{name}: missing or not a list")
        cues[name] = frozenset(str(w).lower() for w in cues_raw[name])
    mutual = data.get("mutual") or []
    if not isinstance(mutual, list):
        raise KnowledgeError("events.yaml mutual: must be a list of 'TYPE' or 'TYPE/mode'")
    keys = frozenset("/".join(filter(None, _trigger(k, f"events.yaml mutual.{k}", types))) for k in mutual)
    return Lexicon(types, tables["verbs"], tables["nouns"], tables["dated_nouns"], cues, keys)


def _read_yaml(path: Path) -> Any:
    return read_yaml(path.name, path, "event lexicon")[0]


def add_verbs(lex: Lexicon, data: Any, name: str) -> Lexicon:
    """``lex`` with the ``verbs`` of another lexicon file added under its own.

    ``lex``'s keys win, and so do its verbs: a verb it keys in any form ("deny", "deny entry")
    keeps only its own keys, so a longer key from the other file ("deny access") cannot
    override the senses chosen for that verb here.
    """
    raw = data.get("verbs") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{name}: needs a 'verbs' mapping")
    known = {key.split()[0] for key in lex.verbs}
    extra = {}
    for k, v in raw.items():
        key = " ".join(str(k).lower().split())
        trig = _trigger(v, f"{name} verbs.{k}", lex.types)
        if key.split()[0] not in known:
            extra[key] = trig
    return replace(lex, verbs={**lex.verbs, **extra})


def read_lexicon(files: tuple[Path, ...] = FILES) -> Lexicon:
    """The lexicon of the first file, with the verb keys of each later one under its own."""
    lex = parse_lexicon(_read_yaml(files[0]))
    for more in files[1:]:
        lex = add_verbs(lex, _read_yaml(more), more.name)
    return lex
