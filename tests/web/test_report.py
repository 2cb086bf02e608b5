"""``write_report``: one self-contained file, hostile text escaped, data embedded as safe JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dyad.errors import StoreError
from dyad.report import write_report


@pytest.fixture(scope="module")
def brief(test_db: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("report") / "brief.html"
    write_report(test_db, out)
    return out.read_text(encoding="utf-8")


def test_report_is_self_contained(brief: str) -> None:
    markup = re.sub(r"<script>.*?</script>", "", brief, flags=re.S)  # plotly's own code mentions its site
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", markup)  # nothing from another host
    assert '<link rel="stylesheet"' not in brief and "<script src=" not in brief
    assert "Plotly" in brief and ".doctext" in brief


def test_report_has_every_section(brief: str) -> None:
    for anchor in ("index", "events", "agreements", "positions", "indicators", "sources"):
        assert f'id="{anchor}"' in brief
    assert "1956 Joint Declaration" in brief and "all-four-islands" in brief and "alpha.txt" in brief


def test_report_escapes_hostile_text(brief: str) -> None:
    assert "<script>window.__pwned" not in brief and "<img src=x" not in brief
    assert "&lt;script&gt;window.__pwned" in brief
    blocks = re.findall(r'<script type="application/json" id="([^"]+)">(.*?)</script>', brief, re.S)
    assert len(blocks) >= 3
    for _id, text in blocks:
        assert "<" not in text
        json.loads(text)


def test_report_needs_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        write_report(tmp_path / "missing.duckdb", tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()
