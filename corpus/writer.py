"""Writing the dataset: one Parquet part per table per run, appended, never rewritten.

Layout (hive-partitioned by run date, read directly by pyarrow/pandas, Polars, DuckDB and
HF `datasets`):

    <output>/articles/run_date=2026-11-23/part-<run_id>.parquet
    <output>/duplicates/run_date=.../part-<run_id>.parquet
    <output>/quarantine/run_date=.../part-<run_id>.parquet
    <output>/manifest.json     every run, totals, the latest run's details
    <output>/_state/           what later runs need (`corpus.state`)

A run first writes its parts under `<output>/.staging-<run_id>/`, then moves them into their
partitions, then commits its state. Until that commit the run does not exist: `recover`, called
at the start of the next run, deletes every part whose run id the state does not know, so a run
killed between the moves and the commit leaves nothing behind that the rerun would double.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from corpus.schema import TABLES

MANIFEST = "manifest.json"
_PART = re.compile(r"^part-(?P<run_id>.+)\.parquet$")


def write_json_atomic(path: Path, payload: Any) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n")
    os.replace(tmp, path)


def part_path(output: Path, table: str, run_date: str, run_id: str) -> Path:
    return output / table / f"run_date={run_date}" / f"part-{run_id}.parquet"


def part_files(output: Path) -> Iterable[tuple[str, Path]]:
    """(run id, path) of every part file of every table."""
    for table in TABLES:
        for path in sorted((output / table).glob("run_date=*/part-*.parquet")):
            match = _PART.match(path.name)
            if match:
                yield match["run_id"], path


def recover(output: Path, committed: set[str]) -> list[Path]:
    """Remove what runs that never committed left behind; returns the removed part files."""
    removed = [path for run_id, path in part_files(output) if run_id not in committed]
    for path in removed:
        path.unlink()
        if not any(path.parent.iterdir()):
            path.parent.rmdir()
    for pattern in (".staging-*", ".work-*", ".replaced-*"):
        for stale in output.glob(pattern):
            shutil.rmtree(stale, ignore_errors=True)
    return removed


def append_run(
    output: Path,
    run_id: str,
    run_date: str,
    rows: Mapping[str, Sequence[dict[str, Any]] | Iterable[pa.Table]],
) -> dict[str, Path]:
    """Write this run's part of each table; returns the final path of each part file.

    A table's rows are a list of dicts, or a stream of Arrow tables in its schema written one
    after another (so a run's articles never have to be in memory at once).
    """
    staging = output / f".staging-{run_id}"
    staging.mkdir(parents=True)
    for name, schema in TABLES.items():
        _write_part(staging / f"{name}.parquet", schema, rows.get(name, []))
    final = {}
    for name in TABLES:
        target = part_path(output, name, run_date, run_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / f"{name}.parquet", target)
        final[name] = target
    shutil.rmtree(staging, ignore_errors=True)
    return final


def _write_part(
    path: Path, schema: pa.Schema, rows: Sequence[dict[str, Any]] | Iterable[pa.Table]
) -> None:
    if isinstance(rows, Sequence):
        rows = [pa.Table.from_pylist(list(rows), schema=schema)]
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for table in rows:
            writer.write_table(table)


def read_table(output: Path, name: str, columns: list[str] | None = None) -> pa.Table:
    """One table of the dataset, every run, with its `run_date` partition column."""
    schema = TABLES[name].append(pa.field("run_date", pa.string()))
    folder = Path(output) / name
    if not folder.exists():
        return schema.empty_table().select(columns or schema.names)
    dataset = ds.dataset(
        folder,
        format="parquet",
        schema=schema,
        partitioning=ds.partitioning(pa.schema([("run_date", pa.string())]), flavor="hive"),
    )
    return dataset.to_table(columns=columns)
