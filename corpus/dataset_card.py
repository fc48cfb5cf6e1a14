"""The dataset card: a markdown page beside the Parquet tables that says what the dataset is.

Someone who finds the folder without the code (a colleague, a notebook, a data catalogue)
needs the schema, how many documents it holds and from which runs, and the parameters that
made it, without reading `manifest.json`. The card is rendered from the manifest alone, so it
can never disagree with it, and is rewritten on every run.

Works with both manifest shapes: one run per dataset (schema 1.0: `counts` etc. at top level)
and append-per-run (a `runs` list and `totals`, the latest run's details still at top level).

It is called `DATASET_CARD.md`, not `README.md`: the default output folder has a tracked
README of its own that a run must not overwrite.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa

from corpus.schema import SCHEMA_VERSION, TABLES

CARD_NAME = "DATASET_CARD.md"
COUNT_COLUMNS = ("inputs", "articles", "duplicates", "quarantined")

TABLE_PURPOSE = {
    "articles": "kept articles: clean text, metadata and the log of every removed line",
    "duplicates": "near-duplicates, each pointing at the kept article it copies",
    "quarantine": "inputs that could not become an article, with the reason",
}
COLUMN_NOTES = {
    "doc_id": "first 16 hex of the text's SHA-256 (stable, from content)",
    "source_path": "path relative to the input folder (`file#R<n>` for a WARC record)",
    "site": "the URL's host, else the first folder under the input folder",
    "published": "ISO 8601",
    "language": "ISO 639-1 (langdetect)",
    "text": "paragraphs separated by one blank line",
    "removed": "every removed line: rule, 1-based line number, text",
    "edits": "every normalization edit: rule, before, after",
    "duplicate_of": "`doc_id` of the kept article",
    "measure": "`exact`, `jaccard` or `containment`",
    "reason": "quarantine reason (see the README's table)",
    "run_id": "the run that wrote the row",
    "run_date": "hive partition (folder `run_date=YYYY-MM-DD`)",
}


def _cell(value: Any) -> str:
    """A value that cannot break a markdown table row."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value) if value else "[]"
    elif isinstance(value, dict):
        value = json.dumps(value, sort_keys=True)
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table(header: Iterable[str], rows: Iterable[Iterable[Any]], right: int = 0) -> list[str]:
    """Markdown table lines; the last `right` columns are numbers, aligned right."""
    header = list(header)
    align = ["---"] * (len(header) - right) + ["---:"] * right
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def _flatten(prefix: str, value: Any) -> Iterable[tuple[str, Any]]:
    """Nested parameters as dotted keys, so a card reader sees every knob in one table."""
    if isinstance(value, Mapping) and value:
        for key, inner in value.items():
            yield from _flatten(f"{prefix}.{key}" if prefix else str(key), inner)
    else:
        yield prefix, value


def runs_of(manifest: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every run the manifest knows; a one-run manifest is its own single run."""
    runs = manifest.get("runs")
    if isinstance(runs, list) and runs:
        return [dict(r) for r in runs]
    return [
        {
            key: manifest.get(key)
            for key in ("run_id", "run_date", "started", "finished", "input_dir", "counts")
        }
    ]


def totals_of(manifest: Mapping[str, Any]) -> dict[str, int]:
    """What the whole dataset holds: `totals` when runs append, else the single run's counts."""
    totals = manifest.get("totals")
    if isinstance(totals, Mapping):
        return dict(totals)
    counts = manifest.get("counts") or {}
    return {"runs": 1, **{c: counts.get(c, 0) for c in COUNT_COLUMNS}}


def _schema_section(version: str, partitioned: bool) -> list[str]:
    """Each table's columns from `corpus.schema` (the schema the writer enforces)."""
    lines = [f"## Schema (version {version})", ""]
    for name, schema in TABLES.items():
        fields: list[pa.Field] = list(schema)
        if partitioned and "run_date" not in schema.names:
            fields.append(pa.field("run_date", pa.string()))
        lines += [f"### `{name}/`", "", TABLE_PURPOSE.get(name, ""), ""]
        lines += _table(
            ("column", "type", "notes"),
            ((f"`{f.name}`", f"`{f.type}`", COLUMN_NOTES.get(f.name, "")) for f in fields),
        )
    return lines


def render_dataset_card(manifest: Mapping[str, Any]) -> str:
    """The card as markdown: what, how much, from which runs, made how, with which columns."""
    name = manifest.get("dataset") or "newshygiene"
    version = manifest.get("schema_version") or SCHEMA_VERSION
    counts = manifest.get("counts") or {}
    totals = totals_of(manifest)
    runs = runs_of(manifest)
    tables = manifest.get("tables") or {t: f"{t}/" for t in TABLES}
    partitioned = "run_date" in str(manifest.get("layout", ""))

    lines = [
        f"# Dataset card: {name}",
        "",
        "Clean, deduplicated news articles produced by newshygiene from raw scraped files. "
        "Every input "
        "is accounted for: it is an article, a duplicate pointing at the article it copies, or a "
        "quarantine row with a reason (inputs = articles + duplicates + quarantined).",
        "",
        f"Schema version {version}. "
        + (f"Layout: {manifest['layout']}. " if manifest.get("layout") else "")
        + f"Last run `{manifest.get('run_id', '?')}`, finished {manifest.get('finished', '?')}.",
        "",
        "## Contents",
        "",
    ]
    lines += _table(
        ("", "runs", *COUNT_COLUMNS),
        [
            (
                "whole dataset",
                totals.get("runs", len(runs)),
                *(totals.get(c, 0) for c in COUNT_COLUMNS),
            ),
            (
                f"last run `{manifest.get('run_id', '?')}`",
                1,
                *(counts.get(c, 0) for c in COUNT_COLUMNS),
            ),
        ],
        right=5,
    )
    for title, key, label in (
        ("Articles by language (last run)", "articles_by_language", "language"),
        ("Articles by site (last run)", "articles_by_site", "site"),
        ("Quarantine reasons (last run)", "quarantine_by_reason", "reason"),
    ):
        mapping = manifest.get(key) or {}
        if mapping:
            lines += [f"### {title}", ""]
            lines += _table((label, "count"), mapping.items(), right=1)

    lines += ["## Loading", "", "Paths are relative to this card's folder.", ""]
    lines += ["```python", "import pandas as pd", ""]
    lines += [f'{table} = pd.read_parquet("{path.rstrip("/")}")' for table, path in tables.items()]
    lines += ["```", ""]
    if partitioned:
        lines += [
            "Tables are hive-partitioned by `run_date`; readers add it as a column.",
            "",
        ]

    lines += ["## Runs", ""]
    lines += _table(
        ("run", "date", "started", "finished", "input", *COUNT_COLUMNS),
        (
            (
                f"`{run.get('run_id', '?')}`",
                run.get("run_date") or str(run.get("started") or "")[:10],
                run.get("started"),
                run.get("finished"),
                f"`{run.get('input_dir')}`" if run.get("input_dir") else "",
                *((run.get("counts") or {}).get(c, 0) for c in COUNT_COLUMNS),
            )
            for run in runs
        ),
        right=4,
    )

    parameters = manifest.get("parameters") or {}
    lines += ["## Parameters (last run)", ""]
    if parameters:
        lines += _table(
            ("parameter", "value"),
            ((f"`{k}`", "null" if v is None else v) for k, v in _flatten("", parameters)),
        )
    else:
        lines += ["Not recorded.", ""]

    lines += _schema_section(version, partitioned)

    provenance = []
    scheme = (manifest.get("dedup") or {}).get("scheme")
    if scheme:
        scheme_text = ", ".join(f"{k}={v}" for k, v in sorted(scheme.items()))
        provenance.append(("near-duplicate signature scheme", scheme_text))
    versions = manifest.get("library_versions")
    if versions:
        provenance.append(("library versions", ", ".join(f"{k} {v}" for k, v in versions.items())))
    if provenance:
        lines += ["## Provenance", ""]
        lines += _table(("what", "value"), provenance)
    lines += [
        "Generated from `manifest.json` by `corpus/dataset_card.py`; do not edit by hand.",
        "",
    ]
    return "\n".join(lines)


def write_dataset_card(output: Path, manifest: Mapping[str, Any]) -> Path:
    """Write `<output>/DATASET_CARD.md` atomically (a reader never sees half a card)."""
    output = Path(output)
    path = output / CARD_NAME
    tmp = path.with_name(f".{CARD_NAME}.tmp")
    tmp.write_text(render_dataset_card(manifest), encoding="utf-8")
    os.replace(tmp, path)
    return path
