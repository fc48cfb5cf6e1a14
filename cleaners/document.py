"""Cleaning one document: lines in, title + author + body paragraphs + removal log out.

The order of rules is the order in which kinds are decided: wording first (unambiguous), then
the title, then rules that depend on what is left around a line (polls, bios, injected
headlines), and the site template last so it only reports what no specific rule explained.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cleaners.authors import AuthorBioRule, BylineRule, CreditLineRule
from cleaners.base import CleanResult, Removal
from cleaners.headlines import InjectedHeadlineRule
from cleaners.lines import match_form, split_lines
from cleaners.phrases import DATE, PHRASES
from cleaners.polls import ReaderPollRule
from cleaners.repeats import RepeatedTitleRule, SiteTemplateRule
from cleaners.rules import DocView, MenuRowRule, PhraseRule, PhraseTable, Rule
from cleaners.tags import TagListRule
from cleaners.title import detect_title, strip_site_suffix

PHRASE_TABLE = PhraseTable(PHRASES)
PHRASE_RULES: tuple[PhraseRule, ...] = PHRASE_TABLE.rules
#: Rules decided on a line's own wording, before the title is chosen (also used by
#: `cleaners.titles.headline_of`, which must pick the same title without cleaning the page):
#: the phrase table first, then these.
EARLY_RULES: tuple[Rule, ...] = (
    MenuRowRule(),
    TagListRule(),
    BylineRule(bare_names=False),
)
_DATE = re.compile(DATE)
_LIST_ITEM = re.compile(r"^(?:[-*•◦▪–]|\d{1,3}[.)])\s+")


@dataclass(frozen=True)
class Hints:
    """What a reader or extractor already knows about the document."""

    title: str | None = None
    author: str | None = None
    detect_title: bool = True  # False for extracted HTML, where the title comes from metadata


def rule_names() -> list[str]:
    """Every rule name the cleaner can report, in decision order (for docs and summaries)."""
    late = [
        "image_credit",
        "byline",
        "section_label",
        "reader_poll",
        "author_bio",
        "repeated_title",
        "injected_headline",
        "site_template",
    ]
    return [rule.name for rule in PHRASE_RULES] + late


def _record(index: int, name: str, doc: DocView, removed: list[Removal]) -> None:
    if index in doc.removed or index == doc.title_index:
        return
    doc.removed[index] = name
    line = doc.lines[index]
    removed.append(Removal(rule=name, line=line.number, text=line.text))


def _apply(rule: Rule, doc: DocView, removed: list[Removal]) -> None:
    for index in rule.find(doc):
        _record(index, rule.name, doc, removed)


@dataclass(frozen=True)
class EarlyDecisions:
    """What the wording rules (`PHRASE_TABLE`, then `EARLY_RULES`) decided about a text's
    lines, by line index, and what the view they ran on had worked out about the lines.

    They depend on the text alone, and two stages need them: the site-template pass (to find
    each page's headline, `cleaners.titles.headline_of`) and cleaning. A pipeline decides them
    once, where the page is read, and hands them to `clean_document` with the page
    (`to_json`/`from_json`), instead of running the most expensive rules twice.

    `word_counts` and `keys` are the first view's per-line values (every line's word count;
    the matching keys the template pass made), so the cleaning view starts with them instead
    of making them again (functions of the line's text: the same values). They are a cache,
    not decisions: equality ignores them. Measured on 3,000 plain-text pages, one process,
    best of three: reading 1.36-1.39 -> 1.49-1.52 s, cleaning 2.30-2.31 -> 2.02-2.06 s, both
    3.66-3.70 -> 3.51-3.58 s. Match forms are not carried: writing and reading them back cost
    what making them again does (both 3.63-3.76 s).
    """

    removed: Mapping[int, str]
    authors: tuple[str, ...] = ()
    word_counts: tuple[int, ...] = field(default=(), compare=False)
    keys: Mapping[int, str] = field(default_factory=dict, compare=False)

    def to_json(self) -> str:
        return json.dumps(
            {
                "removed": sorted(self.removed.items()),
                "authors": self.authors,
                "word_counts": self.word_counts,
                "keys": list(self.keys.items()),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> EarlyDecisions:
        data = json.loads(text)
        return cls(
            {int(i): rule for i, rule in data["removed"]},
            tuple(data["authors"]),
            tuple(data.get("word_counts", ())),
            dict(data.get("keys", ())),
        )

    @classmethod
    def of(cls, doc: DocView) -> EarlyDecisions:
        """The decisions recorded in a view made by `early_view` (before any later rule)."""
        return cls(
            dict(doc.removed),
            tuple(doc.authors),
            tuple(doc.word_counts),
            doc.keys.made(),
        )


def early_decisions(text: str) -> EarlyDecisions:
    """The wording rules' decisions on `text`, to be passed to `clean_document` later."""
    return EarlyDecisions.of(early_view(text)[0])


def early_view(text: str, early: EarlyDecisions | None = None) -> tuple[DocView, list[Removal]]:
    """The document after the wording rules, and their removals: run now, or replayed from
    `early` (decided by an earlier stage on the same text)."""
    lines, blocks = split_lines(text)
    counts = early.word_counts if early is not None else ()
    doc = DocView(lines=lines, blocks=blocks, known_counts=counts)
    removed: list[Removal] = []
    if early is None:
        for index, kind in PHRASE_TABLE.find(doc):
            _record(index, kind, doc, removed)
        for rule in EARLY_RULES:
            _apply(rule, doc, removed)
    else:
        doc.removed.update(early.removed)
        doc.authors.extend(early.authors)
        doc.keys.seed(early.keys)
        removed = [
            Removal(rule, lines[i].number, lines[i].text) for i, rule in early.removed.items()
        ]
    return doc, removed


def _dateline_date(removed: list[Removal]) -> str | None:
    """The publication date printed in a dateline; 'Published …' beats 'Updated …'."""
    found: list[tuple[bool, str]] = []
    for removal in removed:
        if removal.rule != "dateline":
            continue
        form = match_form(removal.text)
        match = _DATE.search(form)
        if match:
            found.append((form.startswith(("updated", "last updated", "modified")), match.group(0)))
    return min(found, key=lambda f: f[0])[1] if found else None


def _paragraphs(doc: DocView) -> list[str]:
    """Each kept line is a paragraph, except runs of list items in one block, kept together."""
    paragraphs: list[str] = []
    previous: int | None = None
    for i in doc.kept():
        text = doc.lines[i].text
        same_list = (
            previous is not None
            and doc.blocks[previous] == doc.blocks[i]
            and _LIST_ITEM.match(text)
            and _LIST_ITEM.match(doc.lines[previous].text)
        )
        if same_list:
            paragraphs[-1] += "\n" + text
        else:
            paragraphs.append(text)
        previous = i
    return paragraphs


def clean_document(
    text: str,
    hints: Hints | None = None,
    template: Mapping[str, int] | None = None,
    extra_rules: Sequence[Rule] = (),
    early: EarlyDecisions | None = None,
) -> CleanResult:
    """Remove boilerplate lines from `text`; the result's paragraphs are not yet normalized.

    `early`: `early_decisions(text)` made by an earlier stage (the result is the same).
    """
    hints = hints or Hints()
    doc, removed = early_view(text, early)
    lines = doc.lines

    title = hints.title
    if hints.detect_title or hints.title:
        index, kickers = detect_title(doc, hints.title)
        if index is not None:
            doc.title_index = index
            title = title or lines[index].text
            for k in kickers:
                doc.removed[k] = "section_label"
                removed.append(Removal("section_label", lines[k].number, lines[k].text))

    structural: list[Rule] = [
        CreditLineRule(),
        BylineRule(bare_names=True),
        ReaderPollRule(),
        AuthorBioRule(template),
        RepeatedTitleRule(title),
        InjectedHeadlineRule(),
        *extra_rules,
        SiteTemplateRule(template or {}),
    ]
    for rule in structural:
        _apply(rule, doc, removed)

    removed.sort(key=lambda r: r.line)
    if title and hints.detect_title and not hints.title:
        title = strip_site_suffix(title, [r.text for r in removed])
    author = hints.author or (doc.authors[0] if doc.authors else None)
    return CleanResult(
        title=title,
        author=author,
        paragraphs=_paragraphs(doc),
        removed=removed,
        published=_dateline_date(removed),
    )
