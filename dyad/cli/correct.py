"""``dyad correct``: an analyst's corrections of facts (events, agreements, positions, quantities), listed,
withdrawn or exported as gold.

Each change is one row of the corrections log (:mod:`dyad.store.corrections`), applied at once and again
after every rebuild; a snapshot is published afterwards so a running ``dyad serve`` shows it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from dyad.errors import CorrectionError
from dyad.store.corrections_rules import Correction


def describe(c: Correction) -> str:
    """One line for a correction: number, when, who, which fact, what, why."""
    value = c.value or {}
    if c.action == "type":
        what = f"type {value['type']}" + (f"/{value['mode']}" if value.get("mode") else "")
    elif c.action == "date":
        what = f"date {value['date']}" + (f"..{value['end']}" if value.get("end") else "")
    elif c.action in ("source", "target"):
        what = f"{c.action} {value.get('name')} ({value.get('id')}, {value.get('country') or '-'})"
    elif c.action == "status":
        what = f"status {value['status']}"
    elif c.action in ("parties", "subject"):
        what = f"{c.action} {','.join(value[c.action])}"
    elif c.action == "actor":
        what = f"actor {value.get('name')} ({value.get('id')}, {value.get('country') or '-'})"
    elif c.action in ("stance", "issue", "value", "unit", "what"):
        what = f"{c.action} {value[c.action]}"
    else:
        what = "marked wrong" if c.action == "wrong" else "confirmed"
    gone = " [withdrawn]" if c.withdrawn else ""
    return f"#{c.n} {c.at} {c.who} {c.fact}: {what}; why: {c.why}{gone}"


def run_correct(
    db: Path,
    fact: str | None,
    changes: dict[str, Any],
    *,
    who: str,
    why: str,
    list_: bool,
    withdraw: int | None,
    export_gold: Path | None,
    gold_kind: str = "events",
) -> None:
    from dyad.store import corrections
    from dyad.store.db import Store

    if list_ or export_gold is not None:
        with Store.open(db, read_only=True) as store:
            if list_:
                for c in corrections.listing(store, facts=[corrections.canonical(fact)] if fact else None):
                    typer.echo(describe(c))
                return
            _write_gold(store, export_gold, gold_kind)  # type: ignore[arg-type]
            return
    if not db.exists():
        raise CorrectionError(f"no database at {db}; run `dyad ingest` first or pass --db")
    with Store.open(db) as store:
        if withdraw is not None:
            found = corrections.withdraw(store, withdraw)
            if found is None:
                raise CorrectionError(f"no correction #{withdraw}; see dyad correct --list")
            corrections.refresh(store)
            typer.echo(f"withdrew {describe(found)}")
        else:
            for c in corrections.make(store, str(fact), changes, who=who, why=why):
                typer.echo(f"corrected {describe(c)}")
        _publish(store)


def _publish(store: Any) -> None:
    """A new snapshot for readers (``dyad serve`` serves the newest one)."""
    from dyad.store.snapshot import publish_snapshot

    publish_snapshot(store.con, store.path)


def _write_gold(store: Any, path: Path, kind: str = "events") -> None:
    from dyad.store import corrections

    lines = corrections.export_gold(store, kind)
    if not lines:
        noun = kind[:-1] if kind != "quantities" else "quantity"
        raise CorrectionError(f"no {noun} has been corrected or confirmed yet: nothing to export as gold {kind}")
    body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    if str(path) == "-":
        sys.stdout.write(body)
        return
    path.write_text(body, encoding="utf-8")
    docs = len({d for line in lines for d in ([line["doc"]] if "doc" in line else line["docs"])})
    typer.echo(f"wrote {len(lines)} gold {kind} from {docs} reviewed document{'s' * (docs != 1)} to {path}")
