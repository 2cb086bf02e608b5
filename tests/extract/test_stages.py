"""Extraction stages run in their declared order, and a stage of one's own joins them: registered from a
plugin module, run by the real ``dyad ingest``, its records in the real export."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

from dyad.extract import stages
from dyad.extract.stages import PluginError, registered, stage
from tests.conftest import run_dyad

BUILT_IN = ["time", "actors", "events", "quantities", "agreements", "positions", "charts"]


@pytest.fixture
def own_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Registrations in a test stay in that test."""
    monkeypatch.setattr(stages, "_STAGES", dict(stages._STAGES))


def test_stages_built_in_order() -> None:
    assert registered() == BUILT_IN


@pytest.mark.usefixtures("own_registry")
def test_stages_a_stage_waits_for_what_it_needs() -> None:
    stage("summary", after=("tally",))(lambda ctx: None)  # registered before what it needs
    stage("tally", after=("events",))(lambda ctx: None)
    order = registered()
    assert order.index("events") < order.index("tally") < order.index("summary")
    assert order[: len(BUILT_IN)] == BUILT_IN


@pytest.mark.usefixtures("own_registry")
def test_stages_replacing_a_stage_keeps_its_place() -> None:
    def quiet(ctx: stages.Context) -> None:
        return None

    stage("positions", after=("actors",))(quiet)
    assert registered() == BUILT_IN
    assert stages._STAGES["positions"].run is quiet


@pytest.mark.usefixtures("own_registry")
def test_stages_unknown_need_and_circle_are_errors() -> None:
    stage("a", after=("nowhere",))(lambda ctx: None)
    with pytest.raises(PluginError, match="nowhere"):
        registered()
    stage("a", after=("b",))(lambda ctx: None)
    stage("b", after=("a",))(lambda ctx: None)
    with pytest.raises(PluginError, match="circle"):
        registered()


PLUGIN = '''
import re

from dyad.extract.stages import Context, stage
from dyad.records import QuantityRecord


@stage("crates", after=("time",))
def crates(ctx: Context) -> None:
    """Every 'N crates' of the body, as a quantity dated by the document."""
    for m in re.finditer(r"(\\d+) crates", ctx.pdoc.text):
        ev = ctx.pdoc.evidence(m.start(), m.end())
        ctx.extraction.quantities.append(
            QuantityRecord("crates counted", float(m.group(1)), "crate", ctx.extraction.doc_date, None, ev)
        )
'''


def test_stages_plugin_stage_runs_in_dyad_ingest_and_reaches_the_export(tmp_path: Path) -> None:
    plugins, db = tmp_path / "plugins", tmp_path / "x.duckdb"
    plugins.mkdir()
    (plugins / "crate_stage.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    doc = tmp_path / "port.txt"
    doc.write_text(
        "Port log, 4 May 2021.\n\nInspectors from Chile counted 417 crates on the quay at Valparaiso, and the"
        " harbour master of Peru logged 52 crates more.\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugins), os.environ.get("PYTHONPATH", "")])}

    out = run_dyad("ingest", str(doc), "--plugin", "crate_stage", db=db, env=env)
    assert out.returncode == 0, out.stderr
    exported = run_dyad("export", "quantities", db=db, env=env)
    assert exported.returncode == 0, exported.stderr
    ours = [r for r in map(json.loads, exported.stdout.splitlines()) if r["what"] == "crates counted"]
    original = doc.read_text(encoding="utf-8")
    assert sorted(r["value"] for r in ours) == [52.0, 417.0]
    for ev in (ev for r in ours for ev in r["evidence"]):
        assert original[ev["start"] : ev["end"]] == ev["text"] and ev["text"].endswith("crates")

    missing = run_dyad("ingest", str(doc), "--plugin", "no_such_stage_module", db=tmp_path / "y.duckdb", env=env)
    assert missing.returncode == 1 and "E202" in missing.stderr and "no_such_stage_module" in missing.stderr
