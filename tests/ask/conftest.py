"""Fixtures for the ask tests: a small database about an invented pair of states, written here.

The texts are our own (a fictional dyad, so nothing can lean on the seeds' case)
and go through the real read, repair, parse and store stages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.store.db import Store
from tests.ask.build import write_texts

BRIEF = """Relations between Norland and Valmark

The two governments restored diplomatic relations in October 1961 after a long freeze.

On 14 March 2019 Norland's foreign minister Ilse Varga met her Valmark counterpart Tomas Brenn in Halvik.
The talks covered fishing rights around the Skerry Islands.

Trade between the two countries reached 4.2 billion dollars in 2018, up from 3.1 billion dollars in 2015.
About 3,400 people live on the Skerry Islands, most of them fishermen.

In June 2020 Valmark suspended the fishing talks, and Norland protested the decision.
"""

POLL = """Opinion in Valmark

A survey published in May 2021 found that 61 percent of Valmark residents opposed any transfer of the islands.
Prime Minister Odile Sarr called the survey a clear signal to the negotiators.
Seven agreements on energy and transport were signed during the summit in Halvik.
"""


@pytest.fixture(scope="session")
def brief_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding two short invented documents about Norland and Valmark."""
    folder = tmp_path_factory.mktemp("ask_docs")
    (folder / "brief.txt").write_text(BRIEF, encoding="utf-8")
    (folder / "poll.md").write_text(POLL, encoding="utf-8")
    return write_texts(folder / "ask.duckdb", [folder / "brief.txt", folder / "poll.md"])


@pytest.fixture()
def brief_store(brief_db: Path):
    store = Store.open(brief_db, read_only=True)
    yield store
    store.close()
