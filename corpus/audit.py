"""Auditing one record: the document as the cleaner saw it, with every removed line and its rule.

The dataset stores each article's removals as (rule, 1-based line number, text) of the text the
cleaner received: the raw file for plain text, trafilatura's output for HTML, the record's text
field for JSONL and WARC. `source_lines` rebuilds exactly that text from the input file (the
readers and extraction are deterministic), so a user sees every line in place, kept or removed.
If the input file is gone or changed, the removed lines are still shown from the dataset.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.compute as pc

from corpus.documents import RawDocument
from corpus.extract import Profile, extract_html
from corpus.readers import read_path
from corpus.writer import MANIFEST, read_table


@dataclass(frozen=True, slots=True)
class AuditLine:
    number: int  # 1-based line number in the text the cleaner saw
    text: str
    rule: str | None  # the rule that removed the line, None if it was kept


@dataclass
class Record:
    table: str  # articles, duplicates or quarantine
    row: dict[str, Any]


class NotFound(LookupError):
    pass


def find_record(output: Path, ident: str) -> Record:
    """The record whose doc_id starts with `ident` (at least 6 characters) or whose source_path
    is `ident`; articles first, then duplicates, then quarantine."""
    for table in ("articles", "duplicates", "quarantine"):
        data = read_table(output, table)
        if data.num_rows == 0:
            continue
        by_path = pc.equal(data["source_path"], ident)
        mask = by_path
        if "doc_id" in data.column_names and len(ident) >= 6:
            mask = pc.or_(by_path, pc.starts_with(data["doc_id"], ident))
        rows = data.filter(mask).to_pylist()
        if len(rows) > 1 and table != "quarantine":
            ids = ", ".join(sorted({r["doc_id"] for r in rows})[:5])
            raise NotFound(f"{ident!r} is ambiguous: {len(rows)} {table} match ({ids}…)")
        if rows:
            return Record(table, rows[0])
    raise NotFound(f"no article, duplicate or quarantined input matches {ident!r} in {output}")


def run_of(output: Path, run_id: str) -> dict[str, Any]:
    """The manifest's entry for the run that produced a record ({} if not found)."""
    try:
        manifest = json.loads((output / MANIFEST).read_text())
    except (OSError, json.JSONDecodeError):
        return {}
    for run in manifest.get("runs", []):
        if run.get("run_id") == run_id:
            return run
    return {}


def input_dir_of(output: Path, run_id: str) -> Path | None:
    """The input folder of the run that produced a record, from the manifest's run list."""
    input_dir = run_of(output, run_id).get("input_dir")
    return Path(input_dir) if input_dir else None


def source_lines(
    input_dir: Path, source_path: str, extraction: Profile = "accurate"
) -> list[str] | None:
    """The text the cleaner received for this unit, split into lines; None if not rebuildable.

    `extraction` must be the profile the run used (`run_of(...)["extraction"]`), or an HTML
    page's text may differ from what the cleaner saw."""
    file_rel = source_path.split("#", 1)[0]
    path = input_dir / file_rel
    if not path.is_file():
        return None
    for unit in read_path(path, input_dir):
        if isinstance(unit, RawDocument) and unit.source_path == source_path:
            if unit.kind == "html":
                extracted = extract_html(unit.content, unit.url, extraction)
                return extracted.text.splitlines() if extracted else None
            return unit.content.splitlines()
    return None


def annotate(lines: list[str] | None, removed: list[dict[str, Any]]) -> list[AuditLine]:
    """Every line with the rule that removed it. Without the source, only the removed lines."""
    rule_at = {r["line"]: r["rule"] for r in removed}
    if lines is None:
        return [AuditLine(r["line"], r["text"], r["rule"]) for r in removed]
    return [
        AuditLine(number, text, rule_at.get(number))
        for number, text in enumerate(lines, start=1)
        if text.strip() or number in rule_at
    ]
