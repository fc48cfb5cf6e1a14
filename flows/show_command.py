"""`newshygiene show DOC_ID --output DIR`: check one cleaning decision in seconds.

Prints the document as the cleaner saw it, every removed line struck through in red with the
rule that removed it beside it; kept lines plain. A duplicate shows what it copies; a
quarantined input shows its reason.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text


def register(commands: argparse._SubParsersAction) -> None:
    show = commands.add_parser(
        "show", help="print one document with its removed lines marked and the rule beside them"
    )
    show.add_argument("ident", help="doc_id (or its first 6+ characters) or source_path")
    show.add_argument("--output", type=Path, default=Path("outputs"), help="the dataset folder")
    show.add_argument(
        "--input-dir", type=Path, default=None, help="where the raw files are now, if moved"
    )
    show.set_defaults(handler=run)


def run(args: argparse.Namespace, console: Console) -> int:
    # Imported here: the audit reads raw files again (trafilatura, the readers: 0.3 s), which
    # every other command (`newshygiene run` first) would pay at start for nothing.
    from corpus.audit import NotFound, annotate, find_record, input_dir_of, run_of, source_lines

    try:
        record = find_record(args.output, args.ident)
    except NotFound as exc:
        console.print(f"[red]error:[/red] {exc}")
        return 2
    row = record.row
    header = f"[bold]{row['source_path']}[/bold]  ({record.table}, run {row['run_id']})"
    console.print(header)
    if record.table == "quarantine":
        console.print(f"quarantined: [yellow]{row['reason']}[/yellow] — {row['detail']}")
        return 0
    if record.table == "duplicates":
        console.print(
            f"duplicate of [bold]{row['duplicate_of']}[/bold] ({row['duplicate_of_path']}), "
            f"{row['measure']} {row['similarity']:.2f}"
        )
        return 0
    console.print(
        f"doc_id {row['doc_id']} · site {row['site']} · title {row['title']!r} · "
        f"author {row['author']!r} · {row['word_count']} words · {row['language']}"
    )
    run = run_of(args.output, row["run_id"])
    input_dir = args.input_dir or input_dir_of(args.output, row["run_id"])
    extraction = run.get("extraction", "accurate")
    lines = source_lines(input_dir, row["source_path"], extraction) if input_dir else None
    if lines is None:
        console.print("[dim]raw input not found: showing the removed lines only[/dim]")
    table = Table(show_header=True, box=None, pad_edge=False)
    table.add_column("line", justify="right", style="dim")
    table.add_column("text", overflow="fold")
    table.add_column("removed by", style="red")
    for line in annotate(lines, row["removed"]):
        if line.rule:
            table.add_row(str(line.number), Text(line.text, style="strike red"), line.rule)
        else:
            table.add_row(str(line.number), line.text, "")
    console.print(table)
    removed = len(row["removed"])
    console.print(f"{removed} line(s) removed; {len(row['edits'])} normalization edit(s)")
    return 0
