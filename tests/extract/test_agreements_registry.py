"""Agreements: alias matching, status cues and the registry, on text written for the test and on the seeds."""

from __future__ import annotations

import pytest

from dyad.analysis.registry import build_registry
from dyad.errors import KnowledgeError
from dyad.extract.agreements import doc_dyad, extract_agreements, load_agreements, status_near
from dyad.extract.parse import parse
from dyad.ingest.offsets import MappedText
from dyad.records import AgreementMention, Evidence, Mention


def _pdoc(text: str, name: str = "t.txt"):
    return parse(name, MappedText.identity(text), text, None)


def _states(*codes):
    return [Mention(0, 1, c, c, "state", c, 0) for c in codes]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Moscow abandoned the talks on a peace treaty.", "abandoned"),
        ("Both sides resumed negotiations on a peace treaty.", "negotiating"),
        ("The two states signed a peace treaty.", "signed"),
        ("The two states have not signed a peace treaty.", None),
        ("They would sign a peace treaty if the border were settled.", None),
        ("Signing a peace treaty is the most important issue.", None),
    ],
)
def test_agreements_status_from_cues(text, status):
    (m,) = extract_agreements(_pdoc(text), _states("AAA", "BBB"), [])
    assert (m.key, m.status) == ("peace-treaty:AAA-BBB", status)


def test_agreements_named_alias_with_data_date_and_parties():
    text = "Both referred to the Joint Declaration of 1956 during the talks."
    (m,) = extract_agreements(_pdoc(text), [], [])
    assert (m.key, m.date, set(m.parties), m.kind) == (
        "joint-declaration-1956",
        "1956-10-19",
        {"JPN", "SUN"},
        "declaration",
    )


def test_agreements_goal_is_not_a_status():
    data = load_agreements()
    text = "they quit the discussions aimed at signing a peace deal"
    start = text.index("peace deal")
    assert status_near(text, start, start + 10, data)[0] == "negotiating"


def test_agreements_dyad_folds_successor_states():
    ms = _states("SUN", "JPN", "RUS", "JPN", "USA")
    assert doc_dyad(ms, {"SUN": "RUS"}) == ("JPN", "RUS")


def test_agreements_registry_latest_status_and_history():
    ev = Evidence("a.txt", 0, 1, "x")
    ms = [
        AgreementMention("k", "K", "treaty", ("A", "B"), None, s, d, (), Evidence("a.txt", i, i + 1, "x"))
        for i, (s, d) in enumerate([("negotiating", "2016"), ("abandoned", "2022-03-21"), ("proposed", None)])
    ]
    ms.append(AgreementMention("k", "K", "treaty", ("A", "B"), None, "negotiating", "2016", (), ev))
    (rec,) = build_registry(ms)
    assert rec["status"] == "abandoned"
    assert [(h["status"], h["date"]) for h in rec["status_history"]] == [
        ("negotiating", "2016"),
        ("abandoned", "2022-03-21"),
        ("proposed", None),
    ]
    assert set(rec) >= {"id", "name", "kind", "parties", "date", "status", "status_history", "fields", "evidence"}


def test_agreements_bad_file_is_a_knowledge_error(tmp_path):
    bad = tmp_path / "a.yaml"
    bad.write_text("kinds: {}\n", "utf-8")
    with pytest.raises(KnowledgeError):
        load_agreements(bad)


@pytest.mark.slow
def test_agreements_seeds_registry(seeds_dir):
    from dyad.extract.actors import link_actors
    from dyad.extract.knowledge import load_knowledge
    from dyad.extract.timex import resolve_times
    from dyad.ingest.repair import repair

    kb, mentions = load_knowledge(), []
    for path in sorted(seeds_dir.glob("*.txt")):
        original = path.read_text("utf-8")
        body, _ = repair(MappedText.identity(original), fmt="txt")
        pdoc = parse(path.name, body, original, None)
        times = resolve_times(pdoc)
        mentions += extract_agreements(pdoc, link_actors(pdoc, kb, times.ref_dates), times, kb)
    reg = {r["id"]: r for r in build_registry(mentions)}
    decl = reg["ag-joint-declaration-1956"]
    assert decl["date"] == "1956-10-19" and {"JPN", "SUN"} <= set(decl["parties"])
    treaty = next(r for r in reg.values() if r["id"].startswith("ag-peace-treaty"))
    assert (treaty["status"], treaty["status_history"][-1]["date"]) == ("abandoned", "2022-03-21")
