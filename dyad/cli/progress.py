"""Ingest with feedback: a Rich progress bar on a terminal, plain lines when piped.

Every file gets one line on stdout (added / unchanged / rejected: why); each
rejection is also one line on stderr, naming the file and the reason.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dyad.config import Options
from dyad.ingest.pipeline import discover, ingest_paths


def run_ingest(paths: list[Path], options: Options) -> int:
    """Ingest ``paths``; return how many files were rejected."""
    files = list(discover(paths))
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    rejected = 0
    for path in missing:
        typer.echo(f"rejected  {path}: no such file or folder")
        typer.echo(f"dyad: E101 {path}: no such file or folder", err=True)
        rejected += 1
    files = [f for f in files if f not in missing]
    console = Console(stderr=True)
    show_bar = sys.stderr.isatty() and len(files) > 1
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True, disable=not show_bar,
    ) as progress:
        task = progress.add_task("ingesting", total=len(files))
        on_start = lambda p: progress.update(task, description=p.name)  # noqa: E731
        if options.engine == "ray":
            from dyad.engines.ray_engine import ingest_with_ray

            results = ingest_with_ray(files, options, options.ray_address, options.parquet, on_start=on_start)
        else:
            results = ingest_paths(files, options, on_start=on_start)
        for result in results:
            progress.advance(task)
            if show_bar:  # on a terminal, lines go above the live bar
                progress.console.print(result.line(), markup=False, highlight=False)
            else:
                typer.echo(result.line())
            if result.status == "rejected":
                rejected += 1
                typer.echo(f"dyad: {result.code} {result.path}: {result.reason}", err=True)
    return rejected
