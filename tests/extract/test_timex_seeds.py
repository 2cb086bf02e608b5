"""The time layer on the real seed documents, read at run time from ../shared.

Each case names a seed, a short phrase locating one sentence (never a copied passage) and
the ISO value (and range end) the layer must give a time expression of that sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dyad.eval.dates import date_cases, read_gold, score_dates
from dyad.extract.parse import ParsedDoc
from dyad.extract.time.layer import TimeLayer, resolve_times
from dyad.ingest.repair import repair
from dyad.offsets import MappedText
from tests.bundled import KNOWLEDGE, parse
from tests.conftest import GOLD, seed_file

_CACHE: dict[str, tuple[ParsedDoc, TimeLayer]] = {}


def _layer(prefix: str) -> tuple[ParsedDoc, TimeLayer]:
    if prefix not in _CACHE:
        path: Path = seed_file(prefix)
        text = path.read_text(encoding="utf-8")
        body, _ = repair(MappedText.identity(text), fmt="txt", kb=KNOWLEDGE.repair)
        pdoc = parse(path.name, body, text, None)
        _CACHE[prefix] = (pdoc, resolve_times(pdoc, KNOWLEDGE.time))
    return _CACHE[prefix]


def _sentence(pdoc: ParsedDoc, phrase: str) -> int:
    words = r"\s+".join(re.escape(w) for w in phrase.split())
    for s in pdoc.sentences:
        if re.search(words, s.text):
            return s.idx
    pytest.skip(f"phrase {phrase!r} not found: the seed or the repair stage changed")


SEED_CASES = [
    ("000", "Prime Minister S. Abe put forward", "2016-05", None),
    ("000", "Speaking in parliament on", "2018-01-12", None),
    ("000", "our former residents were able", "2017-09", None),
    ("000", "Summit in Sochi in May", "2016-05", None),
    ("000", "Igor Shuvalov on April 28", "2018-04-28", None),
    ("000", "A year later, at the", "2018-09", None),
    ("000", "on the eve of his regular", "2018-03-16", None),
    ("000", "counterpart T. Kono on", "2018-03-18", None),
    ("000", "the Japanese government joined the statement", "2018-04-17", None),
    ("000", "On that day, due to", "2018-04-17", None),
    ("000", "Igor Morgulov, who is in charge", "2018-05-04", None),
    ("000", "Tokyo Declaration of 1993", "1993", None),
    ("000", "took place on May 25", "2018-05-25", "2018-05-26"),
    ("000", "suggested by President Putin on", "2018-09-12", None),
    ("000", "before the end of the year", "2018", None),
    ("001", "New Year press conference", "2016", None),
    ("001", "Just a few months later", "2013-04", None),
    ("001", "These efforts led to a", "2013-11", None),
    ("001", "had to be postponed in", "2014-03", None),
    ("001", "to meet with Putin on", "2016-05-06", None),
    ("001", "telephoned the Japanese leader", "2016-02-09", None),
    ("001", "program in Sochi in May", "2016-05", None),
    ("001", "at the start of September", "2016-09", None),
    ("001", "territorial talks in Yamaguchi", "2016-12-15", None),
    ("001", "territorial talks in Yamaguchi", "2016-12-16", None),
    ("001", "shared possession of Sakhalin", "1855", None),
    ("001", "in exchange for Japan receiving", "1875", None),
    ("001", "joint development was reached in", "1998", None),
    ("001", "which was released on", "2016-11-30", None),
    ("001", "Russia deployed the Bastion", "2016-11", None),
    ("001", "Minister Seko was dispatched", "2017-01-11", None),
    ("001", "no fewer than 92 countries", "2013-01", "2016-05"),
    ("001", "meet with President-elect Trump", "2016-11-17", None),
    ("001", "foreign minister from 1982", "1982", "1986"),
    ("001", "Less than one month later", "1991-05", None),
    ("001", "serve as prime minister until", "2021", None),
    ("002", "decline in oil prices", "2015", "2016"),
    ("002", "Sino-Soviet conflict of the", "1960", "1969"),
    ("002", "grew rapidly in the early", "1980", "1983"),
    ("002", "Tiananmen incident of", "1989", None),
    ("002", "started production of LNG", "2009", None),
    ("003", "Russia announced on 21", "2022-03-21", None),
    ("003", "did not resolve the territorial", "2016-12-15", "2016-12-16"),
    ("003", "an avid judoist", "2013-09-05", None),
    ("003", "in the following year of", "1855", None),
    ("003", "broke down early in", "1956", None),
    ("003", "second half of the 1950s", "1955", "1959"),
    ("003", "the Russo-Japanese War of", "1904", "1905"),
    ("003", "after the mid-1960s", "1963", "1966"),
    ("003", "expanded rapidly during the", "1970", "1979"),
    ("003", "the Soviet Union began openly", "1975", None),
    ("003", "as early as this summer", "2012", None),
    ("003", "first news conference of 2016", "2016-01-04", None),
    ("003", "On Monday, 18 June", "2012-06-18", None),
    ("003", "returned to Moscow four years", "2017-04-27", None),
    ("004", "first appeared in 2013", "2013", None),
    ("004", "In March 2012, Russian", "2012-03", None),
    ("004", "During their meeting in Sochi", "2016-05", None),
    ("004", "made a working visit to Moscow", "2017-04", None),
    ("004", "visited the Southern Kurils in", "2017-06", None),
    ("004", "deepened over the past three", "2014", "2017"),
    ("004", "Commission that operated in", "2009", "2014"),
    ("004", "opinion polls conducted in", "2016-08", None),
]


@pytest.mark.parametrize(("seed", "phrase", "value", "end"), SEED_CASES)
def test_seed_sentence_times(seed: str, phrase: str, value: str, end: str | None) -> None:
    pdoc, layer = _layer(seed)
    idx = _sentence(pdoc, phrase)
    got = [(t.value, t.end_value) for t in layer.in_sentence(idx)]
    assert (value, end) in got, f"{phrase!r}: {got}"


REF_CASES = [
    ("000", "Moscow does not see such need", "2018-03-16"),
    ("003", "Negotiations soon resumed", "1956-10"),
    ("003", "When the Japanese again refused", "1976-01"),
    ("003", "agreed on reactivating negotiations", "2012-06-18"),
    ("002", "Abe again put forward the idea", "2016-05"),
]


@pytest.mark.parametrize(("seed", "phrase", "ref"), REF_CASES)
def test_seed_story_time_carries_forward(seed: str, phrase: str, ref: str) -> None:
    pdoc, layer = _layer(seed)
    assert layer.ref_dates[_sentence(pdoc, phrase)] == ref


def test_seed_doc_date_from_running_title() -> None:
    _pdoc, layer = _layer("004")
    assert (layer.doc_date, layer.doc_date_how) == ("2017-08", "running-title")


def test_seed_doc_date_weak_fallback_is_latest_event() -> None:
    _pdoc, layer = _layer("000")
    assert layer.doc_date == "2018-09-12" and layer.doc_date_weak


def test_seed_date_for_prefers_own_sentence() -> None:
    pdoc, layer = _layer("000")
    idx = _sentence(pdoc, "Igor Shuvalov on April 28")
    verb = pdoc.text.index("emphasized", pdoc.sentences[idx].start)
    t = layer.date_for(idx, verb)
    assert t is not None and t.value == "2018-04-28"


def test_seed_date_accuracy_floor() -> None:
    """The eval gate: dated gold passages dated right (floor pinned below the measured 0.75)."""
    if not GOLD.is_dir():
        pytest.skip("../shared/gold/seeds is absent")
    rows = [*read_gold(GOLD / "events.jsonl"), *read_gold(GOLD / "quantities.jsonl")]
    cases = [c for p in ("000", "001", "002", "003", "004") for c in date_cases(*_layer(p), rows)]
    correct, total = score_dates(cases)
    assert total > 200 and correct / total >= 0.70
