"""Normalization of kept text: encoding repair, Unicode form, spacing, run-together sentences.

Never rewrites a word. ftfy repairs mojibake ("donâ€™t" → "don’t") with curly quotes and
ligatures left as published; NFC composes characters; spacing is collapsed; a sentence the
scraper glued to the next ("trust.Putin") gets its space back. Every change is logged as an
`Edit` so a user can see exactly what normalization touched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import ftfy

from cleaners.base import Edit

_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,  # typographic quotes are part of the published text
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization="NFC",
    explain=False,
)
# Zero-width space, word joiner, BOM and soft hyphen are invisible layout debris. The zero-width
# joiner and non-joiner are not: they build emoji sequences ("👨‍👩‍👧") and spell words in
# Persian and Indic scripts, so removing them would change the text.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# "word.Word" where the scraper dropped the space between two sentences. The left side must be
# a lower-case word of 2+ letters (so "U.S." and initials never match), the right side a
# capitalised word (so decimals and lower-case domains never match); URLs and e-mail addresses
# are skipped by checking the whole token below.
# The right-hand word must end where a word in prose ends (space, punctuation, end of text):
# "testdb.New(t)", "repo.UpsertIdentity" and "fmt.Println(" are code, not two sentences.
_RUN_ON = re.compile(
    r"(?<![\w.@/])([a-z][a-z]+[.!?][\"”’)]?)([A-Z][a-z]+)(?=$|[\s,;:!?\"”’)]|\.(?!\w))"
)
_URLISH = re.compile(r"(?:https?://|www\.|@|\.(?:com|org|net|gov|edu|io|co|uk)\b)", re.IGNORECASE)


def _context(before: str, after: str, width: int = 3) -> Edit | None:
    """A compact before/after pair: the changed span with a few words either side.

    The span runs from the first to the last differing character (common prefix and suffix
    trimmed), which is linear in the paragraph's length.
    """
    if before == after:
        return None
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end_b, end_a = len(before), len(after)
    while end_b > start and end_a > start and before[end_b - 1] == after[end_a - 1]:
        end_b -= 1
        end_a -= 1
    prefix = " ".join(before[:start].split(" ")[-width:])
    return Edit(
        rule="",
        before=prefix + before[start:end_b] + " ".join(before[end_b:].split(" ")[:width]),
        after=prefix + after[start:end_a] + " ".join(after[end_a:].split(" ")[:width]),
    )


def _logged(rule: str, before: str, after: str, edits: list[Edit]) -> str:
    if before != after:
        edit = _context(before, after)
        if edit:
            edits.append(Edit(rule=rule, before=edit.before, after=edit.after))
    return after


#: Non-ASCII characters that English news prints on almost every line and that ftfy leaves
#: alone: curly quotes, dashes, the ellipsis, the bullet and the no-break space. Kept narrow on
#: purpose: ftfy reads some other punctuation pairs as mojibake ("€•" → "ۥ", "‘†" → "Ԡ"),
#: and text where it could do that must go through it as before.
TYPOGRAPHIC = "\u00a0\u2010-\u2015\u2018\u2019\u201c\u201d\u2022\u2026"
#: A character ftfy (or NFC) might change: anything but printable ASCII other than `&` (HTML
#: entities), tab, newline and `TYPOGRAPHIC`; so also carriage returns, control characters
#: and every letter outside ASCII (mojibake always contains some).
_FTFY_WORK = re.compile(f"[^\t\n\x20-\x25\x27-\x7e{TYPOGRAPHIC}]")


def ftfy_has_work(text: str) -> bool:
    """False when ftfy and NFC would return `text` unchanged, decided by one regex scan.

    ftfy costs ~0.1 ms a paragraph, which made it a quarter of the cleaning time; news text is
    mostly ASCII plus `TYPOGRAPHIC`, for which its answer is known (tested against ftfy on
    random text and on every paragraph of the benchmarks).
    """
    return _FTFY_WORK.search(text) is not None


def fix_unicode(text: str) -> str:
    if not ftfy_has_work(text):
        return text
    return unicodedata.normalize("NFC", ftfy.fix_text(text, _FTFY))


# Anything `fix_spacing` would change: an invisible character, a space other than " ", two
# spaces in a row, or whitespace at either end of a line. Text without any is returned as is.
_SPACING_WORK = re.compile(
    "[\u200b\u2060\ufeff\u00ad\t\u00a0\u2000-\u200a\u202f\u205f\u3000]|  |^[^\\S\n]|[^\\S\n]$",
    re.MULTILINE,
)


# Every character Python's `\s` matches except " " and "\n", and the invisible ones: text
# without any of them, without "  " and without a space next to a line break has no spacing
# work. Finding that with substring tests and one positive class costs a third of a
# `_SPACING_WORK` scan (34 against 114 µs a 4,000-character article).
_ODD_SPACE = re.compile(
    "[\t\r\f\v\x1c-\x1f\x85\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\u2060\ufeff\u00ad]"
)


def _needs_spacing(text: str) -> bool:
    """Whether `_SPACING_WORK` matches, asked first of the cheap tests that are true wherever
    it matches (and in a few more cases, all rare)."""
    maybe = (
        "  " in text
        or " \n" in text
        or "\n " in text
        or text.startswith(" ")
        or text.endswith(" ")
        or _ODD_SPACE.search(text) is not None
    )
    return maybe and _SPACING_WORK.search(text) is not None


def fix_spacing(text: str) -> str:
    """One space between words, no invisible characters, no spaces at line ends."""
    if not _needs_spacing(text):
        return text
    text = _INVISIBLE.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


# Assignments, statement ends, calls and comments: a paragraph with these is code, where
# "options.Level" and "os.Create" are member names, never two glued sentences.
_CODE = re.compile(r"[{}]|;$|\s=\s|:=|//|\b\w+\.\w+\(", re.MULTILINE)


# What every run-on join contains (`_RUN_ON` needs more around it): a cheap first test that
# spares most paragraphs the code check and the full pattern.
_JOIN = re.compile(r"[a-z][.!?][\"”’)]?[A-Z]")
# The same without the letter before the stop: it starts at a rare character, so the scan
# skips ahead instead of trying the pattern at every lower-case letter (25 against 67 µs a
# 4,000-character article); `_JOIN` then confirms.
_JOIN_HINT = re.compile(r"[.!?][\"”’)]?[A-Z]")


def _may_join(text: str) -> bool:
    return _JOIN_HINT.search(text) is not None and _JOIN.search(text) is not None


def fix_run_on_sentences(text: str) -> str:
    if not _may_join(text) or _CODE.search(text):
        return text

    def split(match: re.Match[str]) -> str:
        start = text.rfind(" ", 0, match.start()) + 1
        end = text.find(" ", match.end())
        token = text[start : end if end != -1 else len(text)]
        if _URLISH.search(token):
            return match.group(0)
        return f"{match.group(1)} {match.group(2)}"

    return _RUN_ON.sub(split, text)


#: The normalization steps in order, by the rule name their edits are logged under.
STEPS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("unicode", fix_unicode),
    ("spacing", fix_spacing),
    ("run_on_sentence", fix_run_on_sentences),
)


def normalize_text(text: str, edits: list[Edit] | None = None, first_step: int = 0) -> str:
    """Apply every normalization step (from `first_step` on) to one paragraph (or title),
    logging each change."""
    log = edits if edits is not None else []
    for rule, step in STEPS[first_step:]:
        text = _logged(rule, text, step(text), log)
    return text


def _first_step_with_work(text: str) -> int:
    """The first step that could change any paragraph of `text` (len(STEPS) if none): every
    step's cheap test is a character or in-line pattern, so it holds for the whole text when
    it holds for no paragraph. Later steps cannot be skipped once one runs (a repaired
    character can make spacing or a run-on join)."""
    if ftfy_has_work(text):
        return 0
    if _needs_spacing(text):
        return 1
    if _may_join(text):
        return 2
    return len(STEPS)


def normalize_paragraphs(paragraphs: list[str]) -> tuple[list[str], list[Edit]]:
    """Normalize each paragraph; paragraphs that end up empty are dropped.

    The steps' tests run once on the whole text first: most articles need no step at all,
    and three scans of the text cost less than three per paragraph.
    """
    edits: list[Edit] = []
    first = _first_step_with_work("\n\n".join(paragraphs))
    if first == len(STEPS):
        return [p for p in paragraphs if p.strip()], edits
    out = [p for p in (normalize_text(p, edits, first) for p in paragraphs) if p.strip()]
    return out, edits
