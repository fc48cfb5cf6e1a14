"""Executors for `corpus.pipeline.run_pipeline` without Prefect: a process pool on this machine.

The per-shard stages (read + trafilatura extraction, cleaning, language detection) are
CPU-bound pure Python, so only separate processes use more than one core. `ProcessExecutor`
keeps `corpus.pipeline.Executor`'s contract: `map` returns results in input order and calls the
progress hook as shards finish; `call` (templates, dedup, publish) runs in this process, the one
writer of the dataset and its index.

This module imports nothing from `corpus.pipeline`, so the pipeline can import it.
"""

from __future__ import annotations

import atexit
import importlib
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any, Self, TypeVar

T = TypeVar("T")
ProgressHook = Callable[[str, int, int], None]  # (stage, shards done, shards total)


#: What a worker does as it starts, so the cost is paid while the caller is still busy with
#: its own start-up (planning, Prefect's API) instead of inside the first shards: imports the
#: stage functions and everything they use, then loads both language models (`module:function`
#: entries are called; langdetect's profiles and fastText's model: 0.64 s). A worker forked
#: from the fork server has all of it already (`FORK_SERVER_PRELOAD`), and only checks.
PRELOAD: tuple[str, ...] = ("corpus.pipeline", "corpus.language:warm_up")
#: What the fork server imports once, before it forks any worker (`corpus.worker`, which
#: `load`s `PRELOAD` there: its imports and models, shared copy-on-write by every worker).
FORK_SERVER_PRELOAD: tuple[str, ...] = ("corpus.worker",)


def default_workers() -> int:
    """One worker per CPU core (`RunConfig.worker_count` without `workers`)."""
    return os.cpu_count() or 1


def load(entries: tuple[str, ...]) -> None:
    """Import each `module` entry; import and call each `module:function` one."""
    for entry in entries:
        module, _, function = entry.partition(":")
        loaded = importlib.import_module(module)
        if function:
            getattr(loaded, function)()


def _preload(entries: tuple[str, ...]) -> None:
    load(entries)
    atexit.register(_exit_now)


def _exit_now() -> None:
    """A worker's last act: leave without the interpreter's teardown of every module and
    object (language models, lookup tables), which kept the run waiting 0.6 s at its end.
    Nothing is lost: results went back through the pool's pipe, and stdio is flushed here."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _fork_server() -> multiprocessing.context.BaseContext:
    """Multiprocessing's fork server, preloading `FORK_SERVER_PRELOAD` when it starts (the
    first pool of this process starts it; later pools fork from the same one).

    Forked, not spawned: a spawned worker imports the pipeline and loads the language models
    itself, 1.1 s of CPU each on this machine, which competed with the run's own start-up
    for the two cores. The server is itself a fresh process (started without the caller's
    threads), so a fork from it copies no lock or thread in an undefined state.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():  # Windows: spawn only
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(FORK_SERVER_PRELOAD))
    return context


def _ready() -> None:
    """A no-op job: submitting one per worker makes the pool start every worker now."""


def _start_workers(pool: ProcessPoolExecutor, workers: int) -> None:
    for _ in range(workers):  # a pool starts a worker per job it cannot place
        pool.submit(_ready)


@dataclass
class ProcessExecutor:
    """Runs `map` items in a pool of `workers` processes; `workers == 1` runs them in-process.

    The pool starts with `start()` (entering the executor as a context manager calls it), or
    else on the first `map` with more than one item, and is reused by later stages. The
    imports and models every worker needs (~1 s of CPU) are loaded once, by the fork server
    the workers are forked from; when the pool starts early, that second overlaps the
    caller's own imports and planning instead of delaying the first shard. Close it with
    `close()` or by leaving the context. Workers are forked from a fork server
    (`_fork_server`), never from the caller, which may hold threads (a progress bar, a
    Prefect client) that a fork would copy in an undefined state. So `fn`, its arguments and
    its results must pickle (module-level stage functions, dataclasses and paths do).
    """

    workers: int = field(default_factory=default_workers)
    progress: ProgressHook | None = None
    preload: tuple[str, ...] = PRELOAD
    _pool: ProcessPoolExecutor | None = field(default=None, init=False, repr=False)
    # `run` is called from several threads at once (Prefect's task threads): one pool only.
    _pool_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _starter: threading.Thread | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, got {self.workers}")

    def _report(self, stage: str, done: int, total: int) -> None:
        if self.progress:
            self.progress(stage, done, total)

    def _get_pool(self) -> ProcessPoolExecutor:
        with self._pool_lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=_fork_server(),
                    initializer=_preload,
                    initargs=(self.preload,),
                )
            return self._pool

    def start(self) -> Self:
        """Start every worker now, without waiting for them (one process: nothing to do).

        Forking a worker waits for the fork server, which first loads what every worker
        needs (~1 s when this process starts its first pool); a thread asks for the workers,
        so the caller goes on with its own start-up meanwhile (blocked, it planned the run
        0.8 s later).
        """
        if self.workers > 1 and self._pool is None:
            pool = self._get_pool()
            self._starter = threading.Thread(
                target=_start_workers, args=(pool, self.workers), name="start-workers"
            )
            self._starter.start()
        return self

    def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`fn(*args, **kwargs)` in a worker process, waiting for its result: what a Prefect
        task running in a thread of the flow's process hands its shard to (`flows.executor`)."""
        if self.workers == 1:
            return fn(*args, **kwargs)
        return self._get_pool().submit(fn, *args, **kwargs).result()

    def map(self, fn: Callable[..., T], items: Sequence[Any], **kwargs: Any) -> list[T]:
        stage = fn.__name__
        if self.workers == 1 or len(items) <= 1:  # a pool would only add start-up time
            results = []
            for done, item in enumerate(items, start=1):
                results.append(fn(item, **kwargs))
                self._report(stage, done, len(items))
            return results
        pool = self._get_pool()
        futures: dict[Future[T], int] = {
            pool.submit(fn, item, **kwargs): index for index, item in enumerate(items)
        }
        slots: list[Any] = [None] * len(items)
        try:
            for done, future in enumerate(as_completed(futures), start=1):
                slots[futures[future]] = future.result()
                self._report(stage, done, len(items))
        except BaseException:
            for future in futures:  # a failed shard fails the run: do not start the others
                future.cancel()
            raise
        return slots

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        result = fn(*args, **kwargs)
        self._report(fn.__name__, 1, 1)
        return result

    def close(self) -> None:
        """Stop the worker processes (waits for running shards)."""
        if self._starter is not None:
            self._starter.join()
            self._starter = None
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
