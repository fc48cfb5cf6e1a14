"""The state folder: the near-duplicate index stays under 1 KiB a kept article; each site's
line counts add up across runs, and a dataset with the older one-row-per-line table moves over."""

from __future__ import annotations

import sqlite3

import numpy as np

from corpus.dedup import DedupParams
from corpus.shingles import pack_signature
from corpus.state import DB_NAME, STATE_DIR, DatasetState


def test_index_costs_less_than_a_kibibyte_per_kept_article(tmp_path) -> None:
    params = DedupParams()
    rng = np.random.default_rng(0)
    kept = [
        (
            f"{i:016x}",
            i,
            600,
            pack_signature(rng.integers(0, 2**16, params.num_perm), params.signature_bits),
            f"metro-wire/2026-03-{i % 28 + 1:02d}-council-votes-on-harbour-ferry-plan-{i}.txt",
        )
        for i in range(2000)
    ]
    run = {"run_id": "r1", "run_date": "2026-11-23", "started": "s", "finished": "f"}
    with DatasetState(tmp_path) as state:
        state.check_scheme(params.signature_scheme().as_dict())
        state.commit_run(run, [], kept, {}, {})
        size = state.index_bytes()
        assert state.kept_count() == 2000
        loaded = next(state.iter_kept())
    assert size is not None and 512 * 2000 < size <= 1024 * 2000
    assert loaded.signature.dtype == np.uint64 and loaded.signature.size == params.num_perm


def _run(run_id: str) -> dict[str, str]:
    return {"run_id": run_id, "run_date": "2026-11-24", "started": "s", "finished": "f"}


def _counts(hashes: list[int], pages: list[int]) -> tuple[np.ndarray, np.ndarray]:
    return np.array(hashes, dtype=np.int64), np.array(pages, dtype=np.int64)


def test_line_counts_add_up_across_runs(tmp_path) -> None:
    big = 2**63 - 1  # line hashes are signed 64-bit: both ends must survive storage
    with DatasetState(tmp_path) as state:
        state.commit_run(_run("r1"), [], [], {"a": 3}, {"a": _counts([-big, 5, 9], [2, 1, 1])})
        state.commit_run(
            _run("r2"),
            [],
            [],
            {"a": 1, "b": 2},
            {"a": _counts([7, 9, big], [1, 1, 1]), "b": _counts([5], [2])},
        )
        counts = state.line_counts(["a", "b", "c"])
        summary = state.template_summary(min_pages=2)
    assert set(counts) == {"a", "b"}
    assert counts["a"][0].tolist() == [-big, 5, 7, 9, big]
    assert counts["a"][1].tolist() == [2, 1, 1, 2, 1]
    assert counts["b"][0].tolist() == [5] and counts["b"][1].tolist() == [2]
    assert summary == {
        "a": {"pages": 4, "template_lines": 2},
        "b": {"pages": 2, "template_lines": 1},
    }


def test_a_dataset_with_one_row_per_line_is_moved_to_per_site_counts(tmp_path) -> None:
    DatasetState(tmp_path).close()
    with sqlite3.connect(tmp_path / STATE_DIR / DB_NAME) as db:  # as earlier versions left it
        db.execute(
            "CREATE TABLE template_lines (site TEXT NOT NULL, hash INTEGER NOT NULL, "
            "pages INTEGER NOT NULL, PRIMARY KEY (site, hash)) WITHOUT ROWID"
        )
        db.executemany(
            "INSERT INTO template_lines VALUES (?, ?, ?)",
            [("b", 4, 1), ("a", 8, 3), ("a", -2, 1), ("b", -9, 5)],
        )
        db.executemany("INSERT INTO template_sites VALUES (?, ?)", [("a", 3), ("b", 5)])
    with DatasetState(tmp_path) as state:
        counts = state.line_counts(["a", "b"])
        summary = state.template_summary(min_pages=3)
        tables = {r[0] for r in state._db.execute("SELECT name FROM sqlite_master")}
    assert {site: (h.tolist(), p.tolist()) for site, (h, p) in counts.items()} == {
        "a": ([-2, 8], [1, 3]),
        "b": ([-9, 4], [5, 1]),
    }
    assert summary == {
        "a": {"pages": 3, "template_lines": 1},
        "b": {"pages": 5, "template_lines": 1},
    }
    assert "template_lines" not in tables
