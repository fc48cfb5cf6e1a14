"""Deployments against a real `prefect server start` (one per module, stopped after).

- `newshygiene serve`: a triggered run of the served deployment processes a newly dropped
  file, and the next run only the file dropped after it.
- `prefect.yaml`: `prefect deploy --all` registers it on a process work pool and a worker runs
  a triggered run in a clean clone of the project.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from corpus.writer import read_table
from flows.server import local_prefect_server
from tests.conftest import PROJECT, SAMPLE_CORPUS

DEPLOYMENT = "clean-corpus/test-inbox"
FIRST = "valley-ledger/2026-02-27-water-rates.txt"
SECOND = "harbourtown-herald/2026-03-10-library-reopens.txt"


def _drop(inbox: Path, name: str) -> None:
    (inbox / name).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLE_CORPUS / name, inbox / name)


def _wait_for(what: str, check, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.5)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def _call(api: httpx.Client, method: str, url: str, **kwargs) -> httpx.Response:
    """One API call, retried while a busy local server answers 503 (SQLite locked on 2 cores)."""
    for attempt in range(10):
        response = api.request(method, url, **kwargs)
        if response.status_code != 503:
            return response.raise_for_status()
        time.sleep(0.5 * (attempt + 1))
    return response.raise_for_status()


def _trigger_and_wait(api: httpx.Client, deployment_id: str) -> dict:
    run = _call(api, "POST", f"/deployments/{deployment_id}/create_flow_run", json={})
    run_id = run.json()["id"]

    def finished():
        state = _call(api, "GET", f"/flow_runs/{run_id}").json()["state"]
        return state if state and state["type"] in {"COMPLETED", "FAILED", "CRASHED"} else None

    state = _wait_for(f"flow run {run_id}", finished, timeout=240)
    assert state["type"] == "COMPLETED", state
    return state


@pytest.fixture(scope="module")
def api_url(tmp_path_factory) -> Iterator[str]:
    with local_prefect_server(tmp_path_factory.mktemp("prefect-server")) as url:
        yield url


def _client_env(api_url: str, home: Path) -> dict[str, str]:
    """This process's environment without the test harness's Prefect settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_API_URL=api_url, PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false"
    )
    return env


def test_served_deployment_processes_newly_dropped_files(api_url: str, tmp_path: Path) -> None:
    inbox, output = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    env = _client_env(api_url, tmp_path / "client")
    log = (tmp_path / "serve.log").open("wb")
    serve = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "serve",
            str(inbox),
            "--output",
            str(output),
            "--cron",
            "0 0 1 1 *",  # once a year: only the runs this test triggers happen
            "--name",
            "test-inbox",
        ],
        cwd=PROJECT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        with httpx.Client(base_url=api_url, timeout=30) as api:

            def deployment():
                response = api.get(f"/deployments/name/{DEPLOYMENT}")
                return response.json() if response.status_code == 200 else None

            found = _wait_for("the served deployment", deployment, timeout=120)
            assert found["schedules"][0]["schedule"]["cron"] == "0 0 1 1 *"
            assert found["parameters"]["input_dir"] == str(inbox.resolve())

            _drop(inbox, FIRST)
            _trigger_and_wait(api, found["id"])
            assert [a["source_path"] for a in read_table(output, "articles").to_pylist()] == [FIRST]

            _drop(inbox, SECOND)
            _trigger_and_wait(api, found["id"])
            articles = read_table(output, "articles").to_pylist()
            assert sorted(a["source_path"] for a in articles) == sorted([FIRST, SECOND])
            runs = {a["run_id"] for a in articles}
            assert len(runs) == 2, "each run appends only its own new file"
    finally:
        os.killpg(serve.pid, signal.SIGINT)
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.wait()
        log.close()


def test_prefect_yaml_deploys_to_a_work_pool_and_a_worker_runs_it(
    api_url: str, tmp_path: Path
) -> None:
    repo = tmp_path / "checkout"
    shutil.copytree(
        PROJECT,
        repo,
        ignore=shutil.ignore_patterns(".venv", ".git", "outputs", "__pycache__", ".*cache"),
    )
    _drop(repo / "inbox", FIRST)
    env = _client_env(api_url, tmp_path / "client")
    env.update(PWD=str(repo), PATH=f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}")

    def prefect(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "prefect", *args],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        return done.stdout

    prefect("work-pool", "create", "newshygiene", "--type", "process")
    prefect("--no-prompt", "deploy", "--all")
    with httpx.Client(base_url=api_url, timeout=30) as api:
        deployment = _call(api, "GET", "/deployments/name/clean-corpus/inbox").json()
        assert deployment["work_pool_name"] == "newshygiene"
        assert deployment["schedules"][0]["schedule"]["cron"] == "*/15 * * * *"
        run = _call(api, "POST", f"/deployments/{deployment['id']}/create_flow_run", json={})
        run_id = run.json()["id"]
        prefect("worker", "start", "--pool", "newshygiene", "--run-once")
        state = _call(api, "GET", f"/flow_runs/{run_id}").json()["state"]
    assert state["type"] == "COMPLETED", state
    articles = read_table(repo / "outputs", "articles").to_pylist()
    assert [a["source_path"] for a in articles] == [FIRST]
