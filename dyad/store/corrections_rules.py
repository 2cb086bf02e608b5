"""An analyst's corrections of events and agreements, and what they do to a derived record (the rules the
store applies: :mod:`dyad.store.corrections` keeps the log and applies them to the derived tables).

A correction is one row of the ``corrections`` table (``dyad correct``): which fact (an event or agreement
id, as the analyst saw it), what was done, who did it, when and why. The actions on either kind:

- ``wrong``: not a fact the text states; it leaves the served model (its page still says why);
- ``confirm``: checked and right as it stands;
- ``date``: another date (and, for an event, end), ISO partial.

On an event (:data:`EVENT_ACTIONS`) also ``type`` (another PLOVER type and mode; quad, intensity and cameo
follow from events.yaml) and ``source`` / ``target`` (another actor, ``{"id", "name", "country"}`` as the
correction stored it); on an agreement (:data:`AGREEMENT_ACTIONS`) ``status`` (another current status of the
contract's list) and ``parties`` (other country codes).

:func:`apply` is a pure function of an event record and its corrections, in the order they were made (a later
one of the same action wins). The corrected record keeps the id, carries the corrected values in the contract's
fields, and says what changed in ``correction``: the original values of the fields it changed and the log.
:func:`gold_lines` turns the corrected model of the documents an analyst reviewed into gold lines in the
format of gold/GUIDELINES.md, for ``dyad eval events --gold``.

>>> rec = {"id": "ev-1", "type": "CONSULT", "mode": "visit", "date": "2016", "end": None}
>>> fix = Correction(1, "event", "ev-1", "date", {"date": "2016-12-15", "end": None}, "ana", "text says 15 Dec", "t")
>>> out = apply(rec, [fix])
>>> out["date"], out["correction"]["original"]
('2016-12-15', {'date': '2016', 'end': None})
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from dyad.knowledge.actors import state_of
from dyad.knowledge.events import Lexicon, read_lexicon

#: What a correction may do to an event, an agreement, a position and a quantity.
EVENT_ACTIONS = ("wrong", "confirm", "type", "date", "source", "target")
AGREEMENT_ACTIONS = ("wrong", "confirm", "status", "date", "parties")
POSITION_ACTIONS = ("wrong", "confirm", "stance", "issue", "actor", "date")
QUANTITY_ACTIONS = ("wrong", "confirm", "value", "unit", "what", "subject", "date")
ACTIONS = {"event": EVENT_ACTIONS, "agreement": AGREEMENT_ACTIONS, "position": POSITION_ACTIONS,
           "quantity": QUANTITY_ACTIONS}  # fmt: skip
#: The contract's agreement statuses.
STATUSES = ("proposed", "negotiating", "signed", "in_force", "implemented", "suspended", "abandoned")
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


@dataclass(frozen=True)
class Correction:
    """One correction as stored: ``n`` orders them; ``fact`` is the id the analyst gave."""

    n: int
    kind: str
    fact: str
    action: str
    value: Any
    who: str
    why: str
    at: str
    withdrawn: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def check_date(name: str, value: str) -> str:
    """``value`` if it is an ISO partial date, else ValueError with the fix."""
    if not _DATE.match(value):
        raise ValueError(f"{name} {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def type_value(type_: str, mode: str | None, lex: Lexicon | None = None) -> dict[str, Any]:
    """The stored value of a ``type`` correction (ValueError for a type events.yaml does not know); without
    ``lex``, the packaged lexicon is read."""
    lex = lex or read_lexicon()
    type_ = type_.strip().upper()
    if type_ not in lex.types:
        raise ValueError(f"unknown PLOVER type {type_!r}; use one of {', '.join(sorted(lex.types))}")
    return {"type": type_, "mode": (mode or "").strip() or None}


def history_to(history: Any, status: str) -> list[dict[str, Any]]:
    """An agreement's status history brought to end in ``status``, the status an analyst gave it.

    The steps after the last one in that status are readings the analyst rejected and are dropped; when no
    step has it, a step without evidence (the analyst's) is added. The history as extracted stays in the
    correction's ``original``.

    >>> steps = [{"status": "signed", "date": "1956"}, {"status": "suspended", "date": "1960"}]
    >>> [s["status"] for s in history_to(steps, "signed")], history_to(steps, "in_force")[-1]
    (['signed'], {'status': 'in_force', 'date': None, 'evidence': []})
    """
    steps = [dict(s) for s in history or [] if isinstance(s, Mapping)]
    last = max((i for i, s in enumerate(steps) if s.get("status") == status), default=None)
    if last is not None:
        return steps[: last + 1]
    return [*steps, {"status": status, "date": None, "evidence": []}]


def _changes(action: str, value: Any, lex: Lexicon, record: Mapping[str, Any]) -> dict[str, Any]:
    """The record fields a correction sets on ``record`` (as corrected so far)."""
    if action == "type":
        type_, mode = value["type"], value.get("mode")
        return {"type": type_, "mode": mode, "quad": lex.quad(type_), "intensity": lex.intensity(type_, mode),
                "cameo": lex.cameo(type_, mode)}  # fmt: skip
    if action == "date":
        return {"date": value["date"], **({"end": value.get("end")} if "end" in value else {})}
    if action in ("source", "target", "actor"):
        return {action: dict(value)}
    if action == "status":
        return {"status": value["status"], "status_history": history_to(record.get("status_history"), value["status"])}
    if action in ("parties", "subject"):
        return {action: list(value[action])}
    if action in ("stance", "issue", "unit", "what", "value"):
        return {action: value[action]}
    return {}


def apply(record: Mapping[str, Any], corrections: Iterable[Correction], lex: Lexicon | None = None) -> dict[str, Any]:
    """The event ``record`` with ``corrections`` applied in order (withdrawn ones skipped).

    ``correction.wrong`` says the analyst marked it wrong; ``correction.original`` holds the values it had
    before, for the fields a correction changed; ``correction.log`` every correction that applies. Without
    ``lex``, the packaged lexicon is read (pass the run's when applying many).
    """
    lex = lex or read_lexicon()
    out = dict(record)
    original: dict[str, Any] = {}
    log: list[dict[str, Any]] = []
    wrong = confirmed = False
    for c in sorted(corrections, key=lambda c: c.n):
        if c.withdrawn:
            continue
        log.append(c.as_dict())
        wrong = wrong or c.action == "wrong"
        confirmed = confirmed or c.action == "confirm"
        for key, value in _changes(c.action, c.value, lex, out).items():
            original.setdefault(key, record.get(key))
            out[key] = value
    out["correction"] = {"wrong": wrong, "confirmed": confirmed, "original": original, "log": log}
    return out


def pair_of(record: Mapping[str, Any]) -> str:
    """The merge's pair key of a (corrected) record: the two sides' states, sorted (``SUN`` as ``RUS``)."""
    sides = [state_of((record.get(k) or {}).get("country")) or (record.get(k) or {}).get("id") or "?"
             for k in ("source", "target")]  # fmt: skip
    return "|".join(sorted(sides))


def _code(actor: Mapping[str, Any] | None) -> str | None:
    actor = actor or {}
    return actor.get("country") or actor.get("id")


def gold_lines(events: Iterable[Mapping[str, Any]], docs: set[str], lex: Lexicon | None = None) -> list[dict[str, Any]]:
    """Gold lines (gold/GUIDELINES.md) for the factual ``events`` (corrected) in the reviewed ``docs``.

    One line per event and reviewed document among its evidence, quoting its first passage there; events
    without a year or without two actor codes cannot be gold and are left out. ``fact`` names the event.
    """
    lex = lex or read_lexicon()
    out: list[dict[str, Any]] = []
    for rec in events:
        a, b = _code(rec.get("source")), _code(rec.get("target"))
        if not rec.get("date") or not a or not b or rec.get("negated") or rec.get("hypothetical"):
            continue
        seen: set[str] = set()
        for ev in rec.get("evidence") or []:
            doc = ev.get("doc")
            if doc not in docs or doc in seen:
                continue
            seen.add(doc)
            line = {"doc": doc, "id": "", "date": rec["date"], "end": rec.get("end"), "actors": [a, b],
                    "directed": not lex.is_mutual(rec["type"], rec.get("mode")),
                    "type": lex.coarse(rec["type"], rec.get("mode")), "persons": list(rec.get("persons") or []),
                    "text": ev.get("text", ""), "fact": rec["id"]}  # fmt: skip
            out.append(line)
    out.sort(key=lambda g: (g["doc"], g["date"], g["fact"]))
    per_doc: dict[str, int] = {}
    for line in out:
        per_doc[line["doc"]] = per_doc.get(line["doc"], 0) + 1
        line["id"] = f"c{sorted(docs).index(line['doc']):03d}-{per_doc[line['doc']]:02d}"
    return out
