"""decode_text: the order of guesses decides which encoding wins, so each rung is pinned here."""

from __future__ import annotations

import codecs

import pytest

from corpus.documents import Reason
from corpus.encoding import DecodeProblem, decode_text, sniff_binary, sniff_html_charset

CAFE = "café – “quoted”"
RUSSIAN = "Привет, мир"


def problem(data: bytes, **kwargs: object) -> DecodeProblem:
    with pytest.raises(DecodeProblem) as caught:
        decode_text(data, **kwargs)  # type: ignore[arg-type]
    return caught.value


def test_plain_utf8() -> None:
    assert decode_text("héllo wörld".encode()) == ("héllo wörld", "utf-8")


def test_utf8_bom_is_stripped() -> None:
    assert decode_text(codecs.BOM_UTF8 + CAFE.encode()) == (CAFE, "utf-8-sig")


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_wide_encodings_with_bom(bom: bytes, codec: str) -> None:
    assert decode_text(bom + RUSSIAN.encode(codec)) == (RUSSIAN, codec)


def test_utf16_without_bom_is_recognized_by_its_nul_pattern() -> None:
    assert decode_text("Plain news text, no BOM.".encode("utf-16-le")) == (
        "Plain news text, no BOM.",
        "utf-16-le",
    )
    assert decode_text("Plain news text".encode("utf-16-be"))[1] == "utf-16-be"


def test_bom_that_lies_is_undecodable() -> None:
    found = problem(codecs.BOM_UTF16_LE + b"abc")  # odd number of bytes after the BOM
    assert found.reason is Reason.UNDECODABLE
    assert "UTF-16 LE byte-order mark" in found.detail


def test_cp1252_smart_punctuation() -> None:
    assert decode_text(CAFE.encode("cp1252")) == (CAFE, "cp1252")


def test_latin1_is_the_last_resort() -> None:
    # 0x81 is undefined in cp1252, so only latin-1 explains these bytes.
    data = "Größe und Maße: ".encode("latin-1") + b"\x81 okay"
    assert decode_text(data) == ("Größe und Maße: \x81 okay", "iso8859-1")


def test_latin1_garbage_is_undecodable() -> None:
    found = problem(bytes(range(0x80, 0xA0)) * 8)
    assert found.reason is Reason.UNDECODABLE
    assert "as latin-1 100% of the characters would be control characters" in found.detail


def test_png_is_binary() -> None:
    found = problem(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert found.reason is Reason.BINARY
    assert found.detail == "looks like a PNG image, not text"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a\x01\x00", "a GIF image"),
        (b"%PDF-1.7\n%\xe2\xe3", "a PDF document"),
        (b"PK\x03\x04\x14\x00", "a ZIP archive (or an Office/EPUB file)"),
    ],
)
def test_signatures(data: bytes, what: str) -> None:
    assert problem(data).detail == f"looks like {what}, not text"


def test_nul_bytes_are_binary() -> None:
    found = problem(b"text then \x00\x01\x02\x03 junk with NULs \x00\x00\x00")
    assert found.reason is Reason.BINARY
    assert found.detail == "contains NUL bytes (first at byte 10), so it is not text"


def test_control_characters_are_binary() -> None:
    found = problem(b"\x01\x02\x03\x04\x05abc\x06\x07\x0e\x0f")
    assert found.reason is Reason.BINARY
    assert "control characters" in found.detail


def test_tabs_and_newlines_are_not_control_noise() -> None:
    data = b"a\tb\r\nc\fd\n" * 50
    assert decode_text(data) == (data.decode(), "utf-8")


def test_empty_and_whitespace() -> None:
    assert problem(b"").reason is Reason.EMPTY
    assert problem(b"").detail == "file is empty (0 bytes)"
    assert problem(b" \n\t\r\n").detail == "only whitespace (5 bytes)"
    assert problem(codecs.BOM_UTF8 + b"  ").reason is Reason.EMPTY
    assert problem("\u00a0\u2003".encode()).reason is Reason.EMPTY  # NBSP, em space


def test_declared_charset_used_when_utf8_fails() -> None:
    data = RUSSIAN.encode("koi8-r")
    assert decode_text(data, declared="KOI8-R") == (RUSSIAN, "koi8-r")
    # Without the label the same bytes are (wrongly but losslessly) cp1252: that is why
    # callers that know a charset must pass it.
    assert decode_text(data)[1] == "cp1252"


def test_valid_utf8_beats_a_wrong_declaration() -> None:
    assert decode_text(CAFE.encode(), declared="iso-8859-1") == (CAFE, "utf-8")


def test_latin1_label_means_cp1252() -> None:
    assert decode_text(CAFE.encode("cp1252"), declared="ISO-8859-1") == (CAFE, "cp1252")


def test_unknown_declared_charset_is_ignored() -> None:
    assert decode_text(CAFE.encode("cp1252"), declared="x-no-such-charset") == (CAFE, "cp1252")


def test_stateful_iso2022_declared() -> None:
    text = "日本語のニュース記事です。"
    assert decode_text(text.encode("iso2022_jp"), declared="ISO-2022-JP") == (text, "iso2022_jp")


def test_html_meta_charset_only_for_html() -> None:
    page = b'<html><head><meta charset="koi8-r"></head><body>' + RUSSIAN.encode("koi8-r")
    text, encoding = decode_text(page, html=True)
    assert encoding == "koi8-r"
    assert text.endswith(RUSSIAN)
    assert decode_text(page)[1] == "cp1252"


def test_html_http_equiv_charset() -> None:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    page = meta.encode() + RUSSIAN.encode("cp1251")
    assert decode_text(page, html=True) == (meta + RUSSIAN, "cp1251")


def test_declared_header_beats_meta() -> None:
    page = b'<meta charset="koi8-r"><p>' + RUSSIAN.encode("cp1251")
    assert decode_text(page, declared="windows-1251", html=True)[1] == "cp1251"


def test_meta_claiming_utf16_is_ignored() -> None:
    page = b'<meta charset="utf-16"><p>' + CAFE.encode("cp1252")
    assert decode_text(page, html=True) == ('<meta charset="utf-16"><p>' + CAFE, "cp1252")


def test_bom_beats_declared_charset() -> None:
    data = codecs.BOM_UTF16_BE + CAFE.encode("utf-16-be")
    assert decode_text(data, declared="iso-8859-1") == (CAFE, "utf-16-be")


def test_sniff_helpers() -> None:
    assert sniff_html_charset(b"<meta charset='Shift_JIS'>") == "shift_jis"
    assert sniff_html_charset(b'<?xml version="1.0" encoding="ISO-8859-15"?><html>') == (
        "iso-8859-15"
    )
    assert sniff_html_charset(b"<p>no declaration</p>") is None
    assert sniff_binary(b'{"text": "fine"}\n') is None
    assert sniff_binary(b"GIF87a....") == "looks like a GIF image, not text"
    assert sniff_binary(b"") is None


def test_c0_share_equals_the_byte_by_byte_definition() -> None:
    """`_c0_share` counts in C (`bytes.translate`); it must give the generator's exact float on
    every byte value, on the sample corpus's files and on random bytes of every density."""
    import random
    from pathlib import Path

    from corpus.encoding import _c0_share, _c0_share_reference

    sample_corpus = Path(__file__).resolve().parents[2] / "sample_corpus"
    samples = [b"", b"\t\n\r\f", bytes(range(256)), bytes(range(32)) * 3, b"\x1b$B", b"\x00"]
    samples += [
        path.read_bytes()[:8192] for path in sorted(sample_corpus.rglob("*")) if path.is_file()
    ]
    rng = random.Random(7)
    for _ in range(3000):
        low = rng.choice([0, 0, 9, 32])
        samples.append(bytes(rng.randint(low, 255) for _ in range(rng.randint(0, 300))))
    for sample in samples:
        assert _c0_share(sample) == _c0_share_reference(sample), sample[:40]
    assert len(samples) > 3000
