"""Prototype (for the lead to move to ``dyad/store/snapshot.py``): one writer, many readers, via snapshots.

DuckDB lets one process hold a database file read-write, and while it does no
other process may open the file at all, not even read-only (and a read-only
holder keeps the writer out). So ``dyad serve`` must never open the file that
``dyad ingest`` writes. The scheme:

- **Writer** (:func:`publish_snapshot`): after each committed document (or
  batch), ``CHECKPOINT`` (the WAL folds into the file, which is then a complete
  database), copy the file to ``FILE.snapshot.tmp``, fsync, and
  ``os.replace`` it onto ``FILE.snapshot``. Readers see the old snapshot or
  the new one, never a half-written file.
- **Reader** (:class:`SnapshotFollower`): per request, one ``stat`` of
  ``FILE.snapshot``; when its identity changed, open the new one read-only
  and swap it in. In-flight requests keep their cursor on the old one, which
  is never closed explicitly (closing a DuckDB connection kills its cursors);
  it goes when its last cursor does. DuckDB caches one database instance per
  path in a process, so a re-opened ``FILE.snapshot`` would be the stale one:
  each generation is opened through a fresh hard link, unlinked at once (the
  open file keeps the data).
- No snapshot yet (an old database): fall back to the file itself, read-only,
  retried briefly when a writer holds it; the API then answers 503 + Retry-After.

>>> publish_snapshot(store.con, Path("dyad.duckdb"))  # doctest: +SKIP
>>> follow_snapshots(app, Path("dyad.duckdb"))  # doctest: +SKIP
"""

from __future__ import annotations

import itertools
import os
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import duckdb

from dyad.errors import StoreError
from dyad.store.db import Store


def snapshot_path(db: Path) -> Path:
    return db.with_name(db.name + ".snapshot")


def publish_snapshot(con: duckdb.DuckDBPyConnection, db: Path) -> Path:
    """Publish the committed state of ``db`` (open read-write on ``con``) as ``db.snapshot``, atomically."""
    con.execute("CHECKPOINT")
    target = snapshot_path(db)
    tmp = target.with_name(target.name + ".tmp")
    # copy in another process: DuckDB's lock on the file is a POSIX record lock, which this process would
    # drop the moment it closed any descriptor of its own on the file (and another writer could then open it)
    subprocess.run(["cp", "--", str(db), str(tmp)], check=True)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return target


class SnapshotFollower:
    """Hands out a read-only :class:`Store` on the newest published snapshot of ``db``."""

    def __init__(self, db: Path, *, retry_s: float = 2.0) -> None:
        self.db = db
        self.snapshot = snapshot_path(db)
        self.retry_s = retry_s
        self._key: tuple[int, int, int] | None = None
        self._store: Store | None = None
        self._lock = threading.Lock()
        self._seq = itertools.count()
        self.generations = 0

    def current(self) -> Store:
        """The newest snapshot's store (one stat per call; a re-open only when a new one was published)."""
        try:
            st = os.stat(self.snapshot)
        except FileNotFoundError:
            return self._fallback()
        key = (st.st_ino, st.st_mtime_ns, st.st_size)
        if key != self._key or self._store is None:
            with self._lock:
                if key != self._key or self._store is None:
                    self._store, self._key = self._open_generation()
        return self._store

    def _open_generation(self) -> tuple[Store, tuple[int, int, int]]:
        alias = self.snapshot.with_name(f"{self.snapshot.name}.r{os.getpid()}-{next(self._seq)}")
        os.link(self.snapshot, alias)  # may already be a newer snapshot than the stat saw: fine
        try:
            st = os.stat(alias)
            store = Store.open(alias, read_only=True)
        finally:
            alias.unlink()
        self.generations += 1
        return store, (st.st_ino, st.st_mtime_ns, st.st_size)

    def _fallback(self) -> Store:
        """No snapshot: the database itself, read-only, waiting up to ``retry_s`` for a writer to let go."""
        if self._store is not None and self._key is None:
            return self._store
        deadline = time.monotonic() + self.retry_s
        while True:
            try:
                self._store = Store.open(self.db, read_only=True)
                return self._store
            except StoreError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)


def follow_snapshots(app: Any, db: Path) -> SnapshotFollower:
    """Make ``app`` (from ``create_app``) serve the newest snapshot of ``db`` on every request."""
    follower = SnapshotFollower(db)
    app.state.store = follower.current()
    app.add_middleware(NewestSnapshot, follower=follower, state=app.state)
    return follower


class NewestSnapshot:
    """Pure ASGI middleware (no task or stream per request, unlike ``@app.middleware``): before each request,
    ``state.store`` becomes the newest snapshot's store; 503 + Retry-After while none can be opened."""

    def __init__(self, app: Any, *, follower: SnapshotFollower, state: Any) -> None:
        self.app = app
        self.follower = follower
        self.state = state

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            try:
                self.state.store = self.follower.current()
            except (StoreError, OSError):
                from fastapi.responses import JSONResponse

                body = {"error": {"code": "busy", "message": "the database is being written; retry shortly",
                                  "details": None}}  # fmt: skip
                await JSONResponse(body, status_code=503, headers={"Retry-After": "1"})(scope, receive, send)
                return
        await self.app(scope, receive, send)
