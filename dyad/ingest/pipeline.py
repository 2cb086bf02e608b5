"""Moved: the run is :mod:`dyad.pipeline`, the engines :mod:`dyad.engines`. These names stay for one session."""

from dyad.engines.guard import time_limit
from dyad.engines.local import SCHEDULE_WINDOW, schedule, with_processes
from dyad.pipeline import (
    Analysed,
    IngestResult,
    analyse,
    analyse_file,
    discover,
    file_sha256,
    ingest,
    ingest_paths,
    shown,
    warm_up,
)

__all__ = [
    "SCHEDULE_WINDOW",
    "Analysed",
    "IngestResult",
    "analyse",
    "analyse_file",
    "discover",
    "file_sha256",
    "ingest",
    "ingest_paths",
    "schedule",
    "shown",
    "time_limit",
    "warm_up",
    "with_processes",
]
