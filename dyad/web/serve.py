"""``dyad serve``: run the app under uvicorn, on 127.0.0.1 unless told otherwise.

>>> serve(Path("dyad.duckdb"), host="127.0.0.1", port=8000)  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path


def serve(db: Path, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the database at ``db`` read-only until interrupted (StoreError if it cannot be opened)."""
    import uvicorn

    from dyad.web.app import create_app

    app = create_app(db)  # open first, so a missing database is one clear line, not a server that fails later
    print(f"dyad: serving {db} at http://{host}:{port}/ (Ctrl-C stops)", flush=True)
    # a longer keep-alive than uvicorn's 5 s: under load, clients reusing a just-closed connection saw resets
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_keep_alive=75)
