"""Extraction stages are spaCy components run in the order of their config, and a stage of one's own joins
them: a factory registered from a plugin module, named with ``--stage``, run by the real ``dyad ingest``,
its records in the real export."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from dyad.extract.stages import Context, PluginError, Stages, context
from dyad.offsets import MappedText
from tests.bundled import KNOWLEDGE, PIPELINE, parse
from tests.conftest import run_dyad

BUILT_IN = ["time", "actors", "events", "quantities", "agreements", "positions", "charts"]


def _quiet(nlp: Language, name: str) -> object:
    return lambda doc: doc


# Factories of the tests' own, registered as a plugin registers its stages.
Language.factory("test_needs_events", requires=["doc._.dyad_events"], func=_quiet)
Language.factory("test_needs_tally", requires=["doc._.test_tally"], func=_quiet)
Language.factory("test_quiet_positions", assigns=["doc._.dyad_positions"], func=_quiet)


def _stages(*changes: str) -> Stages:
    return Stages.from_config(PIPELINE.nlp.vocab, changes)


def test_stages_built_in_order_from_the_config() -> None:
    stages = _stages()
    assert stages.names == BUILT_IN
    assert not stages.joined  # dyad's own stages read the paragraphs: no document Doc to join


def test_stages_a_stage_added_last_or_in_a_place() -> None:
    assert _stages("test_needs_events").names == [*BUILT_IN, "test_needs_events"]
    replaced = _stages("positions=test_quiet_positions")
    assert replaced.names == BUILT_IN
    assert replaced.nlp.get_pipe_meta("positions").factory == "test_quiet_positions"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("no_such_factory", "no_such_factory"),
        ("time=test_needs_events", "requires doc._.dyad_events"),  # first, before the events it needs
        ("test_needs_tally", "requires doc._.test_tally"),  # a need no stage meets
        ("=", "expected FACTORY or NAME=FACTORY"),
    ],
)
def test_stages_unknown_factory_and_unmet_needs_are_errors(change: str, message: str) -> None:
    with pytest.raises(PluginError, match=message):
        _stages(change)


def test_stages_a_component_sees_the_whole_document_and_the_earlier_stages() -> None:
    text = "Talks, 2 March 2020.\n\nChile and Peru met in Lima.\n\n\nThey agreed to meet again."
    seen: list[tuple[str, int, list[str]]] = []

    def look(nlp: Language, name: str) -> object:
        def component(doc: Doc) -> Doc:
            ctx = context(doc)
            mentions = doc._.dyad_mentions
            seen.append((doc.text, len(ctx.extraction.mentions), sorted({m.country for m in mentions if m.country})))
            return doc

        return component

    Language.factory("test_look", requires=["doc._.dyad_mentions"], func=look)
    stages = _stages("test_look")
    assert stages.joined
    ctx = stages.run(parse("t.txt", MappedText.identity(text), text, None), KNOWLEDGE)
    assert isinstance(ctx, Context)
    [(body, count, countries)] = seen
    assert body == text  # the body itself: token offsets are body offsets
    assert count == len(ctx.extraction.mentions) > 0 and {"CHL", "PER"} <= set(countries)


def _loses_doc(nlp: Language, name: str) -> object:
    return lambda doc: None


def test_stages_a_component_that_returns_no_doc_is_an_error() -> None:
    Language.factory("test_loses_doc", func=_loses_doc)
    text = "Chile and Peru met in Lima on 2 March 2020."
    with pytest.raises(PluginError, match="test_loses_doc.*NoneType"):
        _stages("test_loses_doc").run(parse("t.txt", MappedText.identity(text), text, None), KNOWLEDGE)


PLUGIN = '''
import re

from spacy.language import Language

from dyad.extract.stages import context
from dyad.records import QuantityRecord


@Language.factory("crates", requires=["doc._.dyad_times"], assigns=["doc._.dyad_quantities"])
def make_crates(nlp, name):
    def crates(doc):
        """Every 'N crates' of the body (token offsets are body offsets), as a quantity dated by the document."""
        ctx = context(doc)
        for m in re.finditer(r"(\\d+) crates", doc.text):
            ev = ctx.pdoc.evidence(m.start(), m.end())
            ctx.extraction.quantities.append(
                QuantityRecord("crates counted", float(m.group(1)), "crate", ctx.extraction.doc_date, None, ev)
            )
        return doc

    return crates
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

    out = run_dyad("ingest", str(doc), "--plugin", "crate_stage", "--stage", "crates", db=db, env=env)
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
    unnamed = run_dyad("ingest", str(doc), "--stage", "crates", db=tmp_path / "z.duckdb", env=env)  # no --plugin
    assert unnamed.returncode == 1 and "E202" in unnamed.stderr and "crates" in unnamed.stderr
