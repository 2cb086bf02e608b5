"""The story's own date, read from the lines news sites and archives print above the text.

News carries its date in many shapes, and every relative time of the story ("on Tuesday",
"yesterday", "last month", "on March 18") resolves against it, so a missed date shifts a
whole article. :func:`header_date` reads, among the first lines:

- a labelled line, with or without a clock time or weekday between label and date:
  "Published: 12 March 2018", "Updated: 20-02-2023 19:10 IST",
  "Published Date - 11:05 PM, Fri - 10 March 23", "pubDate: \"2022-02-13\"";
- a dateline: "TOKYO, March 3, 2019 —", "Moscow, 12 May 2020 (Wire) -", and a dateline without
  a year ("MANILA, Dec 5 —", "ALGIERS, Aug 25:"), which takes its year from a dated line
  nearby and wins over it when it is up to a week earlier (a story filed the day before
  its page was stamped);
- a line that is only a date, maybe with a clock time ("March 3, 2021 at 09:10 JST",
  "December 15, 2020 | 11:04 EAT");
- a date that is a whole part of a byline split by bars, before any "Updated" part ("By Staff |
  17 June 2018, 19:42 | Updated 18 June 2018"): the first publication, not the last edit;
- an agency's or site's stamp, its name then a dash or bar and a full date, maybe its clock time and
  section ("WIRE NEWS - Jul 8, 2024 - 19:22 | World", "The Daily Post | 3 May 2021").

A line under a picture ("(AP Photo)", "file photo") is not the story's date.

>>> header_date("Brief title\\nPublished: 12 March 2018\\n\\nBody...")
'2018-03-12'
>>> header_date("date 2021-08-26 ALGIERS, Aug 25: The minister said Tuesday ...")
'2021-08-25'
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
         "sep sept september", "oct october", "nov november", "dec december")
    )
    for m in names.split()
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"  # 12 March 2018
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # March 3, 2019
    rf"|{_MONTH}\s+\d{{4}}"  # March 2019
    r"|\d{4}-\d{2}-\d{2}"  # 2019-03-03
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}"  # 20-02-2023, 3/5/2021
    r"|\d{4}-\d{2}\b)"
)
#: a two-digit year is a date only after a label ("Fri - 10 March 23")
_SHORT_YEAR = rf"\d{{1,2}}\s+{_MONTH},?\s+\d{{2}}\b"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?[,\s\-\u2013\u2014]+)?"
_CLOCK = r"(?:\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?[,\s\-\u2013\u2014|]+)?"
_LABEL = r"(?:published|pubdate|date[d]?|posted|updated|last\s+updated|issued|released|created|as\s+of)"
#: "Published: ...", "Date - ...", "Published Date - 11:05 PM, Fri - 10 March 23": a labelled date line.
_LABELLED = re.compile(
    rf"^\W*{_LABEL}\b(?:\s+(?:date|on|at))?\s*[:\-\u2013\u2014=]?\s*[\"']?{_CLOCK}{_WEEKDAY}({_DATE}|{_SHORT_YEAR})",
    re.IGNORECASE,
)
#: "... | Published: 10 May 2016" or "Reuters | Updated: 20-02-2023 19:10 IST": a label inside a byline.
_LABELLED_INLINE = re.compile(
    rf"\b{_LABEL}(?:\s*:|\s+date\s*[:\-\u2013\u2014])\s*[\"']?{_CLOCK}{_WEEKDAY}({_DATE}|{_SHORT_YEAR})", re.IGNORECASE
)
_PLACE = r"[A-Z][\w.'\-/ ]{1,40}(?:,\s*[A-Z][\w.'\- ]{1,30})?"
#: "TOKYO, March 3, 2019 —", "Moscow, 12 May 2020 (Wire) -", "ATHENS / SKOPJE, 28.06.2024 - 10:15": a dateline.
_DATELINE = re.compile(rf"^\W*{_PLACE},\s*{_WEEKDAY}({_DATE})\s*(?:\([^)]{{1,40}}\)\s*)?[\u2014\u2013\-:]")
#: "MANILA, Dec 5 —", "ALGIERS, Aug 25:", "BAKU (Agency - 12th April, 2023)": a dateline without a year.
_DATELINE_NO_YEAR = re.compile(
    rf"(?:^|\s)[A-Z][A-Z.'\-]{{2,}}(?:\s+[A-Z][A-Z.'\-]+)*,\s*(?:{_WEEKDAY})"
    rf"({_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})\s*(?:\([^)]{{1,40}}\)\s*)?[\u2014\u2013\-:]"
)
#: "Moscow, 20 January 2017" alone on its line.
_PLACE_DATE = re.compile(rf"^\W*{_PLACE},\s*{_WEEKDAY}({_DATE})\W*$")
#: a time zone after a stamp ("August 10, 2021 GMT")
_ZONE = r"(?:GMT|UTC|[ECMP][SD]T|CES?T|BST|IST|JST|KST|MSK|AE[SD]T|HKT|SGT|EAT|WAT|CAT)"
#: A line that is only a date, maybe with its clock time or zone ("March 3, 2021 at 09:10 JST", "August 10, 2021 GMT").
_BARE = re.compile(
    rf"^\W*{_WEEKDAY}({_DATE})(?:\s+{_ZONE}\b)?"
    rf"(?:\s*[,|\-\u2013\u2014]?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}[^\n]{{0,20}})?"
    rf"(?:\s*[|,]?\s*(?:updated|modified|edited)\b[^\n]{{0,40}})?\W*$",
    re.IGNORECASE,
)
#: "By Staff | 17 June 2018, 19:42 | Updated ...": a date alone between the bars of a byline.
_SEGMENT = re.compile(
    rf"(?:^|\|)\s*{_WEEKDAY}({_DATE})(?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[A-Z]{{2,4}})?)?\s*(?=\||$)"
)
#: "WIRE NEWS - Jul 8, 2024 - 19:22 | World": a source's name (a few words), a dash or bar, a date to the day
_SOURCE_STAMP = re.compile(
    rf"^\W*[A-Z][\w.&'’]*(?:\s+[\w.&'’]+){{0,3}}\s+[\-\u2013\u2014|]\s+{_WEEKDAY}"
    rf"(\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?:\s*[\-\u2013\u2014|,]\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}[^\n]{{0,10}})?(?:\s*\|[^\n]{{0,40}})?\W*$"
)
#: a caption: its date is when the picture was taken
_CAPTION = re.compile(r"\((?:[^()]*\b(?:photo|file|picture|image|credit)\b[^()]*)\)\s*$|\bfile photo\b", re.I)
_HEADER_LINES = 8
_DATELINE_LAG_DAYS = 7


def header_date(text: str) -> str | None:
    """An ISO partial date for the story from its first lines, else ``None``."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:_HEADER_LINES]
    lines = [ln for ln in lines if not _CAPTION.search(ln)]
    stamped = _stamped(lines)
    day_month = next((m for ln in lines[:4] if (m := _DATELINE_NO_YEAR.search(ln[:200]))), None)
    if day_month and stamped and len(stamped) == 10:
        own = _with_year(day_month.group(1), stamped)
        if own:
            return own
    return stamped


def _stamped(lines: list[str]) -> str | None:
    for line in lines:
        for pattern in (_LABELLED, _DATELINE, _PLACE_DATE, _BARE, _SEGMENT, _SOURCE_STAMP, _LABELLED_INLINE):
            match = pattern.search(line) if pattern in (_LABELLED_INLINE, _SEGMENT) else pattern.match(line)
            if match:
                iso = parse_partial(match.group(1))
                if iso:
                    return iso
    return None


def _with_year(day_month: str, stamped: str) -> str | None:
    """A year-less dateline's date, in the year that puts it up to a week before the stamped date."""
    words = re.findall(r"[A-Za-z]+|\d+", day_month)
    month = next((_MONTHS[w.lower()] for w in words if w.lower() in _MONTHS), None)
    day = next((int(w) for w in words if w.isdigit()), None)
    if month is None or day is None:
        return None
    stamp = dt.date.fromisoformat(stamped)
    for year in (stamp.year, stamp.year - 1):
        try:
            own = dt.date(year, month, day)
        except ValueError:
            return None
        if 0 <= (stamp - own).days <= _DATELINE_LAG_DAYS:
            return own.isoformat()
    return None


def parse_partial(value: str) -> str | None:
    """Normalise a date string to ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as far as it goes.

    Numeric day-month-year ("20-02-2023") is read day first unless the middle number cannot be a
    month; a two-digit year is of this century.

    >>> parse_partial("20-02-2023"), parse_partial("10 March 23"), parse_partial("2022-02-13 12:00")
    ('2023-02-20', '2023-03-10', '2022-02-13')
    """
    value = value.strip().strip("\"'")
    iso = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|[T\s])", value)
    if iso:
        return "-".join(part for part in iso.groups() if part)
    numeric = re.match(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$", value)
    if numeric:
        a, b, year = (int(x) for x in numeric.groups())
        day, month = (b, a) if b > 12 else (a, b)
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    short = re.match(rf"^(\d{{1,2}})\s+({_MONTH}),?\s+(\d{{2}})$", value)
    if short:
        named = _MONTHS.get(short.group(2).rstrip(".").lower())
        try:
            return dt.date(2000 + int(short.group(3)), named or 0, int(short.group(1))).isoformat()
        except ValueError:
            return None
    from dateparser.date import DateDataParser  # slow import; only for prose dates

    parser = DateDataParser(languages=["en"], settings={"STRICT_PARSING": False, "REQUIRE_PARTS": ["year"]})
    data = parser.get_date_data(value)
    if data.date_obj is None:
        return None
    day_iso = data.date_obj.strftime("%Y-%m-%d")
    return {"day": day_iso, "month": day_iso[:7], "year": day_iso[:4]}.get(data.period or "day", day_iso)


#: a dateline opening a sentence, with or without its date: "BAKU, April 12 (Wire) -", "OSLO, Norway -", "TOKYO —"
_DATELINE_LEAD = re.compile(
    r"^\W*(?P<place>[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3}(?:\s*/\s*[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3})?)"
    r"(?P<region>,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}(?=\s*[\u2014\u2013-]))?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|,\s*\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?)?"
    r"\s*(?:\([^)]{1,40}\))?\s*[\u2014\u2013:-]+\s+"
)


def dateline_length(text: str) -> int:
    """Characters of a dateline that opens ``text`` (0 when none): "LIMA, March 14 (Wire) -", "OHRID, North
    Macedonia -", "NAIROBI / THE HAGUE -", "TOKYO —"; a place in capitals, or a place with a date or a wire."""
    found = _DATELINE_LEAD.match(text)
    if not found:
        return 0
    lead = found.group(0)
    dated, agency = any(ch.isdigit() for ch in lead), "(" in lead
    place = found.group("place").replace("/", " ")
    shouted = place.replace(" ", "").isupper() and len(place) > 2
    dashed = any(d in lead for d in ("\u2014", "\u2013", "--")) or found.group("region") or "/" in lead
    return len(lead) if dated or agency or (shouted and dashed) else 0
