"""Prefect's ephemeral API, started at the command's first line instead of at the flow's.

Without an API URL, Prefect runs a flow against an "ephemeral" local API server that it starts
in the first process needing a client: that process imports the server's code (2.3 s here),
then starts the server in a subprocess and waits for `/health` (3.1-3.4 s), and only then does
the flow begin. `newshygiene run` knows at its first line that it will need that server, so it
starts the very same server process (the uvicorn command, app factory and environment of
`prefect.server.api.server.SubprocessASGIServer`) before importing anything heavy, imports
Prefect and the pipeline while the server comes up, and runs the flow against its URL. The
server is private to the command and stopped with it, as Prefect's own would be.

Measured with `newshygiene run sample_corpus` (an existing PREFECT_HOME, two runs each): the
pipeline's first task starts 5.3-5.4 s after the command instead of 6.9 s, and the command
takes 9.9-10.1 s instead of 12.0-12.1 s.

Nothing changes where Prefect would not start one: an API URL in the environment or in the
active profile (`prefect server start`, a served deployment's worker, Prefect Cloud), or
ephemeral mode switched off (`PREFECT_SERVER_ALLOW_EPHEMERAL_MODE=false`). If the server does
not come up, it is stopped and Prefect is left to start its own as usual.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field

from flows.server import HOST, free_port, healthy

#: As Prefect's own ephemeral server: no UI, marked ephemeral, settings final.
EPHEMERAL_ENV = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
}
#: Prefect's default `PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS`.
STARTUP_TIMEOUT_S = 20.0
POLL_S = 0.05


@dataclass
class EarlyApi:
    """A started (maybe not yet healthy) ephemeral API server process."""

    process: subprocess.Popen[bytes]
    api_url: str
    started: float = field(default_factory=time.monotonic)

    def wait_healthy(self, timeout: float = STARTUP_TIMEOUT_S) -> bool:
        """True once `/health` answers; False if the process exits or the timeout passes."""
        deadline = self.started + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            if healthy(self.api_url, timeout=1.0):
                return True
            time.sleep(POLL_S)
        return False

    def stop(self) -> None:
        """SIGTERM (uvicorn shuts down cleanly), SIGKILL if it hangs, as Prefect stops its own."""
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def start_ephemeral_api() -> EarlyApi | None:
    """Start the server process now, unless the environment already names an API.

    Call it after the command has put its Prefect settings into the environment (the server
    reads them, and the active profile, when it starts), before importing Prefect.
    """
    if os.environ.get("PREFECT_API_URL"):
        return None
    port = free_port(HOST)
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "prefect.server.api.server:create_app",
        "--host",
        HOST,
        "--port",
        str(port),
        "--log-level",
        "error",
        "--lifespan",
        "on",
    ]
    process = subprocess.Popen(command, env={**os.environ, **EPHEMERAL_ENV})
    early = EarlyApi(process, f"http://{HOST}:{port}/api")
    atexit.register(early.stop)  # also when the command fails before its flow starts
    return early


@contextmanager
def ephemeral_api(early: EarlyApi | None) -> Iterator[str | None]:
    """Run the block against `early`'s server when Prefect would start an ephemeral one;
    yields the API URL used (None: Prefect's own choice). Stops the server after the block."""
    if early is None:
        yield None
        return
    try:
        from prefect.settings import (
            PREFECT_API_URL,
            PREFECT_SERVER_ALLOW_EPHEMERAL_MODE,
            temporary_settings,
        )

        wanted = not PREFECT_API_URL.value() and PREFECT_SERVER_ALLOW_EPHEMERAL_MODE.value()
        process_wide = _process_settings_context()  # None: leave it all to Prefect
        if not (wanted and process_wide and early.wait_healthy()):
            early.stop()
            yield None
            return
        # Process-wide, not only in this thread's context: Prefect's log and event workers
        # run in threads of their own and would otherwise start a second server. In the
        # environment too, for the processes the flow's task runner spawns.
        os.environ["PREFECT_API_URL"] = early.api_url
        try:
            with temporary_settings({PREFECT_API_URL: early.api_url}), process_wide():
                try:
                    yield early.api_url
                finally:  # a failed run's logs (its traceback) matter most
                    _drain_prefect_workers()
        finally:
            os.environ.pop("PREFECT_API_URL", None)
    finally:
        early.stop()


def _process_settings_context() -> Callable[[], AbstractContextManager[None]] | None:
    """A context manager making the current settings the process's (what Prefect's own test
    harness does for its server), or None if this Prefect lacks the internal hook."""
    import prefect.context

    swap = getattr(prefect.context, "_temporary_global_settings_context", None)
    if swap is None:
        return None
    return lambda: swap(prefect.context.get_settings_context())


def _drain_prefect_workers(timeout: float = 10.0) -> None:
    """Send the logs and events Prefect still holds before the server goes (as Prefect's own
    test harness does): at interpreter exit it would retry them against a stopped server."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=timeout)
    EventsWorker.drain_all(timeout=timeout)
