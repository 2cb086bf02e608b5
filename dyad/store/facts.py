"""Read queries behind the one-fact pages and the document page's links from a passage to its facts.

A merged event keeps its evidence as ``(doc, start, end)`` entries; the
per-document ``event_mentions`` rows it was merged from carry the same spans.
These queries join the two ways: from an event to the mentions it merged (what
each source said, with its own date), and from a document to the merged events,
agreements, positions and quantities that cite it. Lookups narrow on the plain
``pair`` column and on the document name inside the JSON text before any JSON
is parsed.

>>> facts_citing(store, "a.txt")  # doctest: +SKIP
[{'start': 120, 'end': 240, 'kind': 'event', 'id': 'ev-…', 'label': 'CONSULT 2016-12-15 …'}]
"""

from __future__ import annotations

import json
import re
from typing import Any

from dyad.store.db import Store, dict_rows
from dyad.store.queries import has_pair_column


def sentences(store: Store, doc_id: str) -> list[dict[str, Any]]:
    """A document's sentences in order: repaired ``start``/``end``, original ``ostart``/``oend``, story time."""
    cur = store.con.execute(
        'SELECT idx, para, start, "end", ostart, oend, ref_date FROM passages WHERE doc_id = ? ORDER BY idx',
        [doc_id],
    )
    return dict_rows(cur)


def timexes(store: Store, doc_id: str, start: int, end: int) -> list[dict[str, Any]]:
    """Time expressions the time layer normalised inside the original span ``[start, end)``."""
    cur = store.con.execute(
        'SELECT start, "end", text, value, end_value, precision, relative FROM timexes'
        ' WHERE doc_id = ? AND start >= ? AND "end" <= ? ORDER BY start',
        [doc_id, start, end],
    )
    return dict_rows(cur)


def _current_ids(store: Store, names: list[str]) -> dict[str, str]:
    if not names:
        return {}
    cur = store.con.execute("SELECT name, doc_id FROM documents WHERE current AND name = ANY(?)", [names])
    return {name: doc_id for name, doc_id in cur.fetchall()}


def _same_span(ev: Any, doc: str, start: int | None, end: int | None) -> bool:
    return isinstance(ev, dict) and ev.get("doc") == doc and ev.get("start") == start and ev.get("end") == end


def merged_mentions(store: Store, event: dict[str, Any]) -> list[dict[str, Any]]:
    """The per-document event records merged into ``event``, one per evidence entry it holds (when found)."""
    evidence = [ev for ev in event.get("evidence") or [] if isinstance(ev, dict)]
    ids = _current_ids(store, sorted({str(ev.get("doc")) for ev in evidence}))
    out: list[dict[str, Any]] = []
    for doc, doc_id in ids.items():
        cur = store.con.execute("SELECT record FROM event_mentions WHERE doc_id = ?", [doc_id])
        records = [json.loads(r[0]) for r in cur.fetchall()]
        for ev in evidence:
            if ev.get("doc") != doc:
                continue
            same = [r for r in records if _same_span(r.get("evidence"), doc, ev.get("start"), ev.get("end"))]
            # one sentence can hold several acts: the one merged here shares the event's type, sides and date
            same.sort(key=lambda r: sum(r.get(k) != event.get(k) for k in ("type", "source", "target", "date")))
            if same:
                out.append({k: v for k, v in same[0].items() if k != "evidence"} | {"evidence": ev})
    return out


def _label_event(rec: dict[str, Any]) -> str:
    who = (rec.get("source") or {}).get("name") or "?"
    whom = (rec.get("target") or {}).get("name") or "?"
    return f"{rec.get('type')} {rec.get('date') or 'undated'}: {who} → {whom}"


def _events_citing(store: Store, doc: str, doc_id: str) -> list[dict[str, Any]]:
    needle = json.dumps(doc)  # records are stored with json.dumps, so the name appears exactly like this
    where, params = "NOT negated AND NOT hypothetical AND contains(record, ?)", list[Any]([needle])
    if has_pair_column(store):
        cur = store.con.execute("SELECT DISTINCT pair FROM event_mentions WHERE doc_id = ?", [doc_id])
        pairs = [r[0] for r in cur.fetchall()]
        if pairs and all(p and "?" not in p for p in pairs):  # rows written without pairs: scan them all
            where += " AND pair = ANY(?)"
            params.append(pairs)
    cur = store.con.execute(f"SELECT id, record FROM events WHERE {where}", params)
    out = []
    for event_id, record in cur.fetchall():
        rec = json.loads(record)
        for ev in rec.get("evidence") or []:
            if isinstance(ev, dict) and ev.get("doc") == doc:
                out.append({"start": ev["start"], "end": ev["end"], "kind": "event", "id": event_id,
                            "label": _label_event(rec)})  # fmt: skip
    return out


def _agreements_citing(store: Store, doc: str) -> list[dict[str, Any]]:
    cur = store.con.execute("SELECT id, record FROM agreements WHERE contains(record, ?)", [json.dumps(doc)])
    out = []
    for agreement_id, record in cur.fetchall():
        rec = json.loads(record)
        steps = [(None, rec.get("evidence") or [])]
        steps += [(s.get("status"), s.get("evidence") or []) for s in rec.get("status_history") or []]
        seen = set()
        for status, evidence in steps:
            for ev in evidence:
                if isinstance(ev, dict) and ev.get("doc") == doc and (ev["start"], ev["end"]) not in seen:
                    seen.add((ev["start"], ev["end"]))
                    label = f"{rec.get('name')}: {status or rec.get('status') or 'mentioned'}"
                    out.append({"start": ev["start"], "end": ev["end"], "kind": "agreement", "id": agreement_id,
                                "label": label})  # fmt: skip
    return out


def _doc_rows(store: Store, table: str, doc_id: str) -> list[dict[str, Any]]:
    cur = store.con.execute(f"SELECT record FROM {table} WHERE doc_id = ?", [doc_id])
    return [json.loads(r[0]) for r in cur.fetchall()]


def facts_citing(store: Store, doc: str, doc_id: str) -> list[dict[str, Any]]:
    """Every served fact with evidence in the document: ``{start, end, kind, id, label}``, in text order.

    Events are the merged, factual ones (negated and hypothetical mentions are not facts); positions link
    to their actor, quantities to their indicator (neither has an id of its own).
    """
    found = _events_citing(store, doc, doc_id) + _agreements_citing(store, doc)
    for rec in _doc_rows(store, "positions", doc_id):
        ev, who = rec.get("evidence") or {}, rec.get("actor") or {}
        if isinstance(ev, dict) and "start" in ev:
            label = f"{who.get('name') or '?'}: {rec.get('stance')} ({rec.get('issue')})"
            found.append({"start": ev["start"], "end": ev["end"], "kind": "position", "id": who.get("id"),
                          "doc": doc, "label": label})  # fmt: skip
    for rec in _doc_rows(store, "quantities", doc_id):
        ev = rec.get("evidence") or {}
        if isinstance(ev, dict) and "start" in ev:
            label = f"{rec.get('what')}: {rec.get('value')} {rec.get('unit')} ({rec.get('date') or 'undated'})"
            found.append({"start": ev["start"], "end": ev["end"], "kind": "quantity", "id": rec.get("what"),
                          "doc": doc, "label": label})  # fmt: skip
    return sorted(found, key=lambda f: (f["start"], -f["end"], f["kind"], str(f["id"])))


def actor_names(store: Store) -> set[str]:
    """Lower-cased names of persons, states and organisations, and persons' surnames (who, never what)."""
    cur = store.con.execute("SELECT lower(name), kind FROM entities WHERE kind IN ('person', 'state', 'organisation')")
    names: set[str] = set()
    for name, kind in cur.fetchall():
        if name:
            names.add(name)
            if kind == "person":
                names.add(name.split()[-1])
    return names


def resolve_actor(store: Store, text: str) -> dict[str, Any]:
    """What an actor filter means: an entity id or a country code as given, else a name (or part of one).

    Returns ``{"asked", "id", "name", "others"}``: ``id`` is what to filter on (``text`` itself when nothing
    matches, so the filter finds nothing rather than something else), ``others`` the next best name matches.
    """
    row = store.con.execute("SELECT id, name FROM entities WHERE id = ?", [text]).fetchone()
    if row or re.fullmatch(r"[A-Z0-9]{2,5}", text):
        return {"asked": text, "id": text, "name": row[1] if row else text, "others": []}
    words = " ".join(text.lower().split())
    cur = store.con.execute(
        "SELECT id, name FROM entities WHERE kind IN ('person', 'state', 'organisation')"
        " AND regexp_matches(lower(name), ?)"
        " ORDER BY lower(name) = ? DESC, mentions DESC, name, id LIMIT 6",
        [r"(^|\W)" + re.escape(words) + r"(\W|$)", words],
    )
    found = [{"id": i, "name": n} for i, n in cur.fetchall()]
    if not found:
        return {"asked": text, "id": text, "name": None, "others": []}
    return {"asked": text, "id": found[0]["id"], "name": found[0]["name"], "others": found[1:]}


def _in_period(where: str, params: list[Any], date_from: str | None, date_to: str | None) -> tuple[str, list[Any]]:
    """``where`` narrowed to dates from ``date_from`` to ``date_to`` (a partial date covers all it holds)."""
    if date_from:
        where += " AND date >= ?"
        params = [*params, date_from]
    if date_to:
        where += " AND date <= ?"
        params = [*params, date_to + "\uffff"]  # '2016' covers every date of 2016
    return where, params


def salient_events(
    store: Store, pair: str, *, date_from: str | None, date_to: str | None, limit: int = 400
) -> list[dict[str, Any]]:
    """Factual events of one merged pair (``"JPN|RUS"``) in a period, strongest intensity first."""
    where, params = _in_period("NOT negated AND NOT hypothetical AND pair = ? AND date IS NOT NULL", [pair],
                               date_from, date_to)  # fmt: skip
    cur = store.con.execute(
        f"SELECT record FROM events WHERE {where} ORDER BY abs(intensity) DESC, date, id LIMIT ?",
        [*params, limit],
    )
    return [json.loads(r[0]) for r in cur.fetchall()]


def pair_summary(store: Store, pair: str, *, date_from: str | None, date_to: str | None) -> dict[str, Any]:
    """Factual events of one merged pair in a period: how many, how many conflictual, their mean intensity."""
    where, params = _in_period("NOT negated AND NOT hypothetical AND pair = ?", [pair], date_from, date_to)
    row = store.con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE quad LIKE '%conflict'), avg(intensity) FROM events WHERE {where}",
        params,
    ).fetchone()
    count, conflict, mean = row if row else (0, 0, None)
    return {"events": int(count or 0), "conflict": int(conflict or 0), "mean": mean}


def moved_span(store: Store, table: str, doc: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the position or quantity (``table``) that rested on ``doc[start:end]`` in an older version of
    the document rests in the current one: the one record there that reads the same (all but its offsets),
    else the one whose passage text is the same; None when it is still there, gone or not one."""
    if table not in ("positions", "quantities"):
        raise ValueError(f"no per-document records in {table!r}")
    if doc_record(store, table, doc, start, end) is not None:
        return None
    row = store.con.execute(
        f"SELECT t.record FROM {table} t JOIN documents d USING (doc_id)"
        " WHERE NOT d.current AND d.name = ? AND json_extract(t.record, '$.evidence.start')::INTEGER = ?"
        " AND json_extract(t.record, '$.evidence.end')::INTEGER = ? ORDER BY d.version DESC LIMIT 1",
        [doc, start, end],
    ).fetchone()
    if row is None:
        return None
    old = json.loads(row[0])
    text = (old.get("evidence") or {}).get("text")
    rows = store.con.execute(
        f"SELECT t.record FROM {table} t JOIN documents d USING (doc_id)"
        " WHERE d.current AND d.name = ? AND json_extract_string(t.record, '$.evidence.text') = ?",
        [doc, text],
    ).fetchall()
    found = [json.loads(r[0]) for r in rows]
    same = [r for r in found if _unplaced(r) == _unplaced(old)]
    pick = same if len(same) == 1 else found if len(found) == 1 else []
    return (pick[0]["evidence"]["start"], pick[0]["evidence"]["end"]) if pick else None


def _unplaced(record: dict[str, Any]) -> dict[str, Any]:
    """A per-document record without its offsets (what a new version that moves it leaves the same)."""
    ev = {k: v for k, v in (record.get("evidence") or {}).items() if k not in ("start", "end")}
    return {**record, "evidence": ev}


def doc_record(store: Store, table: str, doc: str, start: int, end: int) -> dict[str, Any] | None:
    """The position or quantity (``table``) resting on ``doc[start:end]``, in the export's shape, or None."""
    if table not in ("positions", "quantities"):
        raise ValueError(f"no per-document records in {table!r}")
    cur = store.con.execute(
        f"SELECT t.record FROM {table} t JOIN documents d USING (doc_id)"
        " WHERE d.current AND d.name = ? AND json_extract(t.record, '$.evidence.start')::INTEGER = ?"
        " AND json_extract(t.record, '$.evidence.end')::INTEGER = ? ORDER BY t.rowid LIMIT 1",
        [doc, start, end],
    )
    row = cur.fetchone()
    if row is None:
        return None
    rec = json.loads(row[0])
    rec["evidence"] = [rec["evidence"]] if isinstance(rec.get("evidence"), dict) else rec.get("evidence") or []
    return rec
