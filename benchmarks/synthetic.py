"""Synthetic documents and events for scale tests — clearly marked synthetic, never used for accuracy.

``fill_database(db, documents=N)`` writes N small synthetic documents, each with a
few dated events between random states, through the real store API, then builds
the derived tables. File names start with ``synthetic-`` and every text says so.
"""

from __future__ import annotations

import random
from pathlib import Path

from dyad.analysis.derive import rebuild_derived
from dyad.ingest.offsets import MappedText
from dyad.records import ActorRef, EventRecord, Evidence, Extraction, Sentence
from dyad.store.db import Store

STATES = ["JPN", "RUS", "USA", "CHN", "KOR", "PRK", "UKR", "GBR", "FRA", "DEU", "IND", "TUR"]
TYPES = [("CONSULT", "verbal_cooperation", 4.0), ("AGREE", "verbal_cooperation", 6.0),
         ("REQUEST", "verbal_conflict", 1.0), ("ACCUSE", "verbal_conflict", -4.0),
         ("SANCTION", "material_conflict", -7.0), ("COOPERATE", "material_cooperation", 6.0)]


def synthetic_events(rng: random.Random, name: str, text: str, count: int) -> list[EventRecord]:
    events = []
    for _ in range(count):
        a, b = rng.sample(STATES, 2)
        kind, quad, intensity = rng.choice(TYPES)
        date = f"{rng.randint(1990, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        events.append(EventRecord(
            date=date, end=None, source=ActorRef(a, a, a), target=ActorRef(b, b, b), type=kind, mode=None,
            quad=quad, intensity=intensity, negated=False, hypothetical=False, cameo=None,
            evidence=Evidence(name, 0, len(text), text)))
    return events


def fill_database(db: Path, *, documents: int, events_per_document: int = 20, seed: int = 7) -> None:
    rng = random.Random(seed)
    with Store.open(db) as store:
        for i in range(documents):
            name = f"synthetic-{i:07d}.txt"
            text = f"Synthetic benchmark document {i}; not real reporting."
            doc = {"doc_id": f"synthetic-{i:07d}", "name": name, "path": name, "format": "txt", "title": None,
                   "published": None, "original": text, "text": text,
                   "offset_map": MappedText.identity(text).dumps()}
            ex = Extraction(events=synthetic_events(rng, name, text, events_per_document))
            store.write_document(doc=doc, removed=[], sentences=[Sentence(0, 0, 0, len(text), 0, len(text), text)],
                                 ref_dates=[None], extraction=ex, to_original=lambda s, e: (s, e))
        rebuild_derived(store)
