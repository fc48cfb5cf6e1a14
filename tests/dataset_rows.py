"""A dataset's rows in a form two runs can be compared by: what differs per run is dropped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from corpus.schema import TABLES
from corpus.writer import read_table

PER_RUN = ("run_id", "run_date")


def comparable_rows(output: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table of the dataset in `output`, without run ids and dates, sorted by source."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in TABLES:
        rows = read_table(output, name).to_pylist()
        for row in rows:
            for key in PER_RUN:
                row.pop(key, None)
        tables[name] = sorted(rows, key=lambda row: row["source_path"])
    return tables
