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


def _dateutil_or_error(value: str | None) -> tuple[str, str | None]:
    from corpus.dates import _normalize_reference

    try:
        return ("ok", _normalize_reference(value))
    except (ValueError, OverflowError) as exc:  # astimezone can overflow at year 1
        return ("error", type(exc).__name__)


def _fast_or_error(value: str | None) -> tuple[str, str | None]:
    try:
        return ("ok", normalize_date(value))
    except (ValueError, OverflowError) as exc:
        return ("error", type(exc).__name__)


def _date_cases() -> list[str]:
    import itertools
    import random

    months = ["jan", "January", "MAR", "mar.", "sept", "Sept.", "sep", "may", "june", "Dec"]
    days = ["0", "1", "01", "12", "13", "29", "30", "31", "32", "3rd", "1st", "4th", "3th"]
    years = ["2026", "2024", "1900", "0099", "0999", "1000", "9999"]
    times = [""] + [
        f"{sep}{clock}{suffix}"
        for sep in (" ", ", ", " at ")
        for clock in ("9:28", "12:05", "0:30", "13:05", "24:00", "9:60", "23:59:59")
        for suffix in ("", " a.m.", " p.m.", "pm", " AM", " A.M.", " p.M", " a.m")
    ]
    cases = [
        shape
        for m, d, y, t in itertools.product(months, days, years, times)
        for shape in (f"{m} {d}, {y}{t}", f"{d} {m} {y}{t}")
    ]
    rng = random.Random(5)
    cases = rng.sample(cases, 6000)
    for y, mo, d in itertools.product(
        ["2026", "0001", "0099", "1000", "9999"], ["01", "02", "12", "13"], ["01", "29", "31"]
    ):
        for t in ("", "T10:15", "t10:15z", " 10:15", "T00:00:00", "T23:59:59.999999", "T24:00"):
            for zone in ("", "Z", "+01:00", "-05:30", "+0100", "-00:00", "+14:00", "+15:00"):
                if t or not zone:
                    cases.append(f"{y}-{mo}-{d}{t}{zone}")
    cases += [
        "03/04/2025",
        "13/04/2025",
        "3/4/25",
        "Monday, March 3, 2025",
        "tues. march 3, 2025",
        "March 3, 2025 9:28 a.m. EST",
        "2025-03-03T10:00:00 CET",
        "Mär 3, 2025",
        "３ March 2025",
        "March  3,  2025",
        " March 3, 2025 ",
        "March 2025",
        "2025",
        "",
        "   ",
        "\u00a0",
        "yesterday",
    ]
    return cases


def test_fast_path_gives_what_dateutil_gives() -> None:
    """`normalize_date` reads common shapes itself (`_fast`); on every combination of those
    shapes, with invalid days, hours and offsets, two-digit-looking years, dateutil's
    quirks ("A.M." read as a time zone) and shapes the fast path leaves alone (ambiguous
    03/04, weekdays, zones by name, non-ASCII), the result must be dateutil's."""
    import warnings

    from corpus.dates import _fast

    cases = _date_cases()
    fast = 0
    for value in cases:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            expected = _dateutil_or_error(value)
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            assert _fast_or_error(value) == expected, value
        if _fast(value) is not None:
            fast += 1
            assert not caught, value  # dateutil had nothing to warn about where it is skipped
    assert fast > 1000  # the comparison covers the fast path, not only the fallback


def test_dates_of_the_sample_corpus_datelines() -> None:
    from pathlib import Path

    from cleaners.document import clean_document
    from corpus.dates import _fast

    sample = Path(__file__).resolve().parents[2] / "sample_corpus"
    found = [
        clean_document(path.read_text(errors="replace")).published
        for path in sorted(sample.rglob("*.txt"))
    ]
    found = [date for date in found if date]
    assert len(found) >= 5
    for value in found:
        assert _fast(value) is not None, value
        assert _fast_or_error(value) == _dateutil_or_error(value), value
