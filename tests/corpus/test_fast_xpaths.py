"""`corpus.fast_xpaths`: each selector selects what trafilatura's expression selects, at every
call trafilatura makes on real pages; the selectors and the parser are in place only inside
`installed()`; and the extraction with them is the extraction without them."""

from __future__ import annotations

import gzip
from collections import Counter

import pytest
from lxml.html import HtmlElement
from trafilatura import utils, xpaths

from corpus import extract, fast_xpaths
from corpus.element_tests import Selector
from tests.conftest import SHARED

#: Elements for each selector's tests, near misses beside them (attribute order matters:
#: `@id|@class` is whichever the element has first).
PAGE = """<html><body>
<div class="infinite-scroll"><p>Next story</p></div>
<section id="infinite-scroll"><h1>Kept: has a headline</h1></section>
<aside class="mvp-post-add-box"><h1>Appended article</h1></aside>
<div id="comments">c</div><ul id="disqus_thread"><li>x</li></ul>
<ol class="comment-list"><li>y</li></ol><div class="commentary">kept</div>
<details id="Comments">d</details><list class="post-comments">e</list>
<div><article class="post">A</article><div class="entry">B</div></div>
<section><p>p</p><div itemprop="articleBody">C</div><main class="article-body">D</main></section>
<div role="article">E</div><main class="FullText">F</main>
<div id="Main-Content">G</div><section class="Page-Content">H</section>
<div class="content_main">I</div>
<span class="share-buttons">s</span><p role="Navigation">n</p>
<div data-lp-replacement-content="">r</div><section id="cookie-x" class="z">k</section>
<div class="a" id="cookie">not first</div><item class="newsletter">m</item>
<div style="display:none">h</div><b aria-hidden="true">a</b><i class="x hidden">i</i>
<u id="reply-3">u</u><em style="color:red" id="hidden-x">not first</em>
<div class="page-bottom">b</div><p class="link">l</p><span class="permalink">kept</span>
<div style="border:1px solid">o</div><p id="bottom-bar" class="x">t</p>
</body></html>"""


def _name(expressions: list, at: int) -> str:
    return next(n for n in dir(xpaths) if getattr(xpaths, n) is expressions) + f"[{at}]"


def test_every_selector_is_current_for_the_installed_trafilatura() -> None:
    assert len(fast_xpaths.current()) == len(fast_xpaths.SELECTORS) == 9


def test_each_selector_selects_what_its_expression_selects() -> None:
    tree = extract._parse(PAGE)
    for expressions, at, selector in fast_xpaths.current():
        theirs = expressions[at](tree)
        assert theirs, f"the page does not reach {_name(expressions, at)}"
        assert selector(tree) == theirs, _name(expressions, at)
        for element in tree.iter("div", "section", "main", "body"):  # from inner context nodes
            assert selector(element) == expressions[at](element), _name(expressions, at)


def test_selectors_are_in_trafilaturas_lists_only_inside_installed() -> None:
    originals = [expressions[at] for expressions, at, _ in fast_xpaths.current()]
    parser = utils.HTML_PARSER
    with fast_xpaths.installed():
        with fast_xpaths.installed():  # re-entrant
            assert all(isinstance(e[at], Selector) for e, at, *_ in fast_xpaths.SELECTORS)
        assert all(isinstance(e[at], Selector) for e, at, *_ in fast_xpaths.SELECTORS)
        assert utils.HTML_PARSER is fast_xpaths.fast_parser() is not parser
    assert [e[at] for e, at, _ in fast_xpaths.current()] == originals
    assert not any(isinstance(e[at], Selector) for e, at, *_ in fast_xpaths.SELECTORS)
    assert utils.HTML_PARSER is parser
    # the parser's elements are all plain HtmlElements (lxml.html would make a FormElement)
    form = "<html><body><form><p>Sign up</p></form></body></html>"
    assert type(extract._parse(form).find(".//form")) is HtmlElement
    assert type(utils.load_html(form).find(".//form")) is not HtmlElement


@pytest.mark.skipif(not (SHARED / "bench").exists(), reason="needs ../shared/bench")
def test_real_pages_every_call_selects_what_trafilatura_selects(monkeypatch) -> None:
    """Both profiles' passes over real pages, with each expression wrapped so that every
    call also runs its selector on the same tree (trafilatura's intermediate trees)."""
    calls: Counter[str] = Counter()
    differ: list[str] = []

    class Both:
        def __init__(self, name: str, expression, selector: Selector) -> None:
            self.name, self.expression, self.selector = name, expression, selector
            self.path = expression.path

        def __call__(self, tree):
            theirs = self.expression(tree)
            calls[self.name] += 1
            if self.selector(tree) != theirs:
                differ.append(self.name)
            return theirs

    wrapped = fast_xpaths.current()
    for expressions, at, selector in wrapped:
        expressions[at] = Both(_name(expressions, at), expressions[at], selector)
    monkeypatch.setattr(fast_xpaths, "SELECTORS", [])  # the extraction must not install them
    pages = sorted((SHARED / "bench" / "extraction").glob("*/html/*.html.gz"))[::8]
    try:
        for path in pages:
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            extract.extract_html(html, None, "fast")
            extract.extract_html(html, None, "accurate")
    finally:
        for expressions, at, _ in wrapped:
            expressions[at] = expressions[at].expression
    assert differ == []
    assert len(calls) == 9 and min(calls.values()) >= 50, calls


@pytest.mark.skipif(not (SHARED / "bench").exists(), reason="needs ../shared/bench")
def test_real_pages_extract_the_same_with_and_without_the_speed_ups(monkeypatch) -> None:
    pages = [
        gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        for path in sorted((SHARED / "bench" / "extraction").glob("*/html/*.html.gz"))[3::16]
    ]
    profiles = ("fast", "accurate")
    faster = [extract.extract_html(html, None, p) for html in pages for p in profiles]
    with monkeypatch.context() as plain:  # trafilatura's own expressions and parser
        plain.setattr(fast_xpaths, "SELECTORS", [])
        plain.setattr(fast_xpaths, "fast_parser", lambda: utils.HTML_PARSER)
        as_is = [extract.extract_html(html, None, p) for html in pages for p in profiles]
    assert len(pages) > 50 and sum(x is not None for x in as_is) > 90
    assert faster == as_is
