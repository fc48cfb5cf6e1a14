"""`newshygiene eval`: the real pipeline and two baselines on the shared benchmarks, side by side.

Prints one table per benchmark (rows: metrics; columns: newshygiene, trafilatura alone, the C4
line filter) and optionally writes every number as JSON. The pipeline is run without Prefect
(the same stage code `newshygiene run --engine local` runs), so no API has to start.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.rule import Rule
from rich.table import Table

BENCHMARK_TITLES = {
    "scrapinghub": "extraction/scrapinghub: body text (ScrapingHub shingle metric)",
    "wcxb": "extraction/wcxb-dev: words, snippets, metadata (WCXB metric)",
    "hygiene": "hygiene-dev: boilerplate lines, body text, title, author",
    "dedup": "dedup-dev: near-duplicate clusters",
}
LOWER_IS_BETTER = {"leakage", "body_line_loss"}


def default_bench_dir() -> Path:
    """$NEWSHYGIENE_SHARED/bench when set, else ../shared/bench from the current folder."""
    shared = os.environ.get("NEWSHYGIENE_SHARED")
    return Path(shared) / "bench" if shared else Path("..") / "shared" / "bench"


def _only(value: str) -> list[str]:
    from corpus.evaluation.runner import BENCHMARKS

    names = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown benchmark(s) {', '.join(unknown) or value!r}; choose from "
            + ", ".join(BENCHMARKS)
        )
    return [n for n in BENCHMARKS if n in names]


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("--limit must be at least 1")
    return number


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `eval` subcommand to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "eval",
        help="score the pipeline and baselines on the shared benchmarks",
        description=__doc__,
    )
    parser.add_argument(
        "--bench-dir",
        type=Path,
        default=None,
        help="benchmarks folder (default: $NEWSHYGIENE_SHARED/bench, else ../shared/bench)",
    )
    parser.add_argument(
        "--only",
        type=_only,
        default=None,
        help="comma-separated subset of: scrapinghub,wcxb,hygiene,dedup (default: all)",
    )
    parser.add_argument(
        "--limit",
        type=_positive,
        default=None,
        help="first N documents per benchmark (dedup-dev: whole clusters), for a quick run",
    )
    parser.add_argument("--json", dest="json_path", metavar="PATH|-", help="write results as JSON")
    parser.add_argument(
        "--no-baselines", action="store_true", help="score only the pipeline (faster)"
    )
    parser.set_defaults(handler=run)
    return parser


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _systems(result: dict[str, Any]) -> list[str]:
    from corpus.evaluation.runner import SYSTEMS

    return [s for s in SYSTEMS if s in result["systems"]]


def _metric_table(header: str, rows: dict[str, list[Any]], systems: list[str]) -> Table:
    table = Table()
    table.add_column(header)
    for system in systems:
        table.add_column(system, justify="right")
    for name, values in rows.items():
        label = f"{name} (lower is better)" if name in LOWER_IS_BETTER else name
        table.add_row(label, *(_fmt(v) for v in values))
    return table


def _collect(result: dict[str, Any], systems: list[str], key: str) -> dict[str, list[Any]]:
    """{row name: [value per system]} over `metrics` (key "metrics") or one group."""
    names: list[str] = []
    for system in systems:
        scored = result["systems"][system]
        if scored is None:
            continue
        source = scored["metrics"] if key == "metrics" else scored.get("groups", {}).get(key, {})
        names += [n for n in source if n not in names]
    rows = {}
    for name in names:
        values = []
        for system in systems:
            scored = result["systems"][system]
            if scored is None:
                values.append(None)
                continue
            source = scored["metrics"] if key == "metrics" else scored["groups"].get(key, {})
            values.append(source.get(name))
        rows[name] = values
    return rows


def _hard_negative_rows(result: dict[str, Any]) -> dict[str, list[Any]]:
    negatives = result["systems"]["newshygiene"]["details"]["hard_negatives"]
    return {
        kind: [f"{cell['merged']}/{cell['pairs']} ({cell['false_merge_rate']:.3f})"]
        for kind, cell in negatives.items()
    }


def renderables(results: dict[str, Any]) -> list[Any]:
    """The printed report: per benchmark a heading, its metric table, and its breakdowns."""
    out: list[Any] = []
    for name, result in results["benchmarks"].items():
        systems = _systems(result)
        pipe = result["pipeline"]
        reasons = ", ".join(f"{r} {n}" for r, n in pipe["quarantine_by_reason"].items())
        out.append(Rule(BENCHMARK_TITLES[name], align="left"))
        lost = pipe["duplicates"] + pipe["quarantined"] if "scored_empty" in pipe else 0
        out.append(
            f"{result['documents']} documents; the pipeline kept {pipe['articles']} articles, "
            f"{pipe['duplicates']} duplicates, {pipe['quarantined']} quarantined"
            f"{f' ({reasons})' if reasons else ''}"
            f"{f'; {lost} without an article are scored as empty' if lost else ''}. "
            f"Pipeline {pipe['seconds']:.1f} s, benchmark with baselines {result['seconds']:.1f} s."
        )
        out.append(_metric_table("metric", _collect(result, systems, "metrics"), systems))
        groups: list[str] = []
        for system in systems:
            scored = result["systems"][system]
            groups += [g for g in (scored or {}).get("groups", {}) if g not in groups]
        for group in groups:
            if group == "hard_negative_merge_rate":
                rows = _hard_negative_rows(result)
                header, group_systems = "hard-negative pairs merged (lower is better)", systems[:1]
            else:
                rows = _collect(result, systems, group)
                header, group_systems = group.replace("_", " "), systems
            if rows:
                out.append(_metric_table(header, rows, group_systems))
    return out


def run(args: argparse.Namespace, console: Console) -> int:
    from corpus.evaluation.runner import BENCHMARKS, run_all

    bench_dir = args.bench_dir or default_bench_dir()
    if not bench_dir.is_dir():
        console.print(f"[red]error:[/red] benchmark folder {bench_dir} does not exist")
        return 2
    to_stdout = args.json_path == "-"
    # With --json -, stdout carries only the JSON: progress and tables go to stderr.
    report = Console(stderr=True) if to_stdout else console

    status = report.status("starting…")
    status.start()
    current = {"benchmark": ""}

    def log(message: str) -> None:
        current["benchmark"] = message.split(":", 1)[0]
        report.print(f"[dim]{message}[/dim]")

    def progress(stage: str, done: int, total: int) -> None:
        status.update(f"{current['benchmark']}: {stage} {done}/{total}")

    try:
        results = run_all(
            bench_dir,
            only=args.only or BENCHMARKS,
            limit=args.limit,
            with_baselines=not args.no_baselines,
            log=log,
            progress=progress,
        )
    except Exception as exc:  # the pipeline itself failed on a benchmark: say so, exit 1
        status.stop()
        report.print(f"[red]eval failed:[/red] {exc!r}")
        report.print_exception()
        return 1
    finally:
        status.stop()
    if not results["benchmarks"]:
        report.print(f"[red]error:[/red] no benchmark found under {bench_dir}")
        return 2
    for renderable in renderables(results):
        report.print(renderable)
    report.print(f"total: {results['seconds']:.1f} s")
    if args.json_path:
        text = json.dumps(results, indent=2, ensure_ascii=False, default=str)
        if to_stdout:
            sys.stdout.write(text + "\n")
        else:
            Path(args.json_path).write_text(text + "\n", encoding="utf-8")
            report.print(f"results written to [bold]{args.json_path}[/bold]")
    return 0
