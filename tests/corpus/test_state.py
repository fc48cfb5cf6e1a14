"""The state folder's near-duplicate index stays under 1 KiB a kept article."""

from __future__ import annotations

import numpy as np

from corpus.dedup import DedupParams
from corpus.shingles import pack_signature
from corpus.state import DatasetState


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
