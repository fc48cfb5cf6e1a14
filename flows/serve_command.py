"""`newshygiene serve INBOX --output DIR --cron "*/15 * * * *"`: the flow as a scheduled deployment.

`Flow.serve` registers a deployment of `clean-corpus` with the Prefect API and runs its
scheduled (and manually triggered) runs in this process until interrupted. Each run picks up
only the files the dataset's ledger has not seen, so the schedule can be as tight as the inbox
fills. Runs never overlap (`limit=1`, and the dataset's run lock besides).

Point it at a real server to watch the runs in the UI: `newshygiene ui` (or
`prefect server start`) and `PREFECT_API_URL=http://127.0.0.1:4200/api`.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from rich.console import Console

from flows.runners import add_scaling_arguments, flow_parameters

DEFAULT_CRON = "*/15 * * * *"


def register(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser(
        "serve", help="serve the clean-corpus flow as a deployment on a cron schedule"
    )
    serve.add_argument("inbox", type=Path, help="folder that scrapers drop raw files into")
    serve.add_argument("--output", type=Path, default=Path("outputs"))
    serve.add_argument("--cron", default=DEFAULT_CRON, help=f"schedule (default: {DEFAULT_CRON!r})")
    serve.add_argument("--name", default="inbox", help="deployment name (default: inbox)")
    serve.add_argument("--languages", default="en")
    serve.add_argument("--dataset-name", default="newshygiene")
    serve.add_argument("--shard-size", type=int, default=None, help="default: sized per run")
    serve.add_argument("--index", default=None, help="redis://host:port/db for a shared index")
    add_scaling_arguments(serve)
    serve.set_defaults(handler=run)


def deployment_parameters(args: argparse.Namespace) -> dict[str, object]:
    """Absolute paths: the runs may start in another working directory than this command."""
    parameters: dict[str, object] = {
        "input_dir": str(args.inbox.resolve()),
        "output": str(args.output.resolve()),
        "languages": args.languages,
        "dataset_name": args.dataset_name,
        "shard_size": args.shard_size,
    }
    if args.index:
        parameters["index"] = args.index
    return parameters | flow_parameters(args)


def run(args: argparse.Namespace, console: Console) -> int:
    if not args.inbox.is_dir():
        console.print(f"[red]error:[/red] inbox {args.inbox} does not exist")
        return 2
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if not os.environ.get("PREFECT_API_URL"):
        console.print(
            "[yellow]PREFECT_API_URL is not set:[/yellow] serving against a temporary local "
            "API that no UI shows. Start `newshygiene ui` and set PREFECT_API_URL to watch runs."
        )
    from flows.clean_corpus import clean_corpus

    clean_corpus.serve(
        name=args.name,
        cron=args.cron,
        parameters=deployment_parameters(args),
        description=f"Clean new files from {args.inbox} into {args.output}",
        tags=["newshygiene"],
        limit=1,
        pause_on_shutdown=False,
    )
    return 0
