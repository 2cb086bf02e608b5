"""The corrections table, and corrections applied to (and lifted from) the derived ``events`` table.

Corrections are kept apart from what they correct: ``corrections`` holds the analyst's log, keyed by the
fact id they saw; ``uncorrected_events`` the rows of ``events`` as the rebuild left them, for each event a
correction changed or withheld. :func:`lift` puts those rows back (the model as extracted), :func:`apply_all`
applies every live correction again. The derived rebuild lifts before it merges and applies after, so a
correction survives a re-ingest of its document and any rebuild; a correction whose event got another id (two
events merged, the anchor's document was replaced) follows ``id_redirects`` to it. A correction whose event
is gone altogether (its passages deleted) stays in the log and applies to nothing.

>>> add(store, fact="ev-…", action="type", value={"type": "ACCUSE", "mode": None}, who="ana", why="…")  # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from dyad.analysis.corrections import Correction, apply, pair_of
from dyad.store.db import Store


def add(store: Store, *, fact: str, action: str, value: Any, who: str, why: str, kind: str = "event") -> Correction:
    """Append one correction to the log and return it (not yet applied: see :func:`refresh`)."""
    row = store.con.execute("SELECT coalesce(max(n), 0) + 1 FROM corrections").fetchone()
    n = int(row[0]) if row else 1
    at = datetime.now(UTC).replace(microsecond=0)
    store.con.execute(
        "INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?, ?, false)",
        [n, kind, fact, action, json.dumps(value), who, why, at],
    )
    return Correction(n, kind, fact, action, value, who, why, at.strftime("%Y-%m-%d %H:%M:%S"))


def withdraw(store: Store, n: int) -> Correction | None:
    """Mark correction ``n`` withdrawn (it stays in the log); None when there is no such correction."""
    store.con.execute("UPDATE corrections SET withdrawn = true WHERE n = ?", [n])
    found = listing(store, number=n)
    return found[0] if found else None


def listing(
    store: Store, *, facts: list[str] | None = None, number: int | None = None, live: bool = False
) -> list[Correction]:
    """Corrections in the order made; only those of ``facts`` (ids as given), of ``number``, or not withdrawn."""
    clauses, params = [], []
    if facts is not None:
        clauses.append("fact = ANY(?)")
        params.append(facts)
    if number is not None:
        clauses.append("n = ?")
        params.append(number)
    if live:
        clauses.append("NOT withdrawn")
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    cur = store.con.execute(
        f"SELECT n, kind, fact, action, value, who, why, strftime(made_at, '%Y-%m-%d %H:%M:%S'), withdrawn"  # noqa: S608
        f" FROM corrections{where} ORDER BY n",
        params,
    )
    rows = cur.fetchall()
    return [Correction(n, k, f, a, json.loads(v) if v else None, w, y, t, d) for n, k, f, a, v, w, y, t, d in rows]


def target(store: Store, fact: str) -> str | None:
    """The id the event ``fact`` lives under now: itself, or where ``id_redirects`` sends it; None if gone."""
    for candidate in (fact, store.redirect(fact)):
        if candidate is None:
            continue
        row = store.con.execute(
            "SELECT 1 FROM events WHERE id = ? UNION ALL SELECT 1 FROM uncorrected_events WHERE id = ?",
            [candidate, candidate],
        ).fetchone()
        if row:
            return candidate
    return None


def lift(store: Store) -> None:
    """Put back the rows of ``events`` that corrections changed or withheld: the model as extracted.

    Each step is idempotent, so a kill between the two leaves nothing a later lift cannot finish.
    """
    rows = store.con.execute("SELECT id, pair, record FROM uncorrected_events").fetchall()
    if not rows:
        return
    originals = [{**json.loads(record), "pair": pair} for _i, pair, record in rows]
    store.replace_event_ids([r[0] for r in rows], originals)
    store.con.execute("DELETE FROM uncorrected_events")


def apply_all(store: Store) -> int:
    """Apply every live correction to the (lifted) ``events`` table; returns how many events it changed.

    The rows as they were are kept first (so a kill before the events change leaves a state :func:`lift`
    restores), then the corrected rows replace them through the store's own event writer.
    """
    groups: dict[str, list[Correction]] = defaultdict(list)
    for c in listing(store, live=True):
        if c.kind == "event" and (where := target(store, c.fact)) is not None:
            groups[where].append(c)
    if not groups:
        return 0
    cur = store.con.execute("SELECT id, pair, record FROM events WHERE id = ANY(?)", [sorted(groups)])
    rows = {i: (pair, json.loads(record)) for i, pair, record in cur.fetchall()}
    changed = [apply(rows[i][1], groups[i]) for i in sorted(rows)]
    kept = [[i, pair, json.dumps(rec)] for i, (pair, rec) in sorted(rows.items())]
    store.con.executemany("INSERT OR REPLACE INTO uncorrected_events VALUES (?, ?, ?)", kept)
    keep = [{**rec, "pair": pair_of(rec)} for rec in changed if not rec["correction"]["wrong"]]
    store.replace_event_ids(sorted(rows), keep)
    return len(changed)


def refresh(store: Store) -> int:
    """Lift and apply again: after a correction is added or withdrawn."""
    lift(store)
    return apply_all(store)


def withheld(store: Store, event_id: str) -> dict[str, Any] | None:
    """An event marked wrong (so absent from ``events``), with its corrections applied; None otherwise."""
    row = store.con.execute("SELECT record FROM uncorrected_events WHERE id = ?", [event_id]).fetchone()
    if row is None or store.con.execute("SELECT 1 FROM events WHERE id = ?", [event_id]).fetchone():
        return None
    olds = store.con.execute("SELECT old FROM id_redirects WHERE new = ?", [event_id]).fetchall()
    facts = [event_id, *(r[0] for r in olds)]
    return apply(json.loads(row[0]), listing(store, facts=facts, live=True))


def actor_ref(store: Store, text: str) -> dict[str, Any]:
    """An actor for a ``source``/``target`` correction from an id, a country code or a name (CorrectionError)."""
    from dyad.errors import CorrectionError
    from dyad.extract.knowledge import load_knowledge
    from dyad.store.facts import resolve_actor

    text = text.strip()
    row = store.con.execute("SELECT id, name, country FROM entities WHERE id = ?", [text]).fetchone()
    if row:
        return {"id": row[0], "name": row[1], "country": row[2]}
    kb = load_knowledge()
    known = kb.by_id.get(text) or kb.state(text.upper() if len(text) <= 5 else None)
    if known is not None:
        return {"id": known.id, "name": known.name, "country": known.country}
    found = resolve_actor(store, text)
    if found["name"] is not None and found["id"] != text:
        return actor_ref(store, found["id"])
    raise CorrectionError(f"no actor {text!r}: give an actor id (see dyad export entities), a country code or a name")


def make(
    store: Store,
    fact: str,
    changes: dict[str, Any],
    *,
    who: str,
    why: str,
) -> list[Correction]:
    """Check and store the corrections of one event, then apply them; CorrectionError names what is wrong.

    ``changes`` holds any of ``wrong`` / ``confirm`` (True), ``type`` (and ``mode``), ``date`` (and ``end``),
    ``source``, ``target`` (an actor id, country code or name).
    """
    from dyad.analysis.corrections import check_date, type_value
    from dyad.errors import CorrectionError

    if not why.strip():
        raise CorrectionError("say why (--why): a correction without a reason cannot be reviewed")
    if target(store, fact) is None:
        raise CorrectionError(f"no event {fact!r} in {store.path.name}; copy the id from its page or dyad export")
    todo: list[tuple[str, Any]] = []
    try:
        if changes.get("wrong"):
            todo.append(("wrong", None))
        if changes.get("confirm"):
            todo.append(("confirm", None))
        if changes.get("type"):
            todo.append(("type", type_value(changes["type"], changes.get("mode"))))
        elif changes.get("mode"):
            raise ValueError("--mode goes with --type")
        if changes.get("date"):
            end = check_date("--end", changes["end"]) if changes.get("end") else None
            if end and end < changes["date"]:
                raise ValueError(f"--end {end} is before --date {changes['date']}")
            todo.append(("date", {"date": check_date("--date", changes["date"]), "end": end}))
        elif changes.get("end"):
            raise ValueError("--end goes with --date")
    except ValueError as exc:
        raise CorrectionError(str(exc)) from exc
    for side in ("source", "target"):
        if changes.get(side):
            todo.append((side, actor_ref(store, changes[side])))
    if not todo:
        raise CorrectionError("nothing to correct: give --wrong, --confirm, --type, --date, --source or --target")
    made = [add(store, fact=fact, action=a, value=v, who=who.strip() or "?", why=why.strip()) for a, v in todo]
    refresh(store)
    return made


def reviewed_documents(store: Store) -> set[str]:
    """The documents holding evidence of an event a live correction changed, confirmed or withheld."""
    docs: set[str] = set()
    for (record,) in store.con.execute("SELECT record FROM uncorrected_events").fetchall():
        docs.update(str(ev.get("doc")) for ev in json.loads(record).get("evidence") or [])
    return docs


def export_gold(store: Store) -> list[dict[str, Any]]:
    """Gold lines (gold/GUIDELINES.md) of the corrected model for every document an analyst reviewed."""
    from dyad.analysis.corrections import gold_lines

    return gold_lines(store.derived("events"), reviewed_documents(store))
