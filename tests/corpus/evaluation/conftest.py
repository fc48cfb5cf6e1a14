"""The shared benchmarks, for the agreement tests that run their reference scorers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED


@pytest.fixture(scope="session")
def bench_dir() -> Path:
    bench = SHARED / "bench"
    if not bench.is_dir():
        pytest.skip(f"shared benchmarks not found at {bench} (set NEWSHYGIENE_SHARED)")
    return bench
