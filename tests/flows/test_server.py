"""`flows.server` and `newshygiene ui`: a real `prefect server start`, started and stopped."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from flows.cli import main
from flows.server import ServerError, local_prefect_server, port_in_use
from tests.conftest import PROJECT

PROBE = """
import json, os, sys, urllib.request
url = os.environ["PREFECT_API_URL"]
health = urllib.request.urlopen(url + "/health", timeout=10).read().decode()
json.dump({"url": url, "health": health}, open(sys.argv[1], "w"))
"""


def test_ui_runs_a_command_against_its_server_and_stops_it_on_sigterm(tmp_path: Path) -> None:
    home = tmp_path / "prefect"
    probe = tmp_path / "probe.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["COLUMNS"] = "200"  # keep rich from wrapping the lines read below
    command = [sys.executable, "-c", PROBE, str(probe)]
    ui = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "ui",
            "--home",
            str(home),
            "--port",
            "0",
            "--",
            *command,
        ],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert ui.stdout is not None
        seen = []
        for line in ui.stdout:  # ends early (EOF) if the server fails to start
            seen.append(line)
            if line.startswith("serving"):
                break
        assert any(line.startswith("serving") for line in seen), "".join(seen)
        result = json.loads(probe.read_text())
        assert result["health"] == "true"
        port = urlparse(result["url"]).port
        assert port and port_in_use(port)
        assert f"export PREFECT_API_URL={result['url']}" in "".join(seen)

        ui.send_signal(signal.SIGTERM)
        assert ui.wait(timeout=60) == 0
        rest = ui.stdout.read()
    finally:
        if ui.poll() is None:
            ui.kill()
    assert "Prefect server stopped" in rest
    assert not port_in_use(port), "the server still listens after `ui` exited"
    assert (home / "prefect.db").is_file() and (home / "server.log").is_file()


def test_a_busy_port_is_refused_before_anything_starts(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with (
            pytest.raises(ServerError, match="already in use"),
            local_prefect_server(tmp_path, port),
        ):
            pass  # pragma: no cover - never reached


def test_exit_without_a_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ui", "--exit"]) == 2
    assert "--exit needs a command" in capsys.readouterr().out
