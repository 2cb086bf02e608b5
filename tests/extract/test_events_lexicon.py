"""The event lexicon in dyad/data/events.yaml loads, and bad entries are named."""

from __future__ import annotations

import pytest

from dyad.errors import KnowledgeError
from dyad.knowledge.events import PLOVER_TYPES, parse_lexicon
from tests.bundled import KNOWLEDGE


def test_events_lexicon_bundled_is_valid() -> None:
    lex = KNOWLEDGE.events
    assert set(lex.types) == set(PLOVER_TYPES)
    assert all(-10 <= lex.intensity(t, None) <= 10 for t in PLOVER_TYPES)
    assert lex.coarse("SUPPORT", "statement") == "STATEMENT"
    assert lex.coarse("RETREAT", "postpone") == "WITHDRAW"


@pytest.mark.parametrize(
    ("patch", "message"),
    [({"verbs": {"meet": "GREET"}}, "unknown PLOVER type"), ({"cues": {}}, "cues.irrealis_heads"),
     ({"types": {"AGREE": {"quad": "x"}}}, "types.AGREE")],
)  # fmt: skip
def test_events_lexicon_errors_named(patch: dict, message: str) -> None:
    from importlib import resources

    import yaml

    data = yaml.safe_load((resources.files("dyad") / "data" / "events.yaml").read_text(encoding="utf-8"))
    for key, value in patch.items():
        if key == "types":
            data["types"].update(value)
        else:
            data[key] = value
    with pytest.raises(KnowledgeError, match=message):
        parse_lexicon(data)
