"""`corpus.byline` selects what trafilatura's author expressions select, and finds its author."""

from __future__ import annotations

import gzip
from copy import deepcopy

import pytest
from lxml.etree import XPath
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.metadata import extract_author as trafilatura_author
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from corpus import byline
from corpus.extract import _parse
from tests.conftest import SHARED

#: One element for each test the expressions make (and near misses that must not match).
PAGE = """<html><body>
<div class="comments"><span rel="author">Not Me (in comments)</span></div>
<p class="print-only">Printed by</p>
<section data-component="FigureBlock"><span class="author">Caption Author</span></section>
<a rel="author">Rel Author</a><link id="author"><span itemprop="author name">Item Prop</span>
<p><rel>me</rel>Profile Link</p><strong data-testid="AuthorCard">Card Author</strong>
<div class="article-author-name">Dash Name</div><author>Tag Author</author>
<h3 class="byline">Byline Class</h3><h4 itemprop="authorName">Item Author</h4>
<span id="zuozhe-box">Zuozhe</span><p class="posted-by">Posted By</p>
<em class="screenname">Screen Name</em><i id="Author9">Id Author</i>
<b data-component="ArticleByline">Component Byline</b><u class="Bylines">Cap Byline</u>
<div id="comment-list"><p class="quote">Quoted</p></div>
<div id="commentary" class="Commentary"><p class="authority">Not a byline</p></div>
<time>5 January 2026</time><figure><p class="author">Figure Author</p></figure>
<p class="Author">Cased Author</p><p id="AUTHOR">Upper</p>
</body></html>"""


def _same_selections(tree) -> None:
    expressions = byline.author_expressions(tree)
    for ours, theirs in zip(expressions, AUTHOR_XPATHS, strict=True):
        assert ours(tree) == theirs(tree)
    discard = byline.FAST_AUTHOR_DISCARD_XPATHS[0]
    assert discard(tree) == AUTHOR_DISCARD_XPATHS[0](tree)


def test_selectors_are_current_for_the_installed_trafilatura() -> None:
    assert byline.SELECTORS_CURRENT


def test_each_author_test_selects_what_its_expression_selects() -> None:
    tree = _parse(PAGE)
    pruned = prune_unwanted_nodes(deepcopy(tree), AUTHOR_DISCARD_XPATHS)
    for page in (tree, pruned):
        _same_selections(page)
    # the page reaches every expression (or the comparison above proves little)
    assert all(expression(tree) for expression in [*AUTHOR_XPATHS, *AUTHOR_DISCARD_XPATHS])
    assert byline.extract_author(tree) == trafilatura_author(tree)


def test_candidates_include_elements_after_the_documents_root() -> None:
    # libxml2 puts markup after </html> into a second top-level element, which `//*` reaches
    tree = _parse('<html><body><p class="x">a b</p></body></html><script id="late"></script>')
    assert len(list(tree.getroottree().getroot().itersiblings())) == 1
    candidates = XPath(
        "//*[@rel or @id or @class or @itemprop or @data-testid or @data-component or rel]|//author"
    )
    assert [e.tag for e in byline._author_candidates(tree)] == ["p", "script"]
    assert byline._author_candidates(tree) == candidates(tree)


def test_an_author_inside_discarded_markup_is_not_the_byline() -> None:
    page = (
        "<html><body><div class='sidebar'><p class='byline'>By Sidebar Name</p></div>"
        "<p class='byline'>By Mira Okafor</p><p>Text.</p></body></html>"
    )
    tree = _parse(page)
    assert byline.extract_author(tree) == trafilatura_author(tree) == "Mira Okafor"


def test_a_changed_expression_hands_the_search_back_to_trafilatura(monkeypatch) -> None:
    changed = [XPath("//*[@class='byline']"), *AUTHOR_XPATHS[1:]]
    monkeypatch.setattr(byline, "AUTHOR_XPATHS", changed)
    assert not byline._written_from_these()


@pytest.mark.skipif(not (SHARED / "bench").exists(), reason="needs ../shared/bench")
def test_real_pages_get_trafilaturas_selections_and_author() -> None:
    pages = sorted((SHARED / "bench" / "extraction").glob("*/html/*.html.gz"))[::4]
    assert len(pages) > 200
    found = 0
    for path in pages:
        tree = _parse(gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace"))
        if tree is None:
            continue
        _same_selections(tree)
        _same_selections(prune_unwanted_nodes(deepcopy(tree), AUTHOR_DISCARD_XPATHS))
        author = byline.extract_author(tree)
        assert author == trafilatura_author(tree), path.name
        found += author is not None
    assert found > 50  # the byline search finds authors on these pages
