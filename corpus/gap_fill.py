"""Put back the in-body lists and headings that trafilatura skipped between two kept paragraphs.

When trafilatura finds no article frame on a page (no `<article>`, no known content class), it
falls back to collecting the page's loose paragraphs, and outside its recall mode that
collection takes `<p>`, quotes, code and tables but not lists or headings. An article body such
as `<p>The findings are clear:</p><ul><li>…</li></ul><p>…</p>` then comes out with its list
silently missing while the paragraphs around it are kept. Running trafilatura's recall mode as
well would find them, but it is a third full pass and it lets through more furniture.

The repair here is structural and cheap (one walk over the parsed page): a run of sibling
elements that are all lists or headings, sitting between two siblings whose texts are
*adjacent* lines of the extraction, was part of the same body and is inserted between those two
lines. Related-link lists, menus and footers do not qualify: they are not sandwiched between
two consecutive kept paragraphs, and as a further guard a list is left out when it lies inside
`nav`/`header`/`footer`/`aside`/`form`/`menu`, when more than half of its text is link text,
when it holds media or controls (galleries, carousels, embedded scripts), or when any of its
items is already in the extraction.

Measured with the cleaners after extraction (`newshygiene eval`): WCXB-dev word F1 0.936 →
0.941 with leakage unchanged at 2.7 % (63 pages changed, the worst of them by −0.003, the best
by +0.21); ScrapingHub body F1 unchanged at 0.970. The link-text share of 0.5 is where the
WCXB lists split: in-body lists are mostly plain text, while the lists it must not restore are
nearly all links; without the media/script guard two ScrapingHub pages lost 0.1-0.17 F1 (a
captioned image carousel, a script inside a list item).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

#: Lists whose link text is more than this share of their text are link lists, not body text.
MAX_LINK_SHARE = 0.5
_LISTS = frozenset({"ul", "ol"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Containers whose lists are page furniture whatever their position (also what
#: `corpus.recall` never takes a run from).
FURNITURE = frozenset({"nav", "header", "footer", "aside", "form", "menu"})
#: A list holding any of these is a gallery, a widget or a script slot, not prose (also the
#: caption test of `corpus.recall`).
MEDIA = frozenset(
    {
        "img",
        "picture",
        "figure",
        "video",
        "iframe",
        "script",
        "style",
        "noscript",
        "svg",
        "button",
        "input",
        "select",
        "form",
    }
)
#: Siblings that are neither text nor a break in the run (skipped when walking a container).
_INVISIBLE = frozenset(
    {"script", "style", "noscript", "br", "hr", "img", "figure", "picture", "svg", "iframe"}
)
_WORDLIKE = re.compile(r"\w\w")


def text_key(text: str) -> str:
    """Lower-cased, single-spaced: how a page element and an extracted line are compared."""
    return " ".join(text.split()).lower()


def _text(element: HtmlElement) -> str:
    return text_key(element.text_content())


def _line_index(text: str) -> dict[str, int]:
    """Normalised line → its first line number; list lines also under their text without '- '."""
    index: dict[str, int] = {}
    for number, line in enumerate(text.split("\n")):
        key = text_key(line)
        if key:
            index.setdefault(key, number)
            index.setdefault(key.lstrip("-•* ").strip(), number)
    return index


def _containers(tree: HtmlElement) -> Iterator[HtmlElement]:
    """Parents of top-level lists outside page furniture, in document order, each once."""
    seen: set[HtmlElement] = set()
    for element in tree.iter("ul", "ol"):
        parent = element.getparent()
        if parent is None or parent in seen:
            continue
        seen.add(parent)
        lineage = [parent, *parent.iterancestors()]
        if any(a.tag in FURNITURE or a.tag in _LISTS or a.tag == "li" for a in lineage):
            continue
        yield parent


def _restorable(element: HtmlElement, index: dict[str, int]) -> bool:
    if element.tag not in _LISTS and element.tag not in _HEADINGS:
        return False
    if any(isinstance(e.tag, str) and e.tag in MEDIA for e in element.iter()):
        return False
    if element.tag in _HEADINGS:
        return True
    items = [t for t in (_text(li) for li in element if li.tag == "li") if t]
    if not items or any(item in index for item in items):
        return False
    links = sum(len(_text(a)) for a in element.iter("a"))
    return links <= MAX_LINK_SHARE * sum(len(item) for item in items)


def _render(element: HtmlElement) -> list[str]:
    """Text lines as trafilatura writes them: '- item' per list item, a heading as one line."""
    if element.tag in _LISTS:
        return [
            "- " + " ".join(li.text_content().split())
            for li in element
            if li.tag == "li" and _text(li)
        ]
    return [" ".join(element.text_content().split())]


def restore_skipped_blocks(text: str, tree: HtmlElement) -> str:
    """`text` with the lists and headings found between two of its adjacent lines put back.

    `tree` is the parsed page `text` was extracted from; it is only read.
    """
    index = _line_index(text)
    inserts: dict[int, list[str]] = {}
    for container in _containers(tree):
        previous: int | None = None  # line number of the last sibling found in the text
        run: list[HtmlElement] = []
        run_ok = True
        for child in container:
            if not isinstance(child.tag, str) or child.tag in _INVISIBLE:
                continue
            child_text = _text(child)
            if not _WORDLIKE.search(child_text):
                continue  # empty or a stray glyph between paragraphs: not a break in the run
            number = index.get(child_text)
            if number is not None:
                if run and run_ok and previous is not None and number == previous + 1:
                    inserts.setdefault(previous, []).extend(
                        line for element in run for line in _render(element)
                    )
                previous, run, run_ok = number, [], True
                continue
            if previous is None:
                continue
            run.append(child)
            run_ok = run_ok and _restorable(child, index)
    if not inserts:
        return text
    lines: list[str] = []
    for number, line in enumerate(text.split("\n")):
        lines.append(line)
        lines.extend(inserts.get(number, ()))
    return "\n".join(lines)
