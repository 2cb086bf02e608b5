"""The one-fact pages: an event, an agreement, a position or a quantity with its evidence quoted in context.

``event(store, id)`` and ``agreement(store, id)`` return the page data (also its
``.json`` twin); the bare record, in the export's shape, is at ``/api/events/{id}``
and ``/api/agreements/{id}``. Each quote comes from the repaired text
(:mod:`dyad.web.evidence`); each link and offset is the contract's.

The date reasoning says where the date comes from: the merge keeps the most
precise date that its sources' own dates support (:mod:`dyad.analysis.merge`),
and each source's date comes from the time expressions of its sentence or, when
the sentence names none, from the story time the time layer carried there.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote as urlquote

from dyad.store import corrections, facts
from dyad.store import queries as q
from dyad.store.db import Store
from dyad.web.errors import not_found
from dyad.web.evidence import Documents
from dyad.web.render import span_url

PRECISION = {4: "year", 7: "month", 10: "day"}


def precision(date: str | None) -> str:
    return PRECISION.get(len(date or ""), "none") if date else "none"


def _source_date(store: Store, docs: Documents, quoted: dict[str, Any], said: dict[str, Any] | None) -> dict[str, Any]:
    """How one source dates the event: its own date, the time words of its sentence, the story time there."""
    doc = docs.get(str(quoted.get("doc")))
    sentence = quoted.get("sentence") or {}
    found = facts.timexes(store, doc.doc_id, sentence["start"], sentence["end"]) if doc and sentence else []
    date = (said or {}).get("date")
    if found:
        words = ", ".join(f"“{t['text']}” = {t['value']}" for t in found)
        why = f"the sentence names {words}"
    elif sentence.get("ref_date"):
        why = f"the sentence names no date; the story time there is {sentence['ref_date']}"
    else:
        why = "neither the sentence nor its context gives a date"
    return {
        "doc": quoted.get("doc"),
        "start": quoted.get("start"),
        "end": quoted.get("end"),
        "date": date,
        "end_date": (said or {}).get("end"),
        "precision": precision(date),
        "timexes": found,
        "story_time": sentence.get("ref_date"),
        "published": doc.published if doc else None,
        "why": why,
    }


def event(store: Store, event_id: str) -> dict[str, Any]:
    """One merged event: the record, its evidence quoted, each merged source's own reading, the date reasoning."""
    record = q.event(store, event_id) or corrections.withheld(store, event_id)  # marked wrong: still shown
    if record is None:
        raise not_found("event", event_id)
    docs = Documents(store)
    quotes = docs.quotes(record.get("evidence"))
    mentions = facts.merged_mentions(store, record)
    by_span = {(m["evidence"]["doc"], m["evidence"]["start"], m["evidence"]["end"]): m for m in mentions}
    for quoted in quotes:
        said = by_span.get((quoted.get("doc"), quoted.get("start"), quoted.get("end")))
        quoted["said"] = {k: said.get(k) for k in ("date", "end", "type", "mode", "trigger")} if said else None
        quoted["dating"] = _source_date(store, docs, quoted, said)
    dates = sorted({(s["said"] or {}).get("date") or "undated" for s in quotes})
    n_docs = len({s.get("doc") for s in quotes})
    summary = (
        f"Dated {record.get('date') or 'undated'} ({precision(record.get('date'))} precision)"
        + (f" to {record['end']}" if record.get("end") else "")
        + f"; {len(quotes)} passage{'s' * (len(quotes) != 1)} in {n_docs} document{'s' * (n_docs != 1)}"
        + f" give {', '.join(dates)}. The merged record keeps the most precise date the sources support."
    )
    return {
        "event": record,
        "quotes": quotes,
        "date": {
            "value": record.get("date"),
            "end": record.get("end"),
            "precision": precision(record.get("date")),
            "summary": summary,
        },  # fmt: skip
        "api": f"/api/events/{urlquote(event_id, safe='')}",
        "pair": _pair(record),
        "correction": _correction(record),
    }


#: The corrected fields a page lists (quad, intensity and cameo follow from the type and are not repeated).
_SHOWN = ("type", "mode", "date", "end", "source", "target", "status", "parties", "actor", "issue", "stance", "value",
          "unit", "what", "subject")  # fmt: skip


def _correction(record: dict[str, Any]) -> dict[str, Any] | None:
    """What the analyst changed: each changed field with its value as extracted and as corrected, and the log."""
    found = record.get("correction")
    if not found:
        return None
    fields = [{"field": k, "was": v, "now": record.get(k)} for k, v in found["original"].items()
              if k in _SHOWN and v != record.get(k)]  # fmt: skip
    return {**found, "fields": fields}


def _pair(record: dict[str, Any]) -> str | None:
    a = (record.get("source") or {}).get("country")
    b = (record.get("target") or {}).get("country")
    return "-".join(sorted((a, b))) if a and b and a != b else None


def agreement(store: Store, agreement_id: str) -> dict[str, Any]:
    """One agreement: its status history, each step's evidence quoted in context, every passage that names it."""
    record = q.agreement(store, agreement_id) or corrections.withheld(store, agreement_id, "agreement")
    if record is None:
        raise not_found("agreement", agreement_id)
    docs = Documents(store)
    steps = [{**step, "quotes": docs.quotes(step.get("evidence"))} for step in record.get("status_history") or []]
    quotes = docs.quotes(record.get("evidence"))
    return {
        "agreement": record,
        "history": steps,
        "quotes": quotes,
        "documents": sorted({str(x.get("doc")) for x in quotes + [y for s in steps for y in s["quotes"]]}),
        "api": f"/api/agreements/{urlquote(agreement_id, safe='')}",
        "correction": _dropped(_correction(record), record),
    }


def _dropped(correction: dict[str, Any] | None, record: dict[str, Any]) -> dict[str, Any] | None:
    """The correction, with the steps of the status history as extracted that a status correction left out."""
    if correction is None or "status_history" not in correction["original"]:
        return correction
    now = len(record.get("status_history") or [])
    return {**correction, "dropped": (correction["original"]["status_history"] or [])[now:]}


def fact_url(found: dict[str, Any]) -> str:
    """The page of a fact that cites a passage (see :func:`dyad.store.facts.facts_citing`)."""
    key = urlquote(str(found.get("id") or ""), safe="")
    kind = found.get("kind")
    if kind == "event":
        return f"/events/{key}"
    if kind == "agreement":
        return f"/agreements/{key}"
    return span_url("positions" if kind == "position" else "quantities", [found])


def _doc_fact(store: Store, kind: str, doc: str, start: int, end: int) -> dict[str, Any]:
    """The position or quantity on ``doc[start:end]`` (one an analyst marked wrong too), evidence as a list."""
    from dyad.store import corrections_spans as spans

    record = facts.doc_record(store, spans.TABLES[kind], doc, start, end) or spans.withheld(
        store, kind, doc, start, end
    )
    if record is None:
        raise not_found(kind, f"{doc} {start}-{end}")
    ev = record.get("evidence")
    return {**record, "evidence": [ev] if isinstance(ev, dict) else ev or []}


def position(store: Store, doc: str, start: int, end: int) -> dict[str, Any]:
    """One position: the stance quoted in context, and the actor's other stances on the issue over time."""
    record = _doc_fact(store, "position", doc, start, end)
    docs = Documents(store)
    actor_id = (record.get("actor") or {}).get("id")
    history = q.positions(store, actor=actor_id, issue=record.get("issue")) if actor_id else [record]
    history.sort(key=lambda r: (r.get("date") is None, r.get("date") or ""))
    for other in history:
        ev = (other.get("evidence") or [{}])[0]
        other["page"] = span_url("positions", [ev])
        other["here"] = (ev.get("doc"), ev.get("start"), ev.get("end")) == (doc, start, end)
    return {"position": record, "quotes": docs.quotes(record.get("evidence")), "history": history,
            "correction": _correction(record), "name": f"positions/{doc}/{start}-{end}"}  # fmt: skip


def quantity(store: Store, doc: str, start: int, end: int) -> dict[str, Any]:
    """One quantity: the number quoted in context, and the other values of the same measure."""
    from dyad.store import lists
    from dyad.web.indicators import describe, pair_of

    record = _doc_fact(store, "quantity", doc, start, end)
    names = facts.actor_names(store)
    measure = describe(record.get("what"), names)
    same = []
    if measure is not None:  # every quantity of the same measure, unit and pair (grouped in SQL, then described)
        keys = [g["key"] for g in lists.quantity_groups(store)
                if (describe(g["what"], names), g["unit"], pair_of(g["subject"]))
                == (measure, record.get("unit"), pair_of(record.get("subject")))]  # fmt: skip
        for other in lists.quantities(store, keys, lists.Sort("source"), limit=100_000):
            ev = (other.get("evidence") or [{}])[0]
            same.append({**other, "page": span_url("quantities", [ev]),
                         "here": (ev.get("doc"), ev.get("start"), ev.get("end")) == (doc, start, end)})  # fmt: skip
    same.sort(key=lambda r: (r.get("date") is None, r.get("date") or ""))
    return {
        "quantity": record,
        "measure": measure,
        "pair": pair_of(record.get("subject")),
        "quotes": Documents(store).quotes(record.get("evidence")),
        "same_measure": same,
        "correction": _correction(record),
        "name": f"quantities/{doc}/{start}-{end}",
    }
