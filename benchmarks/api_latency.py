"""API and ``dyad ask`` latency on a generated database of many events (p50/p95 per request kind).

    .venv/bin/python -m benchmarks.api_latency [--events 1000000] [--repeat 50] [--db FILE]

Requests go through the real ASGI app (``dyad.web.app.create_app``) in-process, sent by httpx's ASGI
transport from an asyncio loop, as a server's event loop would call it (the endpoints' own thread
hop included), so the figures are the app's own time (routing, queries, JSON) without network noise.
(FastAPI's TestClient, which the runs before 2026-12-07 04:00 UTC used, adds its own thread portal
to every request: about 5-10 ms at the load of this machine.)

Each request kind is warmed once, then timed ``--repeat`` times with parameters that rotate over the
generated dyads and actors, so one cached answer cannot flatter the figure. Its baseline, timed the
same way in the same run, is the query or view function the endpoint calls, run directly on a read-
only connection to the same file: the ratio says what the web layer (routing, validation, JSON,
middleware) adds to the query itself. A second baseline runs only the SQL statements that function
ran (recorded, then replayed with the same parameters on a bare DuckDB connection): the database's
own share. Each of the three starts with no summaries kept in memory (:mod:`dyad.store.memo`: totals,
date bounds, month tables), so none borrows what another warmed (before 2026-12-07 15:00 UTC the
requests came after the direct calls had memoised every filter's summaries). ``dyad ask`` is timed
after its first call (which builds its in-memory index), as a user's second question would be.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.synthetic import STATES, TOPICS, fill_events_bulk

Row = tuple[str, str, str]

REQUESTS: dict[str, Callable[[int], str]] = {
    "timeline (first page)": lambda i: "/api/events?limit=50",
    "timeline, one dyad": lambda i: f"/api/events?dyad={STATES[i % 12]}-{STATES[(i + 1) % 12]}&limit=50",
    "timeline, dyad + type + years": lambda i: (
        f"/api/events?dyad={STATES[i % 12]}-{STATES[(i + 5) % 12]}&type=SANCTION"
        f"&date_from={1990 + i % 20}-01-01&date_to={2000 + i % 20}-12-31&limit=50"
    ),
    "actor page (.json, 50 events)": lambda i: f"/actors/{STATES[i % 12]}.json",
    "actor page, 200 events": lambda i: f"/actors/{STATES[i % 12]}.json?limit=200",
    "dyad index": lambda i: f"/api/index?dyad={STATES[i % 12]}-{STATES[(i + 3) % 12]}",
    "search": lambda i: f"/api/search?q={TOPICS[i % len(TOPICS)]}",
}
QUESTIONS = [
    "When did Japan and Russia discuss fisheries?",
    "What did Japan sanction?",
    "Which sanctions were imposed in 2014?",
]


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return statistics.median(ms), p95


def _dyad(a: str, b: str) -> tuple[str, str]:
    from dyad.web.params import check_dyad

    pair = check_dyad(f"{a}-{b}")
    assert pair is not None
    return pair


def _events(store: Any, i: int, **where: Any) -> Any:
    from dyad.store import queries
    from dyad.store.queries import EventFilter

    return queries.events(store, EventFilter(**where), limit=50)


#: The function each request kind ends in, with the same rotating parameters: the direct baseline.
DIRECT: dict[str, Callable[[Any, int], Any]] = {
    "timeline (first page)": lambda store, i: _events(store, i),
    "timeline, one dyad": lambda store, i: _events(store, i, dyad=_dyad(STATES[i % 12], STATES[(i + 1) % 12])),
    "timeline, dyad + type + years": lambda store, i: _events(
        store,
        i,
        dyad=_dyad(STATES[i % 12], STATES[(i + 5) % 12]),
        type="SANCTION",
        date_from=f"{1990 + i % 20}-01-01",
        date_to=f"{2000 + i % 20}-12-31",
    ),
    "actor page (.json, 50 events)": lambda store, i: _view("actor", store, STATES[i % 12], limit=50, offset=0),
    "actor page, 200 events": lambda store, i: _view("actor", store, STATES[i % 12], limit=200, offset=0),
    "dyad index": lambda store, i: _view("index_view", store, _dyad(STATES[i % 12], STATES[(i + 3) % 12])),
    "search": lambda store, i: _view("search", store, TOPICS[i % len(TOPICS)], limit=20),
}


def _view(name: str, *args: Any, **kwargs: Any) -> Any:
    from dyad.web import views

    return getattr(views, name)(*args, **kwargs)


def _samples(call: Callable[[int], Any], repeat: int) -> list[float]:
    """Seconds of ``call(i)`` for i in range(repeat), after one warm-up call."""
    call(0)
    out = []
    for i in range(repeat):
        start = time.perf_counter()
        call(i)
        out.append(time.perf_counter() - start)
    return out


def time_direct(db: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """p50/p95 of each request kind's own function, run directly on the database (no web layer)."""
    from dyad.store import memo
    from dyad.store.db import Store

    memo.forget()
    with Store.open(db, read_only=True) as store:
        return {label: percentiles(_samples(lambda i, f=fn: f(store, i), repeat)) for label, fn in DIRECT.items()}


class _Recorder:
    """A connection stand-in that notes every statement (and its parameters) it passes on."""

    def __init__(self, con: Any) -> None:
        self.con = con
        self.statements: list[tuple[str, Any]] = []

    def execute(self, sql: str, params: Any = None) -> Any:
        self.statements.append((sql, params))
        return self.con.execute(sql, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.con, name)


def time_sql(db: Path, repeat: int) -> dict[str, tuple[float, tuple[float, float]]]:
    """Per request kind: how many statements its function runs, and p50/p95 of running exactly those
    statements (same SQL, same parameters, every row fetched) on a bare DuckDB connection: the database's
    own share of the request. Python's share (JSON, quotes, charts) is the direct row minus this one."""
    import duckdb

    from dyad.store import memo
    from dyad.store.db import Store

    memo.forget()
    out: dict[str, tuple[float, tuple[float, float]]] = {}
    with Store.open(db, read_only=True) as store:
        recorder = _Recorder(store.con)
        store.con = recorder  # type: ignore[assignment]
        plans: dict[str, list[list[tuple[str, Any]]]] = {}
        for label, fn in DIRECT.items():
            plans[label] = []
            for i in range(repeat):
                recorder.statements = []
                fn(store, i)
                plans[label].append(recorder.statements)
        store.con = recorder.con
    con = duckdb.connect(str(db), read_only=True)
    try:
        for label, runs in plans.items():

            def replay(i: int, runs: list[list[tuple[str, Any]]] = runs) -> None:
                for sql, params in runs[i % len(runs)]:
                    con.execute(sql, params).fetchall()

            out[label] = (statistics.mean(len(r) for r in runs), percentiles(_samples(replay, repeat)))
    finally:
        con.close()
    return out


async def _request_samples(db: Path, repeat: int) -> dict[str, list[float] | str]:
    """Seconds per request of each kind through the ASGI app (after one warm-up request), or the error."""
    import httpx

    from dyad.store import memo
    from dyad.web.app import create_app

    memo.forget()
    out: dict[str, list[float] | str] = {}
    transport = httpx.ASGITransport(app=create_app(db))
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
        for label, url in REQUESTS.items():
            response = await client.get(url(0))
            if response.status_code != 200:
                out[label] = f"HTTP {response.status_code}: {response.text[:50]}"
                continue
            samples = []
            for i in range(repeat):
                start = time.perf_counter()
                response = await client.get(url(i))
                samples.append(time.perf_counter() - start)
                response.raise_for_status()
            out[label] = samples
    return out


def time_requests(db: Path, repeat: int) -> list[Row]:
    import asyncio

    direct = time_direct(db, repeat)
    sql_only = time_sql(db, repeat)
    rows: list[Row] = []
    for label, samples in asyncio.run(_request_samples(db, repeat)).items():
        if isinstance(samples, str):
            rows.append((f"API {label}", "failed", samples))
            continue
        p50, p95 = percentiles(samples)
        rows.append((f"API {label}", f"p50 {p50:.1f} ms", f"p95 {p95:.1f} ms (target < 10 ms)"))
        d50, d95 = direct[label]
        rows.append(
            (
                "  same function, direct (baseline)",
                f"p50 {d50:.1f} ms",
                f"p95 {d95:.1f} ms; the web layer: x{p95 / d95:.2f} at p95",
            )
        )
        statements, (s50, s95) = sql_only[label]
        share = f"the request: x{p95 / s95:.2f} at p95" if statements else "no query (answered from memory)"
        rows.append(
            (
                f"  its SQL alone in DuckDB ({statements:.1f} statements)",
                f"p50 {s50:.1f} ms",
                f"p95 {s95:.1f} ms; {share}",
            )
        )
    return rows


def time_ask(db: Path, repeat: int) -> list[Row]:
    try:
        from dyad.ask import answer
    except ImportError as exc:
        return [("dyad ask", "not available", str(exc)[:60])]
    from dyad.store.db import Store

    with Store.open(db, read_only=True) as store:
        start = time.perf_counter()
        for question in QUESTIONS:  # first calls build the index and load whatever each question shape needs
            answer(store, question)
        first = time.perf_counter() - start
        samples = []
        for i in range(max(6, repeat // 5)):
            start = time.perf_counter()
            answer(store, QUESTIONS[i % len(QUESTIONS)])
            samples.append(time.perf_counter() - start)
    p50, p95 = percentiles(samples)
    return [
        (f"dyad ask, first call of {len(QUESTIONS)} questions", f"{first:.2f} s", "builds index, loads models"),
        ("dyad ask, later calls", f"p50 {p50:.0f} ms", f"p95 {p95:.0f} ms"),
    ]


def latency_rows(events: int, repeat: int, db: Path | None = None, work: Path | None = None) -> list[Row]:
    """Generate (unless ``db`` is given) a database of ``events`` events and time the API and ask on it."""
    rows: list[Row] = []
    if db is None:
        db = (work or Path(tempfile.mkdtemp(prefix="dyad-api-"))) / f"events-{events}.duckdb"
        db.unlink(missing_ok=True)
        start = time.perf_counter()
        fill_events_bulk(db, events)
        rows.append((f"generate {events:,} events (bulk, Arrow)", f"{time.perf_counter() - start:.1f} s", ""))
    rows += time_requests(db, repeat)
    rows += time_ask(db, repeat)
    return rows


def main() -> None:
    from benchmarks.bench import report

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--db", type=Path, default=None, help="time an existing database instead")
    args = parser.parse_args()
    rows: list[Any] = latency_rows(args.events, args.repeat, args.db)
    report(rows)


if __name__ == "__main__":
    main()
