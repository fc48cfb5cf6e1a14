"""WARC crawl files (`.warc`, `.warc.gz`): every successful HTML response is one article.

Only `response` records with HTTP status 200 and an HTML content type are units
(`source_path` = `rel#R<0-based index among all records>`). Everything else a crawler
stores (warcinfo, requests, metadata, revisits, images, redirects, errors) is not an article
and is skipped without a trace.

warcio is lenient by design: it silently returns short content for a cut-off record and
silently stops at a cut-off gzip member. A hygiene pipeline must notice both, so this reader
(a) gunzips the file itself (`compression.InputStream`, which raises on truncation) and hands
warcio plain WARC bytes, and (b) checks after every record that its declared Content-Length
was actually there. Records before a break are kept; the break itself is one TRUNCATED unit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from email.message import Message
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from corpus.documents import Quarantined, RawDocument, Reason
from corpus.encoding import DecodeProblem, decode_text
from corpus.readers.base import SourceFile, describe_size
from corpus.readers.compression import CHUNK, InputStream, ReadProblem, open_input
from corpus.readers.html import truncation_problem
from corpus.readers.site import site_for

__all__ = ["read_warc"]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SNIFF = 64


class _BrokenRecord(Exception):
    """A record whose bytes are not all there (or not a record at all)."""


def read_warc(src: SourceFile) -> Iterator[RawDocument | Quarantined]:
    """Articles from the WARC in record order; a broken tail becomes one TRUNCATED row."""
    with ExitStack() as stack:
        head = b""
        try:
            stream = stack.enter_context(open_input(src.path, src.limits))
            # Enough bytes to recognize "WARC/" even when a broken gzip delivers only a few.
            while len(head) < _SNIFF and (chunk := stream.read(CHUNK)):
                head += chunk
        except ReadProblem as problem:
            yield src.quarantine(problem.reason, problem.detail)
            return
        if not head.strip():
            yield src.quarantine(Reason.EMPTY, "WARC file is empty")
            return
        if not head.lstrip().startswith(b"WARC/"):
            first_line = head.lstrip().split(b"\n", 1)[0][:60].decode("latin-1")
            yield src.quarantine(
                Reason.MALFORMED, f"not a WARC file (it starts with {first_line!r})"
            )
            return
        yield from _records(src, _Prefixed(head, stream))


def _records(src: SourceFile, stream: _Prefixed) -> Iterator[RawDocument | Quarantined]:
    records = ArchiveIterator(stream)
    index = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            present = _partial_record(records, stream)
            if present:
                yield _break(src, index, Reason.TRUNCATED, _headers_cut(index, present))
            return
        except ReadProblem as problem:
            yield _break(src, index, problem.reason, problem.detail)
            return
        except Exception as exc:  # warcio raises assorted errors for unparsable records
            present = _partial_record(records, stream)
            detail = (
                _headers_cut(index, present)
                if present
                else f"record {index} is unreadable ({type(exc).__name__}: {exc})"
            )
            yield _break(src, index, Reason.TRUNCATED, detail)
            return
        try:
            unit = _unit(src, index, record)
            _check_complete(record, index)
        except ReadProblem as problem:
            yield _break(src, index, problem.reason, problem.detail)
            return
        except _BrokenRecord as exc:
            yield _break(src, index, Reason.TRUNCATED, str(exc))
            return
        if unit is not None:
            yield unit
        index += 1


def _unit(src: SourceFile, index: int, record: ArcWarcRecord) -> RawDocument | Quarantined | None:
    if record.format != "warc":
        raise _BrokenRecord(f"record {index} is not a WARC record ({record.format} format)")
    if record.length is None:
        raise _BrokenRecord(f"record {index} has no Content-Length (header cut off?)")
    charset = _html_charset(record)
    if charset is None:
        return None
    fragment = f"R{index}"
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    site = site_for(src.rel, url, src.input_dir_name)

    cap = src.limits.max_payload_bytes
    try:
        payload = _read_at_most(record.content_stream(), cap + 1)
    except ReadProblem:
        raise
    except Exception as exc:  # a broken chunked/gzip/brotli Content-Encoding
        return src.quarantine(
            Reason.UNDECODABLE, f"HTTP payload cannot be decoded: {exc}", fragment, site
        )
    if len(payload) > cap:
        return src.quarantine(
            Reason.TOO_LARGE,
            f"HTTP payload is over {describe_size(cap)}, too long for a document of at most"
            f" {src.limits.max_document_chars:,} characters (max_document_chars)",
            fragment,
            site,
        )
    try:
        markup, encoding = decode_text(payload, declared=charset or None, html=True)
    except DecodeProblem as problem:
        return src.quarantine(problem.reason, problem.detail, fragment, site)
    too_large = src.too_many_chars(len(markup), "page")
    if too_large:
        return src.quarantine(Reason.TOO_LARGE, too_large, fragment, site)
    cut = truncation_problem(markup)
    if cut:
        return src.quarantine(Reason.TRUNCATED, cut, fragment, site)
    return RawDocument(
        source_path=src.unit(fragment),
        site=site,
        kind="html",
        content=markup,
        url=url,
        encoding=encoding,
    )


def _html_charset(record: ArcWarcRecord) -> str | None:
    """The HTTP charset ("" when none) of a 200 HTML response; None when it is no article."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = record.http_headers.get_header("Content-Type")
    if not content_type:
        return None
    parsed = Message()
    parsed["Content-Type"] = content_type
    if parsed.get_content_type() not in HTML_TYPES:
        return None
    charset = parsed.get_param("charset")
    return charset.strip() if isinstance(charset, str) else ""


def _read_at_most(stream: BinaryIO, size: int) -> bytes:
    parts: list[bytes] = []
    remaining = size
    while remaining > 0 and (chunk := stream.read(min(CHUNK, remaining))):
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)


def _check_complete(record: ArcWarcRecord, index: int) -> None:
    """Read the record to its end and make sure its declared length was really there."""
    raw = record.raw_stream
    while raw.read(CHUNK):
        pass
    missing = getattr(raw, "limit", 0)
    if missing > 0:
        raise _BrokenRecord(
            f"record {index} is cut off: {describe_size(missing)} of its"
            f" {describe_size(record.length)} are missing (truncated download?)"
        )


def _partial_record(records: ArchiveIterator, stream: _Prefixed) -> int:
    """Bytes of a record whose headers were cut off by the end of the file (0 if none).

    warcio ends quietly (or trips over a missing header) when the file stops inside a
    record's headers. Its `offset` marks the end of the last whole record and the blank lines
    after it; at the end of the data, anything past that offset is the cut-off record.
    """
    try:
        at_end = stream.read(1) == b""
    except ReadProblem:
        return 0
    end = getattr(records, "offset", None)
    if not at_end or not isinstance(end, int):
        return 0
    return max(stream.tell() - end, 0)


def _headers_cut(index: int, present: int) -> str:
    return (
        f"record {index} is cut off inside its headers"
        f" (only {describe_size(present)} of it present)"
    )


def _break(src: SourceFile, index: int, reason: Reason, detail: str) -> Quarantined:
    rest = "is lost" if reason is Reason.TRUNCATED else "was not read"
    return src.quarantine(
        reason, f"{detail}; everything from record {index:,} on {rest}", fragment=f"R{index}"
    )


class _Prefixed:
    """The stream with the bytes already read for sniffing put back in front."""

    def __init__(self, head: bytes, stream: InputStream) -> None:
        self._head = head
        self._stream = stream

    def tell(self) -> int:
        return self._stream.tell() - len(self._head)

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size is None or size < 0 or size >= len(self._head):
                data, self._head = self._head, b""
            else:
                data, self._head = self._head[:size], self._head[size:]
            return data
        return self._stream.read(size)
