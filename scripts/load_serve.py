"""Load test: the web app answers many concurrent clients while an ingest writes in another process.

Three processes, all on 127.0.0.1, all stopping by themselves:

- a **writer** ingests demo documents, then keeps ingesting new versions of
  them, publishing ``FILE.snapshot`` after each (tests/reliability/snapshot.py);
- a **server** (uvicorn, the real ``create_app``) serves the newest snapshot;
  with ``--plain`` it serves the snapshot it started on, as ``dyad serve
  --db FILE.snapshot`` would;
- this process runs ``--clients`` concurrent clients for ``--seconds`` over a
  mix of API and page URLs and prints the figures (requests, statuses, p50 /
  p95 / p99 latency) as JSON. Exit status 1 on any 5xx or failed connection.

    python scripts/load_serve.py --clients 200 --seconds 30 [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the snapshot prototype lives beside the tests, for now
DEMO = ROOT / "dyad" / "demo" / "corpus"
URLS = [
    "/api/documents",
    "/api/events",
    "/api/events?limit=5&offset=3",
    "/api/dyads",
    "/api/entities?kind=state",
    "/api/agreements",
    "/api/positions",
    "/api/quantities",
    "/api/search?q=treaty",
    "/api/index",
    "/",
    "/timeline",
    "/documents",
    "/agreements.json",
    "/search.json?q=islands",
    "/api/disagreements",
]


# -- writer ------------------------------------------------------------------------


def writer(db: Path, seconds: float) -> None:
    """Ingest the demo corpus, then new versions of its text documents, publishing a snapshot after each."""
    from dyad.config import Options
    from dyad.store.db import Store
    from dyad.store.snapshot import publish_snapshot

    corpus = db.parent / "writer-corpus"
    corpus.mkdir(exist_ok=True)
    options = Options(db=db)
    docs = sorted(p for p in DEMO.iterdir() if p.suffix in (".txt", ".md", ".html") and p.name != "README.md")
    added = 0
    with Store.open(db) as store:
        for doc in docs[:4]:  # a first few documents so the server has something to show
            shutil.copy(doc, corpus / doc.name)
            added += _ingest(corpus / doc.name, options, store)
        publish_snapshot(store.con, db)
        print("ready", flush=True)
        deadline = time.monotonic() + seconds
        rounds = 0
        while time.monotonic() < deadline:
            rounds += 1
            for doc in docs:
                if time.monotonic() >= deadline:
                    break
                target = corpus / doc.name
                text = doc.read_text(encoding="utf-8")
                target.write_text(text + f"\n\nRevision {rounds} of this note.\n", encoding="utf-8")
                added += _ingest(target, options, store)
                publish_snapshot(store.con, db)
    print(json.dumps({"writer_added": added}), flush=True)


def _ingest(path: Path, options: object, store: object) -> int:
    from dyad.pipeline import ingest

    return sum(r.status == "added" for r in ingest([path], options, store=store))  # type: ignore[arg-type]


# -- server ------------------------------------------------------------------------


def server(db: Path, port: int, *, plain: bool, workers: int) -> None:
    """``dyad serve`` itself (Host allow-list, header limit, ``workers`` processes) on ``db``."""
    from dyad.store.snapshot import snapshot_path
    from dyad.web.serve import serve

    # the app follows the newest snapshot of db; --plain pins the first one instead
    serve(snapshot_path(db) if plain else db, host="127.0.0.1", port=port, workers=workers)


# -- clients -----------------------------------------------------------------------


async def load(base: str, clients: int, seconds: float) -> dict[str, object]:
    import httpx

    latencies: list[float] = []
    by_url: dict[str, list[float]] = {}
    statuses: Counter[int] = Counter()
    failures: Counter[str] = Counter()
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(rng: random.Random, http: httpx.AsyncClient) -> None:
        while time.monotonic() < deadline:
            began = time.monotonic()
            url = rng.choice(URLS)
            try:
                response = await http.get(url)
                statuses[response.status_code] += 1
            except httpx.HTTPError as exc:
                failures[type(exc).__name__] += 1
                continue
            latencies.append(time.monotonic() - began)
            by_url.setdefault(url, []).append(latencies[-1])

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        began = time.monotonic()
        await asyncio.gather(*(client(random.Random(i), http) for i in range(clients)))
        took = time.monotonic() - began
    latencies.sort()

    def pct(p: float, values: list[float] = latencies) -> float:
        return round(values[min(len(values) - 1, int(p * len(values)))] * 1000) if values else -1

    return {
        "clients": clients,
        "seconds": round(took, 1),
        "requests": len(latencies),
        "rps": round(len(latencies) / took),
        "statuses": dict(statuses),
        "failures": dict(failures),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "max_ms": pct(1.0),
        "p95_ms_by_url": {u: pct(0.95, sorted(v)) for u, v in sorted(by_url.items())},
    }


def _wait_for(base: str, timeout: float) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/documents", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError("the server did not come up")


def _documents(base: str) -> int:
    import httpx

    return int(httpx.get(base + "/api/documents", timeout=30).json()["total"])


def run(clients: int, seconds: float, port: int, *, plain: bool, workers: int = 1) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="dyad-load-"))
    db = work / "dyad.duckdb"
    me = [sys.executable, str(Path(__file__).resolve())]
    write = subprocess.Popen(
        [*me, "writer", "--db", str(db), "--seconds", str(seconds + 20)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    serve = None
    try:
        assert write.stdout is not None
        if write.stdout.readline().strip() != "ready":
            raise RuntimeError("the writer failed before its first snapshot")
        serve = subprocess.Popen(
            [*me, "server", "--db", str(db), "--port", str(port), "--workers", str(workers)]
            + (["--plain"] if plain else []),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        _wait_for(base, 60)
        before = _documents(base)
        figures = asyncio.run(load(base, clients, seconds))
        figures["documents_seen"] = [before, _documents(base)]
        figures["writer_running"] = write.poll() is None
        figures["workers"] = workers
        return figures
    finally:
        if serve is not None:
            serve.terminate()
            serve.wait(timeout=30)
        write.wait(timeout=seconds + 120)
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("role", nargs="?", default="load", choices=["load", "writer", "server"])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--plain", action="store_true", help="serve the first snapshot only (dyad serve as it is)")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--workers", type=int, default=1, help="server processes (dyad serve --workers)")
    args = parser.parse_args()
    if args.role == "writer":
        writer(args.db, args.seconds)
    elif args.role == "server":
        server(args.db, args.port, plain=args.plain, workers=args.workers)
    else:
        figures = run(args.clients, min(args.seconds, 600), args.port, plain=args.plain, workers=args.workers)
        print(json.dumps(figures, indent=1))
        bad = sum(n for s, n in figures["statuses"].items() if s >= 500) + sum(figures["failures"].values())  # type: ignore[union-attr]
        sys.exit(1 if bad else 0)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
