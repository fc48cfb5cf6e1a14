"""The command line, with the Prefect-free engine (the Prefect path is covered by the flow test)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.cli import main
from tests.conftest import SAMPLE_CORPUS


@pytest.fixture(autouse=True)
def _restore_environment() -> Iterator[None]:
    """`main` quiets Prefect through os.environ (PREFECT_LOGGING_LEVEL=WARNING, …) for the rest of
    its process. In the test process that would silence the INFO logs of every later test's
    worker processes, which read the environment when they start."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def test_run_prints_summary_and_writes_dataset(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    code = main(["run", str(SAMPLE_CORPUS), "--output", str(out), "--engine", "local"])
    assert code == 0
    printed = capsys.readouterr().out
    counts = json.loads((out / "manifest.json").read_text())["counts"]
    assert "inputs" in printed and "quarantine reasons" in printed
    assert str(counts["articles"]) in printed and "site_template" in printed


def test_missing_input_folder_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["run", str(tmp_path / "nope"), "--engine", "local"]) == 2


def test_bad_inputs_do_not_fail_the_run(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (inputs / "notes.pdf").write_bytes(b"%PDF-1.4 ...")
    out = tmp_path / "out"
    assert main(["run", str(inputs), "--output", str(out), "--engine", "local"]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["quarantined"] == 3
    assert set(manifest["quarantine_by_reason"]) == {"empty", "binary", "unsupported"}


def test_local_engine_on_two_worker_processes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    argv = ["run", str(SAMPLE_CORPUS), "--output", str(out), "--engine", "local"]
    assert main([*argv, "--workers", "2", "--shard-size", "7"]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["balanced"] is True
    assert manifest["parameters"]["workers"] == 2


def test_task_runner_options_need_the_prefect_engine(tmp_path: Path) -> None:
    argv = ["run", str(SAMPLE_CORPUS), "--output", str(tmp_path / "out"), "--engine", "local"]
    assert main([*argv, "--runner", "dask"]) == 2
    assert main([*argv, "--dask-address", "tcp://127.0.0.1:8786"]) == 2
