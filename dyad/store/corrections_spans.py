"""Corrections of the facts that have no id of their own: positions and quantities, named by their passage.

A position or quantity is named as its page is, by its table and the span of the original text it rests on:
``positions/DOC/START-END`` or ``quantities/DOC/START-END`` (a page's address is accepted too). Both live in
the per-document tables, which an ingest writes once per version of a document. So a correction changes the
row where it stands: :func:`apply_all` finds each corrected record (in the document's current version, or
where a new version moved its passage, as the pages' redirects do), keeps it as extracted in
``uncorrected_records`` and writes it corrected (or, marked wrong, withholds it); :func:`lift` puts every kept
record back. The derived rebuild lifts first and applies last (:mod:`dyad.store.corrections`), so a
correction survives a re-ingest of its document, changed or not.

>>> parse("http://127.0.0.1:8000/positions/a%20b.txt/120-240")
('position', 'a b.txt', 120, 240)
>>> key("quantity", "a.txt", 5, 9)
'quantities/a.txt/5-9'
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

from dyad.store.corrections_rules import Correction, apply
from dyad.store.db import Store

#: Kind of fact -> its per-document table.
TABLES = {"position": "positions", "quantity": "quantities"}
_KINDS = {table: kind for kind, table in TABLES.items()}
_KEY = re.compile(r"(?:.*?/)?(positions|quantities)/([^/]+)/(\d{1,9})-(\d{1,9})(?:\.json)?/?")
_AT_SPAN = (
    "json_extract(t.record, '$.evidence.start')::INTEGER = ? AND json_extract(t.record, '$.evidence.end')::INTEGER = ?"
)


def parse(text: str) -> tuple[str, str, int, int] | None:
    """``(kind, doc, start, end)`` of a position's or quantity's name or page address, else None."""
    found = _KEY.fullmatch(text.strip().split("#", 1)[0].split("?", 1)[0])
    if not found or int(found.group(3)) > int(found.group(4)):
        return None
    table, doc, start, end = found.groups()
    return _KINDS[table], unquote(doc), int(start), int(end)


def key(kind: str, doc: str, start: int, end: int) -> str:
    """The name of the position or quantity resting on ``doc[start:end]``."""
    return f"{TABLES[kind]}/{doc}/{start}-{end}"


def _row(store: Store, kind: str, doc: str, start: int, end: int) -> tuple[str, int, str] | None:
    """``(doc_id, rowid, record)`` of the record on that span of the document's current version (the first
    in its document's order when one passage holds several)."""
    row = store.con.execute(
        f"SELECT t.doc_id, t.rowid, t.record FROM {TABLES[kind]} t JOIN documents d USING (doc_id)"
        f" WHERE d.current AND d.name = ? AND {_AT_SPAN} ORDER BY t.rowid LIMIT 1",
        [doc, start, end],
    ).fetchone()
    return (row[0], int(row[1]), row[2]) if row else None


def locate(store: Store, kind: str, doc: str, start: int, end: int) -> tuple[str, int, str] | None:
    """The record a name points to now: on its span, or where a new version of the document moved it."""
    from dyad.store.facts import moved_span

    found = _row(store, kind, doc, start, end)
    if found is None and (moved := moved_span(store, TABLES[kind], doc, start, end)) is not None:
        found = _row(store, kind, doc, *moved)
    return found


def _span_of(record: str) -> tuple[int, int]:
    ev = json.loads(record).get("evidence") or {}
    return int(ev["start"]), int(ev["end"])


def target(store: Store, fact: str) -> str | None:
    """The name the position or quantity ``fact`` lives under now (withheld ones too); None if gone."""
    parsed = parse(fact)
    if parsed is None:
        return None
    kind, doc = parsed[0], parsed[1]
    found = locate(store, *parsed)
    if found is not None:
        return key(kind, doc, *_span_of(found[2]))
    return key(*parsed) if withheld(store, *parsed) is not None else None


def withheld(store: Store, kind: str, doc: str, start: int, end: int) -> dict[str, Any] | None:
    """A position or quantity marked wrong (so absent from its table), with its corrections applied."""
    row = store.con.execute(
        "SELECT t.corrected FROM uncorrected_records t JOIN documents d USING (doc_id)"
        f" WHERE t.withheld AND t.kind = ? AND d.current AND d.name = ?"
        f" AND {_AT_SPAN.replace('t.record', 't.corrected')} LIMIT 1",
        [kind, doc, start, end],
    ).fetchone()
    return json.loads(row[0]) if row else None


def lift(store: Store) -> None:
    """Put every corrected or withheld position and quantity back as extracted (one transaction)."""
    rows = store.con.execute("SELECT kind, doc_id, original, corrected, withheld FROM uncorrected_records").fetchall()
    if not rows:
        return
    with store.transaction():
        for kind, doc_id, original, corrected, gone in rows:
            table = TABLES[kind]
            if gone:
                store.con.execute(f"INSERT INTO {table} VALUES (?, ?)", [doc_id, original])
                continue
            found = store.con.execute(
                f"SELECT rowid FROM {table} WHERE doc_id = ? AND record = ? LIMIT 1", [doc_id, corrected]
            ).fetchone()
            if found:
                store.con.execute(f"UPDATE {table} SET record = ? WHERE rowid = ?", [original, found[0]])
        store.con.execute("DELETE FROM uncorrected_records")


def apply_all(store: Store, corrections: Iterable[Correction], lex: Any = None) -> int:
    """Apply the live corrections of positions and quantities to the (lifted) tables; how many records changed.

    Every name is resolved first (a moved passage is found by comparing records as extracted), then the
    records are changed, in one transaction.
    """
    groups: dict[tuple[str, str, int], list[Correction]] = defaultdict(list)
    originals: dict[tuple[str, str, int], str] = {}
    for c in corrections:
        parsed = parse(c.fact) if c.kind in TABLES else None
        found = locate(store, *parsed) if parsed else None
        if found is not None:
            where = (c.kind, found[0], found[1])
            groups[where].append(c)
            originals[where] = found[2]
    if not groups:
        return 0
    with store.transaction():
        for (kind, doc_id, rowid), made in sorted(groups.items()):
            original = originals[(kind, doc_id, rowid)]
            record = apply(json.loads(original), made, lex)
            corrected, gone = json.dumps(record), bool(record["correction"]["wrong"])
            if gone:
                store.con.execute(f"DELETE FROM {TABLES[kind]} WHERE rowid = ?", [rowid])
            else:
                store.con.execute(f"UPDATE {TABLES[kind]} SET record = ? WHERE rowid = ?", [corrected, rowid])
            store.con.execute(
                "INSERT INTO uncorrected_records VALUES (?, ?, ?, ?, ?)", [kind, doc_id, original, corrected, gone]
            )
    return len(groups)


def reviewed_documents(store: Store, kind: str) -> set[str]:
    """The current documents holding a position (quantity) that a live correction changed, confirmed or withheld."""
    rows = store.con.execute(
        "SELECT DISTINCT d.name FROM uncorrected_records t JOIN documents d USING (doc_id)"
        " WHERE d.current AND t.kind = ?",
        [kind],
    ).fetchall()
    return {r[0] for r in rows}


def withheld_records(store: Store, kind: str) -> list[dict[str, Any]]:
    """The positions (quantities) of current documents that an analyst marked wrong, as corrected."""
    rows = store.con.execute(
        "SELECT t.corrected FROM uncorrected_records t JOIN documents d USING (doc_id)"
        " WHERE d.current AND t.withheld AND t.kind = ?",
        [kind],
    ).fetchall()
    return [json.loads(r[0]) for r in rows]
