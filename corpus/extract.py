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
The cost is a second trafilatura pass per page. No pass extracts metadata: `page_metadata`
reads the four fields a record keeps once a page (trafilatura's metadata pass, less its site
name, category, tag and licence searches: 2.6 ms a page less, the same four values).

Two repairs follow whichever text is chosen, in both profiles. The page is parsed once (with
trafilatura's own `load_html`) and that tree feeds both passes and the repairs:
`corpus.gap_fill` puts back the in-body lists and headings trafilatura skips on pages where it
finds no article frame, and `drop_repeated_runs` removes the second copy of a body the page
renders twice. Measured with the cleaners (`newshygiene eval`, accurate profile): WCXB word F1
0.936 → 0.942 with leakage 2.7 % (unchanged), ScrapingHub body F1 0.970 → 0.971. Parsing once
keeps the cost where it was (≈37 ms a page on ScrapingHub before and after): the two passes no
longer parse the string themselves, which pays for the repairs.

Three recall repairs follow in the "accurate" profile (`_accurate_text`, the guards and
thresholds are in `corpus.recall`). Measured by `newshygiene eval` (WCXB word F1 / leakage,
ScrapingHub body F1), starting from 0.9425 / 2.68 %, 0.9706:

1. When precision mode finds no text at all, the default text is trafilatura's last resort (on
   the WCXB pages concerned, a baseline dump of the whole page as one line), and a recall-mode
   pass (`RECALL_OPTIONS`) is run and used when it finds text: 0.9447 / 2.61 %, ScrapingHub
   unchanged. It concerns 11 of 793 WCXB pages and no ScrapingHub page; 8 changed, 7 for the
   better (+0.02 to +0.67, and +0.997 on a page where neither pass found anything), one
   worse (−0.07: the one-line dump held more of that reference than recall mode's text).
2. When the precision text is used, the runs of default-pass lines that precision mode dropped
   between two of its lines are put back (`corpus.recall.restore_dropped_runs`, which also
   says what a run must pass): 0.9461 / 2.75 %, ScrapingHub 0.9706 → 0.9711.
3. When the text then covers clearly less than the prose of its own container on the page
   (`corpus.recall.looks_truncated`), a recall-mode pass is run and its runs between two lines
   of the text are put back the same way: 0.9473 / 2.72 %, ScrapingHub unchanged. The pass
   runs on 9 of 181 ScrapingHub pages and 68 of 793 WCXB pages (the 11 of repair 1 included).

Their cost, a timing loop over the ScrapingHub pages (extraction only, same loop before and
after): 36.5-37.9 ms a page → 39.0-39.4 ms (+0.2 ms putting runs back, +1.5 ms the truncation
check, mostly indexing the page's blocks, +0.7 ms the recall passes averaged over all pages);
on the larger WCXB pages +4.9 ms of ~70 ms.

Tried and left out (WCXB word F1 / leakage, cleaners included): choosing between precision and
default by lines instead of length, i.e. adding the default pass's lines that fall between two
adjacent precision lines: 0.9418 / 2.95 % (too close to the 3 % leakage budget for +0.001), or
only such runs under 20 % link text: 0.9413 / 2.9 %; a recall-mode pass instead of the default
one: it lacks the default mode's escalation, so pages where precision mode fails lose most of
their text (precision + recall, length rule: 0.932). Repair 2 differs from that first attempt
in taking only lines the precision text lacks entirely (a default line that *replaces* a
precision line, e.g. the same paragraph split differently, duplicated text: 0.9435 / 3.13 %
with repair 1) and in its guards: every run between two precision lines, without them,
0.9462 / 2.92 %. Running the recall pass of repair 3 on every page instead of only on
truncated-looking ones gives no more (0.9473) for ~13 ms a page more on ScrapingHub; a trigger
comparing the text with all the page's `<p>` text instead of its container's prose caught a
third of the gain for as many passes (58 WCXB pages: +0.30 of the +1.0 summed page F1; most of
the improved pages miss lists, not paragraphs).

The "fast" profile (`RunConfig.extraction`, `--extraction fast`) is one default-mode pass with
trafilatura's `fast` option (no readability/jusText comparison): ~15 ms a page with metadata,
the cost of one bare `trafilatura.extract` call, against ~37 ms. Measured by `newshygiene
eval` (pipeline, cleaners included): ScrapingHub body F1 0.968 (accurate: 0.970), WCXB word
F1 0.913 with leakage 4.0 % (accurate: 0.936 / 2.7 %). With the two repairs: WCXB 0.919 /
4.0 %, ScrapingHub 0.968, ~17.5 ms a page (a timing loop over the ScrapingHub pages; accurate
36.6-37.3 ms in the same loop, the old two string passes 37.2-39.0 ms).
"""

from __future__ import annotations

import contextlib
import warnings
from dataclasses import dataclass
from typing import Any, Literal

import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    examine_meta,
    extract_meta_json,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document, set_date_params
from trafilatura.utils import load_html

from corpus.byline import extract_author
from corpus.fast_xpaths import installed
from corpus.gap_fill import restore_skipped_blocks, text_key
from corpus.recall import PageBlocks, looks_truncated, restore_dropped_runs

_BASE: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "deduplicate": False,  # cross-document repeats are handled by the site-template pass
}
#: The precision pass of the "accurate" profile. No pass extracts metadata: `page_metadata`
#: does, once a page.
EXTRACT_OPTIONS: dict[str, Any] = {**_BASE, "favor_precision": True, "with_metadata": False}
#: The default pass: the text used when precision mode loses the article.
FALLBACK_OPTIONS: dict[str, Any] = {**_BASE, "favor_precision": False, "with_metadata": False}
#: The recall-mode pass, only on pages where precision mode finds no text at all or the text
#: looks truncated (see `_accurate_text`).
RECALL_OPTIONS: dict[str, Any] = {
    **_BASE,
    "favor_precision": False,
    "favor_recall": True,
    "with_metadata": False,
}
#: The "fast" profile's only pass: default mode without trafilatura's second opinion
#: (readability and jusText, `fast=True`). Precision mode alone was worse here (WCXB word F1
#: 0.867: it cuts whole articles, and without the default pass nothing catches that).
FAST_OPTIONS: dict[str, Any] = {
    **_BASE,
    "favor_precision": False,
    "with_metadata": False,
    "fast": True,
}
Profile = Literal["accurate", "fast"]
FALLBACK_MIN_RATIO = 0.5
#: A page that renders its body twice (see `drop_repeated_runs`): a repeat counts when at least
#: this many lines of at least this many characters recur in the same order, the run making up
#: at least this share of the text.
REPEAT_MIN_LINES = 3
REPEAT_MIN_CHARS = 40
REPEAT_MIN_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None
    author: str | None
    published: str | None
    url: str | None


def _parse(html: str) -> HtmlElement | None:
    """The page parsed once, exactly as trafilatura parses a string (its own `load_html`)."""
    with warnings.catch_warnings(), installed():  # `corpus.fast_xpaths.fast_parser`
        warnings.simplefilter("ignore")
        return load_html(html)


def _bare(html: HtmlElement | str, url: str | None, options: dict[str, Any]) -> Any:
    """One trafilatura pass, with its costliest XPath expressions answered by
    `corpus.fast_xpaths`' selectors (the same elements; about half a pass was spent in them)."""
    with warnings.catch_warnings(), installed():
        warnings.simplefilter("ignore")  # lxml FutureWarnings inside trafilatura are not ours
        return trafilatura.bare_extraction(html, url=url, **options)


def page_metadata(tree: HtmlElement, url: str | None = None) -> Document:
    """Title, author, publication date and URL of a page, as trafilatura's metadata pass finds
    them, without the fields a record never keeps.

    `trafilatura.metadata.extract_metadata` also searches the page for its site name,
    categories, tags and licence; those searches cost 2.6 ms of a fast-profile page's 26 ms
    (974 benchmark pages, the same loop: 26.0 → 23.4 ms). This is its code path for the four
    fields, step for step (meta tags, then JSON-LD, then the page's own title and byline
    markup; dates by htmldate without its extensive search, below), and it gives the
    same four values on all 974 pages (`tests/corpus/test_extract.py`). The reads copy
    what they prune, so the shared tree is left as it was. The byline search, where the
    meta tags name no author, is `corpus.byline`'s (trafilatura's, without its XPath regular
    expression callbacks: 8.3 -> 4.1 ms a page where it runs).
    """
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None  # (trafilatura's own rule: a one-word author is a handle)
    with contextlib.suppress(Exception):  # as trafilatura guards its JSON-LD reader
        metadata = extract_meta_json(tree, metadata)
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author:
        metadata.author = extract_author(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    # Dates from the page's markup and trafilatura's own patterns, without htmldate's
    # "extensive" search, which hands leftover date-like strings to dateparser. Measured on
    # WCXB-dev (`newshygiene eval`): date accuracy 0.705 with it, 0.773 without (it found
    # wrong dates more often than missing ones), text unchanged; and dateparser's first use
    # compiles its locale patterns for ~3.7 s in every worker process. Built per call: the
    # latest acceptable date is today, and a long-lived worker outlives the day it started.
    dates = set_date_params(extensive=False)
    dates["url"] = metadata.url
    metadata.date = find_date(tree, **dates)
    metadata.clean_and_trim()
    return metadata


def _text(document: Any) -> str:
    return (document.text or "") if document is not None else ""


def drop_repeated_runs(text: str) -> str:
    """`text` without the second copy of a body the page renders twice.

    Responsive and "no-JS" templates often carry the article twice (a desktop and a mobile
    block, one of them hidden by CSS), and trafilatura keeps both. A run of at least
    `REPEAT_MIN_LINES` lines of `REPEAT_MIN_CHARS`+ characters that recurs in the same order,
    and is at least `REPEAT_MIN_SHARE` of the whole text, is such a copy and is dropped.

    Measured on the final texts (cleaners included): without the share condition the rule
    gained WCXB +0.0012 but changed 12 pages (worst −0.018) and cost ScrapingHub 0.0004 F1: a
    meal plan repeating its day blocks lost 0.20, a shop page its per-model feature list 0.03.
    Those repeats are many short runs; a doubled body is one long one (28-66 % of the text on
    the WCXB pages it fixes). With the run at least a fifth of the text: WCXB +0.0010 on 2 pages
    (+0.32, +0.49), ScrapingHub one page +0.14 and none worse; at 0.1-0.15 the meal plan still
    lost 0.09. Single repeated lines (a pull quote, a recurring "Note: …") are never dropped.
    """
    lines = text.split("\n")
    keys = [text_key(line) for line in lines]
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
            size = sum(len(line) + 1 for line in lines[number:b])
            if long_lines >= REPEAT_MIN_LINES and size >= REPEAT_MIN_SHARE * len(text):
                dropped.update(range(number, b))
                number = b
                continue
        number += 1
    if not dropped:
        return text
    return "\n".join(line for n, line in enumerate(lines) if n not in dropped)


def _accurate_text(tree: HtmlElement, url: str | None, document: Any, fallback: Any) -> str:
    """The "accurate" profile's text from its two passes, and the recall pass where needed."""
    precise, full = _text(document), _text(fallback)
    if not precise.strip():
        # Precision mode found no article, so the default text is trafilatura's last resort
        # (a baseline dump of the whole page as one line, or readability's pick); recall
        # mode's own extraction is the better text when it finds one.
        recalled = _text(_bare(tree, url, RECALL_OPTIONS))
        return recalled if recalled.strip() else full
    use_precise = len(precise.strip()) >= FALLBACK_MIN_RATIO * len(full.strip())
    text = precise if use_precise else full
    blocks = PageBlocks(tree)
    if use_precise:
        text = restore_dropped_runs(precise, full, blocks)
    if not looks_truncated(text, blocks):
        return text
    return restore_dropped_runs(text, _text(_bare(tree, url, RECALL_OPTIONS)), blocks)


def extract_html(
    html: str, url: str | None = None, profile: Profile = "accurate"
) -> Extracted | None:
    """Main text and metadata of one page, or None when trafilatura finds no article in it."""
    # Parsed once for both passes and the gap repair: trafilatura reads an lxml tree without
    # changing it (checked on 163 benchmark pages: the serialised tree is identical after each
    # pass, and both passes give the same text and metadata as from the string).
    tree = _parse(html)
    if tree is None:  # trafilatura parses with the same function: it would find nothing either
        return None
    if profile == "fast":
        text = _text(_bare(tree, url, FAST_OPTIONS))
    else:
        precise = _bare(tree, url, EXTRACT_OPTIONS)
        text = _accurate_text(tree, url, precise, _bare(tree, url, FALLBACK_OPTIONS))
    if not text.strip():  # (a pass that found nothing gave no document: no text either)
        return None
    text = drop_repeated_runs(restore_skipped_blocks(text, tree))
    metadata = page_metadata(tree, url)
    return Extracted(
        text=text,
        title=metadata.title or None,
        author=metadata.author or None,
        published=metadata.date or None,
        url=url or metadata.url or None,
    )
