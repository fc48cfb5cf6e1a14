"""The clean-corpus flow on a process pool and on Dask writes exactly the serial dataset.

Real components only: Prefect's test API (the session harness), the process runner's worker pool,
a real two-worker `distributed.LocalCluster`. Shards of 7 files give each worker several tasks.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from corpus.config import RunConfig
from corpus.pipeline import RunResult, run_pipeline
from tests.conftest import SAMPLE_CORPUS
from tests.dataset_rows import comparable_rows

SHARD_SIZE = 7
PER_SHARD = {"read_shard", "clean_shard"}
SERIAL = {"learn_site_templates", "deduplicate", "publish"}


@pytest.fixture(scope="module")
def serial_run(tmp_path_factory) -> RunResult:
    output = tmp_path_factory.mktemp("serial")
    return run_pipeline(RunConfig(input_dir=SAMPLE_CORPUS, output=output, shard_size=SHARD_SIZE))


def _run_flow(output: Path, **parameters: Any) -> UUID:
    """Run the flow; its flow-run id (the manifest is on disk)."""
    from flows.clean_corpus import clean_corpus

    state = clean_corpus(
        input_dir=str(SAMPLE_CORPUS),
        output=str(output),
        shard_size=SHARD_SIZE,
        return_state=True,
        **parameters,
    )
    assert state.is_completed(), state.message
    return state.state_details.flow_run_id


def _task_log_messages(
    flow_run_id: UUID, expected_batches: int = 1, timeout_s: float = 30.0
) -> list[str]:
    """Log lines that task runs sent to the API. Workers ship them in batches, so wait until
    `expected_batches` "batch of" lines have arrived (or the deadline)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    deadline = time.monotonic() + timeout_s
    while True:
        with get_client(sync_client=True) as client:
            logs = client.read_logs(
                log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id]))
            )
        messages = [log.message for log in logs if log.task_run_id is not None]
        arrived = sum(m.startswith("batch of") for m in messages)
        if arrived >= expected_batches or time.monotonic() > deadline:
            return messages
        time.sleep(0.5)


def _assert_same_dataset(output: Path, serial: RunResult) -> None:
    assert comparable_rows(output) == comparable_rows(serial.output)


@pytest.mark.parametrize("runner", ["process", "dask"])
def test_two_workers_write_the_serial_dataset(
    prefect_api, serial_run: RunResult, tmp_path: Path, runner: str
) -> None:
    flow_run_id = _run_flow(tmp_path / "out", runner=runner, workers=2)
    _assert_same_dataset(tmp_path / "out", serial_run)
    # get_run_logger() in each task run (its thread or Dask worker): every shard logged its batch
    shards = -(-serial_run.counts["input_files"] // SHARD_SIZE)
    messages = _task_log_messages(flow_run_id, expected_batches=2 * shards)
    assert sum(m.startswith("batch of") for m in messages) == 2 * shards  # read + clean


def test_dask_address_sends_shard_tasks_to_that_cluster(
    prefect_api, serial_run: RunResult, tmp_path: Path
) -> None:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster,
        Client(cluster.scheduler_address) as client,
    ):
        # no `runner` given: the address alone selects Dask
        _run_flow(tmp_path / "out", dask_address=cluster.scheduler_address)
        prefixes = set(
            client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.task_prefixes))
        )
        per_worker = client.run(lambda dask_worker: dask_worker.state.transition_counter)
    _assert_same_dataset(tmp_path / "out", serial_run)
    assert prefixes >= PER_SHARD  # the per-shard stages ran on this cluster ...
    assert not SERIAL & prefixes  # ... and the serial ones in the flow's own process
    assert len(per_worker) == 2 and all(per_worker.values())


def test_runner_choice() -> None:
    from prefect.task_runners import ThreadPoolTaskRunner
    from prefect_dask import DaskTaskRunner

    from flows.runners import build_task_runner

    # "process": task runs orchestrated in threads, their work in `shard_pool`'s processes
    assert isinstance(build_task_runner("process", 3), ThreadPoolTaskRunner)
    assert isinstance(build_task_runner("thread", 3), ThreadPoolTaskRunner)
    local = build_task_runner("dask", 3)
    assert isinstance(local, DaskTaskRunner) and local.address is None
    assert local.cluster_kwargs["n_workers"] == 3 and local.cluster_kwargs["processes"] is True
    remote = build_task_runner("process", 3, "tcp://10.0.0.5:8786")  # an address means Dask
    assert isinstance(remote, DaskTaskRunner) and remote.address == "tcp://10.0.0.5:8786"
    with pytest.raises(ValueError, match="unknown task runner"):
        build_task_runner("fibers", 3)


def test_process_runner_works_in_pool_processes_that_never_import_prefect(prefect_api) -> None:
    """Each shard is a task run the API records, while its work runs in a worker process of
    the pool, which has no Prefect to import or to start a task engine with."""
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from flows.executor import PrefectExecutor
    from flows.runners import build_task_runner, shard_pool
    from tests.flows.pool_probe import where

    @flow
    def probe() -> list[tuple[int, int, bool]]:
        with shard_pool("process", 2) as pool, build_task_runner("process", 2) as runner:
            return PrefectExecutor(task_runner=runner, pool=pool).map(where, [1, 2, 3, 4, 5, 6])

    state = probe(return_state=True)
    results = state.result()
    assert [item for item, _, _ in results] == [1, 2, 3, 4, 5, 6]
    pids = {pid for _, pid, _ in results}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    assert not any(has_prefect for _, _, has_prefect in results)
    with get_client(sync_client=True) as client:
        task_runs = client.read_task_runs(
            flow_run_filter=FlowRunFilter(
                id=FlowRunFilterId(any_=[state.state_details.flow_run_id])
            )
        )
    assert sorted(run.state.type.value for run in task_runs) == ["COMPLETED"] * 6
    assert {run.name for run in task_runs} == {"where"}
