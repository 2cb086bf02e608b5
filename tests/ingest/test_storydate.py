"""The story's own date from the header shapes news sites and archives print (written for dyad)."""

from __future__ import annotations

import pytest

from dyad.ingest.storydate import dateline_length, header_date, parse_partial


@pytest.mark.parametrize(
    ("head", "published"),
    [
        ("Ministers meet in Rome\n\nBy Wire Published Date - 09:40 AM, Tue - 14 March 23\n\nText.", "2023-03-14"),
        ("Talks resume\n\nAgency | Updated: 21-03-2023 08:15 IST | Created: 21-03-2023 08:15 IST\n\nText.",
         "2023-03-21"),
        ('---\npubDate: "2021-05-09"\ntitle: A history\n---\nText.', "2021-05-09"),
        ("Border reopens\nMay 4, 2022 at 10:30 JST\n\nText.", "2022-05-04"),
        ("Envoy recalled\n\nBy a wire service\nAugust 10, 2021 GMT\n\nText.", "2021-08-10"),
        ("Envoy recalled\n\nAugust 10, 2021 Vilnius talks\n\nText.", None),  # a zone, not any word after it
        ("Envoy expelled\nBy Wire Staff\nSep 19, 2023 Updated 3:12 PM EDT\n\nText.", "2023-09-19"),
        ("Ties cut\n\nDecember 15, 2020 | 11:04 EAT\nBy Staff Writer\n\nText.", "2020-12-15"),
        ("Row at summit\n\nATHENS / SKOPJE, 28.06.2024 - 10:15\n\nText.", "2024-06-28"),
        # the first publication, not the last edit, when a byline gives both
        ("Deal signed\n\nBy a reporter | 17 June 2018, 19:42 | Updated 18 June 2018, 08:10\n\nText.", "2018-06-17"),
        # a year-less dateline takes its year from the stamped line and wins when a day or two earlier
        ("date 2022-10-07 LIMA, Oct 6: The minister said Thursday that talks had ended.", "2022-10-06"),
        ("date 2022-01-02 OSLO, Dec 31 - Officials said on Friday ...", "2021-12-31"),
        # a dateline far from the stamp is not this story's: the stamp stands
        ("date 2022-10-07 LIMA, Mar 6: Text.", "2022-10-07"),
        # an agency's stamp: its name, a dash or bar, the date to the day, maybe its clock time and section
        ("WIRE NEWS - Mar 4, 2023 - 08:15 | Asia, All\n\nTwo states sign a pact\n\nText.", "2023-03-04"),
        ("Border talks\n\nThe Island Herald | 12 May 2021\n\nText.", "2021-05-12"),
        # a headline ending in a month and year is no stamp
        ("Talks stall - March 2021\n\nText.", None),
        # a caption's date is when the picture was taken
        ("Leaders shake hands on June 2, 2020 (AP Photo)\nText without a date.", None),
    ],
)  # fmt: skip
def test_storydate_header_shapes(head: str, published: str | None) -> None:
    assert header_date(head) == published


@pytest.mark.parametrize(
    ("value", "iso"),
    [("07-11-2021", "2021-11-07"), ("11/25/2020", "2020-11-25"), ("31-02-2021", None), ("5 Jan 24", "2024-01-05")],
)
def test_storydate_parse_partial_numeric(value: str, iso: str | None) -> None:
    assert parse_partial(value) == iso


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("LIMA, March 14 (Wire) - Chile said", "LIMA, March 14 (Wire) - "),
        ("OSLO, Norway - Talks began", "OSLO, Norway - "),
        ("QUITO / BOGOTA - Ecuador said", "QUITO / BOGOTA - "),
        ("HANOI — Vietnam said", "HANOI — "),
        ("Chile - Peru ties improved", ""),
        ("NATO - Russia council met", ""),
    ],
)
def test_storydate_dateline_lead(text: str, lead: str) -> None:
    assert text[: dateline_length(text)] == lead
