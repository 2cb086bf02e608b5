"""The README documents every command and every setting the code declares."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.main import get_command

from dyad.cli.main import app
from dyad.config import SETTINGS, Options

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(get_command(app).commands))  # type: ignore[attr-defined]
def test_cli_docs_every_command_in_readme(command: str) -> None:
    assert f"`dyad {command}" in README, f"README does not document `dyad {command}`"


@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_cli_docs_every_setting_in_readme_and_options(setting: str) -> None:
    assert f"| `{setting}` |" in README
    assert setting in Options.__dataclass_fields__


def test_cli_docs_readme_starts_with_the_two_commands() -> None:
    head = README.splitlines()[:5]
    assert any("make demo" in line for line in head) and any("make test" in line for line in head)
    ci = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
