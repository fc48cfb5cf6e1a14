"""Finding the headline of a plain-text dump.

Scrapers put the headline first, sometimes after a kicker ("POLITICS") or a navigation line
that the phrase rules have already removed. A first line that reads like a sentence (ends
with a period, or is long) is body text: many dumps carry no headline at all.
"""

from __future__ import annotations

from cleaners.headlines import looks_like_headline
from cleaners.lines import line_key
from cleaners.rules import DocView

THRESHOLDS = {
    "max_words": 30,
    "kicker_max_words": 4,  # a short label above the headline is a section kicker
    "search_lines": 3,  # the headline is among the first kept lines or absent
}


def detect_title(doc: DocView, hint: str | None = None) -> tuple[int | None, list[int]]:
    """The title line's index (or None) and short kicker lines found above it.

    A `hint` (title from HTML metadata or a JSONL field) wins: the line equal to it is the title.
    """
    kept = doc.kept()[: THRESHOLDS["search_lines"]]
    if hint:
        hint_key = line_key(hint)
        for position, i in enumerate(kept):
            key = line_key(doc.lines[i].text)
            if key == hint_key or (key and hint_key.startswith(key) and len(key) > 20):
                return i, kept[:position]
        return None, []
    for position, i in enumerate(kept):
        text = doc.lines[i].text
        next_kept = doc.neighbour(i, 1)
        if next_kept is None:
            return None, []
        ends_block = doc.blocks[next_kept] != doc.blocks[i]
        if looks_like_headline(text, max_words=THRESHOLDS["max_words"]) and ends_block:
            kicker_ok = all(
                doc.word_counts[k] <= THRESHOLDS["kicker_max_words"] for k in kept[:position]
            )
            if kicker_ok:
                return i, kept[:position]
            return None, []
        if doc.word_counts[i] > THRESHOLDS["kicker_max_words"]:
            return None, []
    return None, []
