"""The repair knowledge file loads, and malformed knowledge fails with a clear KnowledgeError."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dyad.errors import KnowledgeError
from dyad.knowledge.repair import DATA, parse_knowledge, read_repair


def test_repair_knowledge_bundled_file_loads() -> None:
    kb = read_repair()
    assert kb.ligature_standins and kb.boilerplate.search("Page last modified: today")


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("ligature_standins", {"ab": "fi"}, "single glyphs"),
        ("font_shifts", {"min": 5}, "integer"),
        ("boilerplate_lines", ["("], "bad pattern"),
        ("number_abbreviations", [False], "list of strings"),
    ],
)
def test_repair_knowledge_rejects_bad_entries(key: str, value: object, message: str) -> None:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    raw[key] = value
    with pytest.raises(KnowledgeError, match=message):
        parse_knowledge(raw, Path("bad.yaml"))
