"""The local engine: documents analysed in guarded worker processes on this machine (``--processes``).

Even one process is a worker: the parent kills it when a document overruns ``max_seconds``
(:mod:`dyad.engines.guard`), which an alarm in this process could not do for code stuck in C.
Workers are forked after ``work.prepare`` ran here, so they share the loaded models instead of each
loading them again, and take the largest files of each window first (:func:`schedule`).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from dyad.config import Options, usable_cpus
from dyad.engines import Work
from dyad.engines.guard import guarded_stream

# Worker processes take the largest files of each window of this many (times the worker count) first, so a
# big file is not left to run alone at the end; results still come out in the order of the paths.
SCHEDULE_WINDOW = 8


def schedule(paths: list[Path], processes: int) -> list[int]:
    """Indices of ``paths`` in the order workers should take them: largest first within bounded windows.

    Longest-first keeps the workers equally busy (a large file started last would leave the others
    idle); the window bounds how many finished results wait for an earlier, smaller one to be written.
    """

    def size(i: int) -> int:
        with contextlib.suppress(OSError):
            return paths[i].stat().st_size
        return 0

    width = max(1, SCHEDULE_WINDOW * processes)
    order: list[int] = []
    for lo in range(0, len(paths), width):
        order += sorted(range(lo, min(lo + width, len(paths))), key=lambda i: (-size(i), i))
    return order


def with_processes(options: Options) -> Options:
    """``options`` with ``processes`` settled: as given, or every CPU this process may use when unset
    (the workers never outnumber the files, so a single file still gets one)."""
    return options if options.processes else replace(options, processes=usable_cpus())


def run_local(paths: list[Path], options: Options, work: Work) -> Iterator[Any]:
    """``work.analyse`` over ``paths`` in ``options.processes`` guarded worker processes, yielded in path order."""
    if not paths:
        return
    options = with_processes(options)
    if "fork" in mp.get_all_start_methods():  # load the models once here: forked workers share them
        work.prepare(options)
    yield from guarded_stream(
        paths, options, work.analyse, order=schedule(paths, options.processes or 1), on_reject=work.reject
    )
