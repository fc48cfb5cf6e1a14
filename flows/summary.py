"""The run summary as markdown, for the Prefect UI artifact (same numbers as the manifest).

An operator opens it from a scheduled run to answer "did this run do its job?": how much came
in and went out, where the articles came from, why inputs were quarantined, and which rules
and site templates removed how many lines. Every number is read from the manifest, never
recomputed, so the UI and `manifest.json` cannot disagree (the end-to-end test checks this in a
browser). Sections whose data a manifest lacks are left out: the function accepts the one-run
manifest (schema 1.0) and the append-per-run one (`runs`, `totals`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

COUNT_COLUMNS = ("inputs", "articles", "duplicates", "quarantined")
CARD_KEY = "clean-corpus-dataset-card"


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table(title: str, mapping: Mapping[str, Any] | None, key: str, value: str) -> list[str]:
    if not mapping:
        return [f"**{title}:** none", ""]
    lines = [f"### {title}", "", f"| {key} | {value} |", "|---|---:|"]
    lines += [f"| {_cell(k)} | {v} |" for k, v in mapping.items()]
    return [*lines, ""]


def _runs(n: Any) -> str:
    return "1 run" if n == 1 else f"{n if n is not None else '?'} runs"


def counts_line(manifest: Mapping[str, Any]) -> str:
    """One line of this run's counts: the artifact's description, shown on its card in the UI."""
    counts = manifest.get("counts") or {}
    return (
        f"{counts.get('inputs', 0)} inputs → {counts.get('articles', 0)} articles, "
        f"{counts.get('duplicates', 0)} duplicates, {counts.get('quarantined', 0)} quarantined"
    )


def _site_template_table(manifest: Mapping[str, Any]) -> list[str]:
    """Lines removed per site template, beside what each site's template holds."""
    removed = manifest.get("removed_by_site_template") or {}
    learned = manifest.get("site_templates") or {}
    if not removed and not learned:
        return []
    sites = list(removed) + sorted(s for s in learned if s not in removed)
    lines = [
        "### Lines removed per site template",
        "",
        "| site | lines removed | template lines | pages seen |",
        "|---|---:|---:|---:|",
    ]
    for site in sites:
        info = learned.get(site) or {}
        lines.append(
            f"| {_cell(site)} | {removed.get(site, 0)} | {info.get('template_lines', '')} "
            f"| {info.get('pages', '')} |"
        )
    return [*lines, ""]


def summary_markdown(
    manifest: Mapping[str, Any], card: str | None = None, card_artifact: Any | None = None
) -> str:
    """The summary artifact's markdown.

    `card` is where the dataset card was written; `card_artifact` the id of the artifact that
    publishes it (a browser will not follow a `file://` link from the UI, so the summary links
    to that artifact's page, relatively, whatever base path the UI is served under).
    """
    counts = manifest.get("counts") or {}
    balanced = counts.get("balanced")
    lines = [
        f"# clean-corpus run `{manifest.get('run_id', '?')}`",
        "",
        f"Input: `{manifest.get('input_dir', '?')}` · dataset `{manifest.get('dataset', '?')}` "
        f"(schema {manifest.get('schema_version', '?')})",
        "",
    ]
    if card:
        target = f"../artifact/{card_artifact}" if card_artifact else "../key/" + CARD_KEY
        lines += [f"Dataset card: `{card}` ([open it here]({target}))", ""]
    lines += [
        "### This run",
        "",
        "| inputs | articles | duplicates | quarantined | balanced |",
        "|---:|---:|---:|---:|:---:|",
        f"| {counts.get('inputs', 0)} | {counts.get('articles', 0)} | "
        f"{counts.get('duplicates', 0)} | {counts.get('quarantined', 0)} | "
        f"{'yes' if balanced else 'NO' if balanced is not None else '?'} |",
        "",
    ]
    if "new_files" in counts or "skipped_known" in counts:
        lines += [
            f"Input files: {counts.get('input_files', '?')} found, "
            f"{counts.get('skipped_known', 0)} already in the dataset (skipped), "
            f"{counts.get('new_files', '?')} new.",
            "",
        ]
    totals = manifest.get("totals")
    if isinstance(totals, Mapping):
        lines += [
            f"### Whole dataset ({_runs(totals.get('runs'))})",
            "",
            "| inputs | articles | duplicates | quarantined |",
            "|---:|---:|---:|---:|",
            "| " + " | ".join(str(totals.get(c, 0)) for c in COUNT_COLUMNS) + " |",
            "",
        ]
    lines += _table("Articles by site", manifest.get("articles_by_site"), "site", "articles")
    lines += _table(
        "Articles by language", manifest.get("articles_by_language"), "language", "articles"
    )
    by_measure = manifest.get("duplicates_by_measure")
    if by_measure:
        lines += _table("Duplicates by measure", by_measure, "measure", "duplicates")
    else:
        lines += [f"**Duplicates:** {counts.get('duplicates', 0)}", ""]
    lines += _table("Quarantine reasons", manifest.get("quarantine_by_reason"), "reason", "inputs")
    lines += _table("Lines removed by rule", manifest.get("removed_by_rule"), "rule", "lines")
    lines += _site_template_table(manifest)
    return "\n".join(lines)
