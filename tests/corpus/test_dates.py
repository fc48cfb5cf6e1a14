from __future__ import annotations

import pytest

from corpus.dates import normalize_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-03-03", "2026-03-03"),
        ("March 3, 2026", "2026-03-03"),
        ("2026-03-03T10:15:00+01:00", "2026-03-03T09:15:00Z"),
        ("2026-03-03T10:15:00", "2026-03-03T10:15:00"),
        ("not a date at all", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_date(raw: str | None, expected: str | None) -> None:
    assert normalize_date(raw) == expected


def test_normalized_dates_sort_in_time() -> None:
    values = ["March 10, 2026", "2026-03-03", "4 March 2026"]
    assert sorted(normalize_date(v) for v in values) == ["2026-03-03", "2026-03-04", "2026-03-10"]
