"""The run summary as markdown, for the Prefect UI artifact (same numbers as the manifest)."""

from __future__ import annotations

from typing import Any


def _table(title: str, mapping: dict[str, Any], key: str, value: str) -> list[str]:
    if not mapping:
        return [f"**{title}:** none", ""]
    lines = [f"### {title}", "", f"| {key} | {value} |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in mapping.items()]
    return [*lines, ""]


def summary_markdown(manifest: dict[str, Any]) -> str:
    counts = manifest["counts"]
    lines = [
        f"# clean-corpus run `{manifest['run_id']}`",
        "",
        f"Input: `{manifest['input_dir']}` · dataset `{manifest['dataset']}` "
        f"(schema {manifest['schema_version']})",
        "",
        "| inputs | articles | duplicates | quarantined | balanced |",
        "|---:|---:|---:|---:|:---:|",
        f"| {counts['inputs']} | {counts['articles']} | {counts['duplicates']} | "
        f"{counts['quarantined']} | {'yes' if counts['balanced'] else 'NO'} |",
        "",
    ]
    lines += _table("Lines removed by rule", manifest["removed_by_rule"], "rule", "lines")
    lines += _table("Quarantine reasons", manifest["quarantine_by_reason"], "reason", "inputs")
    lines += _table("Articles by site", manifest["articles_by_site"], "site", "articles")
    lines += _table(
        "Articles by language", manifest["articles_by_language"], "language", "articles"
    )
    return "\n".join(lines)
