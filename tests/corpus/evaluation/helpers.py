"""Comparing our metric dicts with a reference scorer's JSON."""

from __future__ import annotations

from typing import Any

import pytest


def assert_close(ours: Any, ref: Any, where: str = "") -> None:
    """Recursive equality, floats to 1e-9; `ours` may carry extra keys the reference lacks."""
    if isinstance(ref, dict):
        assert isinstance(ours, dict), where
        for key, value in ref.items():
            assert key in ours, f"{where}.{key} missing"
            assert_close(ours[key], value, f"{where}.{key}")
    elif isinstance(ref, float) or isinstance(ours, float):
        assert ours == pytest.approx(ref, rel=1e-9, abs=1e-12), where
    else:
        assert ours == ref, where
