"""The index of earlier runs: embedded (state folder) and shared (a real redis-server)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import redis

from corpus import pipeline
from corpus.config import RunConfig
from corpus.dedup import DedupParams
from corpus.history import LocalHistory, RedisHistory
from corpus.pipeline import run_pipeline
from corpus.shingles import MinHasher
from corpus.state import DatasetState, KeptSignature
from corpus.writer import read_table
from tests.conftest import SAMPLE_CORPUS

FERRY = "harbourtown-herald/2026-03-03-ferry-terminal-vote.txt"
FERRY_REPRINT = "metro-wire/2026-03-04-harbourtown-ferry-reprint.txt"
PEACH = "valley-ledger/2026-03-02-peach-freeze.txt"
PEACH_REPRINT = "metro-wire/2026-03-16-peach-freeze-reprint.txt"
STORY = (
    "The harbour authority voted on Tuesday to rebuild the ferry terminal before the summer "
    "season, after engineers found the old pontoon had rusted through in two places."
)


def _drop(inbox: Path, *names: str) -> None:
    for name in names:
        (inbox / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE_CORPUS / name, inbox / name)


def _kept(doc_id: str, text: str, seq: int, params: DedupParams) -> KeptSignature:
    hasher = MinHasher(params.signature_scheme())
    shingles = hasher.shingles(text)
    signature = hasher.signature(shingles)
    return KeptSignature(doc_id, seq, shingles.size, np.asarray(signature.hashvalues))


@pytest.fixture
def namespace(request) -> str:
    return f"test:{request.node.name}"


def test_local_history_finds_a_kept_story_and_returns_its_signature() -> None:
    params = DedupParams()
    item = _kept("a", STORY, 1, params)
    history = LocalHistory(params, [item])
    hasher = MinHasher(params.signature_scheme())
    probe = hasher.signature(hasher.shingles(STORY + " Work starts in May."))
    assert history.query(probe) == ["a"]
    assert history.lookup(["a", "missing"])["a"].n_shingles == item.n_shingles


def test_redis_history_publish_is_idempotent(redis_url: str, namespace: str) -> None:
    params = DedupParams()
    history = RedisHistory(redis_url, params, namespace)
    item = _kept("a", STORY, 1, params)
    assert history.publish([item]) == ["a"]
    assert history.publish([item]) == []
    assert len(history) == 1
    (found,) = history.lookup(["a"]).values()
    assert found.seq == 1 and np.array_equal(found.signature, item.signature)
    hasher = MinHasher(params.signature_scheme())
    probe = hasher.signature(hasher.shingles(STORY))
    assert history.query(probe) == ["a"]


def test_runs_with_a_redis_index_find_reprints_across_runs(
    redis_url: str, namespace: str, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    _drop(inbox, FERRY, PEACH)
    cfg = RunConfig(
        input_dir=inbox, output=tmp_path / "out", index=redis_url, index_prefix=namespace
    )
    first = run_pipeline(cfg)
    assert first.manifest["dedup"]["index"] == "redis"
    client = redis.Redis.from_url(redis_url)
    assert client.hlen(f"{namespace}:signatures") == 2
    _drop(inbox, FERRY_REPRINT, PEACH_REPRINT)
    second = run_pipeline(cfg)
    assert second.counts["duplicates"] == 2 and second.counts["articles"] == 0


def test_a_second_worker_with_its_own_dataset_shares_the_index(
    redis_url: str, namespace: str, tmp_path: Path
) -> None:
    a, b = tmp_path / "worker-a", tmp_path / "worker-b"
    _drop(a, FERRY)
    _drop(b, FERRY_REPRINT)
    shared = {"index": redis_url, "index_prefix": namespace}
    first = run_pipeline(RunConfig(input_dir=a, output=tmp_path / "out-a", **shared))
    run_pipeline(RunConfig(input_dir=b, output=tmp_path / "out-b", **shared))
    (original,) = read_table(first.output, "articles").to_pylist()
    (dup,) = read_table(tmp_path / "out-b", "duplicates").to_pylist()
    assert dup["duplicate_of"] == original["doc_id"]


def test_signatures_committed_but_not_pushed_reach_redis_on_the_next_run(
    redis_url: str, namespace: str, tmp_path: Path, monkeypatch
) -> None:
    inbox = tmp_path / "inbox"
    _drop(inbox, FERRY)
    cfg = RunConfig(
        input_dir=inbox, output=tmp_path / "out", index=redis_url, index_prefix=namespace
    )

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("killed after the state commit, before the Redis push")

    monkeypatch.setattr(pipeline, "share_kept", crash)
    with pytest.raises(KeyboardInterrupt):
        run_pipeline(cfg)
    monkeypatch.undo()
    client = redis.Redis.from_url(redis_url)
    assert client.hlen(f"{namespace}:signatures") == 0
    with DatasetState(cfg.output) as state:
        assert len(list(state.iter_kept(only_unshared=True))) == 1
    _drop(inbox, FERRY_REPRINT)
    second = run_pipeline(cfg)
    assert client.hlen(f"{namespace}:signatures") == 1
    assert second.counts["duplicates"] == 1
    with DatasetState(cfg.output) as state:
        assert list(state.iter_kept(only_unshared=True)) == []


def test_local_history_proposes_exactly_what_datasketch_lsh_proposes() -> None:
    """The numpy band search must give LSH's candidates: any equal band, nothing else."""
    from corpus.dedup import make_lsh

    params = DedupParams()
    rng = np.random.default_rng(7)
    vocabulary = [f"w{i}" for i in range(400)]
    texts = [" ".join(rng.choice(vocabulary, size=120)) for _ in range(150)]
    # near-copies of a third of them, with a fifth of the words changed
    for i in range(0, 150, 3):
        words = texts[i].split()
        for j in rng.choice(len(words), size=len(words) // 5, replace=False):
            words[j] = str(rng.choice(vocabulary))
        texts.append(" ".join(words))
    kept = [_kept(f"d{i:04d}", t, i, params) for i, t in enumerate(texts[:150])]
    history = LocalHistory(params, kept)
    reference = make_lsh(params)
    for item in kept:
        reference.insert(item.doc_id, _lean(item.signature, params))
    probes = [_kept(f"q{i}", t, 0, params).signature for i, t in enumerate(texts)]
    found = history.candidates(np.vstack(probes))
    expected = [sorted(reference.query(_lean(sig, params))) for sig in probes]
    assert [sorted(ids) for ids in found] == expected
    assert sum(len(ids) > 1 for ids in expected) > 10  # the test has real multi-candidate cases
    assert all(ids == sorted(ids, key=lambda d: int(d[1:])) for ids in found)  # keep order
    assert history.nbytes / len(history) <= 1024


def _lean(signature: np.ndarray, params: DedupParams):
    from datasketch import LeanMinHash

    return LeanMinHash(seed=params.minhash_seed, hashvalues=signature, scheme="affine64")
