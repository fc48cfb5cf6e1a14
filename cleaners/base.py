"""Shared vocabulary of the cleaners: lines in, kept lines plus an audit log of removals out."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line of the input with its 1-based position in the original text."""

    number: int
    text: str  # stripped of surrounding whitespace


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed line: which rule removed it, so every decision can be audited."""

    rule: str
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class Edit:
    """One normalization edit inside kept text (never a word rewrite, only spacing/encoding)."""

    rule: str
    before: str
    after: str


@dataclass(slots=True)
class CleanResult:
    """A cleaned document: title and author found along the way, body paragraphs, audit logs."""

    title: str | None
    author: str | None
    paragraphs: list[str]
    published: str | None = None  # the date text of a removed dateline, as printed
    removed: list[Removal] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)
