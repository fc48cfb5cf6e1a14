"""Splitting text into numbered lines, and the two comparison forms every rule shares.

`match_form` is what phrase patterns are written against (case and Unicode width folded, so a
pattern list stays short). `line_key` is far more aggressive (digits and punctuation gone) and
exists only to count the same template line across a site's pages; it never reaches the output.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

import ftfy

from cleaners.base import Line
from cleaners.normalize import ftfy_has_work

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_DIGIT = re.compile(r"\d")

# Words that carry no topic; used for capitalisation and overlap tests on short lines.
STOPWORDS = frozenset(
    (
        "a about after all an and any are as at be been before being but by can could did do "
        "does for from has have he her his how in into is it its may might must no not of off "
        "on or our out over per she should so than that the their them then there these they "
        "this those to up via vs was we were what when where which who why will with would "
        "you your"
    ).split()
)


def _needs_ftfy(text: str) -> bool:
    # Pure ASCII skips ftfy here (an entity in a line is matched as printed); other text only
    # when ftfy could change it.
    return not text.isascii() and ftfy_has_work(text)


def split_lines(text: str) -> tuple[list[Line], list[int]]:
    """Non-blank lines with their 1-based numbers, and the block (paragraph) index of each.

    A block is a run of lines without a blank line between them; rules use it to tell a
    profile card (one block of short lines) from separate paragraphs.
    """
    lines: list[Line] = []
    blocks: list[int] = []
    add_line, add_block = lines.append, blocks.append  # hoisted: 27 → 22 µs a benchmark page
    block = 0
    previous_blank = True
    for number, stripped in enumerate(map(str.strip, text.splitlines()), start=1):
        if stripped:
            add_line(Line(number, stripped))
            add_block(block)
            previous_blank = False
        elif not previous_blank:
            block += 1
            previous_blank = True
    return lines, blocks


@lru_cache(maxsize=65536)
def match_form(text: str) -> str:
    """Casefolded, NFKC, mojibake-repaired, single-spaced: the form phrase patterns match."""
    fixed = ftfy.fix_text(text, uncurl_quotes=False) if _needs_ftfy(text) else text
    folded = unicodedata.normalize("NFKC", fixed).casefold()
    folded = folded.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(folded.split())  # = collapsing \s+ runs and stripping, 5x faster


def match_forms(texts: Sequence[str]) -> list[str]:
    """`[match_form(t) for t in texts]` for lines (no line feed inside), folded in one piece.

    NFKC and casefold map each character on its own here (a line feed composes with nothing
    and none comes out of them), so folding the lines joined by line feeds and splitting
    them again gives each line's form. A view's forms are asked for most of its lines (the
    phrase table's gates): 30 against 58 µs a synthetic page (33 lines, a "©" line on each).
    """

    def fold(joined: str) -> list[str]:
        if not joined.isascii():
            joined = unicodedata.normalize("NFKC", joined)
        folded = joined.casefold()
        folded = folded.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
        lines = folded.split("\n")
        if _single_spaced(folded):
            return lines
        return [" ".join(line.split()) for line in lines]

    return _in_one_piece(texts, match_form, fold)


def _in_one_piece(
    texts: Sequence[str],
    one: Callable[[str], str],
    fold: Callable[[str], list[str] | None],
) -> list[str]:
    """`[one(t) for t in texts]` for lines, made by `fold` for the lines ftfy leaves alone,
    joined by line feeds (it returns their values in order, or None where it cannot), and by
    `one` for the lines ftfy might change (a "©" line, say). A line feed inside a line, or
    `fold` giving up, sends every line to `one`."""
    values = list(texts)
    plain = [i for i, text in enumerate(texts) if not _needs_ftfy(text)]
    for i in set(range(len(texts))).difference(plain):
        values[i] = one(texts[i])
    folded = fold("\n".join([texts[i] for i in plain]))
    if folded is None or len(folded) != len(plain):
        return [one(text) for text in texts]
    for i, value in zip(plain, folded, strict=True):
        values[i] = value
    return values


def _single_spaced(text: str) -> bool:
    """Whether `" ".join(line.split())` leaves every line of `text` as it is: ASCII, no
    whitespace but single spaces between words (substring tests in C; a regex took longer
    than the split it saves)."""
    if not text.isascii() or text.startswith(" ") or text.endswith(" "):
        return False
    return not any(gap in text for gap in _UNEVEN_GAPS)


#: ASCII whitespace `str.split` splits on, other than the space and the line feed; and the
#: spaces it would drop (doubled, or at a line's end).
_UNEVEN_GAPS = ("\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "  ", " \n", "\n ")


# Bytes of the matching key's text → its words: ASCII letters lower-cased, ASCII digits to
# "0", other ASCII (punctuation, underscore, whitespace) a space; bytes of non-ASCII
# characters are kept (letters of other scripts; non-ASCII punctuation is removed before).
_KEY_BYTES = bytes(
    (c + 32 if 65 <= c <= 90 else c)
    if (65 <= c <= 90 or 97 <= c <= 122 or c >= 128)
    else (48 if 48 <= c <= 57 else 32)
    for c in range(256)
)
# Non-ASCII characters that are not word characters: quotes, dashes, ©, ·, no-break spaces.
_NON_ASCII_NON_WORD = re.compile(r"[^\x00-\x7f\w]+")
_KEY_ERRORS = "newshygiene-matching-key"


class _NotLocal(Exception):
    """A non-ASCII run whose normal form may depend on the character before it."""


@lru_cache(maxsize=8192)
def _run_key(run: str) -> bytes:
    """A run of non-ASCII characters in the matching key's form, as UTF-8.

    NFKC and casefold act character by character except where a combining mark composes with
    the character before it; a run that starts with one is left to the whole-text path.
    """
    if unicodedata.combining(run[0]) or unicodedata.category(run[0]).startswith("M"):
        raise _NotLocal
    return _folded_key(run).encode("utf-8")


def _folded_key(text: str) -> str:
    """NFKC, casefold, non-ASCII punctuation to spaces, digits of every script to 0; ASCII
    punctuation and case are left to the byte table."""
    folded = _NON_ASCII_NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold())
    return _DIGIT.sub("0", folded) if not folded.isascii() else folded


def _register_run_handler(name: str, convert: Callable[[str], str | bytes]) -> None:
    """An encode error handler `name` that replaces each run of unencodable characters with
    `convert(run)`: how `key_bytes` and `line_word_counts` treat non-ASCII text in C."""

    def handler(error: UnicodeError) -> tuple[str | bytes, int]:
        if not isinstance(error, UnicodeEncodeError):
            raise error
        return convert(error.object[error.start : error.end]), error.end

    codecs.register_error(name, handler)


_register_run_handler(_KEY_ERRORS, _run_key)


def key_bytes(text: str) -> bytes:
    """The matching key's words as UTF-8, separated by spaces, without building the key.

    `matching_key` is these words joined by single spaces (NFKC, casefold, punctuation
    dropped, digits to 0). The text is encoded as ASCII, and only the runs of non-ASCII
    characters (curly quotes, dashes, accented letters: a few dozen a news article) go through
    NFKC in an error handler; a byte translation table does the rest. 1.3 µs a news line
    against 6.2 µs for the regular-expression form it replaced (same keys: tested on random
    text of many scripts); the shingles of near-duplicate detection are made from it too.
    """
    try:
        data = text.encode("ascii", _KEY_ERRORS)
    except _NotLocal:
        data = _folded_key(text).encode("utf-8")
    return data.translate(_KEY_BYTES)


def matching_key(text: str) -> str:
    """An aggressive normal form used only for matching (repeats, duplicates), never stored.

    Copies of one line or story differ in exactly the ways this erases: compatibility
    characters and quote styles (NFKC, punctuation dropped), capitalisation (casefold), edited
    figures (every digit becomes 0) and scraping noise such as `end.Next` joins (punctuation
    becomes a space, so `said.The` still yields the words `said the`).
    """
    return b" ".join(key_bytes(text).split()).decode("utf-8")


@lru_cache(maxsize=65536)
def line_key(text: str) -> str:
    """`matching_key` of one line after mojibake repair: counts a template line however a
    page's encoding mangled it."""
    return matching_key(ftfy.fix_text(text, uncurl_quotes=False) if _needs_ftfy(text) else text)


def line_keys_of(texts: Sequence[str]) -> list[str]:
    """`[line_key(t) for t in texts]` for lines (no line feed inside), made in one piece.

    The lines go through `key_bytes`' steps joined by line feeds (a run of non-ASCII
    characters never spans a line feed, so the error handler sees the same runs); one regex
    then collapses the spaces of every line. 35-53 against 64-90 µs a synthetic page (33
    lines).
    """

    def fold(joined: str) -> list[str] | None:
        try:
            data = joined.encode("ascii", _KEY_ERRORS)
        except _NotLocal:  # a combining mark that needs the character before it
            return None
        keys = _SPACE_RUN.sub(b" ", data.translate(_KEY_LINE_BYTES)).decode("utf-8")
        return [key.strip(" ") for key in keys.split("\n")]

    return _in_one_piece(texts, line_key, fold)


# `_KEY_BYTES` with the line feed kept, to separate the lines of `line_keys_of`.
_KEY_LINE_BYTES = _KEY_BYTES[:10] + b"\n" + _KEY_BYTES[11:]
_SPACE_RUN = re.compile(rb"  +")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


# ASCII text → one byte per character: word characters "a", the apostrophe "'", the rest " ".
_WORD_SHAPE = (
    bytes(
        ord("a") if chr(c).isalnum() or c == ord("_") else ord("'") if c == ord("'") else ord(" ")
        for c in range(128)
    )
    + b" " * 128
)


_SEPARATING_MARKS = "\u2018\u201c\u201d\u2014\u2013\u2026\u00a0"
# Encoding with this error handler turns each non-ASCII character into its word shape ("a" for
# a word character of `_WORD`, " " for anything else), so a page with a "©" line (every
# benchmark page) still gets `line_word_counts`' byte counts. It costs a Python call per run
# of such characters: a win for a whole page, not for one line (`word_count` keeps the regex).
_SHAPE_ERRORS = "newshygiene-word-shape"
_WORD_CHAR = re.compile(r"\w")


@lru_cache(maxsize=8192)
def _run_shape(run: str) -> str:
    return "".join("a" if _WORD_CHAR.match(c) else " " for c in run)


_register_run_handler(_SHAPE_ERRORS, _run_shape)


def _ascii_shape(text: str) -> bytes:
    """`text` as ASCII bytes with the same words: the curly apostrophe joins like "'", the
    common news punctuation becomes a space (`str.replace` in C), and any other non-ASCII
    character "a" or " " (`_SHAPE_ERRORS`, a Python call per run of them)."""
    if text.isascii():
        return text.encode("ascii")
    return _fold_news_punctuation(text).encode("ascii", _SHAPE_ERRORS)


def _fold_news_punctuation(text: str) -> str:
    """News punctuation outside ASCII, as `words` reads it: the curly apostrophe joins like
    "'", the rest separates like a space. Most non-ASCII lines are ASCII after it."""
    text = text.replace("\u2019", "'")
    for mark in _SEPARATING_MARKS:
        if mark in text:
            text = text.replace(mark, " ")
    return text


def word_count(text: str) -> int:
    """`len(words(text))`, counted without building the words on ASCII text.

    A word of `words` is a run of word characters, runs joined by single apostrophes
    ("don't", "rock'n'roll"): so the count is the runs that start after a space or at the
    start, plus those after an apostrophe, minus the apostrophes with a word character on
    both sides. Byte counts find those in C; a run of one character between two
    apostrophes would make two joins overlap (which `bytes.count` counts once), so such
    text, and text with other non-ASCII characters, is counted by the regex. Rules ask every
    line's count: 2.4 µs against 4.1 µs a line of the real benchmark pages.
    """
    if not text.isascii():
        text = _fold_news_punctuation(text)
    if text.isascii():
        shape = text.encode("ascii").translate(_WORD_SHAPE)
        if b"'a'" not in shape:
            starts = shape.count(b" a") + shape.count(b"'a") + shape.startswith(b"a")
            return starts - shape.count(b"a'a")
    return len(_WORD.findall(text))


# `_WORD_SHAPE` with the line feed kept, to separate the lines of `line_word_counts`.
_LINES_SHAPE = _WORD_SHAPE[:10] + b"\n" + _WORD_SHAPE[11:]
_APOSTROPHE_GAP = bytes.maketrans(b"'", b" ")


def line_word_counts(texts: Sequence[str]) -> list[int]:
    """`[word_count(t) for t in texts]` for lines (no line feed inside), in a few C passes.

    The lines' shapes are made in one piece; the apostrophes that join two word characters
    become word characters (with no run of one character between two apostrophes, none of
    those joins overlap, so `bytes.replace` finds them all) and the others spaces, and then a
    line's words are the " a" in its shape after a leading space. Every page is split into
    lines twice (site templates, cleaning) and rules ask every line's count: 44 µs a page
    against 62 µs for a `word_count` per line (best of 5 on 1,000 benchmark pages, 33 lines
    each; `tests/cleaners/test_speedups.py` checks it against `words`).
    """
    shape = _ascii_shape("\n".join(texts)).translate(_LINES_SHAPE)
    if b"'a'" in shape:
        return [word_count(text) for text in texts]
    shape = shape.replace(b"a'a", b"aaa").translate(_APOSTROPHE_GAP)
    segments = (b" " + shape.replace(b"\n", b"\n ")).split(b"\n")
    if len(segments) != len(texts):  # a line feed inside a line (or no lines at all)
        return [word_count(text) for text in texts]
    return [segment.count(b" a") for segment in segments]


def content_words(text: str) -> set[str]:
    """Lower-cased words of 3+ letters that are not stopwords: the topical vocabulary."""
    return {w.lower() for w in words(text) if len(w) >= 3 and w.lower() not in STOPWORDS}


def is_prose(text: str, min_words: int = 12) -> bool:
    """A sentence-like paragraph: long enough and ending like a sentence."""
    return word_count(text) >= min_words and ends_like_sentence(text)


def ends_like_sentence(text: str) -> bool:
    """`is_prose` without the length test: for callers that know the word count already."""
    return text.rstrip("\"'”’)]").endswith((".", "!", "?", ":"))
