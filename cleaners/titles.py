"""Headlines of other articles printed inside a body: "related", "trending", "most read" links.

One page cannot tell an injected headline from a subhead: both are short Title Case lines
between paragraphs. The corpus can: a line that is exactly the headline of *another* article
in the corpus (this run's or an earlier run's) is a link to that article, not a subhead of this
one. The corpus pass (`corpus.pipeline.learn_site_templates`) collects every article's headline
with `headline_of`; `OtherTitleRule` then removes body lines equal to one of them.

Evidence against: the page's own headline (that is `repeated_title`'s business), and lines too
short to identify an article ("Introduction", "Key takeaways" could be the title of a page and a
subhead of many) or too long to be a headline.
"""

from __future__ import annotations

from collections.abc import Container
from typing import TYPE_CHECKING

from cleaners.lines import line_key
from cleaners.rules import DocView

if TYPE_CHECKING:
    from cleaners.document import EarlyDecisions

THRESHOLDS = {
    # A headline shorter than this is too generic to say "this line links to that article".
    "min_words": 4,
    # Longer lines are sentences of prose, whatever else they equal.
    "max_words": 25,
}


class OtherTitleRule:
    """Kept lines whose matching key is the headline of another article of the corpus."""

    name = "other_title"

    def __init__(self, titles: Container[str], own_title: str | None = None) -> None:
        self.titles = titles
        self.own_key = line_key(own_title) if own_title else None

    def find(self, doc: DocView) -> list[int]:
        own = {self.own_key} if self.own_key else set()
        if doc.title_index is not None:
            own.add(doc.keys[doc.title_index])
        low, high = THRESHOLDS["min_words"], THRESHOLDS["max_words"]
        candidates = [i for i in doc.kept() if low <= doc.word_counts[i] <= high]
        return [
            i
            for i, key in zip(candidates, doc.keys.of(candidates), strict=True)
            if key not in own and key in self.titles
        ]


def headline_of(text: str, early: EarlyDecisions | None = None) -> str | None:
    """The headline a plain-text page would get from `clean_document`, without cleaning it.

    Only the steps that decide the title run (wording rules, then title detection), at a
    fraction of a full cleaning's cost; `early` saves the wording rules when already decided.
    """
    from cleaners.document import early_view  # late import: document imports this module

    return headline_in(early_view(text, early)[0])


def headline_in(doc: DocView) -> str | None:
    """`headline_of` a page already split into a view with the wording rules applied
    (`cleaners.document.early_view`): the site-template pass makes that view once for the
    wording rules, the headline and the page's template keys."""
    from cleaners.title import detect_title

    if not doc.lines:
        return None
    index, _ = detect_title(doc, None)
    if index is None:
        return None
    return doc.lines[index].text if doc.word_counts[index] >= 1 else None
