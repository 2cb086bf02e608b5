"""Regenerate docs/screenshots/: the demo database, served by the real app, photographed in Chromium.

Builds the demo model in a temporary folder (``dyad demo``), confirms its most-cited
event and a position with ``dyad correct`` (so their pages show an analyst's correction), serves
it with uvicorn on a free port of 127.0.0.1 (``--allow-corrections``, so it shows the
form), opens each page in Debian's Chromium via Playwright and saves one PNG per page
at 1280×800, plus the brief opened from its file. Nothing is fetched from the network.

    .venv/bin/python scripts/screenshots.py            # writes docs/screenshots/*.png
    .venv/bin/python scripts/screenshots.py --out DIR
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
PAGES = {
    "home": "/",
    "timeline": "/timeline?dyad=JPN-RUS&sort=-intensity",
    "timeline-actor-by-name": "/timeline?actor=Abe",
    "index": "/index?dyad=JPN-RUS",
    "indicators": "/indicators",
    "agreements": "/agreements?party=JPN",
    "positions": "/positions",
    "document": "/documents/06_nagato_summit_wire.txt",
    "search": "/search?q=islands",
}


def build_demo(folder: Path) -> Path:
    """``dyad demo`` in ``folder``: the database and the brief, as a user gets them."""
    cmd = [sys.executable, "-m", "dyad", "demo", "--db", "demo.duckdb", "-o", "brief.html"]
    subprocess.run(cmd, cwd=folder, check=True, capture_output=True, text=True)
    return folder / "demo.duckdb"


def busiest_event(db: Path) -> str:
    """The id of the JPN-RUS event with the most passages (the latest among equals)."""
    cmd = [sys.executable, "-m", "dyad", "export", "events", "--db", str(db)]
    events = [
        json.loads(line) for line in subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.splitlines()
    ]
    pair = [e for e in events if {e["source"].get("country"), e["target"].get("country")} == {"JPN", "RUS"}]
    return max(pair or events, key=lambda e: (len(e["evidence"]), e["date"] or ""))["id"]


def confirm(db: Path, event_id: str) -> None:
    """An analyst's confirmation of one event, as ``dyad correct`` stores it."""
    why = "checked against each of its passages"
    cmd = [sys.executable, "-m", "dyad", "correct", event_id, "--confirm", "--why", why, "--by", "demo analyst"]
    subprocess.run([*cmd, "--db", str(db)], check=True, capture_output=True, text=True)


def confirmed_position(db: Path) -> str:
    """The page of a Japanese position (the first), confirmed by an analyst with ``dyad correct``."""
    cmd = [sys.executable, "-m", "dyad", "export", "positions", "--db", str(db)]
    found = [
        json.loads(line) for line in subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.splitlines()
    ]
    pick = next((p for p in found if (p.get("actor") or {}).get("country") == "JPN"), found[0])
    ev = pick["evidence"][0]
    name = f"positions/{ev['doc']}/{ev['start']}-{ev['end']}"
    cmd = [sys.executable, "-m", "dyad", "correct", name, "--confirm", "--why", "checked against its passage"]
    subprocess.run([*cmd, "--by", "demo analyst", "--db", str(db)], check=True, capture_output=True, text=True)
    return "/" + name


def serve(db: Path) -> tuple[str, object, threading.Thread]:
    import socket

    import uvicorn

    from dyad.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(db, allow_corrections=True)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start within 20 s")
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


def first_ids(base: str, event_id: str) -> dict[str, str]:
    """The confirmed event (its page, and its correction form) and an agreement with a status history."""

    def get(path: str) -> dict:
        with urllib.request.urlopen(base + path) as r:
            return json.load(r)

    agreements = get("/api/agreements")["items"]
    agreement = max(agreements, key=lambda a: len(a.get("status_history") or []))
    return {"event": f"/events/{event_id}", "event-correct": f"/events/{event_id}#correct",
            "agreement": f"/agreements/{agreement['id']}"}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print("screenshots: /usr/bin/chromium is absent (apt-get install -y chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = build_demo(Path(tmp))
        event_id = busiest_event(db)
        confirm(db, event_id)
        position = confirmed_position(db)
        base, server, thread = serve(db)
        pages = {**PAGES, **first_ids(base, event_id), "position": position}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            for name, path in pages.items():
                page.goto(base + path)
                page.wait_for_selector("body[data-ready]", timeout=20_000)
                if page.locator("[data-chart]").count():
                    page.wait_for_selector(".chart[data-drawn] .main-svg", timeout=20_000)
                page.screenshot(path=str(args.out / f"{name}.png"))
                print(f"{name:24} {path}")
            page.goto((Path(tmp) / "brief.html").as_uri())
            page.screenshot(path=str(args.out / "brief.png"))
            print(f"{'brief':24} brief.html (dyad demo)")
            browser.close()
        server.should_exit = True  # type: ignore[attr-defined]
        thread.join(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
