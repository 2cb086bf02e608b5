"""Every page in a real browser (Debian's chromium via playwright) against a real uvicorn server.

Each page must load with its charts drawn, no script error and no CSP
violation, and nothing from the hostile test document may run: it would set
``window.__pwned`` or change the title. One screenshot per page goes to
artifacts/screenshots/. The report is checked the same way, opened from a file.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dyad.report import write_report

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

PAGES = {
    "home": "/",
    "timeline": "/timeline?dyad=JPN-RUS",
    "index": "/index?dyad=JPN-RUS",
    "actors": "/actors",
    "actor": "/actors/Q7747",
    "actor-hostile": "/actors/evil-actor",
    "agreements": "/agreements",
    "positions": "/positions",
    "indicators": "/indicators",
    "documents": "/documents",
    "document": "/documents/alpha.txt",
    "document-hostile": "/documents/evil.txt?view=original",
    "event": "/events/ev-visit",
    "event-hostile": "/events/ev-protest",
    "agreement": "/agreements/ag-1956-joint-declaration",
    "position-hostile": "/positions/evil.txt/15-117",
    "disagreements": "/disagreements",
    "search": "/search?q=islands",
    "error": "/timeline?type=HUG",
}
CHARTED = {"home", "timeline", "index", "actor", "agreements", "indicators"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent: install Debian's chromium (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def context(browser: Any) -> Iterator[Any]:
    """One browser context for the module, so plotly.min.js is fetched once and then cached."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture()
def tab(context: Any) -> Iterator[tuple[Any, list[str]]]:
    """A fresh page that records console errors, page errors and CSP violations."""
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => console.error('CSP violation ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    yield page, problems
    page.close()


def _assert_clean(page: Any, problems: list[str], *, expect_status_error: bool = False) -> None:
    assert page.evaluate("() => window.__pwned") is None
    assert page.title() != "PWNED"  # the hostile title text may be shown, escaped, but never run
    if expect_status_error:  # the browser logs the page's own 4xx as a console error
        problems = [p for p in problems if "status of 400" not in p]
    script_csp = [p for p in problems if "CSP" in p and "script" in p]
    assert not script_csp, script_csp
    assert not problems, problems


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("name", list(PAGES))
def test_browser_page_loads_clean(live_server: str, tab: tuple[Any, list[str]], name: str) -> None:
    page, problems = tab
    response = page.goto(live_server + PAGES[name])
    assert response is not None and response.status == (400 if name == "error" else 200)
    page.wait_for_selector("body[data-ready]", timeout=10_000)
    if name in CHARTED:
        page.wait_for_selector(".chart[data-drawn] .main-svg", timeout=10_000)
    _shot(page, name)
    _assert_clean(page, problems, expect_status_error=name == "error")


def test_browser_evidence_link_opens_the_passage(live_server: str, tab: tuple[Any, list[str]]) -> None:
    page, problems = tab
    page.goto(live_server + "/timeline?type=SANCTION")
    page.wait_for_selector("body[data-ready]")
    page.click("table.events a.ev")
    page.wait_for_selector("mark.focus")
    assert page.inner_text("mark.focus").startswith("In March 2014")
    assert re.search(r"#ev-\d+-\d+$", page.url)
    assert page.is_visible("mark.focus")
    _shot(page, "evidence-focus")
    _assert_clean(page, problems)


def test_browser_a_marked_passage_opens_its_fact(live_server: str, tab: tuple[Any, list[str]]) -> None:
    page, problems = tab
    page.goto(live_server + "/documents/alpha.txt")
    page.wait_for_selector("body[data-ready]")
    page.get_by_text("In March 2014 Tokyo imposed sanctions on Moscow").click()
    page.wait_for_url("**/events/ev-sanction")
    assert page.inner_text("h1").split() == ["material", "conflict", "Japan", "JPN", "SANCTION", "Russia", "RUS"]
    assert "In March 2014 Tokyo imposed sanctions on Moscow" in page.inner_text("blockquote mark")
    _assert_clean(page, problems)
    page.click("a.api")  # the JSON twin (a browser showing JSON asks for /favicon.ico, hence no clean check)
    assert '"id":"ev-sanction"' in page.content().replace(" ", "")


def test_browser_actor_pager_walks_through_its_events(live_server: str, tab: tuple[Any, list[str]]) -> None:
    page, problems = tab
    page.goto(live_server + "/actors/Q17?limit=1")
    page.wait_for_selector(".chart[data-drawn] .main-svg")
    first = page.inner_text("table.events tbody tr")
    total = int(re.search(r"of (\d+)", page.inner_text("p.pager")).group(1))  # type: ignore[union-attr]
    assert total >= 2
    page.click("p.pager a >> text=next")
    page.wait_for_selector(".chart[data-drawn] .main-svg")
    assert page.url.endswith("offset=1&limit=1")
    assert page.inner_text("p.pager").startswith(f"2–2 of {total}")
    assert page.inner_text("table.events tbody tr") != first
    page.click("p.pager a >> text=previous")
    page.wait_for_selector("body[data-ready]")
    assert page.inner_text("table.events tbody tr") == first
    _assert_clean(page, problems)


def test_browser_index_opens_on_the_busy_period_with_full_range_one_click_away(
    live_server: str, tab: tuple[Any, list[str]]
) -> None:
    page, problems = tab
    page.goto(live_server + "/index?dyad=JPN-RUS")
    page.wait_for_selector(".chart[data-drawn] .main-svg")
    zoomed = page.evaluate("() => document.querySelector('.chart').layout.xaxis.range.slice()")
    assert "two thirds of the events" in page.inner_text("main")
    page.get_by_text("full range", exact=True).click()
    page.wait_for_function("() => document.querySelector('.chart').layout.xaxis.autorange === true")
    full = page.evaluate("() => document.querySelector('.chart').layout.xaxis.range.slice()")
    assert full[0] < zoomed[0] and full[1] >= zoomed[1]
    _assert_clean(page, problems)


def test_browser_indicator_axes_read_as_years(live_server: str, tab: tuple[Any, list[str]]) -> None:
    page, problems = tab
    page.goto(live_server + "/indicators")
    page.wait_for_selector(".chart[data-drawn] .main-svg")
    ticks = page.locator(".chart .xtick text").all_text_contents()
    assert ticks and all(re.fullmatch(r"\d{4}", t) for t in ticks), ticks
    _assert_clean(page, problems)


def test_browser_timeline_sorts_and_narrows_by_facet(live_server: str, tab: tuple[Any, list[str]]) -> None:
    page, problems = tab
    page.goto(live_server + "/timeline")
    page.wait_for_selector(".chart[data-drawn] .main-svg")
    column = "table.events tbody tr td:nth-child(5)"
    page.click("table.events th >> text=intensity")
    ascending = [float(x) for x in page.locator(column).all_inner_texts()]
    assert ascending == sorted(ascending) and len(ascending) == 6
    page.click("table.events th >> text=intensity")
    assert [float(x) for x in page.locator(column).all_inner_texts()] == sorted(ascending, reverse=True)
    page.click("aside.facets [data-facet=type] a >> text=REQUEST")
    page.wait_for_selector("body[data-ready]")
    assert "type=REQUEST" in page.url and page.locator("table.events tbody tr").count() == 2
    assert "2 events" in page.inner_text("main")
    _assert_clean(page, problems)


def test_browser_timeline_chart_zooms(live_server: str, tab: tuple[Any, list[str]]) -> None:
    page, problems = tab
    page.goto(live_server + "/timeline")
    page.wait_for_selector(".chart[data-drawn] .main-svg")
    before = page.evaluate("() => document.querySelector('.chart').layout.xaxis.range.slice()")
    page.evaluate(
        "() => Plotly.relayout(document.querySelector('.chart'), {'xaxis.range': ['2016-01-01', '2017-01-01']})"
    )
    after = page.evaluate("() => document.querySelector('.chart').layout.xaxis.range.slice()")
    assert before != after and str(after[0]).startswith("2016-01-01")
    _assert_clean(page, problems)


def test_browser_report_is_offline_and_inert(test_db: Path, tmp_path: Path, tab: tuple[Any, list[str]]) -> None:
    page, problems = tab
    out = tmp_path / "brief.html"
    write_report(test_db, out)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    assert all(u.startswith(("file:", "data:", "blob:")) for u in requests), requests
    assert page.is_visible("#key") and "Key developments" in page.inner_text("#key")
    assert page.locator("svg.svgchart rect").count() >= 3
    assert "1956 Joint Declaration" in page.inner_text("#agreements ~ section.agreement")
    page.screenshot(path=str(_shots_dir() / "report.png"))
    page.locator("#key a.fn").first.click()  # a footnote number opens the quoted passage
    assert page.url.endswith("#fn-1") and page.is_visible("#fn-1 mark")
    _assert_clean(page, problems)


def _shots_dir() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


def test_browser_chromium_is_debian_s(browser: Any) -> None:
    assert shutil.which("chromium") and browser.version


def test_browser_indicator_and_document_headers_sort_every_row(live_server: str, tab: tuple[Any, list[str]]) -> None:
    page, problems = tab

    def column(selector: str) -> list[str]:
        return [c.strip() for c in page.locator(selector).all_inner_texts()]

    page.goto(live_server + "/indicators")
    page.locator("table.quantities th a", has_text="value").click()
    page.wait_for_url("**sort=value**")
    ascending = [float(v) for v in column("table.quantities tbody td.num a.fact")]
    assert len(ascending) >= 3 and ascending == sorted(ascending)
    page.locator("table.quantities th a", has_text="value").click()
    page.wait_for_url("**sort=-value**")
    assert [float(v) for v in column("table.quantities tbody td.num a.fact")] == sorted(ascending, reverse=True)
    page.goto(live_server + "/documents")
    page.locator("table.documents th a", has_text="characters").click()
    page.wait_for_url("**sort=chars**")
    sizes = [int(v) for v in column("table.documents tbody td.num")]
    assert len(sizes) == 3 and sizes == sorted(sizes)
    _assert_clean(page, problems)
