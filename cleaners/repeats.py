"""Lines that are boilerplate because they repeat: within a page, or across a site's pages."""

from __future__ import annotations

from collections.abc import Mapping

from cleaners.lines import line_key
from cleaners.rules import DocView


class SiteTemplateRule:
    """Lines the site repeats across many of its pages, learned by the corpus pass.

    `template` maps a `line_key` to the number of the site's pages it was seen on; which lines
    qualify is decided where they are counted (`corpus.site_templates`). One guard stays here,
    because it needs the page: a line seen on only a few pages may be a paragraph of a story the
    site published several times (updates, reprints). If such lines would take more than
    `max_share` of the page's words, the page *is* that story, and they stay (near-duplicate
    detection handles the copies). Lines on more than `reprint_max_pages` pages are furniture
    whatever their share: a long site block around a short brief is still boilerplate.
    """

    name = "site_template"
    max_share = 0.5
    reprint_max_pages = 5

    def __init__(self, template: Mapping[str, int]) -> None:
        self.template = template

    def find(self, doc: DocView) -> list[int]:
        if not self.template:
            return []
        kept = doc.kept()
        get = self.template.get
        pages = {i: get(key, 0) for i, key in zip(kept, doc.keys.of(kept), strict=True)}
        hits = [i for i in kept if pages[i]]
        few = [i for i in hits if pages[i] <= self.reprint_max_pages]
        total = sum(doc.word_counts[i] for i in kept)
        if total and sum(doc.word_counts[i] for i in few) > self.max_share * total:
            return [i for i in hits if i not in few]
        return hits


class RepeatedTitleRule:
    """The article's own headline printed again inside the body."""

    name = "repeated_title"

    def __init__(self, title: str | None) -> None:
        self.title_form = line_key(title) if title else None
        # A line has at least as many key words as words (`line_key` only splits words
        # further, at apostrophes and underscores), so a longer line cannot be the title.
        self.max_words = len(self.title_form.split()) if self.title_form else 0

    def find(self, doc: DocView) -> list[int]:
        if not self.title_form:
            return []
        return [
            i
            for i in doc.kept()
            if doc.word_counts[i] <= self.max_words and doc.keys[i] == self.title_form
        ]
