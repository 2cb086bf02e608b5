"""``dyad serve``: run the app under uvicorn, on 127.0.0.1 unless told otherwise.

>>> serve(Path("dyad.duckdb"), host="127.0.0.1", port=8000)  # doctest: +SKIP
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI

_DB_VARIABLE = "DYAD_SERVE_DB"  # how worker processes learn which database to open


def serve(db: Path, *, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve the database at ``db`` read-only until interrupted (StoreError if it cannot be opened).

    With ``workers`` above 1, uvicorn runs that many processes on the one port, each with its own
    read-only connection (DuckDB lets many processes read one file), so requests are answered side by side.
    """
    import uvicorn

    from dyad.web.app import create_app

    app = create_app(db)  # open first, so a missing database is one clear line, not a server that fails later
    print(f"dyad: serving {db} at http://{host}:{port}/ with {workers} worker(s) (Ctrl-C stops)", flush=True)
    # a longer keep-alive than uvicorn's 5 s: under load, clients reusing a just-closed connection saw resets
    options = {"host": host, "port": port, "log_level": "warning", "timeout_keep_alive": 75}
    if workers <= 1:
        uvicorn.run(app, **options)  # type: ignore[arg-type]
        return
    os.environ[_DB_VARIABLE] = str(Path(db).resolve())
    uvicorn.run("dyad.web.serve:worker_app", factory=True, workers=workers, **options)  # type: ignore[arg-type]


def worker_app() -> FastAPI:
    """The app of one uvicorn worker process (``serve(..., workers=N)``), for the database it was handed."""
    from dyad.web.app import create_app

    return create_app(Path(os.environ[_DB_VARIABLE]))
