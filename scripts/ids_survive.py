"""Do event ids survive new evidence? Ingest a corpus, then copies of it in batches; count the ids served
after the first batch that are still live, redirect (301), or are lost (404) at the end.

Each copy is every file of the corpus with one line of its own appended (new bytes, so a new document,
reporting the same events), named ``copyNN_<name>``, so its evidence merges into the events already there.

    python scripts/ids_survive.py /work/shared/seeds --copies 20

``--reverse`` ingests the batches the other way round (the last copies first, the corpus itself last), so
evidence that sorts first arrives last and moves ids (each must redirect); ``--one-batch`` also ingests every
file in one run into a second database and checks that both give the same ids with the same evidence.

Prints the figures as JSON. Issue 18 measured 0 of 232 ids surviving 20 copies before ids were anchored.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from dyad.config import Options
from dyad.pipeline import ingest
from dyad.store.db import Store


def _ids(db: Path) -> set[str]:
    return set(_evidence(db))


def _evidence(db: Path) -> dict[str, set[tuple[str, int, int]]]:
    with Store.open(db, read_only=True) as store:
        return {
            e["id"]: {(v["doc"], v["start"], v["end"]) for v in e["evidence"]}
            for e in store.derived("events", include_all=True)
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--per-batch", type=int, default=5, help="copies ingested per batch")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--reverse", action="store_true", help="the copies first, last batch first; the corpus last")
    parser.add_argument("--one-batch", action="store_true", help="compare with every file ingested in one run")
    args = parser.parse_args()
    files = sorted(p for p in args.corpus.iterdir() if p.suffix in (".txt", ".md", ".html", ".htm", ".pdf"))
    with tempfile.TemporaryDirectory(prefix="dyad-ids-") as tmp:
        db = Path(tmp) / "ids.duckdb"
        options = Options(db=db, processes=args.processes, snapshot_every=0)
        batches: list[list[Path]] = [files]
        for lo in range(0, args.copies, args.per_batch):
            batch = Path(tmp) / f"batch{lo:03d}"
            batch.mkdir()
            for k in range(lo, min(lo + args.per_batch, args.copies)):
                for f in files:
                    if f.suffix in (".txt", ".md"):
                        (batch / f"copy{k:02d}_{f.name}").write_text(f.read_text() + f"\n\nCopy {k} of {f.name}.\n")
                    else:
                        shutil.copy(f, batch / f"copy{k:02d}_{f.name}")  # same bytes: reported unchanged
            batches.append([batch])
        if args.reverse:
            batches.reverse()
        started = time.monotonic()
        list(ingest(batches[0], options))
        first = _ids(db)
        for batch_paths in batches[1:]:
            list(ingest(batch_paths, options))
        final = _ids(db)
        with Store.open(db, read_only=True) as store:
            redirected = {i: store.redirect(i) for i in first - final}
        same_as_one_batch = None
        if args.one_batch:
            one = Path(tmp) / "one.duckdb"
            list(ingest([p for b in batches for p in b], replace(options, db=one)))
            same_as_one_batch = _evidence(one) == _evidence(db)
    print(json.dumps({
        "documents": len(files) * (1 + args.copies), "events_after_first_batch": len(first),
        "events_at_end": len(final), "same_id": len(first & final),
        "redirected": sum(1 for v in redirected.values() if v in final),
        "lost": sum(1 for v in redirected.values() if v not in final),
        "order": "reverse" if args.reverse else "forward", "same_as_one_batch": same_as_one_batch,
        "seconds": round(time.monotonic() - started, 1),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
