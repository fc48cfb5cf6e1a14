"""Shared test fixtures: the read-only seeds and benchmarks beside the checkout, when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Prefect must never touch a developer's profile or phone home from tests.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

PROJECT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSHYGIENE_SHARED", PROJECT.parent / "shared"))
SAMPLE_CORPUS = PROJECT / "sample_corpus"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    seeds = SHARED / "seeds"
    if not (seeds / "expected").is_dir():
        pytest.skip(f"shared seeds not found at {seeds} (set NEWSHYGIENE_SHARED)")
    return seeds
