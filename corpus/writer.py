"""Writing the dataset: Parquet tables plus a manifest, atomically.

Everything of a run is first written under `<output>/.staging-<run_id>/`; only when every file
is complete are the tables moved into place, and `manifest.json` is replaced last. A run that
crashes leaves the previous dataset untouched (and a staging folder the next run removes).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from corpus.schema import TABLES

MANIFEST = "manifest.json"
PART = "part-00000.parquet"


def write_json_atomic(path: Path, payload: Any) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n")
    os.replace(tmp, path)


def remove_stale_staging(output: Path) -> None:
    """Staging folders of runs that crashed before publishing are garbage."""
    for stale in output.glob(".staging-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in output.glob(".replaced-*"):
        shutil.rmtree(stale, ignore_errors=True)


def write_dataset(
    output: Path,
    run_id: str,
    rows: dict[str, Sequence[dict[str, Any]]],
    manifest: dict[str, Any],
) -> dict[str, Path]:
    """Write the three tables and the manifest; returns the final path of each table file."""
    output.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(output)
    staging = output / f".staging-{run_id}"
    staging.mkdir()
    for name, schema in TABLES.items():
        table = pa.Table.from_pylist(list(rows.get(name, [])), schema=schema)
        (staging / name).mkdir()
        pq.write_table(table, staging / name / PART, compression="zstd")

    replaced = output / f".replaced-{run_id}"
    replaced.mkdir()
    final: dict[str, Path] = {}
    for name in TABLES:
        target = output / name
        if target.exists():
            os.replace(target, replaced / name)
        os.replace(staging / name, target)
        final[name] = target / PART
    write_json_atomic(output / MANIFEST, manifest)
    shutil.rmtree(replaced, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    return final
