from __future__ import annotations

import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from corpus import writer
from corpus.schema import ARTICLES, QUARANTINE
from corpus.writer import append_run, part_files, read_table, recover

QUARANTINE_ROW = {
    "source_path": "a.txt",
    "reason": "empty",
    "detail": "0 bytes",
    "site": "x",
    "run_id": "r1",
}


def test_each_run_appends_one_part_per_table_under_its_run_date(tmp_path: Path) -> None:
    paths = append_run(tmp_path, "r1", "2026-11-22", {"quarantine": [QUARANTINE_ROW]})
    assert paths["quarantine"] == tmp_path / "quarantine/run_date=2026-11-22/part-r1.parquet"
    assert pq.read_schema(paths["articles"]).equals(ARTICLES)
    assert pq.read_schema(paths["quarantine"]).equals(QUARANTINE)
    append_run(tmp_path, "r2", "2026-11-23", {"quarantine": [{**QUARANTINE_ROW, "run_id": "r2"}]})
    table = read_table(tmp_path, "quarantine")
    rows = sorted(table.to_pylist(), key=lambda r: r["run_id"])
    assert [(r["run_id"], r["run_date"]) for r in rows] == [
        ("r1", "2026-11-22"),
        ("r2", "2026-11-23"),
    ]
    assert not list(tmp_path.glob(".staging-*"))


def test_reading_a_missing_table_gives_an_empty_table_with_the_schema(tmp_path: Path) -> None:
    table = read_table(tmp_path, "articles")
    assert table.num_rows == 0 and "text" in table.column_names


def test_recover_removes_parts_of_runs_that_never_committed(tmp_path: Path) -> None:
    append_run(tmp_path, "done", "2026-11-22", {"quarantine": [QUARANTINE_ROW]})
    append_run(tmp_path, "killed", "2026-11-23", {"quarantine": [QUARANTINE_ROW]})
    (tmp_path / ".staging-killed2").mkdir()
    removed = recover(tmp_path, committed={"done"})
    assert len(removed) == 3 and all("killed" in p.name for p in removed)
    assert {run for run, _ in part_files(tmp_path)} == {"done"}
    assert not (tmp_path / "quarantine/run_date=2026-11-23").exists()
    assert not list(tmp_path.glob(".staging-*"))


def test_a_crash_while_writing_leaves_no_visible_part(tmp_path: Path, monkeypatch) -> None:
    append_run(tmp_path, "r1", "2026-11-22", {"quarantine": [QUARANTINE_ROW]})
    calls = []
    real_replace = os.replace

    def replace_then_crash(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(writer.os, "replace", replace_then_crash)
    with pytest.raises(OSError):
        append_run(tmp_path, "r2", "2026-11-23", {"quarantine": [QUARANTINE_ROW]})
    monkeypatch.undo()
    # one part of r2 is in place; the next run's recovery removes it because r2 never committed
    recover(tmp_path, committed={"r1"})
    assert read_table(tmp_path, "quarantine").num_rows == 1
    assert not list(tmp_path.glob(".staging-*"))
