"""An engine is one registered function: a serial one written here, registered by name, builds the same
model through ``dyad.pipeline.ingest`` as the local engine's worker processes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dyad import engines
from dyad.config import Options
from dyad.engines import Work
from dyad.export import records
from dyad.pipeline import ingest
from dyad.store.db import Store

OWN = Path(__file__).resolve().parents[1] / "extract" / "data"
SEEN: list[str] = []


def serial(paths: list[Path], options: Options, work: Work) -> Iterator[Any]:
    """Every file in this process, one after another."""
    work.prepare(options)
    for path in paths:
        SEEN.append(path.name)
        yield work.analyse(path, options)


def _model(db: Path) -> dict[str, list[dict[str, Any]]]:
    with Store.open(db, read_only=True) as store:
        return {kind: list(records(store, kind)) for kind in ("documents", "events", "quantities", "agreements")}


def test_engine_interface_a_registered_engine_builds_the_same_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(engines.ENGINES, "serial", f"{__name__}:serial")
    SEEN.clear()
    ours = [r.line() for r in ingest([OWN], Options(db=tmp_path / "serial.duckdb", engine="serial"))]
    local = [r.line() for r in ingest([OWN], Options(db=tmp_path / "local.duckdb", processes=1))]
    assert ours == local and all(line.startswith("added") for line in ours)
    assert sorted(SEEN) == sorted(Path(line.split(maxsplit=1)[1]).name for line in ours)
    assert _model(tmp_path / "serial.duckdb") == _model(tmp_path / "local.duckdb")


def test_engine_interface_unknown_engine_names_the_choices() -> None:
    with pytest.raises(ValueError, match="local or ray"):
        engines.engine_named("carrier-pigeon")
