"""Tiny article builders for rule tests: real-looking prose around the line under test."""

from __future__ import annotations

from cleaners.base import CleanResult
from cleaners.document import Hints, clean_document

PARA_A = (
    "The harbour authority voted on Tuesday to extend the night ferry service through the "
    "winter, citing a steady rise in commuters from the eastern villages since October."
)
PARA_B = (
    "Officials said the extension would cost about four hundred thousand pounds a year and "
    "would be paid for by the regional transport fund rather than by higher fares."
)
PARA_C = (
    "Commuter groups welcomed the decision but warned that the last crossing at eleven "
    "o'clock still leaves shift workers at the hospital without a way home."
)


def article(*middle: str, tail: tuple[str, ...] = (), title: str | None = "Ferry Service Extended"):
    """A plain-text dump: optional title, three prose paragraphs with `middle` lines between."""
    parts = [title] if title else []
    parts += [PARA_A, *middle, PARA_B, PARA_C, *tail]
    return "\n\n".join(parts)


def clean(text: str, **hints) -> CleanResult:
    return clean_document(text, Hints(**hints) if hints else None)


def removed_by(result: CleanResult) -> dict[str, str]:
    """line text → rule name of every removal."""
    return {r.text: r.rule for r in result.removed}
