"""Narrative time on documents written for these tests, and robustness on arbitrary text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.extract.parse import ParsedDoc
from dyad.extract.time.layer import resolve_times
from dyad.extract.time.scan import scan
from dyad.offsets import MappedText
from tests.bundled import KNOWLEDGE, parse

STORY = (
    "In March 2011 the two foreign ministers met in a northern port. "
    "A few days later they issued a joint note. The following year trade rose.\n\n"
    "The talks then stalled. Two years later a new cabinet revived them.\n\n"
    "Speaking on 14 February 2019, the minister said: \u201cLast November we opened a consulate. "
    "This year we hope to sign more.\u201d Exports fell after 1975 and rose again since 2012."
)


def _parsed(text: str, published: str | None = None) -> ParsedDoc:
    return parse("story.txt", MappedText.identity(text), text, published)


def _values(pdoc: ParsedDoc) -> dict[str, str]:
    return {t.text: t.value for t in resolve_times(pdoc, KNOWLEDGE.time).times}


def test_narrative_relative_times_follow_the_story() -> None:
    got = _values(_parsed(STORY, "2019-06-01"))
    assert got["March 2011"] == "2011-03"
    assert got["A few days later"] == "2011-03"
    assert got["The following year"] == "2012"
    assert got["Two years later"] == "2014"


def test_deictic_times_in_a_quoted_speech_use_the_speech_date() -> None:
    got = _values(_parsed(STORY, "2019-06-01"))
    assert got["Last November"] == "2018-11"
    assert got["This year"] == "2019"


def test_story_time_is_inherited_by_a_new_paragraph() -> None:
    pdoc = _parsed(STORY, "2019-06-01")
    layer = resolve_times(pdoc, KNOWLEDGE.time)
    idx = next(s.idx for s in pdoc.sentences if s.text.startswith("The talks then stalled"))
    assert layer.ref_dates[idx] == "2012"
    assert layer.doc_date == "2019-06-01" and layer.doc_date_how == "published"


def test_doc_date_from_a_cue_near_the_top() -> None:
    text = "Published: 3 May 2019\n\nThe envoy left last week. Trade grew in 2015."
    layer = resolve_times(_parsed(text), KNOWLEDGE.time)
    assert (layer.doc_date, layer.doc_date_how) == ("2019-05-03", "cue")


def test_doc_date_unknown_without_dates() -> None:
    layer = resolve_times(_parsed("The envoy left. Nobody said when."), KNOWLEDGE.time)
    assert layer.doc_date is None and layer.times == [] and layer.ref_dates == [None, None]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_scan_never_crashes(text: str) -> None:
    for f in scan(text, KNOWLEDGE.time):
        assert 0 <= f.start < f.end <= len(text)


_PIECES = st.sampled_from(
    [
        "May",
        "2016",
        "15-16",
        "December",
        "later",
        "a few days",
        "the following year",
        "Marach",
        "1980s",
        "last",
        "September",
        ",",
        ".",
        "\n\n",
        "of",
        "between",
        "and",
        "1,000",
        "$",
        "%",
        "\u201c",
        "early",
    ]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=30).map(" ".join))
def test_resolve_never_crashes(text: str) -> None:
    layer = resolve_times(_parsed(text), KNOWLEDGE.time)
    assert len(layer.ref_dates) == len(_parsed(text).sentences)
    for t in layer.times:
        assert text[t.start : t.end] == t.text and t.value[:4].isdigit()
