"""Build a small database from texts through the real read, repair, parse and store stages.

The extractors are left out (an empty ``Extraction``), so the database holds
documents and passages only, unless a test passes its own records.
"""

from __future__ import annotations

from pathlib import Path

from dyad.config import Options
from dyad.ingest.readers import read_file
from dyad.ingest.repair import repair
from dyad.records import Extraction
from dyad.store.db import Store
from tests.bundled import KNOWLEDGE, parse


def write_texts(db: Path, files: list[Path], extractions: dict[str, Extraction] | None = None) -> Path:
    """Write ``files`` into a fresh database at ``db`` with passages (and given records), return ``db``."""
    with Store.open(db) as store:
        for path in files:
            source = read_file(path, Options())
            body, removed = repair(source.base, fmt=source.format, kb=KNOWLEDGE.repair)
            pdoc = parse(source.name, body, source.original, source.published)
            store.write_document(
                doc={
                    "doc_id": source.sha256,
                    "name": source.name,
                    "path": source.path,
                    "format": source.format,
                    "title": source.title,
                    "published": source.published,
                    "original": source.original,
                    "text": body.text,
                    "offset_map": body.dumps(),
                },
                removed=removed,
                sentences=pdoc.sentences,
                ref_dates=[source.published] * len(pdoc.sentences),
                extraction=(extractions or {}).get(source.name, Extraction()),
                to_original=body.to_original,
            )
    return db
