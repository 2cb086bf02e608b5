"""Run every extractor over one parsed document, in dependency order.

time (reference dates) → actors (titles need dates) → events, quantities,
agreements, positions (all need both). The knowledge base is loaded once per
process and shared.
"""

from __future__ import annotations

from dataclasses import dataclass

from dyad.config import Options
from dyad.extract.actors import link_actors
from dyad.extract.agreements import extract_agreements
from dyad.extract.events import extract_events
from dyad.extract.knowledge import Knowledge, load_knowledge
from dyad.extract.parse import ParsedDoc
from dyad.extract.positions import extract_positions
from dyad.extract.quantities import extract_quantities
from dyad.extract.timex import resolve_times
from dyad.records import Extraction


@dataclass(frozen=True)
class Extractors:
    """What the extractors share across documents: the actor knowledge."""

    kb: Knowledge

    @classmethod
    def load(cls, options: Options) -> Extractors:
        return cls(load_knowledge(tuple(options.actor_files)))


def extract_document(pdoc: ParsedDoc, extractors: Extractors) -> tuple[Extraction, list[str | None]]:
    """All records for one document, plus each sentence's reference date."""
    kb = extractors.kb
    times = resolve_times(pdoc)
    mentions = link_actors(pdoc, kb, times.ref_dates)
    extraction = Extraction(
        mentions=mentions,
        times=list(times.times),
        events=extract_events(pdoc, mentions, times, kb),
        quantities=extract_quantities(pdoc, mentions, times),
        agreements=extract_agreements(pdoc, mentions, times, kb),
        positions=extract_positions(pdoc, mentions, times, kb),
        doc_date=times.doc_date,
    )
    return extraction, list(times.ref_dates)
