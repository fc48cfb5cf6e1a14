from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from corpus import writer
from corpus.schema import ARTICLES, QUARANTINE
from corpus.writer import write_dataset

QUARANTINE_ROW = {
    "source_path": "a.txt",
    "reason": "empty",
    "detail": "0 bytes",
    "site": "x",
    "run_id": "r1",
}


def test_writes_three_tables_with_schema_and_manifest(tmp_path: Path) -> None:
    paths = write_dataset(tmp_path, "r1", {"quarantine": [QUARANTINE_ROW]}, {"run_id": "r1"})
    assert pq.read_schema(paths["articles"]).equals(ARTICLES)
    assert pq.read_table(paths["quarantine"]).to_pylist() == [QUARANTINE_ROW]
    assert pq.read_schema(paths["quarantine"]).equals(QUARANTINE)
    assert json.loads((tmp_path / "manifest.json").read_text()) == {"run_id": "r1"}
    assert not list(tmp_path.glob(".staging-*")) and not list(tmp_path.glob(".replaced-*"))


def test_crash_while_writing_leaves_previous_dataset_intact(tmp_path: Path, monkeypatch) -> None:
    write_dataset(tmp_path, "r1", {"quarantine": [QUARANTINE_ROW]}, {"run_id": "r1"})

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(writer.pq, "write_table", broken)
    with pytest.raises(OSError):
        write_dataset(tmp_path, "r2", {"quarantine": []}, {"run_id": "r2"})
    assert json.loads((tmp_path / "manifest.json").read_text()) == {"run_id": "r1"}
    assert pq.read_table(tmp_path / "quarantine").num_rows == 1

    monkeypatch.undo()
    write_dataset(tmp_path, "r3", {}, {"run_id": "r3"})  # the next run cleans up the debris
    assert not list(tmp_path.glob(".staging-*"))
    assert pq.read_table(tmp_path / "quarantine").num_rows == 0
