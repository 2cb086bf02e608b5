"""A numbered chronology inside an article is prose, not a reference list (regression: demo 11 lost its 1990s list)."""

from __future__ import annotations

from dyad.ingest.repair import repair
from dyad.offsets import MappedText
from tests.bundled import KNOWLEDGE

ARTICLE = """Relations in the decade

The two governments met often after the declaration was signed in the autumn of that year.

1. Krasnoyarsk, November 1997 - the two leaders met without ties and set a target year for a treaty.
2. Kawana, April 1998 - the Japanese side offered a line for the border; Moscow did not take it up.
3. Moscow, November 1998 - a declaration on a creative partnership was signed in the Kremlin.

Assessment

None of these meetings produced the treaty both sides said they wanted, and the target year passed quietly.
"""

NOTES = (
    ARTICLE
    + """
Notes

1. Asahi Shimbun, November 3, 1997.
2. Kimura, H. Distant Neighbors. Armonk: Sharpe, 2000.
3. The Japan Times, April 20, 1998.
"""
)


def test_repair_keeps_numbered_chronology() -> None:
    body, removed = repair(MappedText.identity(ARTICLE), fmt="txt", kb=KNOWLEDGE.repair)
    assert "Kawana, April 1998" in body.text and "target year passed" in body.text
    assert not removed


def test_repair_still_removes_headed_notes() -> None:
    body, removed = repair(MappedText.identity(NOTES), fmt="txt", kb=KNOWLEDGE.repair)
    assert "Asahi Shimbun" not in body.text and "Kawana, April 1998" in body.text
    assert [r.why for r in removed] == ["references"]
