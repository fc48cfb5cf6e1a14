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

The server is the command's own, so it is started lean: no block-type registration (which
imports every installed Prefect collection), and the flow run sends no heartbeats (whose
thread held up the end of every run by up to a second). While it comes up, this process
also makes the run's settings and imports what a flow run imports as it starts. Measured on
the 974 benchmark pages (fast extraction, four runs each, interleaved): `/health` answered
after 3.15-3.51 s instead of 3.44-3.98 s, the command's end came 0.22-0.35 s after the run's
artifacts instead of 0.63-1.26 s, and the command took 16.9-18.1 s instead of 18.3-19.7 s
(20.8 s in a fourth run, at a busy moment).

Nothing changes where Prefect would not start one: an API URL in the environment or in the
active profile (`prefect server start`, a served deployment's worker, Prefect Cloud), or
ephemeral mode switched off (`PREFECT_SERVER_ALLOW_EPHEMERAL_MODE=false`). If the server does
not come up, it is stopped and Prefect is left to start its own as usual.
"""

from __future__ import annotations

import atexit
import importlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from flows.server import HOST, free_port, healthy

#: As Prefect's own ephemeral server (no UI, marked ephemeral, settings final), without its
#: block-type registration: to see whether the registry changed, every start imports each
#: installed Prefect collection (prefect-dask imports dask.distributed), 0.47 of the 0.65 s
#: of CPU its start-up spends after the imports, on the path to the run's first task. Block
#: types are for the UI's block catalogue and for flows that store blocks; this server has no
#: UI, lives for one command and its flow uses no blocks, and a `prefect server start` on the
#: same Prefect home registers them as it starts.
EPHEMERAL_ENV = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
    "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false",
    "PREFECT_SERVER_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false",
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
        if not (wanted and process_wide):
            early.stop()
            yield None
            return
        # While the API comes up (this process has nothing else to do): the run's settings
        # (Prefect validates all of them again, 0.2 s) and the modules a flow run imports as
        # it starts.
        with temporary_settings(private_api_settings(early.api_url)):
            import_run_engine()
            healthy = early.wait_healthy()
            if healthy:
                # Process-wide, not only in this thread's context: Prefect's log and event
                # workers run in threads of their own and would otherwise start a second
                # server. In the environment too, for the processes the task runner spawns.
                os.environ["PREFECT_API_URL"] = early.api_url
                try:
                    with process_wide():
                        try:
                            yield early.api_url
                        finally:  # a failed run's logs (its traceback) matter most
                            _drain_prefect_workers()
                finally:
                    os.environ.pop("PREFECT_API_URL", None)
        if not healthy:  # the settings are undone: Prefect makes its own choice
            early.stop()
            yield None
    finally:
        early.stop()


def private_api_settings(api_url: str) -> dict[Any, Any]:
    """Settings of a flow run against a private API that stops with the command.

    No flow-run heartbeats: they let a long-lived server notice a crashed run, and this one is
    gone with the run. Prefect's heartbeat thread sleeps in one-second steps and the run waits
    for it to notice the end (0.67 s at the end of a measured run, 0.5 s on average).
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY

    return {PREFECT_API_URL: api_url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}


#: What a flow run imports as it starts, after the API answers: the flow and task engines,
#: FastAPI's JSON encoder (parameters), graphviz (flow visualisation). 0.1 s of CPU, 0.25 s
#: of the run's start measured on two busy cores.
RUN_ENGINE_MODULES = (
    "prefect.flow_engine",
    "prefect.task_engine",
    "prefect.utilities.visualization",
    "fastapi.encoders",
)


def import_run_engine() -> None:
    """Import `RUN_ENGINE_MODULES` (ahead of Prefect, which would import them anyway; one
    another Prefect version lacks is skipped)."""
    for name in RUN_ENGINE_MODULES:
        with suppress(ImportError):
            importlib.import_module(name)


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
