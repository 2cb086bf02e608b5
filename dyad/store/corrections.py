"""The corrections table, and corrections applied to (and lifted from) the derived ``events`` table.

Corrections are kept apart from what they correct: ``corrections`` holds the analyst's log, keyed by the
fact id they saw; ``uncorrected_events`` the rows of ``events`` as the rebuild left them, for each event a
correction changed or withheld. :func:`lift` puts those rows back (the model as extracted), :func:`apply_all`
applies every live correction again. The derived rebuild lifts before it merges and applies after, so a
correction survives a re-ingest of its document and any rebuild; a correction whose event got another id (two
events merged, the anchor's document was replaced) follows ``id_redirects`` to it. A correction whose event
is gone altogether (its passages deleted) stays in the log and applies to nothing. Agreements are kept alike
in ``uncorrected_agreements``; positions and quantities, which have no id, in :mod:`corrections_spans`.

>>> add(store, fact="ev-…", action="type", value={"type": "ACCUSE", "mode": None}, who="ana", why="…")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from dyad.config import Options
from dyad.knowledge import Knowledge
from dyad.knowledge.actors import Actors
from dyad.knowledge.events import Lexicon
from dyad.store import corrections_spans as spans
from dyad.store import derived
from dyad.store.corrections_rules import Correction, apply, pair_of
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
    clauses: list[str] = []
    params: list[Any] = []
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
        f"SELECT n, kind, fact, action, value, who, why, strftime(made_at, '%Y-%m-%d %H:%M:%S'), withdrawn"
        f" FROM corrections{where} ORDER BY n",
        params,
    )
    rows = cur.fetchall()
    return [Correction(n, k, f, a, json.loads(v) if v else None, w, y, t, d) for n, k, f, a, v, w, y, t, d in rows]


#: Per kind of fact: its derived table, and the table that keeps its rows as the rebuild left them.
TABLES = {"event": ("events", "uncorrected_events"), "agreement": ("agreements", "uncorrected_agreements")}


def target(store: Store, fact: str, kind: str = "event") -> str | None:
    """The id the fact lives under now: itself, or where ``id_redirects`` sends it (for a position or
    quantity, the name of its passage now); None if gone."""
    if kind in spans.TABLES:
        return spans.target(store, fact)
    table, kept = TABLES[kind]
    for candidate in (fact, store.redirect(fact)):
        if candidate is None:
            continue
        row = store.con.execute(
            f"SELECT 1 FROM {table} WHERE id = ? UNION ALL SELECT 1 FROM {kept} WHERE id = ?",
            [candidate, candidate],
        ).fetchone()
        if row:
            return candidate
    return None


def kind_of(store: Store, fact: str) -> str | None:
    """``event``, ``agreement``, ``position`` or ``quantity``: which kind of fact ``fact`` names (None when
    none holds it)."""
    parsed = spans.parse(fact)
    if parsed is not None:
        return parsed[0] if spans.target(store, fact) is not None else None
    return next((kind for kind in TABLES if target(store, fact, kind) is not None), None)


def canonical(fact: str) -> str:
    """The fact's name as the log keeps it: an id as given, a position's or quantity's page address as its
    name (``positions/DOC/START-END``)."""
    parsed = spans.parse(fact)
    return spans.key(*parsed) if parsed else fact.strip()


def lift(store: Store) -> None:
    """Put back the rows of ``events`` and ``agreements`` that corrections changed or withheld: the model as
    extracted. Each step is idempotent, so a kill between two leaves nothing a later lift cannot finish."""
    rows = store.con.execute("SELECT id, pair, record FROM uncorrected_events").fetchall()
    if rows:
        originals = [{**json.loads(record), "pair": pair} for _i, pair, record in rows]
        derived.replace_event_ids(store, [r[0] for r in rows], originals)
        store.con.execute("DELETE FROM uncorrected_events")
    rows = store.con.execute("SELECT id, record FROM uncorrected_agreements").fetchall()
    if rows:
        derived.replace_agreement_ids(store, [r[0] for r in rows], [json.loads(record) for _i, record in rows])
        store.con.execute("DELETE FROM uncorrected_agreements")
    spans.lift(store)


def packaged() -> Knowledge:
    """The packaged knowledge (each part read when first asked for), for a caller that holds no bundle of its own."""
    return Knowledge.from_options(Options())


def apply_all(store: Store, lex: Lexicon | None = None) -> int:
    """Apply every live correction to the (lifted) derived tables; returns how many facts it changed (the
    types of ``lex``, the run's event lexicon; the packaged one when None).

    The rows as they were are kept first (so a kill before the facts change leaves a state :func:`lift`
    restores), then the corrected rows replace them through the store's own writers.
    """
    groups: dict[tuple[str, str], list[Correction]] = defaultdict(list)
    live = listing(store, live=True)
    for c in live:
        if c.kind in TABLES and (where := target(store, c.fact, c.kind)) is not None:
            groups[(c.kind, where)].append(c)
    lex = lex or packaged().events
    applied = _apply_events(store, groups, lex) + _apply_agreements(store, groups, lex)
    return applied + spans.apply_all(store, live, lex)


def _apply_events(store: Store, groups: dict[tuple[str, str], list[Correction]], lex: Lexicon) -> int:
    ids = sorted(i for kind, i in groups if kind == "event")
    if not ids:
        return 0
    cur = store.con.execute("SELECT id, pair, record FROM events WHERE id = ANY(?)", [ids])
    rows = {i: (pair, json.loads(record)) for i, pair, record in cur.fetchall()}
    changed = [apply(rows[i][1], groups[("event", i)], lex) for i in sorted(rows)]
    kept = [[i, pair, json.dumps(rec)] for i, (pair, rec) in sorted(rows.items())]
    store.con.executemany("INSERT OR REPLACE INTO uncorrected_events VALUES (?, ?, ?)", kept)
    keep = [{**rec, "pair": pair_of(rec)} for rec in changed if not rec["correction"]["wrong"]]
    derived.replace_event_ids(store, sorted(rows), keep)
    return len(changed)


def _apply_agreements(store: Store, groups: dict[tuple[str, str], list[Correction]], lex: Lexicon) -> int:
    ids = sorted(i for kind, i in groups if kind == "agreement")
    if not ids:
        return 0
    cur = store.con.execute("SELECT id, record FROM agreements WHERE id = ANY(?)", [ids])
    rows = {i: json.loads(record) for i, record in cur.fetchall()}
    changed = [apply(rows[i], groups[("agreement", i)], lex) for i in sorted(rows)]
    kept = [[i, json.dumps(rec)] for i, rec in sorted(rows.items())]
    store.con.executemany("INSERT OR REPLACE INTO uncorrected_agreements VALUES (?, ?)", kept)
    derived.replace_agreement_ids(store, sorted(rows), [rec for rec in changed if not rec["correction"]["wrong"]])
    return len(changed)


def refresh(store: Store, knowledge: Knowledge | None = None) -> int:
    """Lift and apply again: after a correction is added or withdrawn (with ``knowledge``'s event types; the
    packaged ones when None)."""
    lift(store)
    return apply_all(store, (knowledge or packaged()).events)


def withheld(store: Store, fact_id: str, kind: str = "event") -> dict[str, Any] | None:
    """A fact marked wrong (so absent from its table), with its corrections applied; None otherwise."""
    table, kept = TABLES[kind]
    row = store.con.execute(f"SELECT record FROM {kept} WHERE id = ?", [fact_id]).fetchone()
    if row is None or store.con.execute(f"SELECT 1 FROM {table} WHERE id = ?", [fact_id]).fetchone():
        return None
    olds = store.con.execute("SELECT old FROM id_redirects WHERE new = ?", [fact_id]).fetchall()
    facts = [fact_id, *(r[0] for r in olds)]
    return apply(json.loads(row[0]), [c for c in listing(store, facts=facts, live=True) if c.kind == kind])


def actor_ref(store: Store, text: str, kb: Actors | None = None) -> dict[str, Any]:
    """An actor for a ``source``/``target`` correction from an id, a country code or a name (CorrectionError);
    ``kb``: the actor knowledge (the packaged actors when None)."""
    from dyad.errors import CorrectionError
    from dyad.store.facts import resolve_actor

    text = text.strip()
    row = store.con.execute("SELECT id, name, country FROM entities WHERE id = ?", [text]).fetchone()
    if row:
        return {"id": row[0], "name": row[1], "country": row[2]}
    kb = kb or packaged().actors
    known = kb.by_id.get(text) or kb.state(text.upper() if len(text) <= 5 else None)
    if known is not None:
        return {"id": known.id, "name": known.name, "country": known.country}
    found = resolve_actor(store, text)
    if found["name"] is not None and found["id"] != text:
        return actor_ref(store, found["id"], kb)
    raise CorrectionError(f"no actor {text!r}: give an actor id (see dyad export entities), a country code or a name")


def make(
    store: Store,
    fact: str,
    changes: dict[str, Any],
    *,
    who: str,
    why: str,
    knowledge: Knowledge | None = None,
) -> list[Correction]:
    """Check and store the corrections of one fact, then apply them; CorrectionError names what is wrong.

    ``fact`` is an event's or agreement's id, or a position's or quantity's name (its page's address,
    ``positions/DOC/START-END``). ``changes`` holds any of ``wrong`` / ``confirm`` (True), ``date`` (and, for an
    event, ``end``); for an event ``type`` (and ``mode``), ``source``, ``target`` (an actor id, country code or
    name); for an agreement ``status`` and ``parties`` (country codes, comma-separated or a list); for a
    position ``stance``, ``issue`` (slugs) and ``actor``; for a quantity ``value``, ``unit``, ``what`` and
    ``subject`` (country codes). ``knowledge``: the caller's bundle (the web app keeps one); the packaged
    knowledge when None.
    """
    from dyad.errors import CorrectionError
    from dyad.store.corrections_rules import ACTIONS

    if not why.strip():
        raise CorrectionError("say why (--why): a correction without a reason cannot be reviewed")
    kind = kind_of(store, fact)
    if kind is None:
        raise CorrectionError(
            f"no event, agreement, position or quantity {fact!r} in {store.path.name}; copy the id (for a position"
            " or quantity, its page's address: positions/DOC/START-END) from its page or dyad export"
        )
    given = [k for k, v in changes.items() if v and k not in ("mode", "end")]
    if unfit := [k for k in given if k not in ACTIONS[kind]]:
        article = "an" if kind[0] in "aeiou" else "a"
        raise CorrectionError(f"{article} {kind} takes no --{unfit[0]}; it takes --{', --'.join(ACTIONS[kind])}")
    knowledge = knowledge or packaged()
    try:
        todo = _todo(store, kind, changes, knowledge)
    except ValueError as exc:
        raise CorrectionError(str(exc)) from exc
    if not todo:
        raise CorrectionError(f"nothing to correct: give --{', --'.join(ACTIONS[kind])}")
    made = [
        add(store, fact=canonical(fact), action=a, value=v, who=who.strip() or "?", why=why.strip(), kind=kind)
        for a, v in todo
    ]
    refresh(store, knowledge)
    return made


def _todo(store: Store, kind: str, changes: dict[str, Any], knowledge: Knowledge) -> list[tuple[str, Any]]:
    """``(action, value)`` for each change asked for, checked (ValueError says what is wrong)."""
    from dyad.store.corrections_rules import STATUSES, check_date, type_value

    todo: list[tuple[str, Any]] = [(flag, None) for flag in ("wrong", "confirm") if changes.get(flag)]
    if changes.get("type"):
        todo.append(("type", type_value(changes["type"], changes.get("mode"), knowledge.events)))
    elif changes.get("mode"):
        raise ValueError("--mode goes with --type")
    if changes.get("date"):
        date = check_date("--date", changes["date"])
        end = check_date("--end", changes["end"]) if changes.get("end") else None
        if end and end < date:
            raise ValueError(f"--end {end} is before --date {date}")
        if end and kind != "event":
            raise ValueError("--end is for events; an agreement has one date")
        todo.append(("date", {"date": date, "end": end} if kind == "event" else {"date": date}))
    elif changes.get("end"):
        raise ValueError("--end goes with --date")
    if status := changes.get("status"):
        status = status.strip().lower().replace(" ", "_").replace("-", "_")
        if status not in STATUSES:
            raise ValueError(f"unknown status {changes['status']!r}; use one of {', '.join(STATUSES)}")
        todo.append(("status", {"status": status}))
    if changes.get("parties"):
        todo.append(("parties", {"parties": sorted(set(_codes("parties", changes["parties"])))}))
    if changes.get("subject"):
        todo.append(("subject", {"subject": list(dict.fromkeys(_codes("subject", changes["subject"])))}))
    for side in ("source", "target", "actor"):
        if changes.get(side):
            todo.append((side, actor_ref(store, changes[side], knowledge.actors)))
    for name in ("stance", "issue"):
        if raw := changes.get(name):
            slug = re.sub(r"[^a-z0-9]+", "-", str(raw).lower()).strip("-")
            if not slug:
                raise ValueError(f"--{name} {raw!r}: give a slug, e.g. two-plus-alpha")
            todo.append((name, {name: slug}))
    if (raw := changes.get("value")) not in (None, ""):
        try:
            number = float(str(raw).replace(",", "").strip())
        except ValueError:
            raise ValueError(f"--value {raw!r} is not a number") from None
        todo.append(("value", {"value": number}))
    for name in ("unit", "what"):
        if raw := " ".join(str(changes.get(name) or "").split()):
            todo.append((name, {name: raw}))
    return todo


def _codes(flag: str, raw: str | list[str]) -> list[str]:
    """Country codes from ``JPN,SUN`` or a list (ValueError for anything else)."""
    codes = [c.strip().upper() for c in (raw.split(",") if isinstance(raw, str) else raw) if c.strip()]
    if not codes or any(not re.fullmatch(r"[A-Z0-9]{2,5}", c) for c in codes):
        raise ValueError(f"--{flag} {raw!r}: give country codes separated by commas, e.g. JPN,SUN")
    return codes


#: The kinds of fact ``--export-gold`` writes, each in its scorer's format.
GOLD_KINDS = ("events", "agreements", "positions", "quantities")


def reviewed_documents(store: Store, kind: str = "events") -> set[str]:
    """The documents holding evidence of a fact of ``kind`` that a live correction changed, confirmed or
    withheld."""
    if kind in ("positions", "quantities"):
        return spans.reviewed_documents(store, kind[:-1] if kind == "positions" else "quantity")
    table = {"events": "uncorrected_events", "agreements": "uncorrected_agreements"}[kind]
    docs: set[str] = set()
    for (record,) in store.con.execute(f"SELECT record FROM {table}").fetchall():
        docs.update(str(ev.get("doc")) for ev in json.loads(record).get("evidence") or [])
    return docs


def export_gold(store: Store, kind: str = "events") -> list[dict[str, Any]]:
    """Gold lines of the corrected model for every document an analyst reviewed, in the format of the scorer
    of ``kind`` (gold/GUIDELINES.md for events; :mod:`dyad.store.corrections_gold` for the others)."""
    from dyad.store.corrections_gold import agreement_lines, position_lines, quantity_lines
    from dyad.store.corrections_rules import gold_lines

    docs = reviewed_documents(store, kind)
    if kind == "events":
        return gold_lines(store.derived("events"), docs)
    if kind == "agreements":
        return agreement_lines(store.derived("agreements"), docs)
    rows = (record for _doc_id, record in store.records(kind))
    return position_lines(rows, docs) if kind == "positions" else quantity_lines(rows, docs)
