"""The Ray engine: the pipeline's ``work.analyse`` in a pool of Ray actors, results streamed back in order.

Each actor runs ``work.prepare`` once (the spaCy pipeline, the actor knowledge), then analyses
one document per call (``map_batches(batch_size=1)`` over a dataset of paths, in input order).
The pipeline (:func:`dyad.pipeline.ingest`) takes the pickled results as they stream in and writes
each exactly as it does for the local engine, so a database built with Ray equals one built in a
single process.

With ``options.ray_address`` the driver joins an existing cluster (``ray start --head`` on this
machine, or ``ray://host:10001``); the files must then be readable at the same paths on every node,
and the nodes need dyad's dependencies and spaCy model installed (dyad's own code is shipped with
the job). Without it a private local Ray is started, quietly, with its files under the system temp.

>>> for result in ingest([Path("corpus")], Options(db=Path("x.duckdb"), engine="ray")):  # doctest: +SKIP
...     print(result.line())
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

import dyad
from dyad.config import Options, usable_cpus
from dyad.engines import Work
from dyad.engines.guard import GuardedRunner

#: Ray's session files (logs, sockets, spilled objects) go here, under the system temp.
RAY_TEMP = Path(tempfile.gettempdir()) / "dyad-ray"


class Analyser:
    """A Ray Data actor: the prepared models, and ``work.analyse`` over a batch of paths.

    Each document is analysed in a guarded worker process forked from the actor (:class:`GuardedRunner`):
    past ``max_seconds`` (plus a grace) the worker is killed, even in C code an alarm cannot interrupt,
    the document comes back rejected by name and reason, and a fresh worker takes the next one.
    """

    def __init__(self, work: Work, options: Options, cwd: str) -> None:
        if os.path.isdir(cwd):  # relative paths (and the paths stored) mean what they mean to the driver
            os.chdir(cwd)
        self.options = options
        work.prepare(options)  # load the models before the first document arrives: the workers share them
        self.runner = GuardedRunner(options, work.analyse, work.reject)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        results = [pickle.dumps(self.runner.run(Path(p))) for p in batch["path"]]
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


def _analysed_with_ray(paths: list[Path], options: Options, work: Work, workers: int) -> Iterator[Any]:
    """``work.analyse`` over ``paths`` on ``workers`` Ray actors, yielded in input order."""
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
            fn_constructor_kwargs={"work": work, "options": options, "cwd": os.getcwd()},
            compute=ray.data.ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=2),
            num_cpus=1,
            # a lost actor fails the run instead of being restarted (and Ray then stays quiet about restarts)
            ray_remote_args_fn=lambda: {"max_restarts": 0},
        )
    for row in ds.iter_rows():
        yield pickle.loads(row["result"])


def run_ray(paths: list[Path], options: Options, work: Work) -> Iterator[Any]:
    """The engine: ``work.analyse`` over ``paths`` on Ray, yielded in path order.

    One actor per ``options.processes`` when above 1, else one per CPU of the cluster (never more than
    files). A Ray started here is shut down when the stream ends.
    """
    if not paths:
        return
    import ray

    asked = options.processes or 0  # unset: every CPU (of this machine's usable ones, or of the cluster)
    started = start_ray(options.ray_address, num_cpus=asked if asked > 1 else None)
    try:
        n = asked if asked > 1 else int(ray.cluster_resources().get("CPU", 1))
        yield from _analysed_with_ray(paths, options, work, max(1, min(n, len(paths))))
    finally:
        if started:
            ray.shutdown()
