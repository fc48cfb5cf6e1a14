"""HTML → main text and metadata, with trafilatura.

trafilatura is run precision-first (`favor_precision=True`, no comments): on news pages it keeps
less furniture than its defaults, and the residue it still lets through (related headlines,
bylines, share and newsletter prompts) is what the line cleaners remove afterwards.

Precision mode has one failure that costs whole articles: on some layouts it picks a small
sub-block (a lead, one section) and drops the rest. So the default extraction is run as well,
and when the precision text is less than `FALLBACK_MIN_RATIO` of the default one, precision
mode has cut the article and the default text is used instead. Measured with the cleaners
after extraction: ScrapingHub body F1 0.9673 (precision only) → 0.9702; WCXB dev word F1
0.912 → 0.936 with leakage 2.9 % → 3.2 % (the default mode alone: 0.936 / 4.3 %). Ratios from
0.4 to 0.7 give the same numbers within 0.001; 0.5 reads as "precision lost most of the text".
The cost is a second trafilatura pass per page; it runs without metadata (the first pass has
it), which made "accurate" 37 ms a page on ScrapingHub here instead of 42 ms.

The "fast" profile (`RunConfig.extraction`, `--extraction fast`) is one default-mode pass with
trafilatura's `fast` option (no readability/jusText comparison): ~15 ms a page with metadata,
the cost of one bare `trafilatura.extract` call, against ~37 ms. Measured by `newshygiene
eval` (pipeline, cleaners included): ScrapingHub body F1 0.968 (accurate: 0.970), WCXB word
F1 0.913 with leakage 4.0 % (accurate: 0.936 / 2.7 %).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Any, Literal

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from corpus.gap_fill import restore_skipped_blocks

_BASE: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "deduplicate": False,  # cross-document repeats are handled by the site-template pass
}
#: The precision pass of the "accurate" profile. Metadata comes from the full pass below
#: (the same page has the same metadata; extracting it twice cost 6 ms a page).
EXTRACT_OPTIONS: dict[str, Any] = {**_BASE, "favor_precision": True, "with_metadata": True}
#: The default (recall) pass: the text used when precision mode loses the article.
FALLBACK_OPTIONS: dict[str, Any] = {**_BASE, "favor_precision": False, "with_metadata": False}
#: The "fast" profile's only pass: default mode without trafilatura's second opinion
#: (readability and jusText, `fast=True`). Precision mode alone was worse here (WCXB word F1
#: 0.867: it cuts whole articles, and without the default pass nothing catches that).
FAST_OPTIONS: dict[str, Any] = {
    **_BASE,
    "favor_precision": False,
    "with_metadata": True,
    "fast": True,
}
Profile = Literal["accurate", "fast"]
FALLBACK_MIN_RATIO = 0.5
#: A page that renders its body twice (see `drop_repeated_runs`): a repeat counts when at least
#: this many lines of at least this many characters recur in the same order.
REPEAT_MIN_LINES = 3
REPEAT_MIN_CHARS = 40
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None
    author: str | None
    published: str | None
    url: str | None


def _parse(html: str) -> HtmlElement | None:
    """The page parsed once, exactly as trafilatura parses a string (its own `load_html`)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_html(html)


def _bare(html: HtmlElement | str, url: str | None, options: dict[str, Any]) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lxml FutureWarnings inside trafilatura are not ours
        return trafilatura.bare_extraction(html, url=url, **options)


def _text(document: Any) -> str:
    return (document.text or "") if document is not None else ""


def drop_repeated_runs(text: str) -> str:
    """`text` without the second copy of a body the page renders twice.

    Responsive and "no-JS" templates often carry the article twice (a desktop and a mobile
    block, one of them hidden by CSS), and trafilatura keeps both. A run of at least
    `REPEAT_MIN_LINES` lines of `REPEAT_MIN_CHARS`+ characters that recurs in the same order is
    such a copy and is dropped. Single repeated lines (a pull quote, a repeated "Note: …") are
    kept: an earlier rule dropping every repeated line of 40+ characters gained less (WCXB
    +0.001) and cut real repeats on a dozen pages. Measured after the cleaners: WCXB word F1
    +0.0012 (12 pages changed, 3 of them by +0.15 to +0.49, the worst by −0.018); runs of 2 lines
    or 20 characters gave the same gain with more losses, 80 characters fewer gains.
    """
    lines = text.split("\n")
    keys = [_SPACE.sub(" ", line).strip().lower() for line in lines]
    first: dict[str, int] = {}
    for number, key in enumerate(keys):
        if len(key) >= REPEAT_MIN_CHARS:
            first.setdefault(key, number)
    dropped: set[int] = set()
    number = 0
    while number < len(lines):
        earlier = first.get(keys[number])
        if earlier is not None and earlier < number:
            a, b, long_lines = earlier, number, 0
            while b < len(lines) and a < number and keys[a] == keys[b]:
                long_lines += len(keys[b]) >= REPEAT_MIN_CHARS
                a, b = a + 1, b + 1
            if long_lines >= REPEAT_MIN_LINES:
                dropped.update(range(number, b))
                number = b
                continue
        number += 1
    if not dropped:
        return text
    return "\n".join(line for n, line in enumerate(lines) if n not in dropped)


def extract_html(
    html: str, url: str | None = None, profile: Profile = "accurate"
) -> Extracted | None:
    """Main text and metadata of one page, or None when trafilatura finds no article in it."""
    # Parsed once for both passes and the gap repair: trafilatura reads an lxml tree without
    # changing it (checked on 163 benchmark pages: the serialised tree is identical after each
    # pass, and both passes give the same text and metadata as from the string).
    tree = _parse(html)
    page: HtmlElement | str = tree if tree is not None else html
    if profile == "fast":
        document = _bare(page, url, FAST_OPTIONS)
        text = _text(document)
    else:
        document = _bare(page, url, EXTRACT_OPTIONS)
        fallback = _bare(page, url, FALLBACK_OPTIONS)
        precise, full = _text(document).strip(), _text(fallback).strip()
        text = _text(fallback) if len(precise) < FALLBACK_MIN_RATIO * len(full) else _text(document)
        document = document if document is not None else fallback  # (its metadata is empty)
    if document is None or not text.strip():
        return None
    if tree is not None:
        text = restore_skipped_blocks(text, tree)
    text = drop_repeated_runs(text)
    return Extracted(
        text=text,
        title=document.title or None,
        author=document.author or None,
        published=document.date or None,
        url=url or document.url or None,
    )
