"""Acceptance table for actor linking on real seed sentences (read from ../shared at run time).

Each row: seed file prefix, a short phrase locating the text (fewer than 8 words, containing
the target), the target inside it, the expected actor id (and kind where it matters), and the
reference date passed to the linker for every sentence.
"""

from __future__ import annotations

from functools import cache

import pytest

from dyad.extract.actors.link import link_actors
from dyad.extract.parse import ParsedDoc
from dyad.ingest.repair import repair
from dyad.offsets import MappedText
from dyad.records import Mention
from tests.bundled import KNOWLEDGE, parse
from tests.conftest import seed_file

ABE, PUTIN, LAVROV, JPN, RUS, SUN, USA = "Q132345", "Q7747", "Q48862", "Q17", "Q159", "Q15180", "Q30"
D16 = "2016-12-15"

CASES = [
    ("000", "Prime Minister S. Abe put forward", "S. Abe", ABE, None, "2016-05"),
    ("000", "fly to Kunashir and Iturup", "Kunashir", "place:kunashir", "place", D16),
    ("000", "fly to Kunashir and Iturup", "Iturup", "place:iturup", "place", D16),
    ("000", "suggested by the Japanese side", "Japanese", JPN, "state", D16),
    ("000", "during the Russian-Japanese Summit", "Russian", RUS, "state", D16),
    ("000", "during the Russian-Japanese Summit", "Japanese", JPN, "state", D16),
    ("000", "First Deputy Premier of Russia Igor Shuvalov", "Igor Shuvalov", "person:shuvalov-igor", None, D16),
    ("000", "Foreign Minister Sergei Lavrov answered", "Sergei Lavrov", LAVROV, "person", D16),
    ("000", "S. Lavrov noted that if", "S. Lavrov", LAVROV, None, D16),
    ("000", "South Kurile Islands seem", "South Kurile Islands", "place:disputed-islands", None, D16),
    ("000", "during President V. Putin", "V. Putin", PUTIN, None, D16),
    ("000", "his Japanese counterpart T. Kono", "T. Kono", "person:kono-taro", None, "2018-03-18"),
    ("000", "On the one hand, Tokyo had", "Tokyo", JPN, "state", D16),
    ("000", "threat to Japanese companies", "Japanese", JPN, "other", D16),
    ("000", "its Russian manufacturer Rusal", "Rusal", "org:rusal", None, D16),
    ("000", "devoted to the Northern territories", "Northern territories", "place:disputed-islands", None, D16),
    ("000", "Economic Forum (EEF) in Vladivostok", "EEF", "org:eef", None, D16),
    ("000", "Economic Forum (EEF) in Vladivostok", "Vladivostok", "place:vladivostok", None, D16),
    ("000", "according to which the U.S.S.R.", "U.S.S.R.", SUN, "state", D16),
    ("000", "the Prime Minister of Japan, along", "Prime Minister", ABE, "person", "2018-05-25"),
    ("001", "the Northern Territories in Japanese", "Northern Territories", "place:disputed-islands", None, D16),
    ("001", "the Southern Kurils in Russian", "Southern Kurils", "place:disputed-islands", None, D16),
    ("001", "Foreign Affairs (MOFA) and travelled", "MOFA", "org:mofa-jpn", None, D16),
    ("001", "islands of Etorofu and Kunashiri", "Etorofu", "place:iturup", None, D16),
    ("001", "islands of Etorofu and Kunashiri", "Kunashiri", "place:kunashir", None, D16),
    ("001", "(Iturup and Kunashir in Russian)", "Kunashir", "place:kunashir", None, D16),
    ("001", "President Obama telephoned the Japanese leader", "Obama", "Q76", None, "2016-02-09"),
    ("001", "telephoned the Japanese leader", "leader", ABE, "person", "2016-02-09"),
    ("001", "Prime Minister Obuchi and President Yeltsin", "Obuchi", "person:obuchi-keizo", None, "1998"),
    ("001", "Prime Minister Obuchi and President Yeltsin", "Yeltsin", "Q34453", None, "1998"),
    ("001", "President Erdogan of Turkey", "Erdogan", "Q39723", None, D16),
    ("001", "President Erdogan of Turkey", "Turkey", "Q43", "state", D16),
    ("001", "his late father, Abe Shintaro", "Abe Shintaro", "person:abe-shintaro", None, D16),
    ("001", "meet with Mikhail Gorbachev", "Mikhail Gorbachev", "Q30487", None, "1991-04"),
    ("001", "Kishi Nobuo, state minister", "Kishi Nobuo", "person:kishi-nobuo", None, "2017"),
    ("001", "On January 11, Minister Seko", "Seko", "person:seko-hiroshige", None, "2017-01-11"),
    ("001", "JBIC and the Russian Direct Investment Fund", "JBIC", "org:jbic", None, D16),
    ("001", "JBIC and the Russian Direct Investment Fund", "Russian Direct Investment Fund", "org:rdif", None, D16),
    ("001", "Togo concluded", "Togo", "person:togo-kazuhiko", "person", D16),
    ("001", "as stipulated in the Soviet-Japanese", "Soviet", SUN, "state", D16),
    ("001", "Washington was subsequently displeased", "Washington", USA, "state", D16),
    ("001", "the Japanese prime minister was unwilling", "prime minister", ABE, "person", "2016-05"),
    ("001", "the Russian leader showed disregard", "leader", PUTIN, "person", D16),
    ("001", "Valentina Matvienko, speaker", "Valentina Matvienko", "person:matvienko-valentina", None, D16),
    ("002", "President Putin and Prime Minister Abe", "Putin", PUTIN, "person", "2016"),
    ("002", "President Putin and Prime Minister Abe", "Abe", ABE, "person", "2016"),
    ("003", "Announcing the sanctions on Sunday, Kishida", "Kishida", "Q1066525", None, "2022-02"),
    ("003", "the Russian foreign minister said", "foreign minister", LAVROV, "person", D16),
    ("003", "with Japan's prime minister that", "prime minister", ABE, "person", "2013-09-05"),
    ("004", "Shintaro Abe", "Shintaro Abe", "person:abe-shintaro", None, D16),
]


@cache
def _parsed(prefix: str) -> ParsedDoc:
    path = seed_file(prefix)
    text = path.read_text(encoding="utf-8")
    body, _ = repair(MappedText.identity(text), fmt="txt", kb=KNOWLEDGE.repair)
    return parse(path.name, body, text, None)


@cache
def _linked(prefix: str, when: str) -> tuple[Mention, ...]:
    pdoc = _parsed(prefix)
    return tuple(link_actors(pdoc, KNOWLEDGE.actors, [when] * len(pdoc.sentences)))


def _locate(text: str, phrase: str) -> int:
    """Offset of ``phrase`` in the body, tolerant of straight/curly apostrophes."""
    for variant in (phrase, phrase.replace("'", "\u2019")):
        pos = text.find(variant)
        if pos >= 0:
            return pos
    pytest.fail(f"phrase {phrase!r} not found in the seed")


@pytest.mark.parametrize(("prefix", "phrase", "target", "expected", "kind", "when"), CASES)
def test_actors_seed_sentence(seeds_dir, prefix, phrase, target, expected, kind, when):
    assert len(phrase.split()) < 8
    pdoc = _parsed(prefix)
    start = _locate(pdoc.text, phrase) + phrase.replace("'", "\u2019").find(target.replace("'", "\u2019"))
    end = start + len(target)
    hits = [m for m in _linked(prefix, when) if m.start < end and start < m.end and m.entity]
    assert hits, f"no linked mention over {target!r}"
    assert hits[0].entity == expected, hits
    if kind:
        assert hits[0].kind == kind, hits


def test_actors_table_is_large_enough():
    assert len(CASES) >= 40
