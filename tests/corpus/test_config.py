"""Run configuration: the automatic shard size."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.config import MAX_AUTO_SHARD, MIN_AUTO_SHARD, RunConfig, auto_shard_size
from corpus.pipeline import plan_shards
from tests.conftest import SAMPLE_CORPUS


@pytest.mark.parametrize(
    ("files", "workers", "size"),
    [
        (0, 2, MIN_AUTO_SHARD),
        (37, 2, MIN_AUTO_SHARD),  # a small inbox: a few real batches, not 16 tiny ones
        (2000, 2, 125),  # 16 batches: 8 per worker
        (974, 2, 61),
        (20_000, 2, MAX_AUTO_SHARD),  # 40 batches, not 1,250-file ones
        (20_000, 16, 157),
    ],
)
def test_auto_shard_size_gives_each_worker_about_eight_bounded_batches(
    files: int, workers: int, size: int
) -> None:
    assert auto_shard_size(files, workers) == size


def test_a_configured_shard_size_wins(tmp_path: Path) -> None:
    assert RunConfig(input_dir=tmp_path, shard_size=7).shard_size_for(20_000) == 7
    assert RunConfig(input_dir=tmp_path, workers=2).shard_size_for(2000) == 125


def test_plan_uses_the_automatic_size_for_the_new_files(tmp_path: Path) -> None:
    cfg = RunConfig(input_dir=SAMPLE_CORPUS, output=tmp_path / "out", workers=2)
    plan = plan_shards(cfg, tmp_path / "work")
    files = sum(len(shard.inputs) for shard in plan.shards)
    assert files == plan.input_files > MIN_AUTO_SHARD
    assert [len(s.inputs) for s in plan.shards[:-1]] == [MIN_AUTO_SHARD] * (len(plan.shards) - 1)
    assert len(plan.shards) == -(-files // MIN_AUTO_SHARD)
