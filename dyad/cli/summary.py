"""The line every ``dyad ingest`` ends with, and its warnings: say what was found.

One summary line on stdout per run (documents added, events, agreements, positions,
quantities, the pairs of states with the most events), then one warning on stderr for
each added document that gave no events, or whose actors mostly stayed unlinked (names
the actor data does not hold: the document is about states or people dyad does not know,
and an actor file passed with ``--actors`` would help). Example::

    summary   3 documents added: 14 events, 2 agreements, 3 positions, 5 quantities; most events: CHN–IND 12
    dyad: warning W301 notes/memo.txt: no events found
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import typer

from dyad.config import Options

UNLINKED_SHARE = 0.5  # warn when more than this share of a document's actor mentions stayed unlinked
MIN_ACTORS = 4  # ... and it has at least this many (a note naming two strangers is no sign of trouble)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_lines(added: Sequence[Path], skipped: int, options: Options) -> tuple[str, list[str]]:
    """The summary line and the warnings for a run that added the files ``added`` (``skipped`` files were
    already stored or rejected)."""
    from dyad.ingest.files import file_sha256
    from dyad.store.db import Store
    from dyad.store.summary import run_summary

    ids = {sha: path for path in added if (sha := file_sha256(path))}
    if not ids:
        return f"summary   0 documents added ({skipped} skipped)", []
    with Store.open(options.db, read_only=True) as store:
        s = run_summary(store, list(ids))
    line = (
        f"summary   {_plural(s.documents, 'document')} added: {_plural(s.events, 'event')}, "
        f"{_plural(s.agreements, 'agreement')}, {_plural(s.positions, 'position')}, "
        f"{_plural(s.quantities, 'quantity').replace('quantitys', 'quantities')}"
    )
    if s.top_pairs:
        line += "; most events: " + ", ".join(f"{p.replace('|', '–')} {n}" for p, n in s.top_pairs)
    if skipped:
        line += f" ({skipped} skipped)"
    warnings = []
    for sha, path in ids.items():
        doc = s.per_doc.get(sha)
        if doc is None:
            continue
        if doc.events == 0:
            warnings.append(f"dyad: warning W301 {path}: no events found")
        if doc.actors >= MIN_ACTORS and doc.unlinked > UNLINKED_SHARE * doc.actors:
            warnings.append(
                f"dyad: warning W302 {path}: {doc.unlinked} of {doc.actors} actor mentions are not in the actor"
                " data (add them with --actors FILE)"
            )
    return line, warnings


def print_summary(added: Sequence[Path], skipped: int, options: Options) -> None:
    """Print the run's summary line (stdout) and its warnings (stderr)."""
    line, warnings = summary_lines(added, skipped, options)
    typer.echo(line)
    for warning in warnings:
        typer.echo(warning, err=True)
