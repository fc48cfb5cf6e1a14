"""Reading input bytes, transparently gunzipped, with size caps and precise failure reports.

Whether a file is gzip is decided by its first two bytes (the gzip magic), not by its name:
scrapers save gunzipped bodies as `page.html.gz` (curl/requests decompress on the fly) and
gzipped bodies as `page.html` (raw `Content-Encoding: gzip`). Trusting the bytes reads both
correctly; trusting the name would quarantine perfectly good articles.

Decompression is done with `zlib` directly rather than `gzip.GzipFile` because GzipFile's
buffered reader drops data already decompressed when the stream turns out to be truncated,
and container readers must keep every complete unit before the break. Multi-member gzip
(`cat a.gz b.gz`) is read in full; non-gzip bytes after a complete member are ignored, as
`gzip -d` does ("trailing garbage ignored").
"""

from __future__ import annotations

import os
import stat
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from corpus.documents import Reason
from corpus.readers.base import ReadLimits, describe_size

__all__ = ["GZIP_MAGIC", "InputStream", "ReadProblem", "open_input", "read_all"]

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 64 * 1024


class ReadProblem(Exception):
    """A problem with a whole file or the rest of a stream; becomes a Quarantined row."""

    def __init__(self, reason: Reason, detail: str, *, salvaged: bytes = b"") -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        # Good bytes decompressed before the problem; InputStream hands them out first.
        self.salvaged = salvaged


class InputStream:
    """File-like `read(n)` over the (decompressed) bytes of one input file.

    Problems are raised as ReadProblem, but only after every good byte before them has been
    returned: a `read` that hits a problem returns what it has, and the next `read` raises.
    """

    def __init__(self, raw: BinaryIO, *, compressed: bool, limits: ReadLimits) -> None:
        self.compressed = compressed
        self._raw = raw
        self._limits = limits
        self._pending: bytes = b""  # raw input not yet fed to the decompressor
        self._decompressor = zlib.decompressobj(wbits=31) if compressed else None
        self._raw_eof = False
        self._finished = False
        self._error: ReadProblem | None = None
        self._position = 0  # bytes handed out so far

    def tell(self) -> int:
        return self._position

    def read(self, size: int = -1) -> bytes:
        if self._error is not None:
            raise self._error
        if size is None or size < 0:
            size = self._limits.max_decompressed_bytes + 1
        if size == 0 or self._finished:
            return b""
        try:
            data = self._read_gzip(size) if self.compressed else self._read_raw(size)
        except ReadProblem as problem:
            if not problem.salvaged:
                raise
            data, problem.salvaged, self._error = problem.salvaged, b"", problem
        self._position += len(data)
        return data

    def _read_raw(self, size: int) -> bytes:
        data = self._raw_read(size)
        if not data:
            self._finished = True
        return data

    def _raw_read(self, size: int) -> bytes:
        try:
            return self._raw.read(size)
        except OSError as exc:
            raise ReadProblem(Reason.READ_ERROR, f"reading failed: {exc}") from exc

    def _fill(self) -> bool:
        """Append raw input to `_pending`; False at the end of the file."""
        if self._raw_eof:
            return False
        chunk = self._raw_read(CHUNK)
        if not chunk:
            self._raw_eof = True
            return False
        self._pending += chunk
        return True

    def _read_gzip(self, size: int) -> bytes:
        out = bytearray()
        limit = self._limits.max_decompressed_bytes
        try:
            while len(out) < size:
                if self._decompressor is None and not self._start_member():
                    self._finished = True
                    break
                assert self._decompressor is not None
                if not self._pending and not self._fill():
                    raise ReadProblem(
                        Reason.TRUNCATED,
                        f"gzip stream ends early after {describe_size(self._position + len(out))}"
                        " of decompressed data (truncated download?)",
                    )
                want = min(size - len(out), limit + 1 - (self._position + len(out)))
                try:
                    chunk = self._decompressor.decompress(self._pending, want)
                except zlib.error as exc:
                    raise ReadProblem(
                        Reason.TRUNCATED,
                        f"gzip data is corrupt after {describe_size(self._position + len(out))}"
                        f" of decompressed data ({exc})",
                    ) from exc
                out += chunk
                if self._position + len(out) > limit:
                    del out[limit - self._position :]
                    raise ReadProblem(
                        Reason.TOO_LARGE,
                        f"decompresses to more than {describe_size(limit)}"
                        " (max_decompressed_bytes; a gzip bomb?)",
                    )
                if self._decompressor.eof:
                    self._pending = self._decompressor.unused_data
                    self._decompressor = None
                else:
                    self._pending = self._decompressor.unconsumed_tail
        except ReadProblem as problem:
            problem.salvaged = bytes(out)  # `read` returns these before raising
            raise
        return bytes(out)

    def _start_member(self) -> bool:
        """At a gzip member boundary: start the next member, or report the end of the data."""
        while len(self._pending) < len(GZIP_MAGIC) and self._fill():
            pass
        if not self._pending.startswith(GZIP_MAGIC):
            return False  # end of file, or trailing garbage (ignored, like gzip -d)
        self._decompressor = zlib.decompressobj(wbits=31)
        return True


@contextmanager
def open_input(path: Path, limits: ReadLimits) -> Iterator[InputStream]:
    """Open `path` for reading, after the checks that need no reading (type, size on disk).

    Raises ReadProblem (READ_ERROR or TOO_LARGE) before yielding; problems while reading are
    raised by the stream's `read`.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ReadProblem(Reason.READ_ERROR, f"cannot read file: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise ReadProblem(Reason.READ_ERROR, "not a regular file (a folder, pipe or device?)")
    if info.st_size > limits.max_bytes:
        raise ReadProblem(
            Reason.TOO_LARGE,
            f"file is {describe_size(info.st_size)}, over the limit of"
            f" {describe_size(limits.max_bytes)} (max_bytes)",
        )
    try:
        raw = open(path, "rb")  # noqa: SIM115 -- closed in the finally below
    except OSError as exc:
        raise ReadProblem(Reason.READ_ERROR, f"cannot open file: {exc.strerror or exc}") from exc
    try:
        try:
            head = raw.read(len(GZIP_MAGIC))
            raw.seek(0)
        except OSError as exc:
            raise ReadProblem(Reason.READ_ERROR, f"reading failed: {exc}") from exc
        yield InputStream(raw, compressed=head == GZIP_MAGIC, limits=limits)
    finally:
        raw.close()


def read_all(path: Path, limits: ReadLimits) -> bytes:
    """All (decompressed) bytes of a single-document file; any problem is a ReadProblem.

    A single document that is cut off is not salvaged: half an article is not an article.
    """
    with open_input(path, limits) as stream:
        parts = []
        while chunk := stream.read(CHUNK):
            parts.append(chunk)
        return b"".join(parts)
