"""Plain coercion of text, flag and path parameters (dyad.cli.coercion): short commands never load pydantic, and
Typer's own checks and messages stay."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
from typer.testing import CliRunner

from dyad.cli import coercion
from dyad.store.db import Store

CHECK = """
import sys
from dyad.cli.main import app
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    print("PYDANTIC" if "pydantic" in sys.modules else "PLAIN", file=sys.stderr)
"""


def test_cli_short_commands_do_not_load_pydantic(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    Store.open(db).close()
    out = tmp_path / "agreements.csv"
    for args in (
        ["export", "agreements", "--db", str(db), "--format", "csv", "-o", str(out)],
        ["ask", "--db", str(db), "--json", "When was the treaty signed?"],
    ):
        done = subprocess.run([sys.executable, "-c", CHECK, *args], capture_output=True, text=True, check=True)
        assert done.stderr.strip().endswith("PLAIN"), done.stderr
    assert out.exists()


def _words(output: str) -> str:
    """The message without the box Typer draws round it (its lines break anywhere)."""
    return " ".join(re.sub(r"[\u2500-\u257f]", " ", output).split()).replace("- ", "-")


def test_cli_plain_coercion_keeps_typer_checks(tmp_path: Path) -> None:
    coercion.install()
    coercion.install()  # twice is once
    app = typer.Typer()
    got: list[object] = []

    @app.command()
    def run(
        name: str,
        where: Annotated[Path, typer.Option(exists=True, dir_okay=False)] = Path("missing"),
        count: Annotated[int, typer.Option(min=1)] = 1,
        loud: bool = False,
    ) -> None:
        got.append((name, where, count, loud))

    present = tmp_path / "present.txt"
    present.write_text("x", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["Norland", "--where", str(present), "--count", "3", "--loud"]).exit_code == 0
    assert got == [("Norland", present, 3, True)] and isinstance(got[0][1], Path)  # type: ignore[index]
    missing = runner.invoke(app, ["Norland", "--where", str(tmp_path / "nowhere.txt")])
    assert missing.exit_code == 2 and "does not exist" in _words(missing.output)  # Typer's own path check
    folder = runner.invoke(app, ["Norland", "--where", str(tmp_path)])
    assert folder.exit_code == 2 and "is a directory" in _words(folder.output)
    small = runner.invoke(app, ["Norland", "--where", str(present), "--count", "0"])
    assert small.exit_code == 2  # an int still goes through Typer's own adapter and its bounds
