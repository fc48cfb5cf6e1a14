"""Turn raw bytes into text, or explain why they are not text.

Scraped news arrives in every encoding the web ever used, often mislabelled. The order of
guesses below is chosen so that a wrong guess is rare and, when it happens, cheap:

1. empty or whitespace-only bytes are EMPTY (nothing to decode);
2. a byte-order mark is the strongest signal there is, so it wins over everything;
3. binary sniffing (signatures, NUL bytes, C0 control characters) runs before any text codec
   because UTF-8 and latin-1 happily "decode" a PNG;
4. strict UTF-8: valid multi-byte UTF-8 almost never happens by accident, so it beats any
   declared charset (servers and `<meta>` tags routinely claim ISO-8859-1 for UTF-8 pages);
5. a charset the caller declared (HTTP header), then, for HTML, the page's own `<meta>`;
6. cp1252, the de-facto meaning of "latin-1" on the web (WHATWG maps the label to it);
7. latin-1, which cannot fail, so it is guarded by a control-character check.

Everything is strict: a codec that needs `errors="replace"` is the wrong codec, and silently
inserting U+FFFD would hide the problem from the quarantine report.
"""

from __future__ import annotations

import codecs
import re

from corpus.documents import Reason

__all__ = ["DecodeProblem", "decode_text", "sniff_binary", "sniff_html_charset"]

# How much of the input binary sniffing and `<meta>` scanning look at: enough for any real
# header, small enough that a 50 MiB file costs nothing extra.
SNIFF_BYTES = 8192

# A share of C0 control bytes (other than tab, LF, CR, FF) above this is not text. Real text
# has essentially none; uniformly random bytes have ~11%, so 10% still catches them.
MAX_CONTROL_SHARE = 0.10

# latin-1 maps every byte, so "decodes" garbage too; garbage shows up as C1 controls
# (U+0080-U+009F, which no real text contains). Above this share the input is UNDECODABLE.
MAX_LATIN1_CONTROL_SHARE = 0.20

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 little-endian one.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office/EPUB file)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"\x7fELF", "an executable (ELF)"),
)

# Labels whose strict Python codec is narrower than what browsers (and therefore authors)
# actually use under that name: decoding with the superset avoids a needless fallback.
_LABEL_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "x-cp1252": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
}

_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")

_WHITESPACE_C0 = frozenset(b"\t\n\r\f")
# The C0 control bytes `_c0_share` counts: all below 0x20 except the whitespace above.
_C0_CONTROLS = bytes(b for b in range(0x20) if b not in _WHITESPACE_C0)
# Regexes rather than Python loops: the latin-1 check may scan a whole 50 MiB file.
_C0_ONLY = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_C0_AND_C1 = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class DecodeProblem(Exception):
    """Bytes that cannot become text; `reason` and `detail` go straight into a Quarantined row."""

    def __init__(self, reason: Reason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def decode_text(data: bytes, declared: str | None = None, *, html: bool = False) -> tuple[str, str]:
    """Decode `data` strictly; return (text, Python codec name) or raise DecodeProblem.

    `declared` is a charset the caller knows from outside the bytes (an HTTP header); it is
    trusted less than valid UTF-8 because such labels are wrong far more often than UTF-8
    validity is a coincidence. `html=True` additionally honours a `<meta charset>` or XML
    declaration in the first few KiB, after `declared` (the HTTP header wins, as in browsers).
    The returned name is Python's canonical codec name ("utf-8", "utf-8-sig", "utf-16-le",
    "cp1252", "iso8859-1", ...), so `data.decode(name)` reproduces the text.
    """
    if not data.strip():
        raise DecodeProblem(Reason.EMPTY, _empty_detail(data))

    bom_result = _decode_with_bom(data)
    if bom_result is not None:
        return _checked(*bom_result)

    declared_codec = _codec_for_label(declared) if declared else None
    sample = data[:SNIFF_BYTES]

    signature = _signature(sample)
    if signature is not None:
        raise DecodeProblem(Reason.BINARY, f"looks like {signature}, not text")

    if b"\x00" in sample:
        wide = _decode_wide(data)
        if wide is not None:
            return _checked(*wide)
        offset = sample.index(b"\x00")
        raise DecodeProblem(
            Reason.BINARY, f"contains NUL bytes (first at byte {offset:,}), so it is not text"
        )

    stateful = bool(declared_codec and declared_codec.startswith("iso2022"))
    control_share = _c0_share(sample.replace(b"\x1b", b"") if stateful else sample)
    if control_share > MAX_CONTROL_SHARE:
        raise DecodeProblem(
            Reason.BINARY,
            f"{control_share:.0%} of the first {len(sample):,} bytes are control characters,"
            " so it is not text",
        )

    # ISO-2022 encodings are 7-bit, hence always "valid UTF-8": only the declaration can
    # tell them apart, so it has to be tried before UTF-8 for these alone.
    if stateful and declared_codec and b"\x1b" in data:
        result = _try(data, declared_codec)
        if result is not None:
            return _checked(*result)

    candidates = ["utf-8"]
    if declared_codec:
        candidates.append(declared_codec)
    if html:
        meta_codec = _codec_for_label(sniff_html_charset(sample))
        if meta_codec:
            candidates.append(meta_codec)
    candidates.append("cp1252")

    for codec in candidates:
        result = _try(data, codec)
        if result is not None:
            return _checked(*result)

    text = data.decode("latin-1")
    share = _control_char_share(text)
    if share > MAX_LATIN1_CONTROL_SHARE:
        raise DecodeProblem(
            Reason.UNDECODABLE,
            f"not UTF-8, {_declared_note(declared)}not cp1252, and as latin-1 {share:.0%} of"
            " the characters would be control characters",
        )
    return _checked(text, "iso8859-1")


def sniff_binary(data: bytes) -> str | None:
    """Why the start of `data` is clearly not text (for container readers), or None.

    Container formats (JSONL) must be rejected as a whole before they are split into lines;
    otherwise one PNG named `.jsonl` turns into hundreds of MALFORMED rows.
    """
    sample = data[:SNIFF_BYTES]
    if not sample:
        return None
    signature = _signature(sample)
    if signature is not None:
        return f"looks like {signature}, not text"
    if b"\x00" in sample:
        offset = sample.index(b"\x00")
        return f"contains NUL bytes (first at byte {offset:,}), so it is not text"
    if _c0_share(sample) > MAX_CONTROL_SHARE:
        return "mostly control characters, so it is not text"
    return None


def sniff_html_charset(data: bytes) -> str | None:
    """The charset label a page declares in `<meta>` or an XML declaration, if any."""
    head = data[:SNIFF_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    return match.group(1).decode("ascii").strip().lower() or None


def _codec_for_label(label: str | None) -> str | None:
    """Python codec for a charset label, or None when Python does not know it.

    UTF-16/32 labels are dropped: in ASCII-compatible bytes (which is all we get here, BOM
    and NUL handling happen earlier) such a label is a lie, and browsers ignore it too.
    """
    if not label:
        return None
    cleaned = label.strip().strip("\"'").lower()
    cleaned = _LABEL_ALIASES.get(cleaned, cleaned)
    try:
        name = codecs.lookup(cleaned).name
    except (LookupError, ValueError):
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None
    return name


def _decode_with_bom(data: bytes) -> tuple[str, str] | None:
    for bom, codec, label in _BOMS:
        if not data.startswith(bom):
            continue
        try:
            text = data[len(bom) :].decode(codec)
        except UnicodeDecodeError as exc:
            if codec == "utf-32-le":
                continue  # FF FE 00 00 may be a UTF-16 LE BOM followed by U+0000
            raise DecodeProblem(
                Reason.UNDECODABLE,
                f"starts with a {label} byte-order mark but is not valid {label}"
                f" ({exc.reason} at byte {exc.start + len(bom):,})",
            ) from None
        return text, "utf-8-sig" if codec == "utf-8" else codec
    return None


def _decode_wide(data: bytes) -> tuple[str, str] | None:
    """BOM-less UTF-16 (some Windows exports): NULs in every other byte, nowhere else."""
    sample = data[:SNIFF_BYTES]
    sample = sample[: len(sample) - len(sample) % 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0::2].count(0) / pairs
    odd_nuls = sample[1::2].count(0) / pairs
    if odd_nuls > 0.3 and even_nuls < 0.05:
        codec = "utf-16-le"
    elif even_nuls > 0.3 and odd_nuls < 0.05:
        codec = "utf-16-be"
    else:
        return None
    result = _try(data, codec)
    if result is None:
        return None
    if _control_char_share(result[0][:SNIFF_BYTES], include_c1=False) > MAX_CONTROL_SHARE:
        return None
    return result


def _try(data: bytes, codec: str) -> tuple[str, str] | None:
    try:
        return data.decode(codec), codecs.lookup(codec).name
    except (UnicodeDecodeError, LookupError):
        return None


def _checked(text: str, encoding: str) -> tuple[str, str]:
    """Final checks that only make sense on decoded text (whatever the codec was)."""
    if not text.strip():
        raise DecodeProblem(Reason.EMPTY, f"only whitespace once decoded ({encoding})")
    share = _control_char_share(text[:SNIFF_BYTES], include_c1=False)
    if share > MAX_CONTROL_SHARE:
        raise DecodeProblem(
            Reason.BINARY,
            f"decodes ({encoding}) to text that is {share:.0%} control characters,"
            " so it is not text",
        )
    return text, encoding


def _signature(sample: bytes) -> str | None:
    for magic, description in _SIGNATURES:
        if sample.startswith(magic):
            return description
    if sample[:4] == b"RIFF" and sample[8:12] == b"WEBP":
        return "a WebP image"
    return None


def _c0_share(sample: bytes) -> float:
    """Share of C0 control bytes other than tab, LF, CR and FF.

    Counted as the bytes `bytes.translate` deletes, in C: every input is sniffed, and the
    generator over each byte that this replaced cost 50 µs a file (8 KiB samples of the
    benchmark's plain-text news) against 3 µs now. `_c0_share_reference` is the plain form,
    kept for the test that compares the two.
    """
    if not sample:
        return 0.0
    return (len(sample) - len(sample.translate(None, _C0_CONTROLS))) / len(sample)


def _c0_share_reference(sample: bytes) -> float:
    """`_c0_share` one byte at a time: the definition, kept for the equality test."""
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _WHITESPACE_C0)
    return controls / len(sample) if sample else 0.0


def _control_char_share(text: str, *, include_c1: bool = True) -> float:
    """Share of control characters; C1 (U+0080-U+009F) only counts where it means garbage.

    In latin-1 output C1 characters are raw bytes 0x80-0x9F that no text contains; in UTF-8
    or UTF-16 they were encoded on purpose (usually old mojibake that ftfy repairs later).
    """
    if not text:
        return 0.0
    pattern = _C0_AND_C1 if include_c1 else _C0_ONLY
    return len(pattern.findall(text)) / len(text)


def _empty_detail(data: bytes) -> str:
    if not data:
        return "file is empty (0 bytes)"
    return f"only whitespace ({len(data):,} bytes)"


def _declared_note(declared: str | None) -> str:
    return f"not the declared {declared!r}, " if declared else ""
