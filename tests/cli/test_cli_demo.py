"""`dyad demo`: the bundled corpus ingests cleanly into a fresh database and the brief is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.demo import corpus_files
from tests.conftest import run_dyad


@pytest.mark.slow
def test_cli_demo_builds_model_and_brief(tmp_path: Path) -> None:
    db, brief = tmp_path / "demo.duckdb", tmp_path / "brief.html"
    db.write_bytes(b"not a database")  # an existing file is kept aside, not overwritten
    result = run_dyad("demo", "-o", str(brief), db=db, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "demo.duckdb.bak").read_bytes() == b"not a database"
    assert "dyad serve" in result.stdout and str(brief) in result.stdout
    docs = [json.loads(x) for x in run_dyad("export", "documents", db=db).stdout.splitlines()]
    assert sorted(d["doc"] for d in docs) == sorted(p.name for p in corpus_files())
    assert {d["format"] for d in docs} == {"txt", "md", "html", "pdf"}
    html = brief.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") and "Shimoda" in html
    events = run_dyad("export", "events", db=db).stdout.splitlines()
    assert len(events) >= 30
