"""`ProcessExecutor` against `SerialExecutor`: same results, same order, progress as shards end."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from corpus.config import RunConfig
from corpus.executors import ProcessExecutor
from corpus.pipeline import SerialExecutor, run_pipeline
from tests.conftest import SAMPLE_CORPUS
from tests.corpus.preload_probe import marked
from tests.dataset_rows import comparable_rows


def square_later(item: int, delay_s: float) -> tuple[int, int]:
    """Later items finish first, so completion order differs from input order."""
    time.sleep(delay_s * (5 - item % 5))
    return item * item, os.getpid()


def fail_on_three(item: int) -> int:
    if item == 3:
        raise ValueError("shard 3 is broken")
    return item


def test_map_keeps_input_order_and_reports_each_finished_item() -> None:
    items = list(range(8))
    calls: list[tuple[str, int, int]] = []
    with ProcessExecutor(workers=2, progress=lambda *call: calls.append(call)) as executor:
        pooled = executor.map(square_later, items, delay_s=0.05)
    serial = SerialExecutor().map(square_later, items, delay_s=0.0)
    assert [value for value, _ in pooled] == [value for value, _ in serial]
    assert len({pid for _, pid in pooled} - {os.getpid()}) == 2  # two workers, neither is us
    assert calls == [("square_later", done, len(items)) for done in range(1, len(items) + 1)]


def loaded(module: str) -> tuple[int, bool]:
    return os.getpid(), module in sys.modules


def profiles_loaded() -> bool:
    from langdetect import detector_factory

    return detector_factory._factory is not None


def test_start_spawns_every_worker_and_runs_its_preload_entries() -> None:
    # tabnanny: a module nothing here imports, so only the preload can have loaded it
    assert "tabnanny" not in sys.modules
    preload = ("tabnanny", "tests.corpus.preload_probe:mark")
    with ProcessExecutor(workers=2, preload=preload) as executor:
        assert executor._starter is not None
        executor._starter.join()  # the workers are asked for in a thread
        assert executor._pool is not None and len(executor._pool._processes) == 2
        pid, was_loaded = executor.run(loaded, "tabnanny")
        assert executor.run(marked)  # the `module:function` entry was called
    assert pid != os.getpid() and was_loaded
    assert executor._pool is None  # closed with the context
    with ProcessExecutor(workers=2, preload=("tabnanny",)) as executor:
        assert not executor.run(marked)  # entries are the pool's own, not the fork server's


def test_workers_start_with_the_pipeline_and_models_the_fork_server_loaded() -> None:
    """Forked from the fork server, which imported `corpus.worker`: a worker with no preload
    entries of its own has the stage modules and langdetect's profiles, and no Prefect."""
    with ProcessExecutor(workers=2, preload=()) as executor:
        pid, has_pipeline = executor.run(loaded, "corpus.pipeline")
        assert has_pipeline and pid != os.getpid()
        assert executor.run(profiles_loaded)
        assert not executor.run(loaded, "prefect")[1]


def test_one_worker_runs_in_process_without_a_pool() -> None:
    executor = ProcessExecutor(workers=1)
    results = executor.map(square_later, [1, 2, 3], delay_s=0.0)
    assert {pid for _, pid in results} == {os.getpid()}
    assert executor.run(square_later, 2, delay_s=0.0) == (4, os.getpid())
    assert executor.start()._pool is None


def test_call_runs_in_this_process() -> None:
    calls: list[tuple[str, int, int]] = []
    with ProcessExecutor(workers=2, progress=lambda *call: calls.append(call)) as executor:
        assert executor.call(square_later, 3, delay_s=0.0) == (9, os.getpid())
    assert calls == [("square_later", 1, 1)]


def test_a_failing_item_fails_the_map() -> None:
    with ProcessExecutor(workers=2) as executor, pytest.raises(ValueError, match="shard 3"):
        executor.map(fail_on_three, list(range(6)))


def test_pipeline_on_two_processes_writes_the_serial_dataset(tmp_path: Path) -> None:
    def config(name: str) -> RunConfig:
        return RunConfig(input_dir=SAMPLE_CORPUS, output=tmp_path / name, shard_size=7, workers=2)

    serial = run_pipeline(config("serial"), SerialExecutor())
    with ProcessExecutor(workers=2) as executor:
        pooled = run_pipeline(config("pooled"), executor)
    assert pooled.counts == serial.counts
    assert comparable_rows(pooled.output) == comparable_rows(serial.output)
