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
<div id="footer-links" class="a">f</div><div class="x" id="footer">not first</div>
<p class="CookieBanner">c</p><span id="onetrust-sdk">o</span><footer>f</footer>
<script>var x;</script><svg><g/></svg><template><p>t</p></template>
</body></html>"""


def _name(where, at) -> str:
    if not isinstance(where, list):
        return f"{where.__name__}.{at}"
    return next(n for n in dir(xpaths) if getattr(xpaths, n) is where) + f"[{at}]"


def test_every_selector_is_current_for_the_installed_trafilatura() -> None:
    assert len(fast_xpaths.current()) == len(fast_xpaths.SELECTORS) == 10


def test_each_selector_selects_what_its_expression_selects() -> None:
    tree = extract._parse(PAGE)
    for where, at, selector in fast_xpaths.current():
        expression = fast_xpaths.expression_at(where, at)
        theirs = expression(tree)
        assert theirs, f"the page does not reach {_name(where, at)}"
        assert selector(tree) == theirs, _name(where, at)
        for element in tree.iter("div", "section", "main", "body"):  # from inner context nodes
            assert selector(element) == expression(element), _name(where, at)


def test_the_basic_cleaning_selector_takes_whole_tags_footer_divs_and_cookie_boxes() -> None:
    """What trafilatura's baseline drops: the near misses stay (a div whose first attribute
    is not the footer one, a `cookie` id that names no consent box)."""
    import importlib

    baseline = importlib.import_module("trafilatura.baseline")
    tree = extract._parse(PAGE)
    with fast_xpaths.installed():
        assert isinstance(baseline.BASIC_CLEAN_XPATH, Selector)
        found = baseline.BASIC_CLEAN_XPATH(tree)
    assert not isinstance(baseline.BASIC_CLEAN_XPATH, Selector)
    keys = [(e.tag, e.get("class") or e.get("id")) for e in found]
    for expected in [
        ("aside", "mvp-post-add-box"),
        ("div", "a"),  # id="footer-links" comes first
        ("p", "CookieBanner"),
        ("span", "onetrust-sdk"),
        ("footer", None),
        ("script", None),
        ("svg", None),
        ("template", None),
    ]:
        assert expected in keys, expected
    assert ("div", "x") not in keys and all(c != "cookie-x" for _, c in keys)


def test_selectors_are_in_trafilaturas_lists_only_inside_installed() -> None:
    at_slots = fast_xpaths.expression_at
    originals = [at_slots(where, at) for where, at, _ in fast_xpaths.current()]
    parser = utils.HTML_PARSER

    def installed() -> list[bool]:
        return [isinstance(at_slots(w, at), Selector) for w, at, *_ in fast_xpaths.SELECTORS]

    with fast_xpaths.installed():
        with fast_xpaths.installed():  # re-entrant
            assert all(installed())
        assert all(installed())
        assert utils.HTML_PARSER is fast_xpaths.fast_parser() is not parser
    assert [at_slots(where, at) for where, at, _ in fast_xpaths.current()] == originals
    assert not any(installed())
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
    for where, at, selector in wrapped:
        expression = fast_xpaths.expression_at(where, at)
        fast_xpaths.put_at(where, at, Both(_name(where, at), expression, selector))
    monkeypatch.setattr(fast_xpaths, "SELECTORS", [])  # the extraction must not install them
    pages = sorted((SHARED / "bench" / "extraction").glob("*/html/*.html.gz"))[::8]
    try:
        for path in pages:
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            extract.extract_html(html, None, "fast")
            extract.extract_html(html, None, "accurate")
    finally:
        for where, at, _ in wrapped:
            fast_xpaths.put_at(where, at, fast_xpaths.expression_at(where, at).expression)
    assert differ == []
    assert len(calls) == 10 and min(calls.values()) >= 50, calls


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
