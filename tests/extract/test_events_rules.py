"""Event rules on sentences of our own: who, what, when, and whether it happened.

The actor mentions and time expressions are built from small tables (what the actor
and time stages would give), so the event rules are tested on their own.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

import pytest

from dyad.extract.events.core import extract_events
from dyad.extract.parse import ParsedDoc
from dyad.offsets import MappedText
from dyad.records import Mention, TimeExpr
from tests.bundled import KNOWLEDGE, parse

# surface -> (entity id, kind, country): the actor table the test sentences use
ACTORS = {
    "Japan": ("Q17", "state", "JPN"), "Russia": ("Q159", "state", "RUS"), "Tokyo": ("Q1490", "place", "JPN"),
    "Moscow": ("Q649", "place", "RUS"), "Putin": ("Q7747", "person", "RUS"), "Abe": ("Q132345", "person", "JPN"),
    "Lavrov": ("Q22686", "person", "RUS"), "Kono": ("Q1000", "person", "JPN"), "Japanese": ("Q17", "state", "JPN"),
    "Russian": ("Q159", "state", "RUS"), "China": ("Q148", "state", "CHN"), "Ukraine": ("Q212", "state", "UKR"),
    "Sochi": ("Q127", "place", "RUS"), "Soviet Union": ("Q15180", "state", "SUN"), "Norway": ("Q20", "state", "NOR"),
    "Chile": ("Q298", "state", "CHL"), "Oslo": ("Q585", "place", "NOR"), "Santiago": ("Q2887", "place", "CHL"),
    "Norwegian": ("Q20", "other", "NOR"), "Chilean": ("Q298", "other", "CHL"), "G7": ("Q1764", "organisation", "G7"),
    "United States": ("Q30", "state", "USA"), "European Union": ("Q458", "organisation", "EU"),
}  # fmt: skip
_DATE_RE = re.compile(
    r"\b(?:(\d{1,2}) )?(January|February|March|April|May|June|July|August|September|October|November|December)?"
    r" ?((?:1[89]|20)\d\d)\b"
)
_MONTHS = list(calendar.month_name)[1:]


@dataclass
class Layer:
    """The time layer's interface over a fixed table of expressions."""

    times: list[TimeExpr]
    doc_date: str | None
    ref_dates: list[str | None] = field(default_factory=list)

    def date_for(self, sentence: int, pos: int) -> TimeExpr | None:
        cands = [t for t in self.times if t.sentence == sentence]
        return min(cands, key=lambda t: abs(t.start - pos)) if cands else None


def _mentions(pdoc: ParsedDoc) -> list[Mention]:
    out = []
    for surface, (ident, kind, country) in ACTORS.items():
        for m in re.finditer(rf"\b{surface}\b", pdoc.text):
            out.append(Mention(m.start(), m.end(), surface, ident, kind, country, pdoc.sentence_at(m.start())))
    return sorted(out, key=lambda m: m.start)


def _times(pdoc: ParsedDoc) -> list[TimeExpr]:
    out = []
    for m in _DATE_RE.finditer(pdoc.text):
        day, month, year = m.groups()
        value, precision = year, "year"
        if month:
            value, precision = f"{year}-{_MONTHS.index(month) + 1:02d}", "month"
            if day:
                value, precision = f"{value}-{int(day):02d}", "day"
        start = m.start() if (day or month) else m.start(3)
        out.append(TimeExpr(start, m.end(), pdoc.text[start : m.end()], value, None, precision,
                            pdoc.sentence_at(start)))  # fmt: skip
    return out


def build(text: str, doc_date: str = "2020-01-01") -> tuple[ParsedDoc, list[Mention], Layer]:
    pdoc = parse("t.txt", MappedText.identity(text), text, doc_date)
    times = _times(pdoc)
    refs: list[str | None] = []
    last: str | None = doc_date
    for i in range(len(pdoc.sentences)):
        here = [t.value for t in times if t.sentence == i]
        last = here[0] if here else last
        refs.append(last)
    return pdoc, _mentions(pdoc), Layer(times, doc_date, refs)


# the trailing sentence names both states so the document has a main dyad
DYAD = " Russia and Japan remain neighbours."

# text, trigger, type, source, target, date, negated, hypothetical
CASES = [
    ("In May 2016, Abe put forward an eight-point plan.", "put", "REQUEST", "JPN", "RUS", "2016-05", False, False),
    ("Japan imposed sanctions on Russia in March 2014.", "imposed", "SANCTION", "JPN", "RUS", "2014-03", False, False),
    ("Russia was criticised by Japan in 2015.", "criticised", "ACCUSE", "JPN", "RUS", "2015", False, False),
    ("Putin and Abe agreed on a plan in December 2016.", "agreed", "AGREE", "RUS", "JPN", "2016-12", False, False),
    ("Putin's visit to Japan in December 2016 was a success.", "visit", "CONSULT", "RUS", "JPN", "2016-12", False,
     False),
    ("The two sides endorsed five fields of cooperation in September 2017.", "endorsed", "AGREE", "RUS", "JPN",
     "2017-09", False, False),
    ("In 2018, Kono met with Lavrov in Moscow.", "met", "CONSULT", "JPN", "RUS", "2018", False, False),
    ("Lavrov said that Japan expelled Russian diplomats in 2018.", "expelled", "SANCTION", "JPN", "RUS", "2018",
     False, False),
    ("Japan refrained from expelling Russian diplomats in 2018.", "expelling", "SANCTION", "JPN", "RUS", "2018",
     True, False),
    ("Japan did not protest against Russia in 2012.", "protest", "PROTEST", "JPN", "RUS", "2012", True, False),
    ("Abe is expected to visit Russia twice in 2019.", "visit", "CONSULT", "JPN", "RUS", "2019", False, True),
    ("Japan would protest if Russia deployed missiles in 2017.", "protest", "PROTEST", "JPN", "RUS", "2017", False,
     True),
    ("Japan would protest if Russia deployed missiles in 2017.", "deployed", "MOBILIZE", "RUS", "JPN", "2017",
     False, True),
    ("Abe will travel to Russia in 2018.", "travel", "CONSULT", "JPN", "RUS", "2018", False, True),
    ("The Soviet Union and Japan signed the 1956 Joint Declaration.", "signed", "AGREE", "SUN", "JPN", "1956", False,
     False),
    ("Putin's 2000 Tokyo visit came before Abe's 2003 trip to Moscow.", "visit", "CONSULT", "RUS", "JPN", "2000",
     False, False),
    ("Putin's 2000 Tokyo visit came before Abe's 2003 trip to Moscow.", "trip", "CONSULT", "JPN", "RUS", "2003",
     False, False),
    ("In 2014, Russia annexed Crimea from Ukraine.", "annexed", "ASSAULT", "RUS", "UKR", "2014", False, False),
    ("Russia postponed the talks with Japan in 2015.", "postponed", "RETREAT", "RUS", "JPN", "2015", False, False),
    # a statement whose content is only hypothetical is itself the act, aimed at the side it names
    ("Abe stated in 2017 that Japan would back China if it asked.", "stated", "SUPPORT", "JPN", "CHN", "2017", False,
     False),
    # both sides announcing together: a joint declaration
    ("In 2015, Japan and Russia announced that they would open a hotline.", "announced", "AGREE", "JPN", "RUS",
     "2015", False, False),
    # an event placed by its distance from a stated date
    ("Lavrov visited Tokyo in May 2013, two months before Abe's visit to China.", "visit", "CONSULT", "JPN", "CHN",
     "2013-07", False, False),
    # what a "despite" phrase names happened, whatever its clause says
    ("Despite Japanese protests that the drills were not legal, Russia went ahead in 2016.", "protests", "PROTEST",
     "JPN", "RUS", "2016", False, False),
    ("Japanese officials stayed away from the Moscow parade in May 2015.", "stayed", "REJECT", "JPN", "RUS",
     "2015-05", False, False),
]  # fmt: skip


@pytest.mark.parametrize(("text", "trigger", "type_", "src", "tgt", "date", "negated", "hypo"), CASES)
def test_events_rules_table(text, trigger, type_, src, tgt, date, negated, hypo) -> None:
    pdoc, mentions, layer = build(DYAD.strip() + " " + text, doc_date="2020-06-01")  # the partner named before
    events = [e for e in extract_events(pdoc, mentions, layer, None, KNOWLEDGE.events) if e.trigger == trigger]
    assert events, f"no event on {trigger!r}"
    ev = events[0]
    assert (ev.type, ev.source.country, ev.target.country, ev.date) == (type_, src, tgt, date)
    assert (ev.negated, ev.hypothetical) == (negated, hypo)
    assert ev.evidence.text.startswith(text[:20])


def test_events_rules_reported_speech_keeps_speaker() -> None:
    pdoc, mentions, layer = build("Lavrov said that Japan expelled Russian diplomats in 2018." + DYAD)
    (ev,) = [e for e in extract_events(pdoc, mentions, layer, None, KNOWLEDGE.events) if e.trigger == "expelled"]
    assert ev.speaker is not None and ev.speaker.country == "RUS"
    assert not [e for e in extract_events(pdoc, mentions, layer, None, KNOWLEDGE.events) if e.trigger == "said"]


def test_events_rules_statement_needs_the_other_side() -> None:
    pdoc, mentions, layer = build("In 2018, Abe said that the weather was fine. Abe stressed in 2019 that Russia "
                                  "is an important partner." + DYAD)  # fmt: skip
    statements = [e for e in extract_events(pdoc, mentions, layer, None, KNOWLEDGE.events) if e.mode == "statement"]
    assert [(e.trigger, e.date) for e in statements] == [("stressed", "2019")]


def test_events_rules_future_date_is_hypothetical() -> None:
    pdoc, mentions, layer = build("Japan and Russia held talks in 2030." + DYAD, doc_date="2020-01-01")
    (ev,) = extract_events(pdoc, mentions, layer, None, KNOWLEDGE.events)
    assert ev.hypothetical


def test_events_rules_codes_from_lexicon() -> None:
    pdoc, mentions, layer = build("Japan imposed sanctions on Russia in March 2014." + DYAD)
    (ev,) = extract_events(pdoc, mentions, layer, None, KNOWLEDGE.events)
    assert (ev.quad, ev.cameo, ev.intensity) == ("material_conflict", "16", -6.0)


def test_events_rules_persons_named() -> None:
    pdoc, mentions, layer = build("In 2018, Kono met with Lavrov in Moscow." + DYAD)
    (ev,) = extract_events(pdoc, mentions, layer, None, KNOWLEDGE.events)
    assert set(ev.persons) == {"Kono", "Lavrov"}


# text, the (trigger, source, target) events it must give, the ones it must not
ACTOR_CASES = [
    # a country adjective on a body that acts is an actor; on anything else it is not
    ("In 2019, Norwegian officials visited Chile. Norway and Chile trade fish.",
     [("visited", "NOR", "CHL")], []),
    ("In 2019, Norwegian salmon was sold in Chile. Norway and Chile trade fish.", [], [("sold", "NOR", "CHL")]),
    # coordinated sources other than the main dyad act together on a third state
    ("In 2014, the United States and the European Union imposed sanctions on Russia.",
     [("imposed", "USA", "RUS"), ("imposed", "EU", "RUS")], [("imposed", "USA", "EU")]),
    # ... while one compound naming both sides is a mutual act
    ("In 1956, the Japan-Russia declaration was signed.", [("signed", "JPN", "RUS")], []),
    # nouns done to someone: "of" is the target; with "from", the possessor is
    ("Russia's expulsion from the G7 in 2014 was a blow.", [("expulsion", "G7", "RUS")], [("expulsion", "RUS", "G7")]),
    ("In 2014, Russia's annexation of Ukraine's Crimea began.", [("annexation", "RUS", "UKR")], []),
    # an organisation naming the venue is not a party
    ("In 2018, Kono met Lavrov on the sidelines of the G7 summit.", [("met", "JPN", "RUS")], [("met", "JPN", "G7")]),
    ("In 2018, Abe attended the G7 summit.", [], [("attended", "JPN", "G7"), ("summit", "G7", "JPN")]),
    # a trip made to attend a gathering is not a visit to the host
    ("In 2018, Abe made a visit to Chile to attend the G7 meeting.", [], [("visit", "JPN", "CHL")]),
    # a modifier of the subject names no second side: "the minister of Japan, in Chile"
    ("In 2018, Kono, on a trip to Chile, met Lavrov.", [("met", "JPN", "RUS")], [("met", "JPN", "CHL")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "wanted", "unwanted"), ACTOR_CASES)
def test_events_rules_actor_sides(text, wanted, unwanted) -> None:
    pdoc, mentions, layer = build(text + DYAD, doc_date="2020-06-01")
    got = {
        (e.trigger, e.source.country, e.target.country)
        for e in extract_events(pdoc, mentions, layer, None, KNOWLEDGE.events)
    }
    assert set(wanted) <= got, got
    assert not set(unwanted) & got, got


@pytest.mark.parametrize(
    ("text", "trigger", "hypo"),
    [("Let us sign a treaty with Japan in 2018, Putin told Abe.", "sign", True),
     ("In 2021, the Russian and Japanese fleets pulled back from the strait.", "pulled", False)],
)  # fmt: skip
def test_events_rules_more_modality_and_keys(text, trigger, hypo) -> None:
    pdoc, mentions, layer = build(text + DYAD, doc_date="2022-06-01")
    events = [e for e in extract_events(pdoc, mentions, layer, None, KNOWLEDGE.events) if e.trigger == trigger]
    assert events and all(e.hypothetical == hypo for e in events)


@pytest.mark.parametrize(
    ("text", "word", "hypo"),
    [("Abe said a summit was needed soon for both states to forge a peace treaty.", "treaty", True),
     ("Abe said the two countries forged a peace treaty.", "treaty", False),
     ("Abe said they had agreed to forge a peace treaty.", "treaty", True),
     # a noun described as not yet real, and every item of a list it heads
     ("The plan lists future actions on dialogue, trade and economic assistance.", "assistance", True),
     ("In 2016 Japan gave economic assistance to Russia.", "assistance", False)],
)  # fmt: skip
def test_events_rules_thing_made_is_as_real_as_the_making(text, word, hypo) -> None:
    from dyad.extract.events.modality import trigger_modality

    pdoc, _mentions, _layer = build(text)
    (tok,) = [t for _off, doc in pdoc.paragraphs for t in doc if t.text == word]
    assert trigger_modality(tok, KNOWLEDGE.events).hypothetical is hypo
