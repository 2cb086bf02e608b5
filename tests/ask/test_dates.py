from __future__ import annotations

import pytest

from dyad.ask.dates import find_dates, in_words, with_year


@pytest.mark.parametrize(
    ("text", "iso", "end"),
    [
        ("on 14 March 2019 they met", "2019-03-14", None),
        ("by March 14, 2019,", "2019-03-14", None),
        ("from 3-4 July 2001", "2001-07-03", "2001-07-04"),
        ("in June of 2020", "2020-06", None),
        ("Sept 1992", "1992-09", None),
        ("back in 1961.", "1961", None),
        ("on May 6.", "--05-06", None),
    ],
)
def test_find_dates_reads_written_forms(text: str, iso: str, end: str | None) -> None:
    found = find_dates(text)
    assert [(d.iso, d.end_iso) for d in found] == [(iso, end)]
    assert text[found[0].start : found[0].end] == found[0].text


@pytest.mark.parametrize("text", ["it may rain", "a fleet of 2,019 boats", "4.2 billion dollars", "1500 troops"])
def test_find_dates_ignores_non_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("iso", "end", "words"),
    [
        ("2022-03-21", None, "21 March 2022 (2022-03-21)"),
        ("2016-05", None, "May 2016 (2016-05)"),
        ("1980", None, "1980"),
        ("--05-25", None, "25 May"),
        ("2016-12-15", "2016-12-16", "15-16 December 2016 (2016-12-15/2016-12-16)"),
    ],
)
def test_in_words_puts_words_then_iso(iso: str, end: str | None, words: str) -> None:
    assert in_words(iso, end) == words


def test_with_year_fills_only_yearless_dates() -> None:
    assert with_year("--05-25", "2018") == "2018-05-25"
    assert with_year("2017-05-25", "2018") == "2017-05-25"


def test_an_iso_date_is_a_date_and_its_parts_are_not_quantities() -> None:
    from dyad.ask.candidates import numbers

    text = "posted 2021-07-14 HALVIK: Norland sent 40 boats; batch 2021-13-40 was lost."
    assert [(d.text, d.iso) for d in find_dates(text)][0] == ("2021-07-14", "2021-07-14")
    assert [c.text for c in numbers(text)] == ["40", "13", "40"]  # no month 13: not a date
