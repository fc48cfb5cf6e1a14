"""Lines that are boilerplate because they repeat: within a page, or across a site's pages."""

from __future__ import annotations

from cleaners.lines import line_key
from cleaners.rules import DocView


class DuplicateLineRule:
    """A line printed twice on one page keeps its first copy only (pull quotes, twin boxes)."""

    name = "duplicate_line"

    def find(self, doc: DocView) -> list[int]:
        seen: set[str] = set()
        hits: list[int] = []
        for i in doc.kept():
            key = doc.forms[i]
            if key in seen:
                hits.append(i)
            seen.add(key)
        return hits


class SiteTemplateRule:
    """Lines the site repeats across many of its pages, learned by the corpus pass.

    `template_keys` are `line_key`s; which lines qualify (how many pages, how long) is decided
    where they are counted, in `corpus.site_templates`, so this rule only applies the verdict.
    """

    name = "site_template"
    #: If template lines would take more than this share of a page's remaining words, the page
    #: is a reprint of another page of the same site (its paragraphs repeat because the story
    #: does), not furniture: the rule stands down and near-duplicate detection handles it.
    max_share = 0.5

    def __init__(self, template_keys: frozenset[str]) -> None:
        self.template_keys = template_keys

    def find(self, doc: DocView) -> list[int]:
        if not self.template_keys:
            return []
        kept = doc.kept()
        hits = [i for i in kept if line_key(doc.lines[i].text) in self.template_keys]
        total = sum(doc.word_counts[i] for i in kept)
        if total and sum(doc.word_counts[i] for i in hits) > self.max_share * total:
            return []
        return hits


class RepeatedTitleRule:
    """The article's own headline printed again inside the body."""

    name = "repeated_title"

    def __init__(self, title: str | None) -> None:
        self.title_form = line_key(title) if title else None

    def find(self, doc: DocView) -> list[int]:
        if not self.title_form:
            return []
        return [i for i in doc.kept() if line_key(doc.lines[i].text) == self.title_form]
