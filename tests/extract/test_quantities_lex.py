"""Number lexing: what a number is (value, unit) and what is refused, on sentences written for the test."""

from __future__ import annotations

import pytest

from dyad.errors import KnowledgeError
from dyad.extract.quantities.lex import lex_numbers, word_value
from dyad.knowledge.units import read_units
from tests.bundled import KNOWLEDGE


@pytest.fixture(scope="module")
def table():
    return KNOWLEDGE.units


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("exports reached US$3.1 billion last year", [(3.1, "USD bn")]),
        ("a fund of USD 0.5bn was set up", [(0.5, "USD bn")]),
        ("imports worth 420 billion yen", [(420.0, "JPY bn")]),
        ("a $7m grant", [(7_000_000.0, "USD")]),
        ("about thirty percent of voters", [(30.0, "%")]),
        ("rose by 4.5 per cent", [(4.5, "%")]),
        ("an island of 1,234 square kilometres", [(1234.0, "km2")]),
        ("a pipeline of 900 km", [(900.0, "km")]),
        ("a 45-minute call", [(45.0, "minutes")]),
        ("a ten-year lease", [(10.0, "years")]),
    ],
)
def test_quantities_lex_units(table, text, expected):
    assert [(q.value, q.unit) for q in lex_numbers(text, table)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "signed on 3 June 2011",
        "talks on June 3, 2011",
        "the visit of 14-15 May",
        "under Article 9 of the charter",
        "the G20 and the 2+2 format",
        "a two-plus-two meeting",
        "the 1990s were hard",
        "in 1998 the crisis hit",
        "as the report said.12 Later",
        "at 10:45 local time",
        "the Big Seven met",
    ],
)
def test_quantities_lex_refuses_labels_dates_and_markers(table, text):
    assert [q for q in lex_numbers(text, table) if not q.ordinal] == []


@pytest.mark.parametrize(
    ("text", "value", "cue"),
    [
        ("it ranked 9th place among suppliers", 9.0, "place"),
        ("third among its partners", 3.0, "among"),
        ("the 5th Forum opened", 5.0, None),
    ],
)
def test_quantities_lex_ordinals(table, text, value, cue):
    (q,) = [q for q in lex_numbers(text, table) if q.ordinal]
    assert (q.value, q.rank_cue) == (value, cue)


@pytest.mark.parametrize(
    ("words", "value"),
    [("forty", 40), ("twenty-one", 21), ("one hundred", 100), ("one hundred and five", 105), ("two dozen", 24)],
)
def test_quantities_lex_word_values(table, words, value):
    assert word_value(words, table) == value


def test_quantities_lex_people_cue(table):
    (q,) = lex_numbers("a garrison of about 2,100, mostly conscripts", table)
    assert (q.value, q.unit, q.people_cue) == (2100.0, None, "garrison")


def test_quantities_lex_bad_table_is_a_clear_error(tmp_path):
    bad = tmp_path / "units.yaml"
    bad.write_text("number_words: {one: 1}\n", "utf-8")
    with pytest.raises(KnowledgeError, match="missing keys"):
        read_units(bad)


#: Sentences for the number lexer's quick test: number words in capitals or with a long s, a digit of another
#: script, a currency without a number, and sentences with no number at all.
SKIPPED_OR_NOT = [
    "TWELVE frigates crossed the strait at dawn.",
    "Then \u017fix more followed.",
    "The fleet counted \u0663 carriers and 4.5 billion dollars of aid.",
    "Someone phoned the minister; nobody answered, and the dollar fell.",
    "No figures were given in the statement on the talks.",
    "Only US$ and euros were cited, never an amount.",
]


def test_lexer_skips_only_sentences_without_digits_or_number_words(monkeypatch, seeds_dir) -> None:
    """A sentence with no digit and no number word is not searched: the lexer finds the same with the quick
    test as without it, on these sentences and on every line of the seeds."""
    from dyad.extract.quantities import lex

    table = KNOWLEDGE.units
    lines = [line for f in sorted(seeds_dir.iterdir()) for line in f.read_text(encoding="utf-8").splitlines()]
    texts = SKIPPED_OR_NOT + [line for line in lines if line.strip()]
    quick = [lex_numbers(t, table) for t in texts]
    assert not any(lex._may_hold_number(t, table) for t in SKIPPED_OR_NOT[4:])
    assert [q.text for q in quick[0]] == ["TWELVE"] and [q.text for q in quick[1]] == ["\u017fix"]
    assert {q.value for q in quick[2]} == {3.0, 4.5}
    monkeypatch.setattr(lex, "_may_hold_number", lambda text, table: True)
    assert [lex_numbers(t, table) for t in texts] == quick
