"""What every benchmark metric consumes: one system's output for one document.

A document the system produced nothing for (quarantined, dropped as a duplicate, or never
seen) is scored as `EMPTY`: no text, no title, no author, no date. That is how every reference
scorer treats a missing prediction, and it keeps "the pipeline threw this page away" visible
in the numbers instead of silently shrinking the denominator.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Prediction:
    text: str = ""
    title: str | None = None
    author: str | None = None
    published: str | None = None


EMPTY = Prediction()


def norm(text: str | None) -> str:
    """Whitespace collapsed, stripped, lower-cased: the reference scorers' comparison form."""
    return " ".join((text or "").split()).lower()


def mean(values: list[float]) -> float:
    """Plain mean; 0.0 for no values (a metric over nothing scores nothing, never a crash)."""
    return sum(values) / len(values) if values else 0.0


def f1(precision: float | None, recall: float | None) -> float:
    """Harmonic mean; 0.0 when either side is missing or zero (the reference scorers' rule)."""
    if not precision or not recall:
        return 0.0
    return 2 * precision * recall / (precision + recall)
