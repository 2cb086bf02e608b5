"""Ingest with feedback: a spinner and progress bar on a terminal, plain lines when piped.

Every file gets one line on stdout (added / unchanged / rejected: why); each
rejection is also one line on stderr, naming the file and the reason. The run ends
with one summary line of what it found, and warnings (:mod:`dyad.cli.summary`). On a
terminal the status line starts before the pipeline is imported and its models
load (seconds on a small machine), so an ingest shows it is alive from its first
second.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from dyad.config import Options

#: What the status line says until the first document is done: importing spaCy, loading its model,
#: the actor matcher and the lexicons.
LOADING = "loading the language model and knowledge"


def run_ingest(paths: list[Path], options: Options) -> int:
    """Ingest ``paths`` with :func:`dyad.pipeline.ingest`; return how many files were rejected."""
    live = sys.stderr.isatty()
    added: list[Path] = []
    rejected = 0
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not live,
        redirect_stdout=False,
    ) as progress:
        task = progress.add_task(LOADING, total=None)
        # imported here, under the spinner: the pipeline pulls in spaCy, NumPy and DuckDB
        from dyad.pipeline import discover, ingest

        files = list(discover(paths))
        progress.update(task, total=len(files))
        on_start = lambda p: progress.update(task, description=p.name)  # noqa: E731
        for result in ingest(paths, options, on_start=on_start):
            progress.advance(task)
            if live and sys.stdout.isatty():  # one terminal: lines go above the live bar
                progress.console.print(result.line(), markup=False, highlight=False)
            else:
                typer.echo(result.line())
            if result.status == "rejected":
                rejected += 1
                typer.echo(f"dyad: {result.error_line()}", err=True)
            elif result.status == "added":
                added.append(Path(result.path))
    from dyad.cli.summary import print_summary  # what the run found: one line, and warnings

    print_summary(added, len(files) - len(added), options)
    return rejected
