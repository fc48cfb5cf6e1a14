"""Runs the core's stage calls as Prefect tasks: one task per shard, never per document."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from prefect import Task, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.logging import get_run_logger

from flows import progress

T = TypeVar("T")


def _task_run_name(fn_name: str) -> Callable[[], str]:
    def name() -> str:
        from prefect.runtime import task_run

        parameters = task_run.parameters or {}
        shard = parameters.get("shard") or parameters.get("report")
        number = getattr(shard, "number", None) or getattr(
            getattr(shard, "shard", None), "number", None
        )
        return f"{fn_name}/shard-{number:05d}" if number is not None else fn_name

    return name


@cache
def as_task(fn: Callable[..., T]) -> Task[..., T]:
    """The Prefect task wrapping one stage function (verb-named, e.g. `read-shard`)."""
    name = fn.__name__.replace("_", "-")
    return task(
        fn,
        name=name,
        task_run_name=_task_run_name(name),
        cache_policy=NO_CACHE,  # stages write files; their results are paths, not cacheable data
        log_prints=True,
    )


@dataclass
class PrefectExecutor:
    """`corpus.pipeline.Executor` for Prefect: shard calls run concurrently as tasks."""

    def map(self, fn: Callable[..., T], items: Sequence[Any], **kwargs: Any) -> list[T]:
        logger = get_run_logger()
        stage = as_task(fn)
        futures = [stage.submit(item, **kwargs) for item in items]
        position = {future.task_run_id: i for i, future in enumerate(futures)}
        results: list[Any] = [None] * len(futures)
        for done, future in enumerate(as_completed(futures), start=1):
            report = future.result()
            results[position[future.task_run_id]] = report
            counts = getattr(report, "counts", {})
            logger.info("%s: batch %d/%d done %s", stage.name, done, len(futures), counts)
            progress.report(fn.__name__, done, len(futures))
        return results

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        result = as_task(fn)(*args, **kwargs)
        progress.report(fn.__name__, 1, 1)
        return result
