"""Guarded analysis: each document is analysed in a worker process that is killed when it overruns.

The per-document time limit inside a worker is an alarm (:func:`time_limit`),
and an alarm only interrupts Python code: a library stuck in C code (lxml on a tag with a million
attributes, a regex engine, a PDF decoder) runs on until it returns. So the parent process holds the
limit too: it hands one path at a time to each worker, waits for the result with a deadline of
``max_seconds`` plus :data:`GRACE_SECONDS`, and when the deadline passes it SIGKILLs the worker,
reports the file rejected, and starts a fresh worker for the rest of the batch. A worker that dies
on its own (a segfault, the kernel's OOM killer) costs its file only, never the batch.

Workers are forked from a process that has run the warm-up, so a fresh one starts with the models
already in memory (copy-on-write) and replacing a killed one costs milliseconds.

>>> for result in guarded_stream(paths, options, analyse):  # doctest: +SKIP
...     ...
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing as mp
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path
from types import FrameType
from typing import Any

from dyad.config import Options
from dyad.errors import InputRejected, TimeLimitExceeded

#: How long past ``max_seconds`` the parent waits before it kills a worker. The worker's own alarm
#: fires at ``max_seconds`` and turns a slow Python stage into a clean rejection within this margin.
GRACE_SECONDS = 2.0

Analyse = Callable[[Path, Options], Any]


class _Overrun(BaseException):
    """What the alarm raises: a BaseException, so no library's ``except Exception`` can swallow it.

    :func:`time_limit` turns it into :class:`TimeLimitExceeded` once it is back in our own code.
    """


#: After the limit the alarm repeats this often: a raise swallowed where Python cannot propagate it
#: (a gc callback, a ``__del__``, a library's bare ``except:``) is raised again in ordinary code.
_REPEAT_S = 0.25


@contextlib.contextmanager
def time_limit(seconds: float, path: Path) -> Iterator[None]:
    """Turn a pathological input into a clear rejection instead of a hang (main thread only).

    The alarm interrupts Python code only; the guarded workers (:func:`guarded_stream`) hold
    the limit for code that does not return to Python. Work that ends after the alarm fired is
    rejected too, even if something swallowed every raise.
    """
    state = {"fired": False, "done": False}

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        state["fired"] = True
        if not state["done"]:
            raise _Overrun

    def overrun() -> TimeLimitExceeded:
        return TimeLimitExceeded(f"processing took over {seconds:g} s (--max-seconds)", path=str(path))

    try:
        previous = signal.signal(signal.SIGALRM, on_alarm)
    except ValueError:  # not in the main thread: no alarm available, run unbounded
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT_S)
    try:
        yield
    except _Overrun:
        state["done"] = True
        raise overrun() from None
    finally:
        state["done"] = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if state["fired"]:
        raise overrun()


_PARENT_CHECK_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    """Have the kernel kill this worker when its parent dies (Linux), whatever it is blocked in.

    A killed ``dyad ingest`` cannot stop its workers itself, and a worker blocked sending a large result
    into a pipe that a sibling still holds open would otherwise wait for ever.
    """
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before we asked
        os._exit(0)


def _serve(conn: Connection, options: Options, analyse: Analyse, parent: int) -> None:
    """A worker's loop: receive a path, send back ``("ok", result)`` or ``("error", exception)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us
    _die_with(parent)
    # what the parent loaded (the models, the knowledge: some 140,000 objects) lives as long as the worker:
    # the collector need not scan it again and again, nor write to its pages, which fork shares with the
    # parent until written (a forked worker ends with os._exit, so nothing frozen is left for a finaliser)
    if "fork" in mp.get_all_start_methods():
        gc.freeze()
    while True:
        try:
            # a killed parent may leave its end of the pipe open in a sibling worker (fork copies it), so
            # EOF alone does not tell; a new parent process id does
            while not conn.poll(_PARENT_CHECK_SECONDS):
                if os.getppid() != parent:
                    return
            path = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        try:
            reply: tuple[str, Any] = ("ok", analyse(path, options))
        except Exception as exc:
            reply = ("error", exc)
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


class _Worker:
    """One worker process, the pipe to it, and the task it is working on."""

    def __init__(self, ctx: Any, options: Options, analyse: Analyse) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, options, analyse, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        self.task: int | None = None
        self.deadline = 0.0

    def give(self, index: int, path: Path, seconds: float) -> None:
        self.task, self.deadline = index, time.monotonic() + seconds
        self.conn.send(path)

    def stop(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()


def _overrun(path: Path, options: Options) -> InputRejected:
    return TimeLimitExceeded(
        f"processing took over {options.max_seconds:g} s (--max-seconds); the worker analysing it was stopped",
        path=str(path),
    )


def _died(path: Path, proc: Any) -> InputRejected:
    how = f"signal {-proc.exitcode}" if (proc.exitcode or 0) < 0 else f"exit status {proc.exitcode}"
    return InputRejected(f"the worker analysing this file died ({how}); the rest of the batch goes on", path=str(path))


def guarded_stream(
    paths: list[Path],
    options: Options,
    analyse: Analyse,
    *,
    order: list[int] | None = None,
    on_reject: Callable[[Path, InputRejected], Any],
) -> Iterator[Any]:
    """``analyse(path, options)`` for each path in ``options.processes`` guarded workers, in path order.

    ``order`` is the order workers take the paths in (default: as given); results are still yielded
    in the order of ``paths``. A path whose worker overran or died yields ``on_reject(path, error)``.
    """
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    queue = list(order if order is not None else range(len(paths)))
    queue.reverse()  # pop() from the end takes them in order
    limit = options.max_seconds + GRACE_SECONDS
    workers = [_Worker(ctx, options, analyse) for _ in range(max(1, min(options.processes or 1, len(paths))))]
    waiting: dict[int, Any] = {}
    nxt = 0

    def assign() -> None:
        for w in workers:
            if w.task is None and queue:
                i = queue.pop()
                w.give(i, paths[i], limit)

    try:
        while nxt < len(paths):
            assign()
            busy = [w for w in workers if w.task is not None]
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy], timeout=timeout)
            for k, w in enumerate(workers):
                if w.task is None:
                    continue
                i = w.task
                if w.conn in ready:
                    try:
                        status, value = w.conn.recv()
                    except (EOFError, OSError):  # it died mid-task
                        w.proc.join()
                        waiting[i] = on_reject(paths[i], _died(paths[i], w.proc))
                        workers[k] = _replace(w, ctx, options, analyse)
                        continue
                    if status == "error":
                        raise value
                    waiting[i], w.task = value, None
                elif time.monotonic() >= w.deadline:
                    waiting[i] = on_reject(paths[i], _overrun(paths[i], options))
                    workers[k] = _replace(w, ctx, options, analyse)
            assign()  # before handing results on: the workers go on while the caller stores them
            while nxt in waiting:  # hand results on in path order
                yield waiting.pop(nxt)
                nxt += 1
    finally:
        for w in workers:
            w.stop()


def _replace(worker: _Worker, ctx: Any, options: Options, analyse: Analyse) -> _Worker:
    worker.stop()
    return _Worker(ctx, options, analyse)


class GuardedRunner:
    """One guarded worker for a caller that hands over one document at a time (a Ray actor).

    ``run(path)`` is ``analyse(path, options)`` run in the worker, or ``on_reject(path, error)`` when
    the worker overran ``max_seconds`` plus :data:`GRACE_SECONDS` (it is SIGKILLed) or died; a fresh
    worker, forked from the caller with its loaded models, takes the next document. The worker dies
    with the caller. Not for concurrent use: one document at a time.

    The first worker is forked at once, from the constructing thread (a Ray actor's main thread, which
    lives as long as the actor; its calls come on a pool thread): the kernel kills a worker when the
    thread that forked it ends, so a worker found dead between documents is replaced, not blamed.

    >>> runner = GuardedRunner(options, analyse_file, reject)  # doctest: +SKIP
    >>> runner.run(Path("page.html"))  # doctest: +SKIP
    """

    def __init__(self, options: Options, analyse: Analyse, on_reject: Callable[[Path, InputRejected], Any]) -> None:
        self.ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        self.options, self.analyse, self.on_reject = options, analyse, on_reject
        self.worker: _Worker | None = _Worker(self.ctx, options, analyse)

    def run(self, path: Path) -> Any:
        if self.worker is None or not self.worker.proc.is_alive():
            self.close()
            self.worker = _Worker(self.ctx, self.options, self.analyse)
        w = self.worker
        try:
            w.give(0, path, self.options.max_seconds + GRACE_SECONDS)
        except OSError:  # it died since the check: a fresh one takes the document
            self.close()
            self.worker = w = _Worker(self.ctx, self.options, self.analyse)
            w.give(0, path, self.options.max_seconds + GRACE_SECONDS)
        if not wait([w.conn], timeout=max(0.0, w.deadline - time.monotonic())):
            return self._lost(path, _overrun(path, self.options))
        try:
            status, value = w.conn.recv()
        except (EOFError, OSError):  # it died mid-task
            w.proc.join()
            return self._lost(path, _died(path, w.proc))
        w.task = None
        if status == "error":
            raise value
        return value

    def _lost(self, path: Path, error: InputRejected) -> Any:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None
        return self.on_reject(path, error)

    def close(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None
