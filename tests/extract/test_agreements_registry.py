"""Agreements: alias matching, status cues and the registry, on text written for the test and on the seeds."""

from __future__ import annotations

import pytest

from dyad.analysis.registry import build_registry
from dyad.errors import KnowledgeError
from dyad.extract.agreements import doc_dyad, extract_agreements
from dyad.knowledge.agreements import read_agreements
from dyad.offsets import MappedText
from dyad.records import AgreementMention, Evidence, Mention
from tests.bundled import KNOWLEDGE, parse


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
        ("The ministers agreed to sign a peace treaty after the border is drawn.", None),
        ("The premier proposed signing a peace treaty within the year.", "proposed"),
        ("Both capitals still haven’t signed a peace treaty.", None),
        ("Talks on a peace treaty were frozen last spring.", "suspended"),
        ("The foreign ministry said it was quitting the discussions aimed at concluding a peace treaty.", "abandoned"),
        ("The envoy walks away from peace-treaty talks.", "abandoned"),
        ("A peace treaty was never mentioned while the two states signed a trade pact.", None),
    ],
)
def test_agreements_status_from_cues(text, status):
    (m,) = extract_agreements(_pdoc(text), _states("AAA", "BBB"), [], KNOWLEDGE.agreements, KNOWLEDGE.units)
    assert (m.key, m.status) == ("peace-treaty:AAA-BBB", status)


def test_agreements_named_alias_with_data_date_and_parties():
    text = "Both referred to the Joint Declaration of 1956 during the talks."
    (m,) = extract_agreements(_pdoc(text), [], [], KNOWLEDGE.agreements, KNOWLEDGE.units)
    assert (m.key, m.date, set(m.parties), m.kind) == (
        "joint-declaration-1956",
        "1956-10-19",
        {"JPN", "SUN"},
        "declaration",
    )


def test_agreements_goal_is_not_a_status():
    text = "Both sides held discussions aimed at signing a peace deal."
    (m,) = extract_agreements(_pdoc(text), _states("AAA", "BBB"), [], KNOWLEDGE.agreements, KNOWLEDGE.units)
    assert m.status == "negotiating"


def test_agreements_status_attaches_to_its_own_mention():
    # the verb "signed" governs the trade pact, not the peace treaty named in the same sentence
    text = "Although a peace treaty remains distant, the ministers signed 14 trade deals."
    got = {
        m.key.split(":")[0]: m.status
        for m in extract_agreements(_pdoc(text), _states("AAA", "BBB"), [], KNOWLEDGE.agreements, KNOWLEDGE.units)
    }
    assert got["peace-treaty"] is None and got["count"] == "signed"


def test_agreements_states_named_in_the_phrase_decide_the_pair():
    text = "The Sino-Japanese peace treaty upset the Kremlin."
    start = text.index("Sino")
    ms = [
        Mention(start, start + 4, "Sino", "CHN", "state", "CHN", 0),
        Mention(start + 5, start + 13, "Japanese", "JPN", "state", "JPN", 0),
        *[Mention(900, 901, c, c, "state", c, 3) for c in ("JPN", "RUS", "RUS")],
    ]
    (m,) = extract_agreements(_pdoc(text), ms, [], KNOWLEDGE.agreements, KNOWLEDGE.units)
    assert m.key == "peace-treaty:CHN-JPN" and m.parties == ("CHN", "JPN")


def test_agreements_generic_with_a_named_year_is_the_named_one():
    text = "Moscow refused to sign the 1951 peace treaty."
    (m,) = extract_agreements(_pdoc(text), _states("JPN", "RUS"), [], KNOWLEDGE.agreements, KNOWLEDGE.units)
    assert m.key == "san-francisco-1951"


def test_agreements_counted_batches_merge_across_wordings():
    ms = [
        AgreementMention(
            "count:AAA-BBB:100:2016",
            n,
            "other",
            ("AAA", "BBB"),
            "2016-05",
            "signed",
            "2016-05",
            (),
            Evidence(d, 0, 1, n),
        )
        for d, n in (("a.txt", "hundred trade agreements"), ("b.txt", "100 trade agreements"))
    ]
    (rec,) = build_registry(ms, KNOWLEDGE.agreements)
    assert rec["name"] == "100 trade agreements" and len(rec["evidence"]) == 2
    assert rec["quantities"][0]["value"] == 100 and rec["quantities"][0]["unit"] == "agreements"


def test_agreements_registry_orders_and_drops_impossible_steps():
    def m(status, date, i):
        ev = Evidence("a", i, i + 1, "x")
        return AgreementMention("k", "K", "treaty", ("A",), "1990-05-01", status, date, (), ev)

    ms = [
        m("signed", "1805", 0),
        m("in_force", "1990", 1),
        m("signed", "1990-05-01", 2),
        m("abandoned", "2001", 3),
        m("negotiating", "1989", 4),
        m("negotiating", "1989-06", 5),
    ]
    (rec,) = build_registry(ms, KNOWLEDGE.agreements)
    assert [(h["status"], h["date"]) for h in rec["status_history"]] == [
        ("negotiating", "1989-06"),
        ("signed", "1990-05-01"),
        ("in_force", "1990"),
        ("abandoned", "2001"),
    ]
    assert rec["status"] == "abandoned" and all(h["evidence"] for h in rec["status_history"])


def test_agreements_san_francisco_non_parties():
    text = "Japan signed the Treaty of San Francisco."
    (m,) = extract_agreements(_pdoc(text), [], [], KNOWLEDGE.agreements, KNOWLEDGE.units)
    (rec,) = build_registry([m], KNOWLEDGE.agreements)
    assert "SUN" not in rec["parties"] and "SUN" in rec["non_parties"] and {"JPN", "USA"} <= set(rec["parties"])


def test_agreements_dyad_folds_successor_states():
    ms = _states("SUN", "JPN", "RUS", "JPN", "USA")
    assert doc_dyad(ms, {"SUN": "RUS"}) == ("JPN", "RUS")


def test_agreements_registry_latest_status_and_history():
    ev = Evidence("b.txt", 0, 1, "x")
    ms = [
        AgreementMention("k", "K", "treaty", ("A", "B"), None, s, d, (), Evidence("a.txt", i, i + 1, "x"))
        for i, (s, d) in enumerate([("negotiating", "2016"), ("abandoned", "2022-03-21"), ("proposed", None)])
    ]
    ms.append(AgreementMention("k", "K", "treaty", ("A", "B"), None, "negotiating", "2016", (), ev))
    (rec,) = build_registry(ms, KNOWLEDGE.agreements)
    assert rec["status"] == "abandoned"
    assert [(h["status"], h["date"]) for h in rec["status_history"]] == [
        ("negotiating", "2016"),
        ("abandoned", "2022-03-21"),
        ("proposed", None),
    ]
    assert len(rec["status_history"][0]["evidence"]) == 2
    assert set(rec) >= {"id", "name", "kind", "parties", "date", "status", "status_history", "fields", "evidence"}


def test_agreements_bad_file_is_a_knowledge_error(tmp_path):
    bad = tmp_path / "a.yaml"
    bad.write_text("kinds: {}\n", "utf-8")
    with pytest.raises(KnowledgeError):
        read_agreements(bad)


@pytest.mark.slow
def test_agreements_seeds_registry(seeds_dir):
    from dyad.extract.actors.link import link_actors
    from dyad.extract.time.layer import resolve_times
    from dyad.ingest.repair import repair

    kb, mentions = KNOWLEDGE.actors, []
    for path in sorted(seeds_dir.glob("*.txt")):
        original = path.read_text("utf-8")
        body, _ = repair(MappedText.identity(original), fmt="txt", kb=KNOWLEDGE.repair)
        pdoc = parse(path.name, body, original, None)
        times = resolve_times(pdoc, KNOWLEDGE.time)
        mentions += extract_agreements(
            pdoc, link_actors(pdoc, kb, times.ref_dates), times, KNOWLEDGE.agreements, KNOWLEDGE.units
        )
    reg = {r["id"]: r for r in build_registry(mentions, KNOWLEDGE.agreements)}
    decl = reg["ag-joint-declaration-1956"]
    assert decl["date"] == "1956-10-19" and {"JPN", "SUN"} <= set(decl["parties"])
    assert decl["status"] == "signed" and "negotiating" not in {h["status"] for h in decl["status_history"]}
    treaty = reg["ag-peace-treaty-jpn-rus"]
    assert (treaty["status"], treaty["status_history"][-1]["date"]) == ("abandoned", "2022-03-21")
    assert all(h["status"] not in ("signed", "in_force") for h in treaty["status_history"])
    assert reg["ag-peace-treaty-chn-jpn"]["parties"] == ["CHN", "JPN"]
    assert reg["ag-eight-point-plan-2016"]["status"] != "abandoned"
    counted = [r for r in reg.values() if r["id"].startswith("ag-count-")]
    assert len({(r["date"], r["quantities"][0]["value"]) for r in counted}) == len(counted)


#: Listed agreements written as a case-blind pattern still finds them: capitals, no space, a long s.
ALIASED = [
    "Both states honoured the TREATY OF \u017fHIMODA for decades.",
    "The ShimodaTreaty and the tokyo declaration were both cited.",
    "Critics said the new start treaty had lapsed, and the Minsk-II accords too.",
    "Nothing listed is named in this sentence about fisheries.",
]


def test_agreements_words_of_each_alias_are_in_every_sentence_it_matches(seeds_dir) -> None:
    """The words ``alias_words`` keeps for each listed pattern (a sentence without one of them is not searched)
    are in every text the pattern matches: these sentences and every line of the seeds."""
    from dyad.casefold import blind

    data = KNOWLEDGE.agreements
    listed = data.named + data.generic
    assert len(data.alias_words) == len(listed) and all(w for w in data.alias_words)
    lines = [line for f in sorted(seeds_dir.iterdir()) for line in f.read_text(encoding="utf-8").splitlines()]
    matched = 0
    for text in ALIASED + lines:
        for (pattern, _item), words in zip(listed, data.alias_words, strict=True):
            if pattern.search(text):
                matched += 1
                assert words is not None and any(w in blind(text) for w in words), (pattern.pattern[:60], text)
    assert matched >= 10
    assert [m.key for m in extract_agreements(_pdoc(ALIASED[0]), _states("JPN", "RUS"), [], data, KNOWLEDGE.units)]
