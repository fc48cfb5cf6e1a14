"""Shared vocabulary of the readers: size limits, the file being read, quarantine helpers.

Kept apart from `corpus.readers.__init__` so that the format modules can import it without
an import cycle through the dispatcher.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corpus.documents import Quarantined, Reason
from corpus.readers.site import site_for

MIB = 1024 * 1024

# Every supported encoding needs at most 4 bytes per character (UTF-8, UTF-16 surrogate pairs,
# UTF-32, GB18030), so more bytes than this per allowed character cannot fit the limit.
MAX_BYTES_PER_CHAR = 4


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Size guards, so one bad file cannot exhaust memory or stall a run.

    - `max_bytes`: size on disk of any one input file (checked before it is opened). It
      applies to WARC and JSONL too: raise it for big crawl files.
    - `max_decompressed_bytes`: total bytes one gzip file may expand to (gzip bomb guard).
      Container files keep the units read before the limit; the rest is one TOO_LARGE row.
    - `max_document_chars`: characters in one decoded document (a file, a JSONL line's
      text/html, a WARC payload).
    """

    max_bytes: int = 50 * MIB
    max_decompressed_bytes: int = 200 * MIB
    max_document_chars: int = 2_000_000

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_decompressed_bytes", "max_document_chars"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"ReadLimits.{name} must be a positive integer, got {value!r}")

    @property
    def max_payload_bytes(self) -> int:
        """Bytes above which a single payload cannot decode to `max_document_chars` or less.

        Lets a reader refuse a huge payload without buffering and decoding it first.
        """
        return self.max_document_chars * MAX_BYTES_PER_CHAR + MAX_BYTES_PER_CHAR


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One input file as the readers see it: where it is, how it is named in the output."""

    path: Path
    rel: str  # POSIX path relative to the input folder: the `source_path` of file-level units
    input_dir_name: str
    limits: ReadLimits

    @property
    def folder_site(self) -> str:
        """The site when no URL is known (see `site_for`)."""
        return site_for(self.rel, None, self.input_dir_name)

    def unit(self, fragment: str | None = None) -> str:
        """`source_path` of a unit: the file itself, or `rel#L12` / `rel#R3` inside it."""
        return f"{self.rel}#{fragment}" if fragment else self.rel

    def quarantine(
        self, reason: Reason, detail: str, fragment: str | None = None, site: str | None = None
    ) -> Quarantined:
        return Quarantined(
            source_path=self.unit(fragment),
            reason=reason,
            detail=detail,
            site=site if site is not None else self.folder_site,
        )

    def too_many_chars(self, chars: int, what: str = "document") -> str | None:
        """The TOO_LARGE detail when `chars` is over the limit, else None."""
        limit = self.limits.max_document_chars
        if chars <= limit:
            return None
        return f"{what} has {chars:,} characters, over the limit of {limit:,} (max_document_chars)"


def describe_size(size: int) -> str:
    """Sizes as a person reads them in a quarantine report."""
    if size < MIB:
        return f"{size:,} bytes"
    return f"{size / MIB:,.1f} MiB"
