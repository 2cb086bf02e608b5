"""`dyad ingest` says what it found (issue 14): one summary line per run, and warnings per document."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_dyad

DATA = Path(__file__).resolve().parents[1] / "extract" / "data"


def _summary(stdout: str) -> str:
    lines = [line for line in stdout.splitlines() if line.startswith("summary")]
    assert len(lines) == 1, stdout
    return lines[0]


def test_cli_summary_counts_and_warnings(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    rain = tmp_path / "rain.txt"
    rain.write_text("Weather in the valley\n\nIt rained all week, and the farmers were glad of it.\n", encoding="utf-8")
    strangers = tmp_path / "strangers.txt"
    strangers.write_text(
        "Talks in Quorvania\n\nOn 3 May 2021 Chancellor Edmund Vasquill of Quorvania met Premier Hallis Oberand"
        " of Trelmark in Dunmoor. Vasquill accused Oberand of stalling, and Oberand rejected the charge."
        " Minister Ilse Varrow and Envoy Tomas Greeve joined them the next day.\n",
        encoding="utf-8",
    )
    first = run_dyad("ingest", str(DATA / "usa_cuba.txt"), str(rain), str(strangers), db=db)
    assert first.returncode == 0, first.stderr
    line = _summary(first.stdout)
    assert line.startswith("summary   3 documents added: ") and "most events: CUB–USA" in line, line
    assert f"W301 {rain}: no events found" in first.stderr, first.stderr
    assert f"W302 {strangers}:" in first.stderr and "--actors" in first.stderr, first.stderr
    assert "usa_cuba" not in first.stderr, first.stderr  # a document about known states warns of nothing
    again = run_dyad("ingest", str(rain), db=db)
    assert _summary(again.stdout) == "summary   0 documents added (1 skipped)" and "W301" not in again.stderr
