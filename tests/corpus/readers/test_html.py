"""HTML pages: decoding with `<meta>`, the page's own URL, and the truncation policy."""

from __future__ import annotations

import gzip
from pathlib import Path

from corpus.documents import Quarantined, RawDocument, Reason
from corpus.readers import ReadLimits, read_path
from corpus.readers.html import find_url, has_visible_text, looks_truncated

PAGE = """<!doctype html>
<html><head><title>Budget</title>
<link rel="stylesheet" href="/s.css">
<link href="https://www.Herald.example/news/budget?id=1&amp;p=2" rel="canonical">
<meta property="og:url" content="https://og.example/other">
</head><body><article><p>The council approved the budget.</p></article></body></html>
"""


def read_one(root: Path, rel: str, data: bytes) -> RawDocument | Quarantined:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    units = list(read_path(path, root, ReadLimits()))
    assert len(units) == 1
    return units[0]


def test_page_with_canonical_url(tmp_path: Path) -> None:
    doc = read_one(tmp_path, "folder/page.html", PAGE.encode())
    assert doc == RawDocument(
        source_path="folder/page.html",
        site="herald.example",
        kind="html",
        content=PAGE,
        url="https://www.Herald.example/news/budget?id=1&p=2",
        encoding="utf-8",
    )


def test_og_url_when_canonical_is_relative(tmp_path: Path) -> None:
    page = PAGE.replace("https://www.Herald.example/news/budget?id=1&amp;p=2", "/news/budget")
    doc = read_one(tmp_path, "folder/page.htm", page.encode())
    assert isinstance(doc, RawDocument)
    assert (doc.url, doc.site) == ("https://og.example/other", "og.example")


def test_no_url_falls_back_to_folder(tmp_path: Path) -> None:
    doc = read_one(tmp_path, "gazette/p.html", b"<html><body><p>Hello</p></body></html>")
    assert isinstance(doc, RawDocument)
    assert (doc.url, doc.site) == (None, "gazette")


def test_meta_charset_decodes_the_page(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1251"></head><body>Новости дня</body></html>'
    doc = read_one(tmp_path, "ru/p.html", page.encode("cp1251"))
    assert isinstance(doc, RawDocument)
    assert (doc.content, doc.encoding) == (page, "cp1251")


def test_gzipped_page(tmp_path: Path) -> None:
    doc = read_one(tmp_path, "folder/page.htm.gz", gzip.compress(PAGE.encode("utf-16")))
    assert isinstance(doc, RawDocument)
    assert (doc.source_path, doc.content, doc.encoding) == (
        "folder/page.htm.gz",
        PAGE,
        "utf-16-le",
    )


def test_truncated_page_with_text_is_kept(tmp_path: Path) -> None:
    page = '<html><body><p>The council approved the budget.</p><div class="fo'
    doc = read_one(tmp_path, "folder/cut.html", page.encode())
    assert isinstance(doc, RawDocument)
    assert doc.content == page


def test_truncated_page_without_text_is_quarantined(tmp_path: Path) -> None:
    page = "<html><head><title>Budget</title><script>var a = '<b>';</script></head><bo"
    unit = read_one(tmp_path, "folder/cut.html", page.encode())
    assert unit == Quarantined(
        source_path="folder/cut.html",
        reason=Reason.TRUNCATED,
        detail="HTML page is cut off after 74 characters, before any visible text"
        " (truncated download?)",
        site="folder",
    )


def test_complete_page_without_text_is_left_to_extraction(tmp_path: Path) -> None:
    doc = read_one(tmp_path, "folder/p.html", b"<html><body><img src=x></body></html>")
    assert isinstance(doc, RawDocument)


def test_empty_page(tmp_path: Path) -> None:
    unit = read_one(tmp_path, "folder/p.html", b"\n\n")
    assert isinstance(unit, Quarantined)
    assert (unit.reason, unit.detail) == (Reason.EMPTY, "only whitespace (2 bytes)")


def test_looks_truncated() -> None:
    assert looks_truncated("<html><body><p>text</p><a href=")
    assert not looks_truncated("<html><body><p>text</p></body></html>")
    assert not looks_truncated("<html><body><p>text, no closing tags but a clean end</p>")
    assert not looks_truncated("<p>a fragment without html/body <a")


def test_has_visible_text() -> None:
    assert has_visible_text("<p>x</p>")
    assert not has_visible_text("<head><title>T</title></head><!-- c --><script>1<2</script>")
    assert not has_visible_text("<div>&nbsp;</div><style>p{}</style>")


def test_find_url_ignores_links_in_the_body() -> None:
    markup = '<head></head><body><link rel="canonical" href="https://elsewhere.example/">'
    assert find_url(markup) is None
    assert find_url("<meta name='og:url' content='http://a.example/x'>") == "http://a.example/x"
