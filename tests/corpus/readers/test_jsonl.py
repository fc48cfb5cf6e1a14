"""JSON Lines: one unit per non-blank line, and a broken tail never double counts a line."""

from __future__ import annotations

import codecs
import gzip
import json
from pathlib import Path

from corpus.documents import Quarantined, RawDocument, Reason
from corpus.readers import ReadLimits, read_path

Unit = RawDocument | Quarantined


def read(root: Path, rel: str, data: bytes, limits: ReadLimits | None = None) -> list[Unit]:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return list(read_path(path, root, limits or ReadLimits()))


def line(**fields: object) -> bytes:
    return json.dumps(fields).encode() + b"\n"


def reasons(units: list[Unit]) -> list[tuple[str, str]]:
    return [(u.source_path, u.reason.value if isinstance(u, Quarantined) else "doc") for u in units]


def test_fields_and_metadata(tmp_path: Path) -> None:
    data = line(
        text="Plain article.",
        url="https://www.Herald.example/a",
        title=" Title ",
        author="A. Writer",
        date="2024-03-01",
    ) + line(html="<p>Markup wins</p>", text="ignored", site="Custom Site", published="2024")
    first, second = read(tmp_path, "feeds/f.jsonl", data)
    assert first == RawDocument(
        source_path="feeds/f.jsonl#L1",
        site="herald.example",
        kind="text",
        content="Plain article.",
        url="https://www.Herald.example/a",
        title="Title",
        author="A. Writer",
        published="2024-03-01",
        encoding="utf-8",
    )
    assert isinstance(second, RawDocument)
    assert (second.kind, second.content, second.site, second.published) == (
        "html",
        "<p>Markup wins</p>",
        "Custom Site",
        "2024",
    )


def test_html_canonical_url_when_no_url_field(tmp_path: Path) -> None:
    html = '<html><head><link rel="canonical" href="https://gazette.example/x"></head>'
    (doc,) = read(tmp_path, "feeds/f.jsonl", line(html=html + "<body>News</body></html>"))
    assert isinstance(doc, RawDocument)
    assert (doc.url, doc.site) == ("https://gazette.example/x", "gazette.example")


def test_bad_lines_each_become_one_row(tmp_path: Path) -> None:
    data = b"".join(
        [
            line(text="ok one"),  # L1
            b"\n",  # L2 blank: not a unit
            b"   \r\n",  # L3 blank
            b"{not json\n",  # L4
            b"[1, 2]\n",  # L5
            line(title="no body"),  # L6
            line(text="   "),  # L7
            line(text=42),  # L8
            line(html="", text=""),  # L9
            line(html=None, text="text when html is null"),  # L10
            b'{"text": "last line without newline"}',  # L11
        ]
    )
    units = read(tmp_path, "f.jsonl", data)
    assert reasons(units) == [
        ("f.jsonl#L1", "doc"),
        ("f.jsonl#L4", "malformed"),
        ("f.jsonl#L5", "malformed"),
        ("f.jsonl#L6", "malformed"),
        ("f.jsonl#L7", "empty"),
        ("f.jsonl#L8", "malformed"),
        ("f.jsonl#L9", "empty"),
        ("f.jsonl#L10", "doc"),
        ("f.jsonl#L11", "doc"),
    ]
    details = {u.source_path: u.detail for u in units if isinstance(u, Quarantined)}
    assert details["f.jsonl#L4"] == (
        "not valid JSON: Expecting property name enclosed in double quotes at column 2"
    )
    assert details["f.jsonl#L5"] == "an array, not a JSON object with text or html"
    assert details["f.jsonl#L6"] == 'object has neither a "text" nor an "html" field'
    assert details["f.jsonl#L7"] == '"text" is empty'
    assert details["f.jsonl#L8"] == '"text" is a number, not a string'
    assert details["f.jsonl#L9"] == '"html" and "text" are empty'
    assert all(u.site == tmp_path.name for u in units)


def test_crlf_and_bom(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + line(text="first").replace(b"\n", b"\r\n") + line(text="second")
    units = read(tmp_path, "s/f.jsonl", data)
    assert [u.content for u in units if isinstance(u, RawDocument)] == ["first", "second"]
    assert reasons(units) == [("s/f.jsonl#L1", "doc"), ("s/f.jsonl#L2", "doc")]


def test_line_that_is_not_utf8_falls_back(tmp_path: Path) -> None:
    data = line(text="fine") + '{"text": "café – “quoted”"}\n'.encode("cp1252")
    units = read(tmp_path, "s/f.jsonl", data)
    assert isinstance(units[1], RawDocument)
    assert (units[1].content, units[1].encoding) == ("café – “quoted”", "cp1252")


def test_truncated_gzip_keeps_lines_before_the_break(tmp_path: Path) -> None:
    body = b"".join(line(text=f"article number {i}") for i in range(1, 3001))
    units = read(tmp_path, "s/f.jsonl.gz", gzip.compress(body)[:-20])
    *docs, broken = units
    assert all(isinstance(d, RawDocument) for d in docs)
    assert len(docs) > 2000  # most of the feed survives
    assert [d.source_path for d in docs] == [f"s/f.jsonl.gz#L{i}" for i in range(1, len(docs) + 1)]
    assert docs[-1].content == f"article number {len(docs)}"
    assert isinstance(broken, Quarantined)
    assert broken.source_path == f"s/f.jsonl.gz#L{len(docs) + 1}"  # the partial line, once
    assert broken.reason is Reason.TRUNCATED
    assert broken.detail.startswith("gzip stream ends early after ")
    assert broken.detail.endswith(f"; everything from line {len(docs) + 1:,} on is lost")


def test_decompressed_limit_keeps_lines_before_it(tmp_path: Path) -> None:
    body = b"".join(line(text=f"a{i:04d}") for i in range(1000))  # 18 bytes per line
    units = read(
        tmp_path, "s/f.jsonl.gz", gzip.compress(body), ReadLimits(max_decompressed_bytes=180)
    )
    assert reasons(units) == [(f"s/f.jsonl.gz#L{i}", "doc") for i in range(1, 11)] + [
        ("s/f.jsonl.gz#L11", "too_large")
    ]
    assert units[-1].detail == (  # type: ignore[union-attr]
        "decompresses to more than 180 bytes (max_decompressed_bytes; a gzip bomb?);"
        " everything from line 11 on was not read"
    )


def test_document_too_long(tmp_path: Path) -> None:
    units = read(
        tmp_path,
        "s/f.jsonl",
        line(text="x" * 50) + line(text="short"),
        ReadLimits(max_document_chars=20),
    )
    assert reasons(units) == [("s/f.jsonl#L1", "too_large"), ("s/f.jsonl#L2", "doc")]
    assert units[0].detail == (  # type: ignore[union-attr]
        '"text" has 50 characters, over the limit of 20 (max_document_chars)'
    )


def test_runaway_line_is_skipped_without_buffering(tmp_path: Path) -> None:
    runaway = b'{"text": "' + b"x" * (1024 * 1024 + 200) + b'"}\n'
    units = read(
        tmp_path,
        "s/f.jsonl",
        line(text="a") + runaway + line(text="b"),
        ReadLimits(max_document_chars=10),
    )
    assert reasons(units) == [
        ("s/f.jsonl#L1", "doc"),
        ("s/f.jsonl#L2", "too_large"),
        ("s/f.jsonl#L3", "doc"),
    ]
    assert units[1].detail == (  # type: ignore[union-attr]
        "line is 1.0 MiB, too long for a document of at most 10 characters (max_document_chars)"
    )


def test_empty_file(tmp_path: Path) -> None:
    assert read(tmp_path, "s/f.jsonl", b"\n\n") == [
        Quarantined("s/f.jsonl", Reason.EMPTY, "no JSON lines: the file is empty or blank", "s")
    ]


def test_binary_file_is_one_row(tmp_path: Path) -> None:
    assert read(tmp_path, "s/f.jsonl", b"\x89PNG\r\n\x1a\n" + b"\x00\n" * 500) == [
        Quarantined("s/f.jsonl", Reason.BINARY, "looks like a PNG image, not text", "s")
    ]


def test_utf16_file_is_one_row(tmp_path: Path) -> None:
    data = (line(text="a") + line(text="b")).decode().encode("utf-16")
    assert read(tmp_path, "s/f.jsonl", data) == [
        Quarantined(
            "s/f.jsonl", Reason.UNDECODABLE, "JSON Lines must be UTF-8; this file is UTF-16", "s"
        )
    ]


def test_plain_file_cut_mid_line(tmp_path: Path) -> None:
    data = line(text="complete") + b'{"text": "cut off in the mid'
    units = read(tmp_path, "s/f.jsonl", data)
    assert reasons(units) == [("s/f.jsonl#L1", "doc"), ("s/f.jsonl#L2", "truncated")]
    assert units[1].detail == (  # type: ignore[union-attr]
        "last line has no newline and is not complete JSON (Unterminated string starting at);"
        " file cut off?"
    )
