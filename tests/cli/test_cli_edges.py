"""Edges of `dyad report` and `dyad ask` through the real command line: one line, exit 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_dyad
from tests.web.conftest import build_test_db


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_test_db(tmp_path_factory.mktemp("edges") / "small.duckdb")


def _one_line_usage_error(result: object) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)  # type: ignore[attr-defined]
    err = result.stderr.strip()  # type: ignore[attr-defined]
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


def test_cli_report_into_a_missing_folder_is_one_line(small_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "b.html"
    err = _one_line_usage_error(run_dyad("report", "-o", str(target), db=small_db))
    assert str(target) in err and "does not exist" in err
    assert not target.parent.exists()


def test_cli_report_onto_a_folder_is_one_line(small_db: Path, tmp_path: Path) -> None:
    err = _one_line_usage_error(run_dyad("report", "-o", str(tmp_path), db=small_db))
    assert "is a folder" in err


def test_cli_report_writes_where_it_can(small_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "b.html"
    result = run_dyad("report", "-o", str(target), db=small_db)
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")


@pytest.mark.parametrize("question", ["", "   "])
def test_cli_ask_without_a_question_is_a_usage_error(small_db: Path, question: str) -> None:
    result = run_dyad("ask", question, db=small_db)
    err = _one_line_usage_error(result)
    assert "needs a question" in err and result.stdout == ""


@pytest.mark.parametrize(
    ("args", "problem"),
    [(["--from", "2016-13"], "not an ISO date"), (["--from", "2018", "--to", "2016"], "before --from")],
)
def test_cli_report_period_errors_are_one_line(small_db: Path, tmp_path: Path, args: list[str], problem: str) -> None:
    err = _one_line_usage_error(run_dyad("report", "-o", str(tmp_path / "b.html"), *args, db=small_db))
    assert problem in err and not (tmp_path / "b.html").exists()


def test_cli_report_for_a_period(small_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "b.html"
    result = run_dyad("report", "-o", str(target), "--from", "2018", "--to", "2018-12", db=small_db)
    assert result.returncode == 0, result.stderr
    assert "2018 to 2018-12" in target.read_text(encoding="utf-8")
