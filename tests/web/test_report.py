"""``write_report``: one small self-contained file without script, a first screen with footnotes, a period."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dyad.errors import StoreError
from dyad.report import write_report
from tests.web.conftest import DOCS


@pytest.fixture(scope="module")
def brief(test_db: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("report") / "brief.html"
    write_report(test_db, out)
    return out.read_text(encoding="utf-8")


def test_report_is_self_contained_small_and_script_free(brief: str) -> None:
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", brief)  # nothing from another host
    assert '<link rel="stylesheet"' not in brief and "<script" not in brief
    assert ".doctext" in brief and '<svg xmlns="http://www.w3.org/2000/svg"' in brief
    assert len(brief.encode("utf-8")) < 200_000  # plotly.min.js alone is 4.8 MB


def test_report_has_every_section(brief: str) -> None:
    for anchor in ("key", "index", "events", "agreements", "positions", "indicators", "notes", "sources"):
        assert f'id="{anchor}"' in brief
    assert "1956 Joint Declaration" in brief and "all-four-islands" in brief and "alpha.txt" in brief


def test_report_first_screen_cites_footnotes_that_quote_the_passage(brief: str) -> None:
    key = brief[brief.index('id="key"') : brief.index('id="index"')]
    assert "Key judgements" in key and "On balance" in key
    cited = [int(n) for n in re.findall(r'<a class="fn" href="#fn-(\d+)">\[\1\]</a>', key)]
    assert cited and sorted(set(cited)) == list(range(1, max(cited) + 1))  # numbered in reading order
    items = re.findall(r'<li class="(?:event|agreement)"><span class="date">([^<]+)</span>(.*?)</li>', key, re.S)
    assert [d for d, _ in items] == sorted(d for d, _ in items)  # in date order
    assert items[0][0] == "1956-10-19" and "1956 Joint Declaration: signed" in items[0][1]  # JPN-SUN counts
    assert "&lt;script&gt;" not in key  # an agreement of Japan alone is no development of the dyad
    sanction = next(text for d, text in items if "SANCTION" in text)
    n = re.search(r'href="#fn-(\d+)"', sanction)
    note = re.search(rf'<li id="fn-{n.group(1) if n else 0}">(.*?)</li>', brief, re.S)
    assert note and "<mark>In March 2014 Tokyo imposed sanctions on Moscow</mark>" in note.group(1)
    assert "alpha.txt" in note.group(1) and "characters" in note.group(1)
    for n in cited:  # every footnote quotes a span that is in its document
        quoted = re.search(
            rf'<li id="fn-{n}">.*?<mark>(.*?)</mark>.*?<a href="#src-[0-9a-f]+">([^<]+)</a>', brief, re.S
        )
        assert quoted and quoted.group(2) in DOCS


def test_report_period_narrows_everything(test_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "period.html"
    write_report(test_db, out, date_from="2018", date_to="2018")
    html = out.read_text(encoding="utf-8")
    key = html[html.index('id="key"') : html.index('id="index"')]
    dates = re.findall(r'<span class="date">([^<]+)</span>', key)
    assert dates and all(d.startswith("2018") for d in dates)
    assert "2018 to 2018" in html and "2 events in the period" in html
    assert "2014-03" not in html[html.index('id="events"') : html.index('id="agreements"')]


def test_report_escapes_hostile_text(brief: str) -> None:
    assert "<script>window.__pwned" not in brief and "<img src=x" not in brief
    assert "&lt;script&gt;window.__pwned" in brief


def test_report_needs_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        write_report(tmp_path / "missing.duckdb", tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()
