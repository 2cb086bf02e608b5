"""Line-end hyphenation: ``bi-\\nlateral`` becomes ``bilateral``, ``anti-\\nWestern`` stays ``anti-Western``.

The joined form wins when it is a common word, or a word at least as frequent
as the hyphenated compound (wordfreq); a capital after the break means a real compound
(``Russo-\\nJapanese``). Produces edits on the text given.
"""

from __future__ import annotations

import re

from dyad.knowledge.words import WordList
from dyad.offsets import Edit

COMMON_WORD = 3.0
_BREAK = re.compile(r"([^\W\d_]+)-[ \t]*\n[ \t]*([^\W\d_]+)")


def keep_hyphen(left: str, right: str, words: WordList) -> bool:
    """Whether ``left-`` + ``right`` split at a line end is a real hyphenated compound."""
    if right[0].isupper():
        return True
    joined = words.zipf(left + right)
    if joined >= COMMON_WORD:  # wordfreq rates many split forms ("back-ground") highly
        return False
    return joined == 0.0 or joined < words.phrase_zipf(f"{left}-{right}")


def hyphenation_edits(text: str, words: WordList) -> list[Edit]:
    edits: list[Edit] = []
    for m in _BREAK.finditer(text):
        hyphen = m.end(1)
        if keep_hyphen(m.group(1), m.group(2), words):
            edits.append((hyphen + 1, m.start(2), ""))
        else:
            edits.append((hyphen, m.start(2), ""))
    return edits
