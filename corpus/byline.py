"""A page's author as trafilatura's `extract_author` finds it, at a fraction of its cost.

trafilatura looks for the byline with XPath expressions whose `re:test` calls lxml answers
by calling back into Python for every element the expression reaches (~900 on a news page,
three expressions, on a copy of the page pruned by a fourth). On the 974 benchmark pages that
made the author lookup, where a page's meta tags and JSON-LD name nobody (about half of them),
7-8 ms: a third of the fast profile's whole extraction of such a page.

Here each of those expressions is a test of one element (`corpus.element_tests`), run on
the elements a walk in C preselects, in document order; the three author expressions
share one preselection. (Preselecting with
`contains` tests for the literals each pattern needs was slower: libxml2 copies the
attribute's value for every one of them.) Same elements in the
same (document) order, so `extract_author` below is trafilatura's own function step for
step. The tests are written out from trafilatura's expressions, which this module checks
at import: if an upgrade changes an expression, `extract_author` is trafilatura's again
(`tests/corpus/test_byline.py` compares every selector with its expression on real pages).
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from itertools import chain

from lxml.etree import Element, XPath
from lxml.html import HtmlElement
from trafilatura import metadata as trafilatura_metadata
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import extract_metainfo
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from corpus.element_tests import (
    Selector,
    child_string_is,
    has,
    preselect,
    regex_test,
    with_attribute,
    written_from,
)

_author_name = regex_test("author-?name|AuthorName|authorName")


_TAGS_0 = frozenset({"a", "address", "div", "link", "p", "span", "strong"})


def _author_0(e: HtmlElement) -> bool:
    if e.tag == "author":  # the `|//author` branch
        return True
    get = e.get
    return e.tag in _TAGS_0 and (
        get("rel") == "author"
        or get("id") == "author"
        or get("class") == "author"
        or get("itemprop") == "author name"
        or child_string_is(e, "rel", "me")
        or get("data-testid") in ("AuthorCard", "AuthorURL")
        or _author_name(get("class"))
    )


_byline_id = regex_test("author|zuozhe|bianji|xiaobian")
_byline_class = regex_test(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)


_TAGS_1 = frozenset({"a", "div", "h3", "h4", "p", "span"})


def _author_1(e: HtmlElement) -> bool:
    get = e.get
    return e.tag in _TAGS_1 and (
        get("class") in ("byline", "username", "byl", "BBL")
        or has(get("itemprop"), "author")
        or _byline_id(get("id"))
        or _byline_class(get("class"))
    )


_any_author_id = regex_test("[Aa]uthor")
_any_author_class = regex_test("[Aa]uthor|screenname|writer|[Bb]yline")


def _author_2(e: HtmlElement) -> bool:
    get = e.get
    return (
        has(get("data-component"), "Byline")
        or has(get("itemprop"), "author")
        or _any_author_id(get("id"))
        or _any_author_class(get("class"))
    )


_discard_id = regex_test("^comments|comment-?list|ProductReviews")
_discard_class = regex_test(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram"
    "|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)


def _discard_0(e: HtmlElement) -> bool:
    get = e.get
    return (
        get("id") == "comments"
        or get("class") in ("comments", "title", "date")
        or _discard_id(get("id"))
        or _discard_class(get("class"))
        or has(get("data-component"), "Figure")
    )


#: The attributes that make an element a candidate for one of the author expressions.
_CANDIDATE_ATTRIBUTES = ("rel", "id", "class", "itemprop", "data-testid", "data-component")


def _author_candidates(tree: HtmlElement) -> list[HtmlElement]:
    """Every element any of the three author expressions can select, in document order:
    `//*[@rel or @id or @class or @itemprop or @data-testid or @data-component or rel]|//author`
    as one walk of the document (its root element and any top-level element beside it), one
    Python proxy per element, shared by the three tests (`author_expressions`). 244 real
    pages: 0.87 ms a page as that XPath, 0.64 ms walked (the same elements)."""
    root = tree.getroottree().getroot()
    tops = [*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()]
    with_rel_child = {rel.getparent() for top in tops for rel in top.iter("rel")}
    return with_attribute(
        chain.from_iterable(top.iter(Element) for top in tops),
        _CANDIDATE_ATTRIBUTES,
        also=lambda e: e.tag == "author" or e in with_rel_child,
    )


#: trafilatura's AUTHOR_XPATHS, in order, as tests of one element.
AUTHOR_TESTS: tuple[Callable[[HtmlElement], bool], ...] = (_author_0, _author_1, _author_2)


def author_expressions(tree: HtmlElement) -> list[Callable[[HtmlElement], list[HtmlElement]]]:
    """Stand-ins for AUTHOR_XPATHS on `tree` (only): each gives its expression's elements."""
    candidates = _author_candidates(tree)
    return [
        lambda _tree, test=test: [e for e in candidates if test(e)]  # type: ignore[misc]
        for test in AUTHOR_TESTS
    ]


FAST_AUTHOR_DISCARD_XPATHS: list[Selector | XPath] = [
    Selector(
        preselect(("a", "div", "section", "span"), ("id", "class", "data-component")), _discard_0
    ),
    AUTHOR_DISCARD_XPATHS[1],  # `//time|//figure`: native already
]

#: sha256 of each expression these selectors were written from (whitespace collapsed), in
#: the order AUTHOR_XPATHS + AUTHOR_DISCARD_XPATHS[:1] (trafilatura 2.3.x).
_WRITTEN_FROM = (
    "c76fab04669acd803293bf5165a4dd475421c9a18d63c7cdbd235d8217ef2ef7",
    "4856676a9393bea9d932828667dc34bd53c3587d468ea3d21675019e2ef5fa4c",
    "4afa206113dc7a074ce503ddc482ee7cdc46e1a97d98c816781f1bd7c305ed43",
    "1525438e8c743f230f289f2e31867796de27025bcf097fb93d630e9b907a6e12",
)


def _written_from_these() -> bool:
    return (
        len(AUTHOR_XPATHS) == len(AUTHOR_TESTS)
        and AUTHOR_DISCARD_XPATHS[1].path == FAST_AUTHOR_DISCARD_XPATHS[1].path  # type: ignore[union-attr]
        and written_from([*AUTHOR_XPATHS, AUTHOR_DISCARD_XPATHS[0]], _WRITTEN_FROM)
    )


#: False when the installed trafilatura's expressions are not the ones written out here.
SELECTORS_CURRENT = _written_from_these()


def extract_author(tree: HtmlElement) -> str | None:
    """trafilatura's `extract_author`, with the selectors (or itself, see `SELECTORS_CURRENT`).

    The page is copied before pruning, as trafilatura does: a pruned element's tail text
    joins its neighbour's, and the byline's text must be read exactly as trafilatura reads it.
    """
    if not SELECTORS_CURRENT:
        return trafilatura_metadata.extract_author(tree)
    subtree = prune_unwanted_nodes(deepcopy(tree), FAST_AUTHOR_DISCARD_XPATHS)  # type: ignore[arg-type]
    author = extract_metainfo(subtree, author_expressions(subtree), len_limit=120)  # type: ignore[arg-type]
    return normalize_authors(None, author) if author else None
