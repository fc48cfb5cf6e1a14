"""`.txt` files through `read_path`: one file, one unit, whatever the bytes."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

from corpus.documents import Quarantined, RawDocument, Reason
from corpus.readers import ReadLimits, read_path

ARTICLE = "Council approves café – “quoted” budget.\nSecond paragraph.\n"


def read_one(
    root: Path, rel: str, data: bytes, limits: ReadLimits | None = None
) -> RawDocument | Quarantined:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    units = list(read_path(path, root, limits or ReadLimits()))
    assert len(units) == 1
    return units[0]


def test_utf8_text_in_a_site_folder(tmp_path: Path) -> None:
    doc = read_one(tmp_path, "herald/2024/a.txt", ARTICLE.encode())
    assert doc == RawDocument(
        source_path="herald/2024/a.txt",
        site="herald",
        kind="text",
        content=ARTICLE,
        encoding="utf-8",
    )


def test_loose_file_belongs_to_the_input_folder(tmp_path: Path) -> None:
    root = tmp_path / "scrape"
    root.mkdir()
    doc = read_one(root, "a.txt", ARTICLE.encode())
    assert isinstance(doc, RawDocument)
    assert doc.site == "scrape"


def test_utf8_bom(tmp_path: Path) -> None:
    doc = read_one(tmp_path, "s/a.txt", codecs.BOM_UTF8 + ARTICLE.encode())
    assert isinstance(doc, RawDocument)
    assert (doc.content, doc.encoding) == (ARTICLE, "utf-8-sig")


def test_utf16_le_and_be_with_bom(tmp_path: Path) -> None:
    le = read_one(tmp_path, "s/le.txt", codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"))
    be = read_one(tmp_path, "s/be.txt", codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"))
    assert isinstance(le, RawDocument) and isinstance(be, RawDocument)
    assert (le.content, le.encoding) == (ARTICLE, "utf-16-le")
    assert (be.content, be.encoding) == (ARTICLE, "utf-16-be")


def test_cp1252(tmp_path: Path) -> None:
    doc = read_one(tmp_path, "s/a.txt", ARTICLE.encode("cp1252"))
    assert isinstance(doc, RawDocument)
    assert (doc.content, doc.encoding) == (ARTICLE, "cp1252")


def test_latin1(tmp_path: Path) -> None:
    data = "Straße in Köln\n".encode("latin-1") + b"\x8d\n"
    doc = read_one(tmp_path, "s/a.txt", data)
    assert isinstance(doc, RawDocument)
    assert (doc.content, doc.encoding) == ("Straße in Köln\n\x8d\n", "iso8859-1")


def test_binary(tmp_path: Path) -> None:
    unit = read_one(tmp_path, "s/image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert unit == Quarantined(
        source_path="s/image.txt",
        reason=Reason.BINARY,
        detail="looks like a PNG image, not text",
        site="s",
    )


def test_empty_and_whitespace_only(tmp_path: Path) -> None:
    empty = read_one(tmp_path, "s/empty.txt", b"")
    blank = read_one(tmp_path, "s/blank.txt", b"  \n\n\t ")
    assert isinstance(empty, Quarantined) and isinstance(blank, Quarantined)
    assert (empty.reason, empty.detail) == (Reason.EMPTY, "file is empty (0 bytes)")
    assert (blank.reason, blank.detail) == (Reason.EMPTY, "only whitespace (6 bytes)")


def test_gzipped_text(tmp_path: Path) -> None:
    doc = read_one(tmp_path, "s/a.txt.gz", gzip.compress(ARTICLE.encode()))
    assert isinstance(doc, RawDocument)
    assert (doc.source_path, doc.content, doc.encoding) == ("s/a.txt.gz", ARTICLE, "utf-8")


def test_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress((ARTICLE * 200).encode())[:-20]
    unit = read_one(tmp_path, "s/a.txt.gz", data)
    assert isinstance(unit, Quarantined)
    assert (unit.source_path, unit.reason) == ("s/a.txt.gz", Reason.TRUNCATED)
    assert "gzip stream ends early" in unit.detail


def test_oversized_file(tmp_path: Path) -> None:
    unit = read_one(tmp_path, "s/a.txt", ARTICLE.encode(), ReadLimits(max_bytes=16))
    assert isinstance(unit, Quarantined)
    assert unit.reason is Reason.TOO_LARGE
    assert unit.detail == "file is 66 bytes, over the limit of 16 bytes (max_bytes)"


def test_too_many_characters(tmp_path: Path) -> None:
    unit = read_one(tmp_path, "s/a.txt", ARTICLE.encode(), ReadLimits(max_document_chars=10))
    assert isinstance(unit, Quarantined)
    assert unit.reason is Reason.TOO_LARGE
    assert unit.detail == ("document has 59 characters, over the limit of 10 (max_document_chars)")
