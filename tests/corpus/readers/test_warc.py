"""WARC files built with warcio itself: which records are articles, and how breaks are reported."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corpus.documents import Quarantined, RawDocument, Reason
from corpus.readers import ReadLimits, read_path

Unit = RawDocument | Quarantined

ARTICLE_1 = "<html><body><p>Café – “first” article.</p>" + "<p>filler</p>" * 200 + "</body></html>"
ARTICLE_2 = "<html><body><p>Second article.</p></body></html>"


def http(status: str, content_type: str, *extra: tuple[str, str]) -> StatusAndHeaders:
    return StatusAndHeaders(status, [("Content-Type", content_type), *extra], protocol="HTTP/1.1")


def build_warc(
    *, gzip_records: bool = True, extra: list[tuple[str, bytes, StatusAndHeaders]] | None = None
) -> bytes:
    """warcinfo, request, two HTML responses, an image, a 404 page, then any `extra` responses."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_records)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "tests"}))
    request = StatusAndHeaders(
        "GET /news/1 HTTP/1.1", [("Host", "www.herald.example")], is_http_request=True
    )
    responses = [
        (
            "https://www.Herald.example/news/1",
            ARTICLE_1.encode("cp1252"),
            http("200 OK", "text/html; charset=windows-1252"),
        ),
        (
            "https://gazette.example/news/2",
            ARTICLE_2.encode(),
            http("200 OK", "application/xhtml+xml"),
        ),
        (
            "https://www.herald.example/logo.png",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 32,
            http("200 OK", "image/png"),
        ),
        (
            "https://www.herald.example/gone",
            b"<html><body>Not found</body></html>",
            http("404 Not Found", "text/html"),
        ),
        *(extra or []),
    ]
    writer.write_record(
        writer.create_warc_record(
            responses[0][0], "request", payload=io.BytesIO(b""), http_headers=request
        )
    )
    for url, body, headers in responses:
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
    return buffer.getvalue()


def read(root: Path, rel: str, data: bytes, limits: ReadLimits | None = None) -> list[Unit]:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return list(read_path(path, root, limits or ReadLimits()))


def test_only_successful_html_responses_are_articles(tmp_path: Path) -> None:
    first, second = read(tmp_path, "crawls/c.warc.gz", build_warc())
    assert first == RawDocument(
        source_path="crawls/c.warc.gz#R2",
        site="herald.example",
        kind="html",
        content=ARTICLE_1,
        url="https://www.Herald.example/news/1",
        encoding="cp1252",
    )
    assert second == RawDocument(
        source_path="crawls/c.warc.gz#R3",
        site="gazette.example",
        kind="html",
        content=ARTICLE_2,
        url="https://gazette.example/news/2",
        encoding="utf-8",
    )


def test_uncompressed_warc(tmp_path: Path) -> None:
    units = read(tmp_path, "crawls/c.warc", build_warc(gzip_records=False))
    assert [u.source_path for u in units] == ["crawls/c.warc#R2", "crawls/c.warc#R3"]
    assert all(isinstance(u, RawDocument) for u in units)


def test_content_encoding_and_meta_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="koi8-r"></head><body>Новости</body></html>'
    extra = [
        (
            "https://ru.example/a",
            gzip.compress(page.encode("koi8-r")),
            http("200 OK", "text/html", ("Content-Encoding", "gzip")),
        ),
    ]
    units = read(tmp_path, "c.warc.gz", build_warc(extra=extra))
    assert isinstance(units[-1], RawDocument)
    assert (units[-1].source_path, units[-1].content, units[-1].encoding) == (
        "c.warc.gz#R6",
        page,
        "koi8-r",
    )


def test_bad_html_payloads_are_quarantined_per_record(tmp_path: Path) -> None:
    extra = [
        ("https://a.example/bin", b"\x89PNG\r\n\x1a\n\x00\x00", http("200 OK", "text/html")),
        ("https://a.example/empty", b"   ", http("200 OK", "text/html")),
    ]
    units = read(tmp_path, "c.warc.gz", build_warc(extra=extra))
    assert units[2:] == [
        Quarantined("c.warc.gz#R6", Reason.BINARY, "looks like a PNG image, not text", "a.example"),
        Quarantined("c.warc.gz#R7", Reason.EMPTY, "only whitespace (3 bytes)", "a.example"),
    ]


def test_record_over_the_character_limit(tmp_path: Path) -> None:
    units = read(tmp_path, "c.warc", build_warc(), ReadLimits(max_document_chars=100))
    assert [(u.source_path, u.reason) for u in units if isinstance(u, Quarantined)] == [
        ("c.warc#R2", Reason.TOO_LARGE)
    ]
    assert isinstance(units[1], RawDocument)  # ARTICLE_2 is 49 characters


def test_truncated_warc_gz_keeps_records_before_the_break(tmp_path: Path) -> None:
    data = build_warc()
    units = read(tmp_path, "c.warc.gz", data[:-20])  # cuts into the 404 record's gzip member
    assert [u.source_path for u in units] == ["c.warc.gz#R2", "c.warc.gz#R3", "c.warc.gz#R5"]
    broken = units[-1]
    assert isinstance(broken, Quarantined)
    assert broken.reason is Reason.TRUNCATED
    assert broken.detail.startswith("gzip stream ends early after ")
    assert broken.detail.endswith("; everything from record 5 on is lost")


def test_truncated_payload_in_plain_warc(tmp_path: Path) -> None:
    data = build_warc(gzip_records=False)
    cut = data.index(b"filler", len(data) // 3)  # inside the first article's payload
    units = read(tmp_path, "c.warc", data[:cut])
    assert len(units) == 1
    assert units[0].source_path == "c.warc#R2"
    assert units[0].reason is Reason.TRUNCATED  # type: ignore[union-attr]
    assert units[0].detail.startswith("record 2 is cut off: ")  # type: ignore[union-attr]
    assert "are missing (truncated download?)" in units[0].detail  # type: ignore[union-attr]


def test_truncated_record_headers(tmp_path: Path) -> None:
    data = build_warc(gzip_records=False)
    last = data.rindex(b"WARC/1.")
    units = read(tmp_path, "c.warc", data[: last + 40])
    assert [u.source_path for u in units] == ["c.warc#R2", "c.warc#R3", "c.warc#R5"]
    assert units[-1].reason is Reason.TRUNCATED  # type: ignore[union-attr]
    assert units[-1].detail == (  # type: ignore[union-attr]
        "record 5 is cut off inside its headers (only 40 bytes of it present);"
        " everything from record 5 on is lost"
    )


def test_decompressed_limit(tmp_path: Path) -> None:
    units = read(tmp_path, "c.warc.gz", build_warc(), ReadLimits(max_decompressed_bytes=2000))
    assert len(units) == 1
    assert units[0].reason is Reason.TOO_LARGE  # type: ignore[union-attr]
    assert units[0].source_path == "c.warc.gz#R2"


def test_not_a_warc(tmp_path: Path) -> None:
    assert read(tmp_path, "s/c.warc", b"<html>this is a web page</html>\n") == [
        Quarantined(
            "s/c.warc",
            Reason.MALFORMED,
            "not a WARC file (it starts with '<html>this is a web page</html>')",
            "s",
        )
    ]


def test_empty_warc(tmp_path: Path) -> None:
    assert read(tmp_path, "s/c.warc.gz", gzip.compress(b"")) == [
        Quarantined("s/c.warc.gz", Reason.EMPTY, "WARC file is empty", "s")
    ]
