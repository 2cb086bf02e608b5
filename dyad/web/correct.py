"""Corrections from the web UI: the exact commands a fact's page shows, and the form's POST.

A server is read-only unless ``dyad serve --allow-corrections`` started it. Then the page of an event, an
agreement, a position or a quantity carries a form, and ``POST /events/{id}/corrections`` (likewise under
``/agreements/{id}``, ``/positions/{doc}/{start}-{end}`` and ``/quantities/...``) stores the
correction with the same code as ``dyad correct`` (:func:`dyad.store.corrections.make`), publishes a
snapshot and sends the browser back to the fact.

The POST is accepted only from this server's own pages: its ``Origin`` must be this server's (the pages
send it, ``Referrer-Policy: same-origin``); a request without one needs ``Sec-Fetch-Site: same-origin``.
A page elsewhere (another site, a rebound DNS name: the Host allow-list stops those first) cannot
submit it. The form body is small and URL-encoded; nothing in it reaches SQL but as a parameter.
"""

from __future__ import annotations

import shlex
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import Request
from starlette.datastructures import State

from dyad.errors import CorrectionError, StoreError
from dyad.web.errors import ApiError

#: The most bytes a correction form may send.
MAX_FORM_BYTES = 16 * 1024
#: What the form's ``action`` may be for each kind of fact, and the hint for its ``value``.
FORM_ACTIONS = {
    "event": {
        "wrong": "nothing",
        "confirm": "nothing",
        "type": "a PLOVER type, optionally /mode: PROTEST or CONSULT/visit",
        "date": "YYYY[-MM[-DD]], or a range FIRST..LAST",
        "source": "an actor id, a country code or a name",
        "target": "an actor id, a country code or a name",
    },
    "agreement": {
        "wrong": "nothing",
        "confirm": "nothing",
        "status": "proposed, negotiating, signed, in_force, implemented, suspended or abandoned",
        "date": "YYYY[-MM[-DD]]",
        "parties": "country codes, comma-separated: JPN,SUN",
    },
    "position": {
        "wrong": "nothing",
        "confirm": "nothing",
        "stance": "a stance: support, oppose or a slug such as two-plus-alpha",
        "issue": "an issue slug, e.g. kuril-sovereignty",
        "actor": "an actor id, a country code or a name",
        "date": "YYYY[-MM[-DD]]",
    },
    "quantity": {
        "wrong": "nothing",
        "confirm": "nothing",
        "value": "a number, e.g. 20.5",
        "unit": "a unit, e.g. USD bn, %, count",
        "what": "what it measures, e.g. bilateral trade",
        "subject": "country codes, comma-separated: JPN,RUS",
        "date": "YYYY[-MM[-DD]]",
    },
}
#: The form's placeholder for ``value``, per kind of fact.
PLACEHOLDERS = {
    "event": "PROTEST · 2019-06-11 · RUS · Taro Kono",
    "agreement": "signed · 1956-10-19 · JPN,SUN",
    "position": "oppose · kuril-sovereignty · JPN · 2019-04",
    "quantity": "20.5 · USD bn · JPN,RUS · 2018",
}
#: An example value per action, for the command lines a page shows.
_EXAMPLES = {
    "event": [("mark it wrong (not an event the text states)", "--wrong"),
              ("give it another PLOVER type", "--type PROTEST"),
              ("give it another date (or range)", "--date 2019-06-11 --end 2019-06-12"),
              ("link another actor", "--source 'Taro Kono' --target RUS"),
              ("confirm it as it stands", "--confirm")],
    "agreement": [("mark it wrong (no such agreement in the text)", "--wrong"),
                  ("give it another current status", "--status signed"),
                  ("give it another date", "--date 1956-10-19"),
                  ("give it other parties", "--parties JPN,SUN"),
                  ("confirm it as it stands", "--confirm")],
    "position": [("mark it wrong (no stance the text states)", "--wrong"),
                 ("give it another stance", "--stance oppose"),
                 ("give it another issue", "--issue kuril-sovereignty"),
                 ("give it another holder", "--actor JPN"),
                 ("give it another date", "--date 2019-04"),
                 ("confirm it as it stands", "--confirm")],
    "quantity": [("mark it wrong (no such figure in the text)", "--wrong"),
                 ("give it another value and unit", "--value 20.5 --unit 'USD bn'"),
                 ("say what it measures", "--what 'bilateral trade'"),
                 ("give it other countries", "--subject JPN,RUS"),
                 ("give it another date", "--date 2018"),
                 ("confirm it as it stands", "--confirm")],
}  # fmt: skip
_WRITE = threading.Lock()


def prepare(db: Path) -> None:
    """Publish a fresh snapshot of ``db`` (migrating it) so the server reads that and the file stays writable."""
    from dyad.store.db import Store
    from dyad.store.snapshot import publish_snapshot, snapshot_path

    if not db.exists():  # opening it writable would create an empty one
        raise StoreError(f"no database at {db}; run `dyad ingest` first or pass --db", path=str(db))
    try:
        with Store.open(db) as store:
            publish_snapshot(store.con, db)
    except StoreError:
        if not snapshot_path(db).exists():  # an ingest holds the file and has published nothing yet
            raise


def commands(db: Path | str, fact_id: str, kind: str = "event") -> list[dict[str, str]]:
    """The ``dyad correct`` command lines for one event or agreement, each with what it does."""
    base = f"dyad correct {shlex.quote(fact_id)}"
    tail = f" --why 'WHAT THE TEXT SAYS' --db {shlex.quote(str(db))}"
    return [{"does": does, "line": f"{base} {flags}{tail}"} for does, flags in _EXAMPLES[kind]]


def fact_path(fact_id: str, kind: str) -> str:
    """The page of a fact: ``/events/ID``, ``/agreements/ID``, or a position's or quantity's name as a path."""
    from urllib.parse import quote

    from dyad.store import corrections_spans as spans

    parsed = spans.parse(fact_id) if kind in spans.TABLES else None
    if parsed is None:
        return f"/{kind}s/{quote(fact_id, safe='')}"
    _kind, doc, start, end = parsed
    return f"/{spans.TABLES[kind]}/{quote(doc, safe='')}/{start}-{end}"


def help_for(request: Request, fact_id: str, kind: str) -> dict[str, Any]:
    """What a fact's page shows about correcting it: the commands, and the form when the server allows one."""
    return {
        "commands": commands(request.app.state.db, fact_id, kind),
        "form": bool(request.app.state.allow_corrections),
        "actions": FORM_ACTIONS[kind],
        "placeholder": PLACEHOLDERS[kind],
        "post": fact_path(fact_id, kind) + "/corrections",
        "noun": kind,
    }


def check_same_origin(request: Request) -> None:
    """403 unless the request comes from a page of this server."""
    origin = request.headers.get("origin")
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    if origin is None and request.headers.get("sec-fetch-site") == "same-origin":
        return
    if origin != own:
        raise ApiError(403, "cross_origin", "corrections are accepted only from this server's own pages")


async def form_changes(request: Request, kind: str = "event") -> tuple[str, dict[str, Any], str, str]:
    """``(action, changes, who, why)`` from the posted form (400 for a bad one, 413 for a large one)."""
    if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
        raise ApiError(413, "too_large", f"a correction form holds at most {MAX_FORM_BYTES} bytes")
    if not (request.headers.get("content-type") or "").startswith("application/x-www-form-urlencoded"):
        raise ApiError(400, "bad_parameter", "send the correction as a URL-encoded form")
    body = (await request.body())[:MAX_FORM_BYTES].decode("utf-8", "replace")
    form = {k: v[0].strip() for k, v in parse_qs(body, keep_blank_values=True).items()}
    action, value = form.get("action", ""), form.get("value", "")
    allowed = FORM_ACTIONS[kind]
    if action not in allowed:
        raise ApiError(400, "bad_parameter", f"action must be one of {', '.join(allowed)}")
    changes: dict[str, Any] = {}
    if action in ("wrong", "confirm"):
        changes[action] = True
    elif action == "type":
        type_, _, mode = value.partition("/")
        changes.update(type=type_, mode=mode or None)
    elif action == "date" and kind == "event":
        first, _, last = value.partition("..")
        changes.update(date=first.strip(), end=last.strip() or None)
    else:
        changes[action] = value
    if action not in ("wrong", "confirm") and not value:
        raise ApiError(400, "bad_parameter", f"give a value for {action}: {allowed[action]}")
    return action, changes, form.get("by") or "web", form.get("why", "")


def write(state: State, fact_id: str, changes: dict[str, Any], *, who: str, why: str, kind: str = "event") -> str:
    """Store and apply the correction to the app's database (``state.db``) with the app's knowledge
    (``state.knowledge``), publish a snapshot; returns the id the fact lives under now."""
    from dyad.store import corrections
    from dyad.store.snapshot import publish_snapshot

    db = state.db
    with _WRITE:
        store = _open(db)
        try:
            if corrections.kind_of(store, fact_id) != kind:
                raise ApiError(404, "not_found", f"no {kind} {fact_id!r}")
            corrections.make(store, fact_id, changes, who=who, why=why, knowledge=state.knowledge)
            publish_snapshot(store.con, db)
            return corrections.target(store, fact_id, kind) or fact_id
        except CorrectionError as exc:
            raise ApiError(400, "bad_correction", str(exc)) from exc
        finally:
            store.close()


def _open(db: Path) -> Any:
    """The database, writable; 503 while another writer (an ingest) holds it."""
    from dyad.store.db import Store

    deadline = time.monotonic() + 2.0
    while True:
        try:
            return Store.open(db)
        except StoreError as exc:
            if time.monotonic() > deadline:
                raise ApiError(503, "busy", "the database is being written (an ingest?); retry shortly") from exc
            time.sleep(0.1)
