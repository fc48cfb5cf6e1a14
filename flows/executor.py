"""Runs the core's stage calls as Prefect tasks: one task per shard, never per document.

What an operator sees of a run in the Prefect UI is decided here:

- task-run names say which batch a task handled (`read-shard/batch-00003 (100 files)`), and
  the flow-run name says when and on what the run started (`flow_run_namer`);
- each task logs what it did to its batch (counts and time), the flow logs each finished batch;
- a progress artifact moves as batches finish (`flows.artifacts.RunProgress`);
- a task that fails on a transient I/O error (an `OSError` such as EIO or a timeout, or a lost
  Redis connection) is retried; anything else is not, because the readers turn bad input into
  quarantine rows, so any other exception is a bug that a retry would only repeat.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from prefect import Task, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import TaskRun
from prefect.futures import as_completed
from prefect.logging import get_run_logger
from prefect.states import State
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import quote
from prefect.utilities.callables import get_call_parameters

from corpus.executors import ProcessExecutor
from flows import progress
from flows.artifacts import RunProgress, progress_key

T = TypeVar("T")

#: Delays before the first and second retry of a stage that hit a transient I/O error.
RETRY_DELAYS_S: tuple[int, ...] = (2, 10)
#: Stages that must not be retried: `publish` appends to the dataset and commits its state,
#: so a second attempt after a partial write is not known to be safe. Every other stage only
#: writes files in the run's work folder and is idempotent.
NOT_RETRIED = frozenset({"publish"})
#: OSErrors that retrying cannot cure: a missing or misplaced path, a refused permission.
PERMANENT_OS_ERRORS: tuple[type[OSError], ...] = (
    FileNotFoundError,
    FileExistsError,
    IsADirectoryError,
    NotADirectoryError,
    PermissionError,
)


def _transient_types() -> tuple[type[BaseException], ...]:
    """OSError, plus the Redis client's connection errors (the shared near-duplicate index)."""
    types: list[type[BaseException]] = [OSError]
    try:
        from redis import exceptions as redis_exceptions

        types += [redis_exceptions.ConnectionError, redis_exceptions.TimeoutError]
    except ImportError:  # redis is a dependency, but the rule must not need it
        pass
    return tuple(types)


TRANSIENT_ERRORS = _transient_types()


def is_transient(exc: BaseException | None) -> bool:
    """True for I/O failures that may pass on their own (EIO, timeouts, dropped connections)."""
    return isinstance(exc, TRANSIENT_ERRORS) and not isinstance(exc, PERMANENT_OS_ERRORS)


def retry_on_transient_io(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    """Prefect's `retry_condition_fn`: retry transient I/O errors only, and say why not."""
    exc = state.data if isinstance(state.data, BaseException) else None
    if is_transient(exc):
        return True
    get_run_logger().warning("not retried: %r is not a transient I/O error", exc or state.message)
    return False


def _shard_of(value: Any) -> Any | None:
    """The shard a per-batch stage works on: the argument itself or its report's shard."""
    shard = getattr(value, "shard", value)
    return shard if hasattr(shard, "number") and hasattr(shard, "paths") else None


def task_run_label(fn_name: str, parameters: Mapping[str, Any]) -> str:
    """`read-shard/batch-00003 (100 files)`, `publish/run-<id>`, `deduplicate/4 batches`."""
    parameters = {k: v.unquote() if isinstance(v, quote) else v for k, v in parameters.items()}
    for key in ("shard", "report"):
        shard = _shard_of(parameters.get(key))
        if shard is not None:
            return f"{fn_name}/batch-{shard.number:05d} ({len(shard.paths)} files)"
    if parameters.get("run_id"):
        return f"{fn_name}/run-{parameters['run_id']}"
    for value in parameters.values():
        if isinstance(value, Sequence) and value and hasattr(value[0], "shard"):
            return f"{fn_name}/{len(value)} batches"
    return fn_name


def _task_run_name(fn_name: str) -> Callable[[], str]:
    def name() -> str:
        from prefect.runtime import task_run

        return task_run_label(fn_name, task_run.parameters or {})

    return name


def flow_run_namer(flow_name: str, input_parameter: str = "input_dir") -> Callable[[], str]:
    """Flow-run names an operator can scan: `clean-corpus/2026-11-23T10:15 inbox=raw`.

    The time is the run's scheduled start in UTC, to the minute (what a schedule shows), and
    the inbox is the input folder's name, so runs of several inboxes tell themselves apart.
    """

    def name() -> str:
        from prefect.runtime import flow_run

        when = flow_run.scheduled_start_time or datetime.now(UTC)
        if when.tzinfo is not None:
            when = when.astimezone(UTC)
        inbox = str((flow_run.parameters or {}).get(input_parameter, "") or "")
        inbox_name = Path(inbox).name or Path(inbox).resolve().name or inbox
        return f"{flow_name}/{when:%Y-%m-%dT%H:%M} inbox={inbox_name}"

    return name


def describe(result: Any) -> str:
    """What a stage returned, in words for its log line."""
    counts = getattr(result, "counts", None)
    if counts is None and isinstance(result, Mapping):
        counts = result.get("counts")
    if isinstance(counts, Mapping) and counts:
        return ", ".join(
            (key if value else f"NOT {key}") if isinstance(value, bool) else f"{value} {key}"
            for key, value in counts.items()
        )
    if isinstance(result, (str, Path)):
        return f"wrote {result}"
    return "done"


def _logged(fn: Callable[..., T]) -> Callable[..., T]:
    """The stage function, logging inside its task run what it did and how long it took."""

    @functools.wraps(fn)
    def stage(*args: Any, **kwargs: Any) -> T:
        started = time.perf_counter()
        result = fn(*args, **kwargs)
        first = args[0] if args else kwargs.get("shard", kwargs.get("report"))
        shard = _shard_of(first)
        what = f"batch of {len(shard.paths)} files: " if shard is not None else ""
        get_run_logger().info(
            "%s%s (%.2f s)", what, describe(result), time.perf_counter() - started
        )
        return result

    return stage


def _stage_task(fn: Callable[..., T], body: Callable[..., T] | None = None) -> Task[..., T]:
    """The Prefect task of one stage function (verb-named, e.g. `read-shard`); `body` runs
    in its place when given (a call of `fn` in a worker process, see `PrefectExecutor`)."""
    name = fn.__name__.replace("_", "-")
    retried = fn.__name__ not in NOT_RETRIED
    return task(
        _logged(body or fn),
        name=name,
        task_run_name=_task_run_name(name),
        cache_policy=NO_CACHE,  # stages write files; their results are paths, not cacheable data
        log_prints=True,
        retries=len(RETRY_DELAYS_S) if retried else 0,
        retry_delay_seconds=list(RETRY_DELAYS_S) if retried else 0,
        retry_condition_fn=retry_on_transient_io if retried else None,
    )


@cache
def as_task(fn: Callable[..., T]) -> Task[..., T]:
    """The Prefect task wrapping one stage function, run where the task runs."""
    return _stage_task(fn)


def in_pool(fn: Callable[..., T], pool: ProcessExecutor) -> Callable[..., T]:
    """`fn` as a call in one of `pool`'s worker processes (same signature, so the task's
    parameters and run names are `fn`'s)."""

    @functools.wraps(fn)
    def body(*args: Any, **kwargs: Any) -> T:
        return pool.run(fn, *args, **kwargs)

    return body


def _quoted(kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """Stage arguments for Prefect, which then hands them over as they are.

    Unquoted, Prefect walks every argument for futures and states before a task runs and again
    to record its inputs: a `publish` call's plan and shard reports (every input's path and
    hash) took it 0.8 s per serial stage on 10,027 files. Stages get reports and paths, never
    futures, so there is nothing to find there.
    """
    return {key: quote(value) for key, value in kwargs.items()}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class PrefectExecutor:
    """`corpus.pipeline.Executor` for Prefect: shard calls run concurrently as tasks.

    Must be used inside a flow run: its progress artifact belongs to that run and is keyed
    `<flow name>-progress`, so the UI keeps one progress history per flow.

    `task_runner` (started, see `flows.runners`) is where `map` sends shard tasks; None = the
    flow's own runner. `call` never uses it: the serial stages run in the flow's process.

    With a `pool`, a shard task's run is orchestrated in the task runner's thread (its states,
    retries and log lines) while its work runs in one of the pool's processes, which never
    import Prefect: ~2 s less CPU per worker than Prefect's process pool, whose workers import
    Prefect and run a task engine with its own API calls per task.
    """

    progress: RunProgress | None = field(default=None)
    task_runner: TaskRunner[Any] | None = field(default=None)
    pool: ProcessExecutor | None = field(default=None)

    def _progress(self) -> RunProgress:
        if self.progress is None:
            from prefect.runtime import flow_run

            self.progress = RunProgress(progress_key(_slug(flow_run.flow_name or "flow")))
        return self.progress

    def map(self, fn: Callable[..., T], items: Sequence[Any], **kwargs: Any) -> list[T]:
        logger = get_run_logger()
        stage = as_task(fn) if self.pool is None else _stage_task(fn, in_pool(fn, self.pool))
        # Dask's graphs take tuples (a quote is one) for tasks of their own: no quoting there.
        if self.task_runner is None or isinstance(self.task_runner, ThreadPoolTaskRunner):
            items, kwargs = [quote(item) for item in items], _quoted(kwargs)
        if self.task_runner is None:
            futures = [stage.submit(item, **kwargs) for item in items]
        else:  # what `Task.submit` does, with this run's runner instead of the flow's
            futures = [
                self.task_runner.submit(stage, get_call_parameters(stage.fn, (item,), kwargs))
                for item in items
            ]
        position = {future.task_run_id: i for i, future in enumerate(futures)}
        results: list[Any] = [None] * len(futures)
        for done, future in enumerate(as_completed(futures), start=1):
            report = future.result()
            index = position[future.task_run_id]
            results[index] = report
            label = task_run_label(stage.name, {"shard": items[index]})
            logger.info("%s done (%d/%d batches): %s", label, done, len(futures), describe(report))
            progress.report(fn.__name__, done, len(futures))
            self._progress().update(fn.__name__, done, len(futures))
        return results

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        result = as_task(fn)(*(quote(arg) for arg in args), **_quoted(kwargs))
        progress.report(fn.__name__, 1, 1)
        self._progress().update(fn.__name__, 1, 1)
        return result
