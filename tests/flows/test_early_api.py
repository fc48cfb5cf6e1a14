"""`newshygiene run` starts Prefect's ephemeral API itself, at its first line (flows.early_api).

The command-line tests run `newshygiene run` as users do, in a subprocess with a private
PREFECT_HOME and no PREFECT_* settings inherited, against the real server Prefect would start.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from flows.early_api import EarlyApi, ephemeral_api, start_ephemeral_api
from tests.conftest import PROJECT, SAMPLE_CORPUS

SERVER_APP = "prefect.server.api.server:create_app"


def _servers_for(home: Path) -> list[int]:
    """Pids of live Prefect API server processes whose PREFECT_HOME is `home`."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if SERVER_APP not in (proc / "cmdline").read_bytes().decode(errors="replace"):
                continue
            environ = (proc / "environ").read_bytes().split(b"\0")
        except OSError:  # exited meanwhile, or not ours to read
            continue
        if f"PREFECT_HOME={home}".encode() in environ:
            pids.append(int(proc.name))
    return pids


def _newshygiene(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_run_goes_to_the_early_server_and_stops_it(tmp_path: Path) -> None:
    home = tmp_path / "prefect"
    out = tmp_path / "out"
    result = _newshygiene(home, "run", str(SAMPLE_CORPUS), "--output", str(out), "--verbose")
    assert result.returncode == 0, result.stdout + result.stderr
    logs = result.stdout + result.stderr
    # Prefect announces every ephemeral server it starts itself (logged at INFO: --verbose).
    assert "Starting temporary server" not in logs
    assert "Finished in state Completed" in logs
    with sqlite3.connect(home / "prefect.db") as db:
        flow_runs = db.execute("SELECT state_type FROM flow_run").fetchall()
        task_runs = db.execute("SELECT count(*) FROM task_run").fetchone()[0]
        heartbeats = db.execute(
            "SELECT count(*) FROM events WHERE event = 'prefect.flow-run.heartbeat'"
        ).fetchone()[0]
        block_types = db.execute("SELECT count(*) FROM block_type").fetchone()[0]
    assert flow_runs == [("COMPLETED",)]
    assert task_runs >= 5  # read, templates, clean, dedup and publish at least
    # A private server that stops with the command: no heartbeats (nobody would notice one
    # missing) and no block-type catalogue (no UI, and the flow stores no blocks).
    assert heartbeats == 0
    assert block_types == 0
    assert (out / "manifest.json").is_file()
    assert _servers_for(home) == []


def test_a_failed_run_still_delivers_its_logs(tmp_path: Path) -> None:
    home = tmp_path / "prefect"
    blocker = tmp_path / "a-file"
    blocker.write_text("the output folder cannot be created under a file\n")
    result = _newshygiene(home, "run", str(SAMPLE_CORPUS), "--output", str(blocker / "out"))
    assert result.returncode == 1
    assert "Error logging to API" not in result.stdout + result.stderr
    with sqlite3.connect(home / "prefect.db") as db:
        assert db.execute("SELECT state_type FROM flow_run").fetchall() == [("FAILED",)]
        failure_logs = db.execute(
            "SELECT count(*) FROM log WHERE message LIKE '%NotADirectoryError%'"
        ).fetchone()[0]
    assert failure_logs >= 1
    assert _servers_for(home) == []


def test_a_profile_without_ephemeral_mode_is_obeyed(tmp_path: Path) -> None:
    home = tmp_path / "prefect"
    home.mkdir()
    (home / "profiles.toml").write_text(
        'active = "no-ephemeral"\n\n[profiles.no-ephemeral]\n'
        'PREFECT_SERVER_ALLOW_EPHEMERAL_MODE = "false"\n'
    )
    result = _newshygiene(home, "run", str(SAMPLE_CORPUS), "--output", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "PREFECT_API_URL" in result.stdout
    assert not (tmp_path / "out" / "manifest.json").exists()
    assert _servers_for(home) == []


def test_no_server_when_the_environment_names_an_api(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    assert start_ephemeral_api() is None


def test_a_server_that_died_is_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        temporary_settings,
    )

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    early = start_ephemeral_api()
    assert isinstance(early, EarlyApi)
    early.process.kill()
    early.process.wait(timeout=10)
    assert not early.wait_healthy(timeout=5)
    # no API in the settings either (another test's harness may have set one)
    with temporary_settings(restore_defaults={PREFECT_API_URL}), ephemeral_api(early) as api_url:
        assert api_url is None  # Prefect is left to start (or find) its own
        assert os.environ.get("PREFECT_API_URL") is None
        # the run's settings, made while the server was expected, are undone
        assert PREFECT_API_URL.value() is None
        assert PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value() is not None
