"""`newshygiene ui`: a private Prefect server with its UI, and runs pointed at it.

Starts `prefect server start` on 127.0.0.1 with its own PREFECT_HOME (default `.prefect/ui`,
git-ignored), prints the UI's address and the `export PREFECT_API_URL=…` line for other
shells, optionally runs one command with PREFECT_API_URL already pointing at the server, and
stops the server cleanly on Ctrl-C or SIGTERM (or, with --exit, when the command ends):

    newshygiene ui                                   # serve until Ctrl-C
    newshygiene ui -- newshygiene run sample_corpus  # run the flow, keep the UI up to look
    newshygiene ui --port 0 --exit -- newshygiene run sample_corpus   # scripted, free port
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import threading
from pathlib import Path
from types import FrameType
from typing import Any

from rich.console import Console

DEFAULT_HOME = Path(".prefect") / "ui"
DEFAULT_PORT = 4200


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `ui` subcommand to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "ui",
        help="start a local Prefect server + UI and point runs at it",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--home",
        type=Path,
        default=DEFAULT_HOME,
        help=f"the server's PREFECT_HOME: database, settings, UI build (default: {DEFAULT_HOME})",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="port on 127.0.0.1; 0 picks a free one"
    )
    parser.add_argument(
        "--exit",
        dest="exit_after",
        action="store_true",
        help="stop the server when COMMAND ends (default: keep serving until Ctrl-C)",
    )
    parser.add_argument(
        "command",
        nargs=argparse.REMAINDER,
        help="after --: a command to run with PREFECT_API_URL pointing at the server",
    )
    parser.set_defaults(handler=run)
    return parser


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGTERM ends the command like Ctrl-C, so the server is stopped, not orphaned."""
    raise KeyboardInterrupt


def _wait_forever() -> None:
    threading.Event().wait()


def run(args: argparse.Namespace, console: Console) -> int:
    """Serve until interrupted (or until the command ends, with --exit); returns exit status."""
    from flows.server import ServerError, local_prefect_server

    command = list(args.command or [])
    if command[:1] == ["--"]:
        command = command[1:]
    if args.exit_after and not command:
        console.print("[red]error:[/red] --exit needs a command after --")
        return 2
    previous = signal.signal(signal.SIGTERM, _interrupt)
    status = 0
    try:
        console.print(f"starting Prefect server (PREFECT_HOME={args.home.resolve()})…")
        with local_prefect_server(args.home, args.port or None) as api_url:
            console.print(f"Prefect UI: [bold]{api_url.removesuffix('/api')}[/bold]")
            console.print(f"point other shells at it: export PREFECT_API_URL={api_url}")
            if command:
                console.print(f"running: {' '.join(command)}")
                env = {**os.environ, "PREFECT_API_URL": api_url}
                status = subprocess.call(command, env=env)
                console.print(f"command exited with status {status}")
            if not args.exit_after:
                console.print("serving; Ctrl-C stops the server")
                _wait_forever()
    except KeyboardInterrupt:
        pass
    except ServerError as exc:
        console.print(f"[red]Prefect server failed:[/red] {exc}")
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
    console.print("Prefect server stopped")
    return status
