"""trafilatura's `re:test` XPath expressions as tests of one element, run in Python.

trafilatura chooses, prunes and reads a page's blocks with XPath expressions; many of them
test an attribute with `re:test` (EXSLT regular expressions), which lxml answers by calling
back into Python for every element the expression reaches, and libxml2 evaluates each of
the expression's attribute tests by copying the attribute's value. On a news page (~900
elements) one such expression costs 1-5 ms, and they are half of a trafilatura pass.

A `Selector` stands for one expression: a native preselection gives a superset of its elements
in document order (its tag test and "has one of the attributes the tests read", `Preselect`),
and the expression's own tests run in Python on those few elements: an attribute
equality is `get(...) ==`, `contains` is `in`, `translate` is `str.translate`, `re:test`
is `re.search` on the value, as in lxml (`regex_test`, one answer kept per value: a page
repeats its class names). `@id|@class` is the first of the two attributes in the element's
own order, as in XPath (`first_of`); `[1]` is the first match in document order, or the
first among its siblings where the step itself carries it (`Selector.position`).

The tests are written out by hand from trafilatura's expressions, so each user records the
digests of the expressions it was written from (`written_from`) and uses trafilatura's own
expressions where an upgrade changed one. The tests compare each selector with its
expression on real pages.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from lxml.etree import Element, XPath
from lxml.html import HtmlElement

Test = Callable[[HtmlElement], bool]


@dataclass(frozen=True)
class Selector:
    """Elements `preselect` gives (a superset of the matches, in document order) that have
    one of `tags` (any tag: None) and pass `test`: what the expression it stands for selects.

    `position`: "first" for an expression `(...)[1]` (the first match in document order),
    "first-child" for `.//*[...][1]` (each match that no earlier sibling matches)."""

    preselect: Callable[[HtmlElement], list[HtmlElement]]
    test: Test
    tags: frozenset[str] | None = None
    position: Literal["first", "first-child"] | None = None

    def matches(self, element: HtmlElement) -> bool:
        return (self.tags is None or element.tag in self.tags) and self.test(element)

    def __call__(self, tree: HtmlElement) -> list[HtmlElement]:
        found = []
        for element in self.preselect(tree):
            if not self.matches(element):
                continue
            if self.position == "first":
                return [element]
            if self.position == "first-child" and any(
                self.matches(sibling) for sibling in element.itersiblings(preceding=True)
            ):
                continue
            found.append(element)
        return found


@dataclass(frozen=True)
class Preselect:
    """The elements below a node (not the node itself) with one of `tags` (any tag: None) and
    one of `attributes`, in document order: the native XPath
    `.//*[self::t1 or ...][@a1 or ...]`, as lxml's tag-filtered walk plus an attribute test.

    The walk runs in C and makes a Python proxy only for elements of the right tags; libxml2's
    XPath evaluates both predicates for every element below the node. 244 real pages, the
    raw-tree pruning's preselection: 0.54 ms a page as XPath, 0.17 ms as this walk (the same
    elements)."""

    tags: tuple[str, ...] | None
    attributes: tuple[str, ...]

    def __call__(self, node: HtmlElement) -> list[HtmlElement]:
        walk = node.iterdescendants(*self.tags) if self.tags else node.iterdescendants(Element)
        return with_attribute(walk, self.attributes)


def with_attribute(
    elements: Iterable[HtmlElement],
    names: tuple[str, ...],
    also: Callable[[HtmlElement], bool] | None = None,
) -> list[HtmlElement]:
    """The `elements` that have one of the attributes `names` (or pass `also`), in order."""
    found = []
    for element in elements:
        if also is not None and also(element):
            found.append(element)
            continue
        attributes = element.attrib
        for name in names:
            if name in attributes:
                found.append(element)
                break
    return found


def preselect(tags: Sequence[str] | None, attributes: Sequence[str]) -> Preselect:
    """Elements below a node with one of `tags` and one of `attributes`, in document order."""
    return Preselect(tuple(tags) if tags else None, tuple(attributes))


def regex_test(pattern: str, flags: int = 0) -> Callable[[str | None], bool]:
    """`re:test(@attribute, pattern)`; a missing attribute is the empty string, which must not
    match (the preselection leaves out elements without the attributes)."""
    compiled = re.compile(pattern, flags)
    if compiled.search(""):
        raise ValueError(f"{pattern!r} matches the empty string")
    answers: dict[str, bool] = {}

    def test(value: str | None) -> bool:
        if value is None:
            return False
        answer = answers.get(value)
        if answer is None:
            if len(answers) >= 10_000:
                answers.clear()
            answer = answers[value] = compiled.search(value) is not None
        return answer

    return test


def has(value: str | None, part: str) -> bool:
    """`contains(@attribute, part)`."""
    return value is not None and part in value


def first_of(element: HtmlElement, names: tuple[str, ...]) -> str | None:
    """`@a|@b` as a string: the value of whichever comes first in the element's attributes."""
    for name, value in element.items():
        if name in names:
            return value
    return None


def child_string_is(element: HtmlElement, tag: str, value: str) -> bool:
    """`tag='value'`: some child element `tag` whose string value is `value`."""
    if element.find(tag) is None:
        return False
    return any(child.xpath("string()") == value for child in element.iterchildren(tag))


def has_descendant(element: HtmlElement, tag: str) -> bool:
    """`.//tag`."""
    return next(element.iterdescendants(tag), None) is not None


@cache
def digest(expression: XPath) -> str:
    """sha256 of an expression's text, whitespace collapsed (once per expression object:
    `corpus.fast_xpaths` checks its expressions at every installation)."""
    return hashlib.sha256(" ".join(expression.path.split()).encode("utf-8")).hexdigest()


def written_from(expressions: Sequence[XPath], digests: Sequence[str]) -> bool:
    """Whether these are still the expressions (by `digest`) some selectors were written from."""
    return len(expressions) == len(digests) and all(
        digest(x) == d for x, d in zip(expressions, digests, strict=True)
    )
