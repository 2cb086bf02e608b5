"""Ingest on Ray: the same ``analyse_file`` in a pool of Ray actors, results streamed back to this process.

Each actor loads the spaCy pipeline and the actor knowledge once, then analyses
one document per call (``map_batches(batch_size=1)`` over a dataset of paths,
in input order). The driver takes the pickled :class:`Analysed` results as they
stream in, writes each in its own transaction with ``write_analysed`` exactly as
``ingest_paths`` does, optionally also writes them as year-partitioned Parquet
(:mod:`dyad.store.parquet`), and rebuilds the derived tables once at the end.
So a database built with Ray equals one built in a single process.

With ``address`` the driver joins an existing cluster (``ray start --head`` on
this machine, or ``ray://host:10001``); the files must then be readable at the
same paths on every node, and the nodes need dyad's dependencies and spaCy
model installed (dyad's own code is shipped with the job). Without it a
private local Ray is started, quietly, with its files under the system temp.

>>> for result in ingest_with_ray([Path("corpus")], Options(db=Path("x.duckdb"))):  # doctest: +SKIP
...     print(result.line())
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

import dyad
from dyad.config import Options, usable_cpus
from dyad.ingest.pipeline import Analysed, IngestResult, analyse_file, finish_batch, split_new, store_stream
from dyad.store.db import Store

#: Ray's session files (logs, sockets, spilled objects) go here, under the system temp.
RAY_TEMP = Path(tempfile.gettempdir()) / "dyad-ray"


class Analyser:
    """A Ray Data actor: the loaded models, and ``analyse_file`` over a batch of paths."""

    def __init__(self, options: Options, cwd: str) -> None:
        from dyad.extract.parse import load_nlp
        from dyad.ingest.pipeline import _extractors

        if os.path.isdir(cwd):  # relative paths (and the paths stored) mean what they mean to the driver
            os.chdir(cwd)
        self.options = options
        load_nlp()  # warm the per-process caches before the first document arrives
        _extractors(options)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        results = [pickle.dumps(analyse_file(Path(p), self.options)) for p in batch["path"]]
        return {"i": batch["i"], "result": np.array(results, dtype=object)}


def start_ray(address: str | None = None, *, num_cpus: int | None = None) -> bool:
    """Connect to ``address`` or start a quiet local Ray; return True when this call started it."""
    import ray

    if ray.is_initialized():
        return False
    quiet: dict[str, Any] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "logging_level": logging.ERROR,
        "configure_logging": True,
    }
    if address:
        # ship dyad's own code (and its data files) with the job; dependencies must be on the nodes
        ray.init(address=address, runtime_env={"py_modules": [str(Path(dyad.__file__).parent)]}, **quiet)
    else:
        RAY_TEMP.mkdir(parents=True, exist_ok=True)
        ray.init(num_cpus=num_cpus or usable_cpus(), _temp_dir=str(RAY_TEMP), **quiet)
    return True


def _analysed_with_ray(paths: list[Path], options: Options, workers: int) -> Iterator[Analysed | IngestResult]:
    """``analyse_file`` over ``paths`` on ``workers`` Ray actors, yielded in input order."""
    import ray.data

    for name in ("ray", "ray.data"):  # Ray Data sets up its loggers on import; keep the driver's output ours
        logging.getLogger(name).setLevel(logging.ERROR)
    with warnings.catch_warnings():  # Ray's deprecation notices about its own internals are not the user's concern
        warnings.simplefilter("ignore", DeprecationWarning)
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False
        ctx.enable_auto_log_stats = False
        ctx.execution_options.preserve_order = True  # same order as the single-process engine: same versions
        items = [{"i": i, "path": str(p)} for i, p in enumerate(paths)]
        ds = ray.data.from_items(items, override_num_blocks=max(1, min(len(items), 4 * workers))).map_batches(
            Analyser,
            batch_size=1,
            batch_format="numpy",
            fn_constructor_kwargs={"options": options, "cwd": os.getcwd()},
            compute=ray.data.ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=2),
            num_cpus=1,
            # a lost actor fails the run instead of being restarted (and Ray then stays quiet about restarts)
            ray_remote_args_fn=lambda: {"max_restarts": 0},
        )
    for row in ds.iter_rows():
        yield pickle.loads(row["result"])  # noqa: S301 - our own workers' output


def ingest_with_ray(
    paths: Iterable[Path],
    options: Options,
    address: str | None = None,
    parquet_dir: Path | None = None,
    *,
    workers: int | None = None,
    store: Store | None = None,
    on_start: Callable[[Path], None] | None = None,
) -> Iterator[IngestResult]:
    """Ingest every file under ``paths`` using Ray; yields one result per file, like ``ingest_paths``.

    ``workers`` actors (default: ``options.processes`` when above 1, else every CPU of the cluster) each
    hold the models. With ``parquet_dir`` each added document is also written there as Parquet partitions.
    """
    import ray

    from dyad.store.parquet import PartitionWriter

    # the CLI may carry these as Options fields (ray_address, parquet); explicit arguments win
    address = address or getattr(options, "ray_address", None)
    parquet_dir = parquet_dir or getattr(options, "parquet", None)
    own = store is None
    store = store or Store.open(options.db)
    started = False
    writer = PartitionWriter(store, parquet_dir) if parquet_dir else None
    try:
        unchanged, todo = split_new(store, paths)
        yield from unchanged
        if todo:
            asked = options.processes or 0  # unset: every CPU (of this machine's usable ones, or of the cluster)
            started = start_ray(address, num_cpus=asked if asked > 1 else None)
            n = workers or (asked if asked > 1 else int(ray.cluster_resources().get("CPU", 1)))
            n = max(1, min(n, len(todo)))
            stream = _analysed_with_ray(todo, options, n)
            yield from store_stream(store, todo, stream, on_start=on_start, on_added=writer.add if writer else None)
        if writer:
            writer.flush()
        finish_batch(store, options)
    finally:
        if started:
            ray.shutdown()
        if own:
            store.close()
