"""Publication dates from many sources (metadata, JSONL fields) to one comparable form."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache

from dateutil import parser


def normalize_date(value: str | None) -> str | None:
    """ISO 8601 (date, or date and time in UTC); None when the value is not a date.

    The keep-the-earliest duplicate policy compares these strings, so they must sort in time.
    """
    if not value or not str(value).strip():
        return None
    return _normalize(str(value))


@lru_cache(maxsize=8192)
def _normalize(text: str) -> str | None:
    """`normalize_date` of a non-blank string: the common shapes read directly, the rest by
    dateutil.

    Nearly every value is a dateline's date ("january 5, 2026 9:28 a.m.", as `match_form`
    prints it) or a metadata field in ISO 8601; dateutil's general parser spent 46 µs on each
    (0.62 s of a whole-pipeline profile of 3,000 plain-text benchmark articles). `_fast` reads
    exactly those shapes, 3.9 µs a value (the 9,918 dateline dates of the 10,027-page
    benchmark), and hands anything else (or anything it cannot turn into a valid datetime) to
    dateutil; `tests/corpus/test_dates.py` checks that both give the same result on
    combinations of the shapes it accepts. Repeated values (a feed's dates, reprints) come
    from the cache, which also means dateutil warns about a value only the first time.
    """
    parsed = _fast(text)
    return _iso(parsed) if parsed is not None else _by_dateutil(text)


def _normalize_reference(value: str | None) -> str | None:
    """`normalize_date` through dateutil alone (the definition): kept for the equality test."""
    if not value or not str(value).strip():
        return None
    return _by_dateutil(str(value))


def _by_dateutil(text: str) -> str | None:
    try:
        parsed = parser.parse(text, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    return _iso(parsed)


def _iso(parsed: datetime) -> str:
    if parsed.tzinfo is not None:
        return parsed.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    if (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0):
        return parsed.date().isoformat()
    return parsed.isoformat(timespec="seconds")


# Month names and abbreviations as dateutil reads them (its `parserinfo.MONTHS`, lower case).
_MONTHS = {
    name: number
    for number, names in enumerate(parser.parserinfo.MONTHS, start=1)
    for name in (n.lower() for n in names)
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# "2026-03-04", "2026-03-04T10:15", "2026-03-04 10:15:00.123+01:00", "2026-03-04t10:00z".
_ISO = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)"
    r"(?:[tT ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,6}))?)?(?:([zZ])|([+-])(\d\d):?(\d\d))?)?",
    re.ASCII,
)
# "march 3, 2026", "Mar. 3 2026", "3 March 2026", "3rd march, 2026", optionally followed by a
# time: "9:28 a.m.", "at 9:28pm", "14:05", "9:28:15 PM".
_WORDY = re.compile(
    rf"(?:(?P<month>{_MONTH})\.? (?P<day>\d\d?)(?:st|nd|rd|th)?,? (?P<year>\d{{4}})"
    rf"|(?P<day2>\d\d?)(?:st|nd|rd|th)? (?P<month2>{_MONTH})\.?,? (?P<year2>\d{{4}}))"
    r"(?:,? (?:at )?(?P<hour>\d\d?):(?P<minute>\d\d)(?::(?P<second>\d\d))?"
    # dateutil reads the "M" of "A.M." as a time zone name (and warns): that one is left to it
    r"(?: ?(?P<ampm>[ap])(?-i:\.m\.?|[mM]\.?))?)?",
    re.ASCII | re.IGNORECASE,
)


def _fast(text: str) -> datetime | None:
    """The datetime dateutil would parse from `text`, for the common unambiguous shapes only;
    None for anything else (then dateutil decides, invalid dates included)."""
    if not text.isascii():
        return None
    match = _ISO.fullmatch(text)
    if match is not None:
        year, month, day, hour, minute, second, fraction, zulu, sign, tz_h, tz_m = match.groups()
        if year < "1000":  # dateutil reads years below 100 as two-digit years: left to it
            return None
        tz = None
        if zulu:
            tz = UTC
        elif sign:
            if int(tz_h) > 14 or int(tz_m) > 59:
                return None
            offset = timedelta(hours=int(tz_h), minutes=int(tz_m))
            tz = timezone(-offset if sign == "-" else offset)
        try:
            return datetime(
                int(year),
                int(month),
                int(day),
                int(hour or 0),
                int(minute or 0),
                int(second or 0),
                int((fraction or "0").ljust(6, "0")),
                tzinfo=tz,
            )
        except ValueError:
            return None
    match = _WORDY.fullmatch(text)
    if match is None:
        return None
    month = _MONTHS[(match["month"] or match["month2"]).lower()]
    day = int(match["day"] or match["day2"])
    year = int(match["year"] or match["year2"])
    if year < 1000:
        return None
    hour = int(match["hour"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["ampm"].lower() == "p" else 0)
    try:
        return datetime(
            year, month, day, hour, int(match["minute"] or 0), int(match["second"] or 0)
        )
    except ValueError:
        return None
