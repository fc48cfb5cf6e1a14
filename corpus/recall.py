"""Recall repairs on an extracted text: put back the body lines a stricter pass dropped.

`corpus.extract` runs trafilatura precision-first. Precision mode regularly drops single blocks
from the middle of an article that the default pass keeps: a paragraph in a bordered box, a
list of key points, a heading, a run of "chapter" links that the reference counts as body. And
on some pages every pass misses body text that recall mode keeps (lists nested in wrappers,
text in `<details>`, rich-text `div`s). Taking the fuller text wholesale brings its furniture
with it, so both repairs here work run by run:

`restore_dropped_runs(text, fuller, blocks)` aligns the lines of the two texts and takes a run
of the fuller text's lines only if it is *inserted* between two lines of `text` (a line that
replaces one of `text`'s is the same paragraph cut differently and would be doubled), and only
if every line of the run is one block of the page (`PageBlocks`) and the run passes four guards:
none of its blocks, nor any wrapper up to the element it shares with a neighbouring line, is
page furniture (`FURNITURE`) or carries a boilerplate class or id (`BOILERPLATE_WORDS`); the
run is at most `MAX_LINK_SHARE` link text; and no block of it is a caption (media beside less
than `MIN_MEDIA_TEXT` characters). Runs before the first or after the last line of `text` are
never added: that is where bylines, share bars, related stories and newsletter prompts sit.

`looks_truncated(text, blocks)` decides when a recall-mode pass is worth its cost: it finds the
text's container (the innermost element holding `CONTAINER_SHARE` of the located lines) and
compares its prose, i.e. its text outside links, furniture and scripts, with the text's length.

Measured by `newshygiene eval` (WCXB word F1 / leakage; ScrapingHub body F1 0.9711 throughout
unless said), with the whole extraction of `corpus.extract` in place (0.9473 / 2.72 %) except
in the first item, measured before the truncation check existed:

- Default-pass runs: taking every run inserted between two precision lines, 0.9462 / 2.92 %;
  only runs whose lines are blocks of the page, with the guards: 0.9461 / 2.75 %.
- `BOILERPLATE_WORDS`: without them 0.9472 / 2.77 %. On WCXB they fire on `cta` (10 blocks,
  7 pages), `callout` (6 / 4), `related` (4 / 3), `footer` (2 / 2) and `menu` (1 / 1) among
  the default-pass runs; dropping any one word alone moved the score by under 0.0001 (before
  the truncation check), so the list names general kinds of boilerplate wrapper rather than
  cases fitted here. A word shorter than 6 letters must be a whole token: as a prefix, `nav`
  matched the id `navigating-the-journal-…` of a real section.
- `MAX_LINK_SHARE` 0.8, trafilatura's own limit for a link-dominated element: without it
  0.9475 / 2.77 % and ScrapingHub 0.97115 → 0.97107; at 0.5 (`corpus.gap_fill`'s value for
  lists) 0.9472 / 2.72 %.
- `MIN_MEDIA_TEXT` 150: the candidate blocks holding media were captions, teaser tiles,
  promos and headings with an icon of 6-94 characters, or body paragraphs opening with an
  inline image of 161-298; with no caption guard 0.9473 / 2.75 %, with every media block
  refused 0.9472 / 2.72 %.
- `FURNITURE`: no measured effect (0.9474 / 2.72 % without); it is `corpus.gap_fill`'s guard,
  kept for the pages it describes (a `<header>`, `<aside>` or `<nav>` between two paragraphs).
- `TRUNCATED_RATIO` 1.2: at 1.05 and at 1.1, 0.9474, with the recall pass on 19 of 181
  ScrapingHub pages at 1.1 (none of which changes); at 1.2, 0.9473 with 9; at 1.3, 0.9472.
  `CONTAINER_SHARE` from 0.7 to 0.9 gives the same numbers.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from lxml.html import HtmlElement

from corpus.gap_fill import FURNITURE, MEDIA, text_key

#: A run whose blocks are more than this share link text is a link list or a teaser block.
MAX_LINK_SHARE = 0.8
#: A block holding an image or a widget is a caption or a tile unless it has this much text.
MIN_MEDIA_TEXT = 150
#: The text looks truncated when its container holds more than this times its length in prose.
TRUNCATED_RATIO = 1.2
#: The container of a text: the innermost element holding this share of its located lines.
CONTAINER_SHARE = 0.8
#: Words that name a boilerplate wrapper in a class or id token (whole tokens for words of fewer
#: than 6 letters; longer words also as the start of a token: "relatedposts", "subscription").
BOILERPLATE_WORDS = (
    "cta",
    "promo",
    "related",
    "newsletter",
    "subscri",
    "sidebar",
    "popup",
    "banner",
    "advert",
    "share",
    "social",
    "callout",
    "footer",
    "menu",
    "nav",
)
#: The elements a line of trafilatura's output comes from.
_BLOCKS = (
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "td",
    "th",
    "div",
    "section",
    "article",
    "figure",
    "figcaption",
    "table",
    "ul",
    "ol",
    "dl",
    "tr",
)
_BLOCK_SET = frozenset(_BLOCKS)
#: Text that is not the article's prose when measuring a container (`looks_truncated`).
_NOT_PROSE = ("a", *sorted(FURNITURE), "script", "style", "noscript", "template", "button")
_TOKEN = re.compile(r"[a-z0-9]+")


def _line_key(line: str) -> str:
    key = text_key(line)
    return key[2:] if key.startswith("- ") else key


class PageBlocks:
    """The page's innermost block elements by their normalised text, built on first use.

    A line of trafilatura's output is the text of one paragraph, list item, heading or cell,
    i.e. of a block with no block inside it; containers are left out (their text is several
    lines run together), which keeps building this one linear walk over the page.
    """

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self._index: dict[str, HtmlElement] | None = None

    def find(self, line: str) -> HtmlElement | None:
        if self._index is None:
            self._index = {}
            for element in self.tree.iter(*_BLOCKS):
                if any(child.tag in _BLOCK_SET for child in element):
                    continue
                key = text_key(element.text_content())
                if key:
                    self._index[key] = element
        return self._index.get(_line_key(line))


def _wrappers(element: HtmlElement, neighbours: list[HtmlElement]) -> list[HtmlElement]:
    """`element` and its ancestors below the first one it shares with a neighbour."""
    shared: set[HtmlElement] = set()
    for neighbour in neighbours:
        shared.update(neighbour.iterancestors())
        shared.add(neighbour)
    chain = []
    for ancestor in [element, *element.iterancestors()]:
        if ancestor in shared:
            break
        chain.append(ancestor)
    return chain


def _boilerplate_name(element: HtmlElement) -> bool:
    name = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return any(
        token == word or (len(word) >= 6 and token.startswith(word))
        for token in _TOKEN.findall(name)
        for word in BOILERPLATE_WORDS
    )


def _caption(element: HtmlElement) -> bool:
    """A short text beside an image, a video or a widget: a caption, a gallery or teaser tile."""
    if len(text_key(element.text_content())) >= MIN_MEDIA_TEXT:
        return False
    return any(isinstance(e.tag, str) and e.tag in MEDIA for e in element.iter())


def _link_share(elements: list[HtmlElement]) -> float:
    total = sum(len(text_key(e.text_content())) for e in elements)
    links = sum(len(text_key(a.text_content())) for e in elements for a in e.iter("a"))
    return links / total if total else 1.0


def _acceptable(run: list[str], before: str, after: str, blocks: PageBlocks) -> bool:
    found = [blocks.find(line) for line in run]
    neighbours = [e for e in (blocks.find(before), blocks.find(after)) if e is not None]
    if any(e is None for e in found) or not neighbours:
        return False
    elements = list(dict.fromkeys(found))
    if any(_caption(element) for element in elements):
        return False
    if _link_share(elements) > MAX_LINK_SHARE:
        return False
    for element in elements:
        for wrapper in _wrappers(element, neighbours):
            if wrapper.tag in FURNITURE or _boilerplate_name(wrapper):
                return False
    return True


def restore_dropped_runs(precise: str, full: str, blocks: PageBlocks) -> str:
    """`precise` with the runs of `full`'s lines that sit between two of its lines put back.

    `full` is a fuller extraction of the same page (the default or the recall pass) and
    `blocks` that page; see the module docstring for which runs qualify.
    """
    if precise == full:
        return precise
    precise_lines, full_lines = precise.split("\n"), full.split("\n")
    keys_p = [text_key(line) for line in precise_lines]
    keys_f = [text_key(line) for line in full_lines]
    matcher = SequenceMatcher(None, keys_p, keys_f, autojunk=False)
    ops = matcher.get_opcodes()
    out: list[str] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        out.extend(precise_lines[i1:i2])
        if tag != "insert" or not 0 < n < len(ops) - 1:
            continue
        if ops[n - 1][0] != "equal" or ops[n + 1][0] != "equal":
            continue
        run = [line for line in full_lines[j1:j2] if line.strip()]
        if not run:
            continue
        if _acceptable(run, full_lines[j1 - 1], full_lines[j2], blocks):
            out.extend(run)
    return "\n".join(out)


def _main_container(text: str, blocks: PageBlocks) -> HtmlElement | None:
    """The innermost element holding `CONTAINER_SHARE` of the text of the located lines."""
    weight: dict[HtmlElement, int] = {}
    total = 0
    for line in text.split("\n"):
        element = blocks.find(line) if line.strip() else None
        if element is None:
            continue
        total += len(line)
        for holder in (element, *element.iterancestors()):
            weight[holder] = weight.get(holder, 0) + len(line)
    best, best_depth = None, -1
    for holder, chars in weight.items():
        if chars >= CONTAINER_SHARE * total:
            depth = sum(1 for _ in holder.iterancestors())
            if depth > best_depth:
                best, best_depth = holder, depth
    return best


def _prose_length(element: HtmlElement) -> int:
    """Characters of `element`'s text outside links, page furniture and scripts."""
    skipped = 0
    for inner in element.iter(*_NOT_PROSE):
        holder = inner.getparent()
        while holder is not None and holder is not element and holder.tag not in _NOT_PROSE:
            holder = holder.getparent()
        if holder is element:  # outermost of its kind, or it was counted with its holder
            skipped += len(text_key(inner.text_content()))
    return len(text_key(element.text_content())) - skipped


def looks_truncated(text: str, blocks: PageBlocks) -> bool:
    """Whether the article's own container holds clearly more prose than `text`."""
    container = _main_container(text, blocks)
    if container is None:
        return False
    return _prose_length(container) > TRUNCATED_RATIO * len(text)
