"""Finding the headline of a plain-text dump, and trimming a site name printed after it.

Scrapers put the headline first, sometimes after a kicker ("POLITICS") or a navigation line
that the phrase rules have already removed. A first line that reads like a sentence (ends
with a period, or is long, or holds two sentences) is body text: many dumps carry no headline.

Where a page separates paragraphs with blank lines, the headline ends its block (what follows
it in the same block is a deck or a paragraph). Pages scraped with single newlines have one
block, so there the block test says nothing and is skipped; a short label right under the
headline ("EXPLAINER") is a kicker printed below it and is removed as a section label.
"""

from __future__ import annotations

import re

from cleaners.headlines import capitalised_share, looks_like_headline
from cleaners.lines import line_key, words
from cleaners.rules import DocView

THRESHOLDS = {
    "max_words": 30,
    "kicker_max_words": 4,  # a short label above the headline is a section kicker
    "search_lines": 3,  # the headline is among the first kept lines or absent
    # Below this share of blocks per line the page was scraped with single newlines, and
    # block boundaries carry no information.
    "min_block_share": 0.3,
    "site_suffix_max_words": 5,  # "… — Copperfield Review": a site name is a few words
}

# Two sentences in one line ("Compare these. They are great!") are a paragraph, not a headline,
# unless the line is in Title Case ("What Is an App? And How Do You Build One?"); "vs." and
# other short abbreviations do not end a sentence.
_TWO_SENTENCES = re.compile(r"[a-z]{3,}[.!?]\s+[A-Z].*[.!?]$")
# A final period that belongs to an abbreviation ("… in the U.S.") does not make a sentence.
_ABBREVIATION_END = re.compile(r"\b(?:[A-Z]\.){2,}$")
# A kicker printed under the headline: one to three words, ALL CAPS or a single capitalised word.
_KICKER = re.compile(r"^(?:[A-Z][A-Z&'’ -]{2,30}|[A-Z][a-z]+)$")
# "Headline — Site Name", "Headline | Site Name", "Headline - Site Name".
_SUFFIX = re.compile(r"^(?P<head>.+?)\s+(?:[|—–-]|::)\s+(?P<site>[^|—–]{2,60})$")


def _blocks_informative(doc: DocView) -> bool:
    return len(set(doc.blocks)) >= THRESHOLDS["min_block_share"] * len(doc.lines)


def _is_headline(text: str) -> bool:
    if _ABBREVIATION_END.search(text):
        text = text[:-1]
    if not looks_like_headline(text, max_words=THRESHOLDS["max_words"]):
        return False
    return not (_TWO_SENTENCES.search(text) and capitalised_share(text) < 0.75)


def detect_title(doc: DocView, hint: str | None = None) -> tuple[int | None, list[int]]:
    """The title line's index (or None) and kicker lines found above or right below it.

    A `hint` (title from HTML metadata or a JSONL field) wins: the line equal to it is the title.
    As without a hint, only short labels may stand above it: once a longer line has been passed
    the body has begun, and a later line echoing the title is a subhead, not the headline (the
    paragraphs above it are the article's intro, never a section kicker). On WCXB-dev the
    unguarded search removed 8 intro paragraphs of 6 pages as "section labels".
    """
    kept = doc.kept()[: THRESHOLDS["search_lines"]]
    if hint:
        hint_key = line_key(hint)
        for position, i in enumerate(kept):
            key = line_key(doc.lines[i].text)
            if key == hint_key or (key and hint_key.startswith(key) and len(key) > 20):
                return i, kept[:position]
            if doc.word_counts[i] > THRESHOLDS["kicker_max_words"]:
                return None, []
        return None, []
    informative = _blocks_informative(doc)
    for position, i in enumerate(kept):
        text = doc.lines[i].text
        next_kept = doc.neighbour(i, 1)
        if next_kept is None:
            return None, []
        below = _kicker_below(doc, i, next_kept)
        after = doc.neighbour(below, 1) if below is not None else next_kept
        ends_block = (
            not informative
            or after is None
            or doc.blocks[after] != doc.blocks[i]
            or any(j in doc.removed for j in range(i + 1, after))
        )
        if _is_headline(text) and ends_block and not _is_kicker_above(doc, i, next_kept):
            kicker_ok = all(
                doc.word_counts[k] <= THRESHOLDS["kicker_max_words"] for k in kept[:position]
            )
            if kicker_ok:
                return i, [*kept[:position], *([below] if below is not None else [])]
            return None, []
        if doc.word_counts[i] > THRESHOLDS["kicker_max_words"]:
            return None, []
    return None, []


def _is_kicker_above(doc: DocView, index: int, next_kept: int) -> bool:
    """'Travel | Site Name' over a longer headline on a page with no blank lines between them:
    a short label followed at once by a longer headline-shaped line is the kicker, not the
    title."""
    return (
        doc.word_counts[index] <= THRESHOLDS["kicker_max_words"]
        and doc.word_counts[next_kept] > doc.word_counts[index]
        and doc.blocks[next_kept] == doc.blocks[index]
        and _is_headline(doc.lines[next_kept].text)
    )


def _kicker_below(doc: DocView, index: int, next_kept: int) -> int | None:
    """A section label printed directly under the headline, followed by header lines that the
    phrase rules removed (byline, dateline) or by the body: 'EXPLAINER', 'Travel'."""
    text = doc.lines[next_kept].text
    if doc.word_counts[next_kept] > 3 or not _KICKER.match(text) or next_kept != index + 1:
        return None
    # the label must be followed by removed header lines or a paragraph, not by more labels
    following = doc.neighbour(next_kept, 1)
    if following is None:
        return None
    if following == next_kept + 1 and len(words(doc.lines[following].text)) < 12:
        return None
    return next_kept


def strip_site_suffix(title: str, boilerplate: list[str]) -> str:
    """'Headline — Site Name' → 'Headline' when the page names that site in its boilerplate
    (copyright, bylines, bios). Without that evidence the tail may be part of the headline
    ("Rust GCC backend - Why and how"), so it stays."""
    match = _SUFFIX.match(title)
    if match is None:
        return title
    site = match["site"].strip()
    if len(words(site)) > THRESHOLDS["site_suffix_max_words"] or not site[:1].isupper():
        return title
    folded = site.casefold()
    if any(folded in line.casefold() for line in boilerplate):
        return match["head"].strip()
    return title
