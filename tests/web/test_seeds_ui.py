"""The UI on the seeds' database built by the real pipeline (``dyad ingest``): the December 2016 visit on
the timeline, the 1956 declaration in the tracker, every page answering. Skips while the pipeline cannot run."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import serve_in_thread
from tests.web.test_browser import ARGS, CHROMIUM, SHOTS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds_db(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    dyad = Path(sys.executable).with_name("dyad")  # the real console script of this environment
    run = subprocess.run(
        [str(dyad), "ingest", str(seeds_dir), "--db", str(db)], capture_output=True, text=True, timeout=900, check=False
    )
    if run.returncode != 0 or not db.exists():
        pytest.skip(f"the pipeline could not ingest the seeds yet: {(run.stderr or run.stdout)[-300:]}")
    return db


@pytest.fixture(scope="module")
def seeds_client(seeds_db: Path) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from dyad.web.app import create_app

    with TestClient(create_app(seeds_db)) as c:
        yield c


def test_seeds_december_2016_visit_is_one_event_with_several_sources(seeds_client: Any) -> None:
    page = seeds_client.get("/api/events?dyad=JPN-RUS&type=CONSULT&date_from=2016-12&date_to=2016-12").json()
    visits = [e for e in page["items"] if {e["source"]["country"], e["target"]["country"]} == {"JPN", "RUS"}]
    assert visits, page
    assert max(len({ev["doc"] for ev in e["evidence"]}) for e in visits) >= 2


def test_seeds_1956_declaration_is_tracked(seeds_client: Any) -> None:
    agreements = seeds_client.get("/api/agreements").json()["items"]
    decl = [a for a in agreements if (a.get("date") or "").startswith("1956")]
    assert decl and decl[0]["status_history"]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/timeline",
        "/index",
        "/actors",
        "/agreements",
        "/positions",
        "/indicators",
        "/documents",
        "/disagreements",
        "/search?q=Yamaguchi",
        "/api/index?dyad=JPN-RUS",
    ],
)
def test_seeds_pages_answer(seeds_client: Any, url: str) -> None:
    assert seeds_client.get(url).status_code == 200


def test_seeds_in_the_browser(seeds_db: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent: install Debian's chromium (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    SHOTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    for base in serve_in_thread(seeds_db):
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(base + "/timeline?dyad=JPN-RUS&date_from=2016-12&date_to=2016-12")
            page.wait_for_selector(".chart[data-drawn] .main-svg")
            assert "2016-12-15" in page.inner_text("table.events")
            page.screenshot(path=str(SHOTS / "seeds-timeline-2016-12.png"))
            page.goto(base + "/agreements")
            page.wait_for_selector("body[data-ready]")
            assert "1956" in page.inner_text("main")
            page.screenshot(path=str(SHOTS / "seeds-agreements.png"))
            page.goto(base + "/index?dyad=JPN-RUS")
            page.wait_for_selector(".chart[data-drawn] .main-svg")
            page.screenshot(path=str(SHOTS / "seeds-index.png"))
            browser.close()
            assert not errors, errors
