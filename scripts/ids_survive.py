"""Do event ids survive new evidence? Ingest a corpus, then copies of it in batches; count the ids served
after the first batch that are still live, redirect (301), or are lost (404) at the end.

Each copy is every file of the corpus with one line of its own appended (new bytes, so a new document,
reporting the same events), named ``copyNN_<name>``, so its evidence merges into the events already there.

    python scripts/ids_survive.py /work/shared/seeds --copies 20

Prints the figures as JSON. Issue 18 measured 0 of 232 ids surviving 20 copies before ids were anchored.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from dyad.config import Options
from dyad.pipeline import ingest_paths
from dyad.store.db import Store


def _ids(db: Path) -> set[str]:
    with Store.open(db, read_only=True) as store:
        return {e["id"] for e in store.derived("events", include_all=True)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--per-batch", type=int, default=5, help="copies ingested per batch")
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    files = sorted(p for p in args.corpus.iterdir() if p.suffix in (".txt", ".md", ".html", ".htm", ".pdf"))
    with tempfile.TemporaryDirectory(prefix="dyad-ids-") as tmp:
        db = Path(tmp) / "ids.duckdb"
        options = Options(db=db, processes=args.processes, snapshot_every=0)
        started = time.monotonic()
        list(ingest_paths(files, options))
        first = _ids(db)
        for lo in range(0, args.copies, args.per_batch):
            batch = Path(tmp) / f"batch{lo:03d}"
            batch.mkdir()
            for k in range(lo, min(lo + args.per_batch, args.copies)):
                for f in files:
                    if f.suffix in (".txt", ".md"):
                        (batch / f"copy{k:02d}_{f.name}").write_text(f.read_text() + f"\n\nCopy {k} of {f.name}.\n")
                    else:
                        shutil.copy(f, batch / f"copy{k:02d}_{f.name}")  # same bytes: reported unchanged
            list(ingest_paths([batch], options))
        final = _ids(db)
        with Store.open(db, read_only=True) as store:
            redirected = {i: store.redirect(i) for i in first - final}
    print(json.dumps({
        "documents": len(files) * (1 + args.copies), "events_after_first_batch": len(first),
        "events_at_end": len(final), "same_id": len(first & final),
        "redirected": sum(1 for v in redirected.values() if v in final),
        "lost": sum(1 for v in redirected.values() if v not in final),
        "seconds": round(time.monotonic() - started, 1),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
