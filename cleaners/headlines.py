"""Headline shape, and headlines of other stories injected between paragraphs.

Scrapers flatten "related"/"trending" teasers into the body as bare lines. On one page they
look like subheads; what gives them away is that they are headline-shaped, stand between two
prose paragraphs, and share almost no vocabulary with the article around them (a subhead
introduces its own article's topic). Lines a site repeats across pages, or that equal another
article's title, are caught at corpus level (`cleaners.repeats.SiteTemplateRule`).
"""

from __future__ import annotations

import re

from cleaners.lines import STOPWORDS, content_words, words
from cleaners.rules import DocView

THRESHOLDS = {
    "min_words": 5,  # shorter lines are too often genuine subheads to judge on one page
    "max_words": 22,
    "min_capitalised": 0.75,  # share of non-stopwords starting upper-case (Title Case)
    "max_overlap": 0.25,  # share of the line's topical words found elsewhere in the article
    "neighbour_min_words": 12,  # both sides must be prose for a line to be "injected"
}

_NOT_HEADLINE_END = (".", ",", ";", ":")
# "2. Prioritize Quality" or "• Key Features": a numbered or bulleted line is the article's own
# list, whatever its capitalisation.
_LIST_MARKER = re.compile(r"^(?:\d{1,3}[.):]|[-*•◦▪–—])\s")
# "Step 1: Get Quotes", "Tip #4: Look Beyond the Price", "Con: Less Predictability": a label
# that numbers or sorts the article's own sections. Teasers for other stories never carry one.
_SECTION_LABEL = re.compile(
    r"^(?:step|tip|goal|part|day|week|chapter|phase|stage|rule|lesson|option|method|way|reason"
    r"|idea|pro|con|pros|cons|bonus|final thoughts?|q|a)\s*#?\d{0,3}\s*[:.)–—-]\s",
    re.IGNORECASE,
)


def looks_like_headline(text: str, *, min_words: int = 2, max_words: int = 30) -> bool:
    """Headline shape: a short line that does not end like a sentence or a clause."""
    tokens = words(text)
    stripped = text.rstrip()
    if not (min_words <= len(tokens) <= max_words) or len(stripped) > 300:
        return False
    return not stripped.endswith(_NOT_HEADLINE_END) and not stripped.endswith("...")


def _headline_end(text: str) -> bool:
    """`looks_like_headline` for a line whose word count is known to be in range: without the
    second `words` scan the rule costs 17-26 instead of 54 µs a benchmark page."""
    stripped = text.rstrip()
    if len(stripped) > 300:
        return False
    return not stripped.endswith(_NOT_HEADLINE_END) and not stripped.endswith("...")


def capitalised_share(text: str) -> float:
    significant = [w for w in words(text) if w.lower() not in STOPWORDS]
    if not significant:
        return 0.0
    return sum(w[:1].isupper() or w[:1].isdigit() for w in significant) / len(significant)


class InjectedHeadlineRule:
    name = "injected_headline"

    def find(self, doc: DocView) -> list[int]:
        t = THRESHOLDS
        hits: list[int] = []
        vocabulary: set[str] | None = None  # built for the first candidate (most pages: none)
        for i in doc.kept():
            if not t["min_words"] <= doc.word_counts[i] <= t["max_words"]:
                continue  # what `looks_like_headline` checks first, without re-counting
            text = doc.lines[i].text
            # The rest of `looks_like_headline` (its word count is the one just tested).
            if not _headline_end(text):
                continue
            if _LIST_MARKER.match(text) or _SECTION_LABEL.match(text):
                continue
            if capitalised_share(text) < t["min_capitalised"]:
                continue
            before, after = doc.neighbour(i, -1), doc.neighbour(i, 1)
            if before is None or after is None:
                continue
            if not (
                doc.is_prose(before, t["neighbour_min_words"])
                and doc.is_prose(after, t["neighbour_min_words"])
            ):
                continue
            own = content_words(text)
            if not own:
                continue
            if vocabulary is None:
                vocabulary = _article_vocabulary(doc)
            if len(own & vocabulary) / len(own) <= t["max_overlap"]:
                hits.append(i)
        return hits


def _article_vocabulary(doc: DocView) -> set[str]:
    """Topical words of the article's prose; other short lines (teasers, labels) do not count."""
    vocabulary: set[str] = set()
    min_words = THRESHOLDS["neighbour_min_words"]
    for j in doc.kept():
        if doc.is_prose(j, min_words):
            vocabulary |= content_words(doc.lines[j].text)
    return vocabulary
