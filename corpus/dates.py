"""Publication dates from many sources (metadata, JSONL fields) to one comparable form."""

from __future__ import annotations

from datetime import UTC, datetime

from dateutil import parser


def normalize_date(value: str | None) -> str | None:
    """ISO 8601 (date, or date and time in UTC); None when the value is not a date.

    The keep-the-earliest duplicate policy compares these strings, so they must sort in time.
    """
    if not value or not str(value).strip():
        return None
    try:
        parsed = parser.parse(str(value), default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed.tzinfo is not None:
        return parsed.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    if (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0):
        return parsed.date().isoformat()
    return parsed.isoformat(timespec="seconds")
