"""The unit of work that flows from a reader to the writer.

Every input unit (a file, one JSONL line, one WARC response record) becomes exactly one
`RawDocument` or one `Quarantined` row: that is how the pipeline guarantees nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class Reason(StrEnum):
    """Why an input unit went to quarantine instead of the dataset (one stable vocabulary)."""

    EMPTY = "empty"  # zero bytes, or only whitespace
    BINARY = "binary"  # not text at all (NUL bytes, control characters, image/PDF signatures)
    UNDECODABLE = "undecodable"  # bytes that no supported text encoding explains
    TRUNCATED = "truncated"  # a gzip stream, WARC record or HTML page cut off mid-way
    MALFORMED = "malformed"  # a JSONL line that is not a JSON object with text/html
    TOO_LARGE = "too_large"  # over the configured size limit (raw or decompressed)
    UNSUPPORTED = "unsupported"  # a file type newshygiene does not read
    READ_ERROR = "read_error"  # the operating system refused to read the file
    NO_CONTENT = "no_content"  # extraction/cleaning left no article text
    LANGUAGE = "language"  # detected language not in --languages
    PROCESSING_ERROR = "processing_error"  # a bug of ours met this document: report it


@dataclass(slots=True)
class RawDocument:
    """One article as a reader found it, before extraction and cleaning.

    `source_path` is relative to the input folder; units inside a container file get a
    fragment: `feeds/a.jsonl#L12` (1-based line), `crawl.warc.gz#R3` (0-based record index).
    """

    source_path: str
    site: str
    kind: Literal["text", "html"]
    content: str
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    encoding: str | None = None


@dataclass(slots=True)
class Quarantined:
    """An input unit that could not become an article, with a reason a user can act on."""

    source_path: str
    reason: Reason
    detail: str
    site: str | None = None
