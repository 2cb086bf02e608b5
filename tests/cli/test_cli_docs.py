"""The README documents every command and every setting the code declares."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.main import get_command

from dyad.cli.main import app
from dyad.config import SETTINGS, Options, cli_flag, declared, settings_table
from tests.conftest import run_dyad

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(get_command(app).commands))  # type: ignore[attr-defined]
def test_cli_docs_every_command_in_readme(command: str) -> None:
    assert f"`dyad {command}" in README, f"README does not document `dyad {command}`"


def test_cli_docs_readme_settings_table_is_the_generated_one() -> None:
    table = settings_table()
    assert table in README, (
        f"README's settings table differs from dyad/config.py; `python -m dyad.config` gives:\n{table}"
    )
    assert [f.name for f in declared()] == list(SETTINGS) == list(Options.__dataclass_fields__)


def test_cli_docs_a_changed_default_breaks_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    field = next(f for f in declared() if f.name == "snapshot_every")
    monkeypatch.setattr(field, "default", 51)
    assert "| `51` |" in settings_table() and settings_table() not in README


def test_cli_docs_ingest_help_has_every_setting(tmp_path: Path) -> None:
    out = run_dyad("ingest", "--help", db=tmp_path / "unused.duckdb")
    assert out.returncode == 0, out.stderr
    helptext = " ".join(out.stdout.split())  # as wrapped for the terminal, one line
    for f in declared():
        assert f"{cli_flag(f)} <" in helptext, f"dyad ingest --help lacks {cli_flag(f)}"
        assert " ".join(f.metadata["help"].split()) in helptext, f"--help says otherwise of {cli_flag(f)}"
        if f.default not in (None, ()):
            assert f"default: {f.default}" in helptext, f"--help shows another default for {cli_flag(f)}"


def test_cli_docs_settings_reach_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dyad.cli.main import options_for

    monkeypatch.setenv("DYAD_ACTORS", os.pathsep.join(["a.yaml", "b.yaml"]))
    options = options_for(tmp_path / "x.duckdb", batch_size=8, processes=None, actor_files=[Path("c.yaml")])
    assert options.batch_size == 8 and options.processes is None
    assert options.actor_files == (Path("a.yaml"), Path("b.yaml"), Path("c.yaml"))


def test_cli_docs_readme_starts_with_the_two_commands() -> None:
    head = README.splitlines()[:5]
    assert any("make demo" in line for line in head) and any("make test" in line for line in head)
    ci = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
