"""A run killed at any point, then started again, ends with the dataset of an uninterrupted run.

The kills are real: `newshygiene run` in a subprocess gets SIGKILL when its work folder shows
it has reached a given stage. The one window too short to hit from outside (parts moved into
place, state not yet committed) is forced in-process by making the commit fail.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus.config import RunConfig
from corpus.pipeline import run_pipeline
from corpus.state import DatasetState
from corpus.writer import part_files, read_table
from tests.conftest import PROJECT, SAMPLE_CORPUS

TABLES = ("articles", "duplicates", "quarantine")
VOLATILE = {"run_id", "run_date"}


def _snapshot(output: Path) -> dict[str, list[dict]]:
    """Every row of every table, without the columns that name the run."""
    snapshot = {}
    for table in TABLES:
        rows = [
            {k: v for k, v in row.items() if k not in VOLATILE}
            for row in read_table(output, table).to_pylist()
        ]
        snapshot[table] = sorted(rows, key=lambda r: (r["source_path"], str(r.get("doc_id"))))
    return snapshot


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("kill") / "inbox"
    shutil.copytree(SAMPLE_CORPUS, path)
    return path


@pytest.fixture(scope="module")
def reference(inbox: Path, tmp_path_factory) -> dict[str, list[dict]]:
    output = tmp_path_factory.mktemp("kill") / "uninterrupted"
    run_pipeline(RunConfig(input_dir=inbox, output=output, shard_size=1))
    return _snapshot(output)


def _run_and_kill(inbox: Path, output: Path, marker: str) -> None:
    """Start a run in a subprocess; SIGKILL it as soon as `marker` appears in its work folder."""
    cmd = [
        sys.executable,
        "-m",
        "flows.cli",
        "run",
        str(inbox),
        "--output",
        str(output),
        "--engine",
        "local",
        "--shard-size",
        "1",
    ]
    proc = subprocess.Popen(
        cmd, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if list(output.glob(f".work-*/{marker}")):
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                return
            if proc.poll() is not None:
                pytest.fail(f"the run ended before reaching {marker}: {proc.stderr.read()!r}")
            time.sleep(0.002)
        pytest.fail(f"{marker} never appeared")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        proc.stderr.close()


@pytest.mark.parametrize(
    "marker",
    [
        "staged-00004.arrow",  # while reading
        "site-templates.json",  # between reading and cleaning
        "cleaned-00012.arrow",  # while cleaning
        "kept-signatures.arrow",  # after dedup, while publishing
    ],
)
def test_killed_run_then_rerun_equals_an_uninterrupted_run(
    marker: str, inbox: Path, reference: dict, tmp_path: Path
) -> None:
    output = tmp_path / "out"
    _run_and_kill(inbox, output, marker)
    with DatasetState(output) as state:
        assert state.run_ids() == set(), "a killed run must not be committed"
    run = run_pipeline(RunConfig(input_dir=inbox, output=output, shard_size=1))
    assert run.counts["inputs"] == sum(len(rows) for rows in reference.values())
    assert _snapshot(output) == reference
    assert {run_id for run_id, _ in part_files(output)} == {run.run_id}
    assert not list(output.glob(".work-*")) and not list(output.glob(".staging-*"))


def test_crash_between_moving_parts_and_commit_leaves_nothing_doubled(
    inbox: Path, reference: dict, tmp_path: Path, monkeypatch
) -> None:
    output = tmp_path / "out"

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("killed after the parts were moved into place")

    monkeypatch.setattr(DatasetState, "commit_run", crash)
    with pytest.raises(KeyboardInterrupt):
        run_pipeline(RunConfig(input_dir=inbox, output=output, shard_size=1))
    assert list(part_files(output)), "the crash should come after the parts were in place"
    monkeypatch.undo()
    run = run_pipeline(RunConfig(input_dir=inbox, output=output, shard_size=1))
    assert _snapshot(output) == reference
    assert {run_id for run_id, _ in part_files(output)} == {run.run_id}


def test_a_failure_writing_the_parts_rolls_the_state_back(
    inbox: Path, reference: dict, tmp_path: Path, monkeypatch
) -> None:
    """The parts are written in a thread while the state's rows go in (`publish`): the
    transaction must wait for them and roll back when writing them failed."""
    import corpus.pipeline

    output = tmp_path / "out"
    written = corpus.pipeline.append_run

    def disk_full(*args, **kwargs):
        time.sleep(0.5)  # long after the state's rows were added
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(corpus.pipeline, "append_run", disk_full)
    with pytest.raises(OSError, match="No space left"):
        run_pipeline(RunConfig(input_dir=inbox, output=output, shard_size=1))
    with DatasetState(output) as state:
        assert state.run_ids() == set() and state.known_inputs() == set()
        assert state.template_summary(min_pages=1) == {}
    monkeypatch.setattr(corpus.pipeline, "append_run", written)
    run = run_pipeline(RunConfig(input_dir=inbox, output=output, shard_size=1))
    assert run.counts["inputs"] == sum(len(rows) for rows in reference.values())
    assert _snapshot(output) == reference
