"""A real `prefect server start` on 127.0.0.1, for people (`newshygiene ui`) and for tests.

The flow tests use Prefect's in-process test harness, which has no UI and captures every run
made in the test process. Whatever must be seen in the UI, or run by a served deployment,
needs a real server: this module starts one in its own process group with its own PREFECT_HOME
(its own SQLite database, UI build and settings, so a developer's profile is never read or
written), waits until `/api/health` answers, yields the API URL and stops it cleanly.

    with local_prefect_server(tmp_path / "prefect") as api_url:
        subprocess.run([...], env={**os.environ, "PREFECT_API_URL": api_url})
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

HOST = "127.0.0.1"
#: First start on two busy cores builds the UI copy and migrates SQLite: 15-40 s is normal.
STARTUP_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 20.0
LOG_NAME = "server.log"


class ServerError(RuntimeError):
    """The server did not come up (its log tail is in the message) or could not be stopped."""


def free_port(host: str = HOST) -> int:
    """A port nothing listens on right now (the OS picks it; a tiny race is acceptable here)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def port_in_use(port: int, host: str = HOST) -> bool:
    """True when something accepts connections on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def server_env(
    home: Path, host: str, port: int, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The server's environment: this process's, minus every PREFECT_* setting, plus its own.

    Inherited PREFECT_* variables (a profile, an API URL pointing at Prefect Cloud, a test
    harness's database) would make the server something other than a private local one. The
    UI is told the API's address explicitly: it otherwise assumes port 4200.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_SERVER_API_HOST=host,
        PREFECT_SERVER_API_PORT=str(port),
        PREFECT_SERVER_UI_API_URL=f"http://{host}:{port}/api",
        PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT="false",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_LOGGING_COLORS="false",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra or {})
    return env


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    """True when the API's health endpoint answers 200."""
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def _log_tail(log: Path, chars: int = 4000) -> str:
    try:
        return log.read_text(errors="replace")[-chars:]
    except OSError:
        return "(no server log)"


def _stop(process: subprocess.Popen[bytes], timeout: float) -> None:
    """SIGINT first (uvicorn's graceful shutdown, as Ctrl-C), SIGKILL only if it hangs.

    The server runs in its own session, so the signal reaches exactly the process group this
    module started and nothing else.
    """
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, timeout), (signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue
    raise ServerError(f"prefect server (pid {process.pid}) did not stop")


@contextlib.contextmanager
def local_prefect_server(
    home: Path,
    port: int | None = None,
    *,
    host: str = HOST,
    startup_timeout: float = STARTUP_TIMEOUT_S,
    extra_env: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """Run `prefect server start` for the duration of the block; yields its API URL.

    `home` becomes the server's PREFECT_HOME (created if missing; its `server.log` keeps the
    server's output). `port=None` picks a free port. `extra_env` adds settings, e.g.
    `{"PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED": "false"}`. The UI is at the API URL
    without its `/api` suffix. Raises `ServerError` with the log tail if the server exits or
    is not healthy within `startup_timeout` seconds.
    """
    home = Path(home).resolve()
    home.mkdir(parents=True, exist_ok=True)
    port = port or free_port(host)
    if port_in_use(port, host):
        raise ServerError(f"port {port} on {host} is already in use")
    api_url = f"http://{host}:{port}/api"
    log = home / LOG_NAME
    env = server_env(home, host, port, extra_env)
    command = [
        sys.executable,
        "-m",
        "prefect",
        "server",
        "start",
        "--host",
        host,
        "--port",
        str(port),
        "--analytics-off",
    ]
    with log.open("ab") as log_file:
        process = subprocess.Popen(
            command,
            env=env,
            cwd=home,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as a whole, by its id
        )
    try:
        deadline = time.monotonic() + startup_timeout
        while not healthy(api_url):
            if process.poll() is not None:
                raise ServerError(
                    f"prefect server exited with status {process.returncode}:\n{_log_tail(log)}"
                )
            if time.monotonic() > deadline:
                raise ServerError(
                    f"prefect server not healthy after {startup_timeout:.0f} s:\n{_log_tail(log)}"
                )
            time.sleep(0.25)
        yield api_url
    finally:
        _stop(process, STOP_TIMEOUT_S)
