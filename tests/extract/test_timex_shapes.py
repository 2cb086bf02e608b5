"""Time shapes on sentences written for these tests: absolute, partial, ranges, parts, refusals."""

from __future__ import annotations

import pytest

from dyad.errors import KnowledgeError
from dyad.extract.time.anchor import anchor_rel
from dyad.extract.time.calendar import shift
from dyad.extract.time.scan import scan
from dyad.knowledge.time import read_time
from tests.bundled import KNOWLEDGE


def _absolute(text: str) -> list[tuple[str, str, str | None, str]]:
    found = scan(text, KNOWLEDGE.time)
    return [(text[f.start : f.end], f.cal.value, f.cal.end, f.cal.precision) for f in found if f.cal]


@pytest.mark.parametrize(
    ("sentence", "expr", "value", "end", "precision"),
    [
        ("The envoys met on January 12, 2018 in the capital.", "January 12, 2018", "2018-01-12", None, "day"),
        ("The envoys met on 12 January 2018 in the capital.", "12 January 2018", "2018-01-12", None, "day"),
        ("Talks were held on 3-4 October 2019 in a port city.", "3-4 October 2019", "2019-10-03", "2019-10-04", "day"),
        ("The ministers met on June 2 to 3, 2015.", "June 2 to 3, 2015", "2015-06-02", "2015-06-03", "day"),
        ("A memo dated 2011-07-30 was leaked.", "2011-07-30", "2011-07-30", None, "day"),
        ("Signed on the 5th of March, 2009, it lapsed.", "5th of March, 2009", "2009-03-05", None, "day"),
        ("The plan was drafted in Sept. 2014 by officials.", "Sept. 2014", "2014-09", None, "month"),
        ("A treaty was signed in 1956 after long talks.", "1956", "1956", None, "year"),
        ("Trade grew in the 1970s despite tension.", "1970s", "1970", "1979", "decade"),
        ("Ties soured in the early 1980s over a dispute.", "the early 1980s", "1980", "1983", "decade"),
        ("The second half of the 1990s saw more visits.", "The second half of the 1990s", "1995", "1999", "decade"),
        ("Borders shifted in the 18th century.", "18th century", "1700", "1799", "century"),
        ("Borders shifted in the late nineteenth century.", "the late nineteenth century", "1870", "1899", "century"),
        ("Growth slowed in early 2017 as prices fell.", "early 2017", "2017", None, "year"),
        ("The pact was signed in mid-1978 in a hurry.", "mid-1978", "1978", None, "year"),
        ("Sanctions lasted 2013–2014 before easing.", "2013–2014", "2013", "2014", "year"),
        ("Oil fell in 2015-16 and again later.", "2015-16", "2015", "2016", "year"),
        ("He served from 1991 to 1993 as envoy.", "1991 to 1993", "1991", "1993", "year"),
        ("Exports doubled between 2012 and 2015.", "2012 and 2015", "2012", "2015", "year"),
        ("He toured between March 2013 and May 2016.", "March 2013 and May 2016", "2013-03", "2016-05", "month"),
        ("The council worked from April to June 2017.", "April to June 2017", "2017-04", "2017-06", "month"),
        ("Russia left the talks on 4 Febuary 2021 abruptly.", "4 Febuary 2021", "2021-02-04", None, "day"),
        ("Tokyo replied in Octobr 2020 with a note.", "Octobr 2020", "2020-10", None, "month"),
        ("A commission worked in 20092014 on trade.", "20092014", "2009", "2014", "year"),
        ("Relations began in the following year of 1700.", "the following year of 1700", "1700", None, "year"),
    ],
)
def test_scan_absolute_shapes(sentence: str, expr: str, value: str, end: str | None, precision: str) -> None:
    assert (expr, value, end, precision) in _absolute(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Delegates gathered at the 4th Eastern Economic Forum.",
        "They revived the 2+2 format of ministers.",
        "Leaders of the G7 and the G20 met.",
        "Article 9 of the constitution limits the army.",
        "Resolution 1874 tightened the embargo.",
        "The fund holds $30 billion in assets.",
        "About 40% of the deals are idle.",
        "They signed 100 agreements and 80 projects.",
        "The garrison has 1,000 soldiers.",
        "The island covers 1495 km2 of land.",
        "See page 1912 of the annex.",
        "The session opened at 10:30 sharp.",
        "The convoy left at 1800 hours.",
        "Some 1650 troops were sent.",
        "To this day the dispute lingers.",
    ],
)
def test_scan_refuses_non_dates(sentence: str) -> None:
    assert _absolute(sentence) == []
    assert [f for f in scan(sentence, KNOWLEDGE.time) if f.rel and f.rel.deictic] == []


@pytest.mark.parametrize(
    ("sentence", "anchor", "value"),
    [
        ("A few days later he flew home.", "2017-01-11", "2017-01"),
        ("A year later the forum met again.", "2017-09", "2018-09"),
        ("Two years later the plan collapsed.", "2016-05", "2018-05"),
        ("The treaty followed the following year.", "1854", "1855"),
        ("That year the talks stalled.", "2016-03", "2016"),
        ("On the same day the envoy resigned.", "2018-04-17", "2018-04-17"),
        ("Last September our envoys visited.", "2018-01-12", "2017-09"),
        ("We will meet next month in the capital.", "2018-01-12", "2018-02"),
        ("This year the plan must succeed.", "2018-01-12", "2018"),
        ("Three years ago the border opened.", "2018-06", "2015-06"),
        ("They met again on May 6 in the south.", "2016", "2016-05-06"),
        ("They met again in May in the south.", "2016-02", "2016-05"),
        ("A deal is due by the end of the year.", "2018-09-12", "2018"),
    ],
)
def test_relative_times_anchor(sentence: str, anchor: str, value: str) -> None:
    rels = [f.rel for f in scan(sentence, KNOWLEDGE.time) if f.rel]
    assert rels, sentence
    cal = anchor_rel(rels[0], anchor)
    assert cal is not None and cal.value == value


@pytest.mark.parametrize("word", ["Mayor", "Jane", "Junk", "Eastern"])
def test_common_words_are_not_misspelt_months(word: str) -> None:
    assert [e[3] for e in _absolute(f"The {word} 2016 report was read.")] == ["year"]


def test_open_ranges_are_marked() -> None:
    found = scan("Exports fell after 1975 and have grown since 2012.", KNOWLEDGE.time)
    assert [(f.cal.value, f.open) for f in found if f.cal] == [("1975", "after"), ("2012", "after")]


@pytest.mark.parametrize(
    ("value", "n", "unit", "expected"),
    [("2016-12-30", 3, "day", "2017-01-02"), ("2016-01-31", 1, "month", "2016-02-29"), ("2016", 1, "year", "2017")],
)
def test_calendar_shift_keeps_precision(value: str, n: int, unit: str, expected: str) -> None:
    assert shift(value, n, unit) == expected


def test_lexicon_rejects_malformed_file(tmp_path) -> None:
    bad = tmp_path / "time.yaml"
    bad.write_text("months: {1: [january]}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="months"):
        read_time(bad)


def _holds_one_of(parsed: object, chars: set[str]) -> bool:
    """Whether every match of a parsed pattern (``re._parser``) consumes one of ``chars``."""
    from re import _constants as c  # type: ignore[attr-defined]

    def item(op: object, av: object) -> bool:
        if op is c.LITERAL:
            return chr(av) in chars  # type: ignore[arg-type]
        if op is c.IN:
            members = list(av)  # type: ignore[call-overload]
            return bool(members) and all(
                (o is c.LITERAL and chr(a) in chars)
                or (o is c.RANGE and all(chr(x) in chars for x in range(a[0], a[1] + 1)))
                for o, a in members
            )
        if op is c.SUBPATTERN:
            return seq(av[-1])  # type: ignore[index]
        if op is c.ATOMIC_GROUP:
            return seq(av)
        if op is c.BRANCH:
            return all(seq(alt) for alt in av[1])  # type: ignore[index]
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _high, sub = av  # type: ignore[misc]
            return low >= 1 and seq(sub)
        return False  # lookarounds, anchors, classes of other characters

    def seq(sub: object) -> bool:
        return any(item(op, av) for op, av in sub)  # type: ignore[attr-defined]

    return seq(parsed)


def test_scan_skips_only_patterns_that_cannot_match() -> None:
    """A paragraph without a month code or a year's first digit is not searched for the patterns that need one:
    each of those compiled patterns is read to check that every match of it holds one of those characters."""
    from re import _parser  # type: ignore[attr-defined]

    from dyad.extract.time import scan as scan_module

    patterns = {kind: pattern for kind, pattern, _build in scan_module._patterns(KNOWLEDGE.time)}
    assert set(scan_module.NEEDS) <= set(patterns)
    for kind, chars in scan_module.NEEDS.items():
        assert _holds_one_of(_parser.parse(patterns[kind].pattern, patterns[kind].flags), set(chars)), kind
    # the reading is not vacuous: a year is optional in "the following year", and a shift has no month
    assert not _holds_one_of(_parser.parse(patterns["following"].pattern, patterns["following"].flags), set("12"))
    assert not _holds_one_of(_parser.parse(patterns["shift"].pattern, patterns["shift"].flags), set("§¤"))


def test_scan_finds_the_same_without_skipping(monkeypatch: pytest.MonkeyPatch) -> None:
    from dyad.extract.time import scan as scan_module

    texts = [
        "The envoys met on January 12, 2018, three weeks later than planned, and again last Monday.",
        "Since the 1990s the two sides have met every year; the following year talks stalled.",
        "No talks were held in the spring; in the early part of the decade a deal seemed near.",
        "The 19th century treaty of 1855 was revised in Marach 2022 and again on 3-4 October.",
    ]
    skipped = [scan(t, KNOWLEDGE.time) for t in texts]
    monkeypatch.setattr(scan_module, "NEEDS", {})
    assert [scan(t, KNOWLEDGE.time) for t in texts] == skipped
    assert all(skipped[:2]) and skipped[3]


#: One text for each pattern skipped without its words, some in capitals, one with a Kelvin sign (which a
#: case-blind pattern reads as a "k").
WORDED = [
    "Two years LATER the envoys came back; a week ago and five days AfterWARDS they left.",
    "The 19th CENTURY border and the twentieth century were both disputed.",
    "They met on Monday, again LAST WEDNESDAY and by Sunday were done.",
    "Over the PAST two years and the last three decades trade grew.",
    "At the end of the year and by the middle of this WEE\u212a the talks resumed.",
    "This week, next SUMMER and the coming decade will tell.",
    "They met on 2 May last YEAR and again on June 3 this year.",
    "Only HOURS earlier the envoys had left; minutes later the talks ended, and within hours they met.",
    "Nothing dated here at all, only words.",
]


def test_scan_skips_a_pattern_only_when_its_words_are_absent(monkeypatch: pytest.MonkeyPatch, seeds_dir) -> None:
    """The words of ``scan.WORDS`` only spare work: every text, the seeds' paragraphs among them, reads the
    same with the skip as without it."""
    from dyad.extract.time import scan as scan_module

    paragraphs = [p for f in sorted(seeds_dir.iterdir()) for p in f.read_text(encoding="utf-8").split("\n\n")]
    texts = WORDED + [p for p in paragraphs if p.strip()]
    skipped = [scan(t, KNOWLEDGE.time) for t in texts]
    kinds = {f.kind for found in skipped[: len(WORDED) - 1] for f in found}
    assert set(scan_module.WORDS) <= kinds | {"part"}, set(scan_module.WORDS) - kinds
    monkeypatch.setattr(scan_module, "WORDS", {})
    assert [scan(t, KNOWLEDGE.time) for t in texts] == skipped
    assert not skipped[len(WORDED) - 1]
