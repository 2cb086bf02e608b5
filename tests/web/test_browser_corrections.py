"""A correction made in Chromium survives `dyad ingest` of a changed document.

A real ingest of tests/data/summit_note.txt, a real ``--allow-corrections`` server (uvicorn) and Debian's
chromium: the analyst opens the event from the timeline, retypes it with the form, the document changes
and is ingested again while the server runs, and the event's page and the timeline still show the
correction.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_dyad
from tests.web.conftest import free_port
from tests.web.test_browser import ARGS, CHROMIUM

NOTE = Path(__file__).resolve().parents[1] / "data" / "summit_note.txt"


@pytest.fixture()
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent: install Debian's chromium (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def serve(db: Path) -> Iterator[str]:
    import uvicorn

    from dyad.web.app import create_app

    port = free_port()
    app = create_app(db, allowed_hosts=frozenset({"127.0.0.1"}), allow_corrections=True)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start within 10 s"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_browser_correction_survives_a_reingest(chromium: Any, tmp_path: Path) -> None:
    note, db = tmp_path / "note.txt", tmp_path / "note.duckdb"
    shutil.copy(NOTE, note)
    assert run_dyad("ingest", str(note), db=db).returncode == 0
    server = serve(db)
    base = next(server)
    try:
        page = chromium.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "/timeline")
        row = page.locator("table.events tr", has_text="rejected the criticism")
        assert row.locator("a.fact").inner_text() == "REJECT"
        row.locator("a.fact").click()
        page.wait_for_selector("form.correct")
        event_url = page.url
        api = event_url.replace(base, base + "/api")
        start = page.request.get(api).json()["evidence"][0]["start"]
        page.select_option("form.correct select[name=action]", "type")
        page.fill("form.correct input[name=value]", "PROTEST")
        page.fill("form.correct input[name=why]", "a formal protest note")
        page.fill("form.correct input[name=by]", "ana")
        page.click("form.correct button[type=submit]")
        page.wait_for_url("**#correction")
        assert "Corrected by an analyst" in page.inner_text("section.correction")
        assert page.inner_text("h1").split()[-3] == "PROTEST"

        # the document changes and is ingested again while the server runs
        note.write_text("Filed late.\n\n" + note.read_text(encoding="utf-8") + "\nNothing else happened.\n")
        assert run_dyad("ingest", str(note), db=db).returncode == 0
        page.goto(event_url)
        box = page.inner_text("section.correction")
        assert "Corrected by an analyst" in box and "ana" in box and "a formal protest note" in box
        assert page.inner_text("td.was") == "REJECT" and page.inner_text("td.now") == "PROTEST"
        moved = page.request.get(api).json()["evidence"][0]  # the passage as it stands in the new version
        assert moved["start"] == start + len("Filed late.\n\n") and moved["text"] in page.inner_text("blockquote")
        page.goto(base + "/timeline")
        row = page.locator("table.events tr", has_text="rejected the criticism")
        assert row.locator("a.fact").inner_text() == "PROTEST" and row.locator(".corrected").inner_text() == "corrected"
        assert not errors, errors
    finally:
        next(server, None)


def test_browser_position_and_quantity_corrections_survive_a_reingest(chromium: Any, tmp_path: Path) -> None:
    from tests.cli.test_cli_correct_spans import NOTE as TRADE

    note, db = tmp_path / "trade.txt", tmp_path / "trade.duckdb"
    note.write_text(TRADE, encoding="utf-8")
    assert run_dyad("ingest", str(note), db=db).returncode == 0
    server = serve(db)
    base = next(server)
    try:
        page = chromium.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "/positions")
        japan = page.locator("table.matrix tr", has_text="Japan").locator("a.fact").first
        assert japan.inner_text() == "oppose"
        japan.click()
        page.wait_for_selector("form.correct")
        page.select_option("form.correct select[name=action]", "stance")
        page.fill("form.correct input[name=value]", "support")
        page.fill("form.correct input[name=why]", "the note says Japan backs it")
        page.fill("form.correct input[name=by]", "ana")
        page.click("form.correct button[type=submit]")
        page.wait_for_url("**#correction")
        assert "Corrected by an analyst" in page.inner_text("section.correction")
        assert page.inner_text("h1").endswith(": support")

        page.goto(base + "/indicators")
        page.locator("table.quantities a.fact", has_text="21.0").click()
        page.wait_for_selector("form.correct")
        page.select_option("form.correct select[name=action]", "value")
        page.fill("form.correct input[name=value]", "21.4")
        page.fill("form.correct input[name=why]", "the customs figure")
        page.click("form.correct button[type=submit]")
        page.wait_for_url("**#correction")
        assert page.inner_text("td.was") == "21.0" and page.inner_text("td.now") == "21.4"

        # the document changes and is ingested again while the server runs
        note.write_text("Filed late.\n\n" + TRADE, encoding="utf-8")
        assert run_dyad("ingest", str(note), db=db).returncode == 0
        page.goto(base + "/positions")
        cell = page.locator("table.matrix tr", has_text="Japan").locator("div.stance", has_text="support")
        assert cell.locator(".corrected").inner_text() == "corrected"
        page.goto(base + "/indicators")
        row = page.locator("table.quantities tr", has_text="21.4")
        assert row.locator(".corrected").inner_text() == "corrected"
        row.locator("a.fact").click()
        assert "the customs figure" in page.inner_text("section.correction")
        assert "Filed late." not in page.inner_text("blockquote") and "21 billion" in page.inner_text("blockquote")
        assert not errors, errors
    finally:
        next(server, None)
