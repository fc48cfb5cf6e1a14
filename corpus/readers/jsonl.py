"""JSON Lines feeds (`.jsonl`, optionally gzipped): one article object per line.

Every non-blank line is one unit, `source_path` = `rel#L<1-based physical line>`; blank lines
are layout, not units. The file is streamed, so a broken feed keeps every complete line
before the break and reports the rest as one unit at the line where it broke; a partial line
is never handed out, so no unit is counted twice.

Each object needs `html` or `text` (a non-blank string; `html` wins when both are usable,
because extraction recovers more metadata from markup). Optional string fields: `url`,
`title`, `author`, `published` (or `date`), `site` (which overrides the derived site).
Metadata of the wrong type is ignored rather than costing the article.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

from corpus.documents import Quarantined, RawDocument, Reason
from corpus.encoding import DecodeProblem, decode_text, sniff_binary
from corpus.readers.base import MIB, SourceFile, describe_size
from corpus.readers.compression import CHUNK, InputStream, ReadProblem, open_input
from corpus.readers.html import find_url, truncation_problem
from corpus.readers.site import site_for

__all__ = ["read_jsonl"]

# JSON may escape every character as \uXXXX, and astral ones as two of them (12 bytes), so a
# line may be 12 bytes per allowed character, plus room for the metadata fields.
_JSON_BYTES_PER_CHAR = 12
_METADATA_ALLOWANCE = MIB

_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    type(None): "null",
}


def read_jsonl(src: SourceFile) -> Iterator[RawDocument | Quarantined]:
    """Every non-blank line as a RawDocument or Quarantined row, in file order."""
    with ExitStack() as stack:
        try:
            stream = stack.enter_context(open_input(src.path, src.limits))
        except ReadProblem as problem:
            yield src.quarantine(problem.reason, problem.detail)
            return
        yield from _read_stream(src, stream)


def _read_stream(src: SourceFile, stream: InputStream) -> Iterator[RawDocument | Quarantined]:
    try:
        first = stream.read(CHUNK)
    except ReadProblem as problem:
        yield src.quarantine(problem.reason, problem.detail)
        return
    whole_file = _whole_file_problem(first)
    if whole_file is not None:
        yield src.quarantine(*whole_file)
        return
    if first.startswith(codecs.BOM_UTF8):
        first = first[len(codecs.BOM_UTF8) :]

    max_line = src.limits.max_document_chars * _JSON_BYTES_PER_CHAR + _METADATA_ALLOWANCE
    line_no = units = 0
    try:
        for line, size, terminated in _split_lines(first, stream, max_line):
            line_no += 1
            unit = _line_unit(src, line_no, line, size, terminated)
            if unit is not None:
                units += 1
                yield unit
    except ReadProblem as problem:
        rest = "is lost" if problem.reason is Reason.TRUNCATED else "was not read"
        detail = f"{problem.detail}; everything from line {line_no + 1:,} on {rest}"
        yield src.quarantine(problem.reason, detail, fragment=f"L{line_no + 1}")
        return
    if units == 0:
        yield src.quarantine(Reason.EMPTY, "no JSON lines: the file is empty or blank")


def _whole_file_problem(first: bytes) -> tuple[Reason, str] | None:
    """Problems that make line splitting meaningless, so they cost one row, not thousands."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if first.startswith(bom):
            return Reason.UNDECODABLE, f"JSON Lines must be UTF-8; this file is {name}"
    binary = sniff_binary(first)
    if binary is not None:
        return Reason.BINARY, binary
    return None


def _split_lines(
    first: bytes, stream: InputStream, max_line: int
) -> Iterator[tuple[bytes | None, int, bool]]:
    """Physical lines as (bytes without the newline, size, ended by a newline).

    The bytes are None for an overlong line.
    Overlong lines are skipped without buffering them, so one runaway line cannot exhaust
    memory. A ReadProblem from the stream propagates with the partial line discarded.
    """
    buffer = bytearray()
    overlong = 0  # bytes of the current line once it is known to be too long
    chunk = first
    while chunk:
        start = 0
        while True:
            newline = chunk.find(b"\n", start)
            piece = chunk[start:] if newline < 0 else chunk[start:newline]
            if overlong:
                overlong += len(piece)
            else:
                buffer += piece
                if len(buffer) > max_line:
                    overlong, buffer = len(buffer), bytearray()
            if newline < 0:
                break
            yield (None, overlong, True) if overlong else (bytes(buffer), len(buffer), True)
            buffer, overlong = bytearray(), 0
            start = newline + 1
        chunk = stream.read(CHUNK)
    if overlong:
        yield None, overlong, False
    elif buffer:
        yield bytes(buffer), len(buffer), False  # a last line without a newline is still a line


def _line_unit(
    src: SourceFile, line_no: int, line: bytes | None, size: int, terminated: bool
) -> RawDocument | Quarantined | None:
    fragment = f"L{line_no}"
    if line is None:
        return src.quarantine(
            Reason.TOO_LARGE,
            f"line is {describe_size(size)}, too long for a document of at most"
            f" {src.limits.max_document_chars:,} characters (max_document_chars)",
            fragment,
        )
    if not line.strip():
        return None
    try:
        text, encoding = line.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = decode_text(line)
        except DecodeProblem as problem:
            return src.quarantine(problem.reason, f"line is not text: {problem.detail}", fragment)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        if not terminated:
            # Writers end every line with a newline; a broken last line without one is the
            # signature of a file cut off mid-write, which is worth saying so.
            return src.quarantine(
                Reason.TRUNCATED,
                f"last line has no newline and is not complete JSON ({exc.msg}); file cut off?",
                fragment,
            )
        return src.quarantine(
            Reason.MALFORMED, f"not valid JSON: {exc.msg} at column {exc.colno:,}", fragment
        )
    except (ValueError, RecursionError) as exc:
        return src.quarantine(Reason.MALFORMED, f"not valid JSON: {exc}", fragment)
    if not isinstance(obj, dict):
        return src.quarantine(
            Reason.MALFORMED, f"{_json_type(obj)}, not a JSON object with text or html", fragment
        )
    return _document(src, fragment, obj, encoding)


def _document(
    src: SourceFile, fragment: str, obj: dict[str, Any], encoding: str
) -> RawDocument | Quarantined:
    content_field = next(
        (name for name in ("html", "text") if isinstance(obj.get(name), str) and obj[name].strip()),
        None,
    )
    url = _string(obj, "url")
    explicit_site = _string(obj, "site")
    site = explicit_site or site_for(src.rel, url, src.input_dir_name)
    if content_field is None:
        reason, detail = _missing_content(obj)
        return src.quarantine(reason, detail, fragment, site=site)

    content: str = obj[content_field]
    too_large = src.too_many_chars(len(content), f'"{content_field}"')
    if too_large:
        return src.quarantine(Reason.TOO_LARGE, too_large, fragment, site=site)
    kind = "html" if content_field == "html" else "text"
    if kind == "html":
        cut = truncation_problem(content)
        if cut:
            return src.quarantine(Reason.TRUNCATED, cut, fragment, site=site)
        if url is None:
            url = find_url(content)
            site = explicit_site or site_for(src.rel, url, src.input_dir_name)
    return RawDocument(
        source_path=src.unit(fragment),
        site=site,
        kind=kind,
        content=content,
        url=url,
        title=_string(obj, "title"),
        author=_string(obj, "author"),
        published=_string(obj, "published") or _string(obj, "date"),
        encoding=encoding,
    )


def _missing_content(obj: dict[str, Any]) -> tuple[Reason, str]:
    present = [name for name in ("html", "text") if obj.get(name) is not None]
    if not present:
        return Reason.MALFORMED, 'object has neither a "text" nor an "html" field'
    strings = [name for name in present if isinstance(obj[name], str)]
    if strings:
        fields = " and ".join(f'"{name}"' for name in strings)
        return Reason.EMPTY, f"{fields} {'is' if len(strings) == 1 else 'are'} empty"
    name = present[0]
    return Reason.MALFORMED, f'"{name}" is {_json_type(obj[name])}, not a string'


def _string(obj: dict[str, Any], name: str) -> str | None:
    value = obj.get(name)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)
