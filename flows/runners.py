"""Where the per-shard tasks of a run execute: threads, a process pool, or a Dask cluster.

The per-shard stages (read + trafilatura extraction, cleaning, language detection) are
CPU-bound pure Python, so threads share one core under the GIL; a process pool uses every core
of this machine and a Dask cluster the cores of several machines.

The process pool is `corpus.executors.ProcessExecutor`, the local engine's own pool: each shard
task is orchestrated by Prefect in a thread of the flow's process (its task run, states,
retries and logs) and hands its shard to a worker process that never imports Prefect.
Prefect's `ProcessPoolTaskRunner` instead runs a task engine in every worker, which imports
Prefect there and talks to the API from there: on 10,027 plain-text files a run took 32.5-34.4 s
with it against 23.0-28.8 s this way (three runs each, interleaved). The serial stages (site
templates, dedup, publish) never go through the runner: `PrefectExecutor.call` runs them in the
flow's own process, which stays the one writer of the dataset and its index.

The runner is chosen per flow *run* (from flow parameters, so a deployment can set it), so it is
built and entered inside the flow body rather than fixed with `Flow.with_options`.

Prefect is imported inside the functions: the command line imports this module for its options
before it has configured Prefect's logging through the environment.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal, get_args

from corpus.executors import ProcessExecutor
from corpus.language import BACKENDS

if TYPE_CHECKING:
    from prefect.task_runners import TaskRunner

RunnerKind = Literal["process", "thread", "dask"]
RUNNERS: tuple[str, ...] = get_args(RunnerKind)
DEFAULT_RUNNER: RunnerKind = "process"
LANGUAGE_BACKENDS: tuple[str, ...] = tuple(BACKENDS)  # "auto" first: the default


def resolve_kind(runner: str | None, dask_address: str | None) -> RunnerKind:
    """The runner a run uses: an explicit Dask address means the Dask runner, whatever the
    (defaulted) `runner` says, so a deployment only has to set the address."""
    if dask_address:
        return "dask"
    runner = runner or DEFAULT_RUNNER
    if runner not in RUNNERS:
        raise ValueError(f"unknown task runner {runner!r}: expected one of {', '.join(RUNNERS)}")
    return runner  # type: ignore[return-value]


def build_task_runner(
    runner: str | None, workers: int, dask_address: str | None = None
) -> TaskRunner[Any]:
    """A fresh, not yet started task runner for one run.

    - "process": `workers` threads that orchestrate the shard tasks, whose work runs in the
      `shard_pool` of `workers` processes on this machine;
    - "thread": `ThreadPoolTaskRunner` with `workers` threads (one core in practice);
    - "dask": with `dask_address`, the existing cluster at that scheduler (`workers` is then
      the cluster's business); without, a `distributed.LocalCluster` of `workers`
      single-threaded worker processes, started and stopped with the run.
    """
    kind = resolve_kind(runner, dask_address)
    if kind in ("thread", "process"):
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner(max_workers=workers)
    from prefect_dask import DaskTaskRunner

    if dask_address:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": workers,
            "threads_per_worker": 1,  # CPU-bound Python: one task per process, no GIL sharing
            "processes": True,
            "dashboard_address": ":0",  # any free port: a second run must not collide on 8787
        }
    )


_started_pools: list[ProcessExecutor] = []


@contextmanager
def started_pool(workers: int) -> Iterator[ProcessExecutor]:
    """Start a "process" run's worker pool ahead of its flow; `shard_pool` hands it to the flow.

    The command line enters this early, so the workers' fork server loads the pipeline
    while the flow is created, instead of after.
    """
    with ProcessExecutor(workers) as pool:
        _started_pools.append(pool)
        try:
            yield pool
        finally:
            _started_pools.remove(pool)


@contextmanager
def shard_pool(
    runner: str | None, workers: int, dask_address: str | None = None
) -> Iterator[ProcessExecutor | None]:
    """The worker processes of a "process" run (None for the other runners): the one
    `started_pool` opened for it, or a new one that lives as long as the run."""
    if resolve_kind(runner, dask_address) != "process":
        yield None
        return
    ready = [pool for pool in _started_pools if pool.workers == workers]
    if ready:
        yield ready[-1]
        return
    with ProcessExecutor(workers) as pool:
        yield pool


@contextmanager
def pinned_api_url() -> Iterator[None]:
    """Make Dask workers report to this flow's Prefect API (the process pool's workers never
    talk to it: their task runs stay in the flow's process).

    Without `PREFECT_API_URL`, Prefect starts an ephemeral API server in whichever process first
    needs a client, so every Dask worker would start (and wait ~10 s for) one of its own.
    Inside a flow run the client already knows the ephemeral server's URL; setting it for the
    run puts it into the settings that task runners ship to their workers.
    """
    from prefect.context import FlowRunContext
    from prefect.settings import PREFECT_API_URL, temporary_settings

    context = FlowRunContext.get()
    client = context.client if context else None
    if PREFECT_API_URL.value() or client is None:
        yield
        return
    with temporary_settings({PREFECT_API_URL: str(client.api_url).rstrip("/")}):
        yield


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def add_scaling_arguments(parser: argparse.ArgumentParser) -> None:
    """`--workers`, `--runner`, `--dask-address`, `--language-backend`, `--extraction`
    (`run` and `serve`)."""
    parser.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        help="worker processes for the per-shard stages (default: one per CPU core)",
    )
    parser.add_argument(
        "--runner",
        choices=RUNNERS,
        default=None,
        help="Prefect task runner for the per-shard stages: a process pool (default), threads "
        "(one core under the GIL) or a Dask cluster",
    )
    parser.add_argument(
        "--dask-address",
        default=None,
        metavar="tcp://HOST:PORT",
        help="scheduler of a running Dask cluster (implies --runner dask); the input and output "
        "folders must be on storage every Dask worker sees",
    )
    parser.add_argument(
        "--language-backend",
        choices=LANGUAGE_BACKENDS,
        default="auto",
        help="language identifier: auto (default: fastText confirms the clear cases, "
        "langdetect decides the rest), langdetect or fasttext alone",
    )
    parser.add_argument(
        "--extraction",
        choices=("accurate", "fast"),
        default=None,
        help="HTML extraction: two trafilatura passes (accurate, default) or one (fast, "
        "about 2x cheaper; see README 'Speed'); default $NEWSHYGIENE_EXTRACTION or accurate",
    )


def flow_parameters(args: argparse.Namespace) -> dict[str, Any]:
    """The scaling options as `clean_corpus` flow parameters (unset ones left to its defaults)."""
    parameters: dict[str, Any] = {
        "runner": resolve_kind(args.runner, args.dask_address),
        "language_backend": args.language_backend,
    }
    if args.workers is not None:
        parameters["workers"] = args.workers
    if args.dask_address:
        parameters["dask_address"] = args.dask_address
    if args.extraction:
        parameters["extraction"] = args.extraction
    return parameters
