"""Tag lists printed one tag per line under a bare heading ("Topics", "Tags:").

The phrase rules catch "Tags: A, B, C" on one line and the bare heading itself (as
`tag_residue`); when a page prints each tag on its own line, the heading is the only cue, so
the short label lines right after it are tags. The run stops at the first line that is not a
label (a sentence, a list item, anything long), so a subhead that follows a tag box is safe.
"""

from __future__ import annotations

import re

from cleaners.rules import DocView

THRESHOLDS = {
    "label_max_words": 4,  # a tag is a word or a short phrase ("Home Improvement")
    "label_max_chars": 40,
    "max_tags": 12,  # a tag box is short; a longer run is more likely an article's own list
}

#: Bare headings that open a tag list (matched against `match_form`, colon optional).
HEADING = re.compile(
    r"(?:tags|topics|tagged(?: with)?|filed under|categories|related topics|more on)"
    r"\s*:?"
)
# Rules whose lines may sit between the tags (a stray menu word, a kicker) without ending it.
_PASS_THROUGH = frozenset({"tags", "tag_residue", "section_label", "navigation"})
_LABEL_END = (".", "!", "?", ":", ",", ";")
_LIST_MARKER = re.compile(r"^(?:[-*•◦▪–]|\d{1,3}[.)])\s")


def is_label(text: str, word_count: int) -> bool:
    """A short label line: a few words, no sentence or clause punctuation at the end."""
    t = THRESHOLDS
    return (
        0 < word_count <= t["label_max_words"]
        and len(text) <= t["label_max_chars"]
        and not text.endswith(_LABEL_END)
        and not _LIST_MARKER.match(text)
    )


class TagListRule:
    name = "tags"

    def find(self, doc: DocView) -> list[int]:
        hits: list[int] = []
        for h in sorted(doc.removed):
            if doc.removed[h] not in ("tags", "tag_residue") or not HEADING.fullmatch(doc.forms[h]):
                continue
            found = 0
            for j in range(h + 1, len(doc.lines)):
                if j in doc.removed:
                    if doc.removed[j] in _PASS_THROUGH:
                        continue
                    break
                if j == doc.title_index or not is_label(doc.lines[j].text, doc.word_counts[j]):
                    break
                hits.append(j)
                found += 1
                if found >= THRESHOLDS["max_tags"]:
                    break
        return hits
