"""Gold files and the comparison rules of gold/GUIDELINES.md "Scoring", shared by the scorers.

- :func:`load_gold_events` reads an ``events.jsonl`` gold file into :class:`GoldEvent`
  records, raising :class:`~dyad.errors.GoldError` with the line number on bad input.
- :func:`reduce_code` reduces an actor code as the guidelines say (``SUN`` counts as ``RUS``).
- :func:`date_matches` is the date rule: the system date, cut to the gold's precision,
  equals the gold date or falls within ``date..end``. A system date less precise than
  the gold's cannot be cut to it and does not match.

>>> date_matches("2016-12-15", "2016-12", None)
True
>>> date_matches("2016", "2016-12", None)
False
>>> date_matches("1977-03", "1975", "1978")
True
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from dyad.errors import GoldError
from dyad.knowledge.actors import state_of

#: The guidelines' table of which coarse gold classes a PLOVER type may count for.
_SCORES_AS: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"CONSULT"}),
    "AGREE": frozenset({"AGREE", "PROPOSE"}),
    "REQUEST": frozenset({"PROPOSE"}),
    "SUPPORT": frozenset({"COOPERATE", "STATEMENT"}),
    "COOPERATE": frozenset({"COOPERATE"}),
    "AID": frozenset({"COOPERATE"}),
    "CONCEDE": frozenset({"COOPERATE", "AGREE"}),
    "ACCUSE": frozenset({"DISAPPROVE", "STATEMENT"}),
    "REJECT": frozenset({"DISAPPROVE", "WITHDRAW"}),
    "PROTEST": frozenset({"DISAPPROVE"}),
    "THREATEN": frozenset({"DISAPPROVE", "COERCE"}),
    "SANCTION": frozenset({"COERCE"}),
    "COERCE": frozenset({"COERCE"}),
    "MOBILIZE": frozenset({"MILITARY"}),
    "ASSAULT": frozenset({"MILITARY"}),
    "RETREAT": frozenset({"WITHDRAW"}),
}
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class GoldEvent:
    doc: str
    id: str
    date: str
    end: str | None
    actors: tuple[str, str]
    directed: bool
    type: str
    persons: tuple[str, ...]
    text: str


def scores_as(plover_type: str, mode: str | None = None) -> frozenset[str]:
    """The coarse gold classes a system event of this PLOVER type counts for (the guidelines' table).

    dyad's neutral public statement is ``SUPPORT/statement``; the table already lets SUPPORT count as STATEMENT.
    """
    return _SCORES_AS.get(plover_type, frozenset())


def reduce_code(code: str | None) -> str | None:
    """The guidelines' one equivalence: the Soviet Union is scored as Russia."""
    return state_of(code) if code else code


def cut(date: str, precision: int) -> str | None:
    """``date`` cut to ``precision`` characters (4, 7 or 10), or None when it is less precise."""
    return date[:precision] if len(date) >= precision else None


def date_matches(system: str | None, gold: str, gold_end: str | None) -> bool:
    """The guidelines' date rule for one system date against one gold date (or range)."""
    if not system:
        return False
    here = cut(system, len(gold))
    if here is None:
        return False
    if here == gold:
        return True
    if not gold_end:
        return False
    last = cut(system, len(gold_end))
    return last is not None and here >= gold and last <= gold_end


def pair_matches(system: tuple[str | None, str | None], gold: GoldEvent) -> bool:
    """Actor codes reduced; order counts only when the gold event is directed."""
    s = (reduce_code(system[0]), reduce_code(system[1]))
    g = (reduce_code(gold.actors[0]), reduce_code(gold.actors[1]))
    return s == g or (not gold.directed and s == (g[1], g[0]))


def _event(raw: dict, where: str) -> GoldEvent:
    try:
        actors = raw["actors"]
        if not (isinstance(actors, list) and len(actors) == 2):
            raise GoldError(f"{where}: 'actors' must be a list of two codes")
        if not _ISO.match(raw["date"]) or (raw.get("end") and not _ISO.match(raw["end"])):
            raise GoldError(f"{where}: dates must be YYYY, YYYY-MM or YYYY-MM-DD")
        return GoldEvent(
            doc=raw["doc"], id=str(raw["id"]), date=raw["date"], end=raw.get("end") or None,
            actors=(actors[0], actors[1]), directed=bool(raw.get("directed", True)), type=raw["type"],
            persons=tuple(raw.get("persons") or ()), text=raw.get("text", ""),
        )  # fmt: skip
    except KeyError as exc:
        raise GoldError(f"{where}: missing field {exc}") from exc


def read_gold_lines(path: Path) -> list[tuple[str, dict]]:
    """``(where, object)`` for each non-empty line of a JSON Lines gold file; ``where`` names file and line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldError(f"cannot read the gold file: {exc.strerror}", path=str(path)) from exc
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"line {n}: not JSON ({exc.msg})", path=str(path)) from exc
        if not isinstance(raw, dict):
            raise GoldError(f"line {n}: not a JSON object", path=str(path))
        out.append((f"{Path(path).name} line {n}", raw))
    return out


def load_gold_events(path: Path) -> list[GoldEvent]:
    """All gold events of an ``events.jsonl`` file, in file order."""
    return [_event(raw, where) for where, raw in read_gold_lines(path)]
