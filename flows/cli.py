"""`newshygiene` command line: run the clean-corpus flow with a progress bar and a summary."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import flows.bench_command as bench_command
from corpus.executors import ProcessExecutor, default_workers
from flows import eval_command, serve_command, show_command, ui_command
from flows.early_api import ephemeral_api, start_ephemeral_api
from flows.runners import add_scaling_arguments, flow_parameters, resolve_kind, started_pool

STAGES = {
    "read_shard": "read + extract",
    "learn_site_templates": "site templates",
    "clean_shard": "clean + normalize + language",
    "deduplicate": "near-duplicates",
    "publish": "write dataset",
}


def _quiet_prefect(verbose: bool) -> None:
    """Prefect reads its settings at import: set them first so logs don't tear the progress bar."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
        os.environ.setdefault("PREFECT_LOGGING_SERVER_LEVEL", "WARNING")
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")  # --runner dask


def _summary_tables(manifest: dict[str, Any]) -> list[Table]:
    counts = manifest["counts"]
    columns = ("inputs", "articles", "duplicates", "quarantined")
    skipped = counts.get("skipped_known", 0)
    this_run = Table(
        title=f"run {manifest['run_id']}: {counts.get('new_files', 0)} new file(s)"
        + (f", {skipped} already processed" if skipped else "")
    )
    dataset = Table(title=f"dataset: {manifest.get('totals', {}).get('runs', 1)} run(s)")
    for table in (this_run, dataset):
        for column in columns:
            table.add_column(column, justify="right")
    this_run.add_row(*(str(counts[c]) for c in columns))
    dataset.add_row(*(str(manifest.get("totals", counts).get(c, 0)) for c in columns))
    tables = [this_run, dataset]
    for title, key, label in (
        ("lines removed by rule", "removed_by_rule", "rule"),
        ("quarantine reasons", "quarantine_by_reason", "reason"),
    ):
        table = Table(title=title)
        table.add_column(label)
        table.add_column("count", justify="right")
        for name, n in manifest[key].items():
            table.add_row(name, str(n))
        tables.append(table)
    return tables


def _run(args: argparse.Namespace, console: Console) -> int:
    _quiet_prefect(args.verbose)
    # Before any heavy import: the API comes up (Prefect) or the workers' fork server starts
    # and loads the pipeline (local) while Prefect and the pipeline are imported here.
    early = start_ephemeral_api() if args.engine == "prefect" else None
    with _pool(args) if args.engine == "local" else nullcontext() as pool:
        manifest = _run_with_progress(args, console, early, pool)
    for table in _summary_tables(manifest):
        console.print(table)
    console.print(
        f"dataset written to [bold]{args.output}[/bold] "
        f"(manifest: {Path(args.output) / 'manifest.json'})"
    )
    return 0


def _pool(args: argparse.Namespace) -> AbstractContextManager[ProcessExecutor]:
    """The run's worker processes, started now (`flows.runners.started_pool`)."""
    return started_pool(args.workers or default_workers())


def _run_with_progress(
    args: argparse.Namespace, console: Console, early: Any, pool: ProcessExecutor | None
) -> dict[str, Any]:
    from flows import progress as progress_hook

    with Progress(
        TextColumn("{task.description:<30}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as bar:
        tasks: dict[str, int] = {}

        def on_progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(STAGES.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done, total=total)

        progress_hook.install(on_progress)
        try:
            if args.engine == "local":
                from corpus.config import RunConfig
                from corpus.pipeline import run_pipeline

                assert pool is not None
                cfg = RunConfig(
                    input_dir=args.input_dir,
                    output=args.output,
                    languages=args.languages,
                    dataset_name=args.dataset_name,
                    shard_size=args.shard_size,
                    workers=args.workers,
                    language_backend=args.language_backend,
                    **({"index": args.index} if args.index else {}),
                    **({"extraction": args.extraction} if args.extraction else {}),
                )
                pool.progress = on_progress
                return run_pipeline(cfg, pool).manifest
            bar.console.print("[dim]starting Prefect (ephemeral local API)…[/dim]")
            from flows.clean_corpus import clean_corpus

            pooled = resolve_kind(args.runner, args.dask_address) == "process"
            # The pool starts once the API answers: the workers' imports (~1 s of CPU, in
            # their fork server) then overlap the flow run's creation instead of slowing the
            # API's start-up, which is what the first task waits for (started with it, the
            # spawned workers of an earlier version delayed the first task by ~2 s on 2 cores).
            with ephemeral_api(early), _pool(args) if pooled else nullcontext():
                return clean_corpus(
                    input_dir=str(args.input_dir),
                    output=str(args.output),
                    languages=args.languages,
                    dataset_name=args.dataset_name,
                    shard_size=args.shard_size,
                    index=args.index,
                    **flow_parameters(args),
                )
        finally:
            progress_hook.install(None)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newshygiene", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="clean a folder of raw scraped files into a dataset")
    run.add_argument("input_dir", type=Path)
    run.add_argument("--output", type=Path, default=Path("outputs"))
    run.add_argument(
        "--languages",
        default="en",
        help="comma-separated ISO 639-1 codes to keep, or 'all' (default: en)",
    )
    run.add_argument("--dataset-name", default="newshygiene")
    run.add_argument(
        "--shard-size",
        type=int,
        default=None,
        help="input files per batch task (default: sized for the run, ~8 batches per worker, "
        "20 to 500 files each)",
    )
    run.add_argument(
        "--engine",
        choices=("prefect", "local"),
        default="prefect",
        help="'local' runs the same pipeline without Prefect",
    )
    run.add_argument("-v", "--verbose", action="store_true", help="show Prefect's logs")
    run.add_argument(
        "--index",
        default=None,
        help="redis://host:port/db: near-duplicate index shared by several workers "
        "(default: the dataset's state folder, or $NEWSHYGIENE_INDEX)",
    )
    add_scaling_arguments(run)
    bench_command.register(commands)
    eval_command.register(commands)
    serve_command.register(commands)
    show_command.register(commands)
    ui_command.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    console = Console(stderr=False)
    if getattr(args, "handler", None):  # subcommands that bring their own `run`
        return args.handler(args, console)
    if not args.input_dir.is_dir():
        console.print(f"[red]error:[/red] input folder {args.input_dir} does not exist")
        return 2
    if args.engine == "local" and (args.runner or args.dask_address):
        console.print("[red]error:[/red] --runner and --dask-address need --engine prefect")
        return 2
    try:
        return _run(args, console)
    except Exception as exc:  # the run itself failed: say so and exit non-zero
        console.print(f"[red]run failed:[/red] {exc!r}")
        if args.verbose:
            console.print_exception()
        return 1


if __name__ == "__main__":
    sys.exit(main())
