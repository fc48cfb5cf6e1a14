"""trafilatura's costliest lookups, answered faster inside our extraction passes: its content
expressions with `re:test` as `corpus.element_tests` selectors, and its HTML parser with
lxml's element classes chosen in C.

A trafilatura pass spends about half its time evaluating XPath expressions (974 benchmark
pages, fast profile: 6.9 of 14.4 ms a page; accurate profile's two passes: 23 of 47 ms), and
nearly all of that in the nine below: raw-tree pruning, the article-body search, and the
discard lists applied to each candidate body. A tenth, `BASIC_CLEAN_XPATH`, is what
trafilatura's whole-page text drops (scripts, asides, footers, cookie boxes: `html2txt`, which
its recall check runs on pages with little text, its baseline, and jusText's input): 3.9 ms
a call as XPath, 1.6 ms as a selector (974 raw trees), and 0.5-1 ms a page less on average in
either profile. `installed()` puts the selectors in place of the expressions in trafilatura's
own lists (every module of trafilatura reads the same list objects), or of the global its
baseline module reads, for the length of a call, and puts the expressions back after it:
outside our extraction, trafilatura is untouched (the benchmark's bare loop included).

The parser (`fast_parser`) is a copy of trafilatura's (the same options) whose element classes
come from lxml's `ElementDefaultClassLookup` instead of lxml.html's Python-level lookup, which
ran for every element object made (~2,000 a page): every element is an `HtmlElement`, forms
and inputs included (trafilatura reads their tags and text, never their form APIs). 326 real
pages, interleaved: the accurate profile 42.3-43.3 -> 39.8-40.0 ms a page, the fast one
17.4-18.3 -> 16.4-17.3 ms; the same extraction on every page.

Each selector is written from the expression whose digest it records; if the installed
trafilatura has another expression there, that expression stays (see `current`). The tests
(`tests/corpus/test_fast_xpaths.py`) run every selector beside its expression on real pages,
at every call trafilatura makes, and compare the extracted texts.
"""

from __future__ import annotations

import importlib
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from types import ModuleType
from typing import Any

from lxml.etree import ElementDefaultClassLookup, XPath
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
)
from trafilatura import settings, utils, xpaths

from corpus.element_tests import (
    Selector,
    first_of,
    has,
    has_descendant,
    preselect,
    regex_test,
    written_from,
)

# --- RAW_TREE_PRUNE_XPATH[0]: appended-article and infinite-scroll containers

_AD_BOX = regex_test("mvp-post-add-(?:box|wrap)")
_AD_BOX_OR_SCROLL = regex_test("mvp-post-add-(?:box|wrap)|infinite-?scroll")


def _appended(e: HtmlElement) -> bool:
    i, c = e.get("id"), e.get("class")
    return (_AD_BOX_OR_SCROLL(i) or _AD_BOX_OR_SCROLL(c)) and (
        not has_descendant(e, "h1") or _AD_BOX(i) or _AD_BOX(c)
    )


# --- REMOVE_COMMENTS_AND_LISTS_XPATH[0], REMOVE_COMMENTS_XPATH[0]: comment sections

_COMMENTS_ID = regex_test("^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)")
_COMMENTS_LIST_ID = regex_test("^(?:[Cc]omment(?!ary)|comol)")
_COMMENTS_CLASS = regex_test("^[Cc]omment(?!ary)|(?:article|post)-comments")


def _comments(e: HtmlElement) -> bool:
    return _COMMENTS_ID(e.get("id")) or _COMMENTS_CLASS(e.get("class"))


def _comments_and_lists(e: HtmlElement) -> bool:
    return _comments(e) and (
        e.tag not in ("ol", "ul")
        or _COMMENTS_LIST_ID(e.get("id"))
        or _COMMENTS_CLASS(e.get("class"))
    )


# --- BODY_XPATH[0], [2], [3]: the article body

_BODY_ID = regex_test(
    "(?:entry|article|art)-content|article__content|article(?:-|__)?body|articleBody|body-text"
)
_BODY_CLASS = regex_test(
    "post[-_]text|post-body|post-?entry|post[-_]?content|postContent|post_inner_wrapper"
    "|article-?text|articleText|(?:entry|page|text|article|art)-content|article__content"
    "|article(?:-|__)?body|articleBody|ArticleContent|body-text|article__container"
)


def _body(e: HtmlElement) -> bool:
    get = e.get
    i, c = get("id"), get("class")
    return (
        c in ("post", "entry")
        or get("itemprop") == "articleBody"
        or i == "articleContent"
        or _BODY_ID(i)
        or _BODY_CLASS(c)
    )


_STORY_ID = regex_test("^primary|story-body")
_FULLTEXT_CLASS = regex_test("fulltext", re.IGNORECASE)
_STORY_CLASS = regex_test(
    "^article |post-bodycopy|story-?content|(?:theme|blog|section|single)-content|single-post"
    "|main-column|wpb_text_column|story-body|field-body"
)


def _story(e: HtmlElement) -> bool:
    get = e.get
    i, c = get("id"), get("class")
    return (
        get("role") == "article"
        or i in ("article", "story")
        or c in ("postarea", "art-postcontent", "text", "cell", "story")
        or _STORY_ID(i)
        or _FULLTEXT_CLASS(c)
        or _STORY_CLASS(c)
    )


_MAIN_ID = regex_test("content-main|content-body|contentBody")
_MAIN_CLASS = regex_test("content[-_]main|content(?:-|__)body")
_CM = str.maketrans("CM", "cm")
_CP = str.maketrans("CP", "cp")


def _main_content(e: HtmlElement) -> bool:
    i, c = e.get("id"), e.get("class")
    return (
        i == "content"
        or c == "content"
        or _MAIN_ID(i)
        or _MAIN_CLASS(c)
        or (i is not None and "main-content" in i.translate(_CM))
        or (
            c is not None
            and ("main-content" in c.translate(_CM) or "page-content" in c.translate(_CP))
        )
    )


# --- OVERALL_DISCARD_XPATH[0], [1]: furniture inside a candidate body

_COOKIE = regex_test("cookie")
_FURNITURE_ID = regex_test(
    "^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author"
    "|^(?:jp-|dpsp-content)|bmdh|footer|Footer|share|Share|nav|Nav|menu|related"
    "|message-container|premium|^ad-"
)
_FURNITURE_CLASS = regex_test(
    "^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author"
    "|^(?:nav|post-nav|ZendeskForm)|subnav|avigation|navbar|navbox|menu|bar| ad |-ad-"
    "|(?:^| )ad-|dfp[Aa]d|outbrain|taboola|criteo|paid-?content|widget|footer|Footer|byline"
    "|Byline|share-|sociable|embedded|embed|tag-list|consent|modal-content|permission|elated"
    "|next-|-stories|most-popular|more-on|meta|rating|attachment|timestamp|user-info"
    "|user-profile|-icon|article-infos|message-container|slide|viewport|overlay|options"
    "|expand|obfuscated|blurred|mol-factbox|yin|zlylin|nfoline"
)
_N = str.maketrans("N", "n")


def _furniture(e: HtmlElement) -> bool:
    get = e.get
    role = get("role")
    return (
        "data-lp-replacement-content" in e.attrib
        or (role is not None and "nav" in role.translate(_N))
        or has(get("data-component"), "MostPopularStories")
        or _COOKIE(first_of(e, ("id", "class")))
        or _FURNITURE_ID(get("id"))
        or _FURNITURE_CLASS(get("class"))
    )


_HIDDEN = regex_test("hidden")
_HIDDEN_ID = regex_test("reader-comments|akismet")
_HIDDEN_CLASS = regex_test(
    "^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print"
    "| hidden| hide|noprint|notloaded"
)


def _hidden(e: HtmlElement) -> bool:
    get = e.get
    c, style = get("class"), get("style")
    first = first_of(e, ("id", "class"))
    return (
        c == "comments-title"
        or (first is not None and first.startswith("reply-"))
        or _HIDDEN(first_of(e, ("id", "style")))
        or has(style, "display:none")
        or has(style, "display: none")
        or _HIDDEN_ID(get("id"))
        or _HIDDEN_CLASS(c)
        or get("aria-hidden") == "true"
    )


# --- PRECISION_DISCARD_XPATH[1]: page-bottom and link blocks (precision mode)

_BOTTOM = regex_test(r"(^|\s)bottom|bottom(\s|$)")
_LINK = regex_test(r"(^|\s)link(\s|$)")


def _bottom_or_link(e: HtmlElement) -> bool:
    first = first_of(e, ("id", "class"))
    return _BOTTOM(first) or _LINK(first) or has(e.get("style"), "border")


# --- baseline.BASIC_CLEAN_XPATH: what trafilatura's baseline and its whole-page text drop

#: Every element the expression can select: the tags it takes whole, and anything with a
#: class or id (a `div` whose class or id says footer, or cookie-consent markup).
_BASIC_CLEAN_TAGS = frozenset(
    ("aside", "fencedframe", "footer", "script", "style", "svg", "template")
)
_BASIC_CLEAN_CANDIDATES = XPath(
    "|".join(f".//{tag}" for tag in sorted(_BASIC_CLEAN_TAGS)) + "|.//*[@class or @id]"
)
_COOKIE_CONSENT = regex_test(settings._COOKIE_CONSENT_RE, re.IGNORECASE)


def _basic_clean(e: HtmlElement) -> bool:
    tag = e.tag
    return (
        tag in _BASIC_CLEAN_TAGS
        or (tag == "div" and has(first_of(e, ("class", "id")), "footer"))
        or _COOKIE_CONSENT(e.get("class"))
        or _COOKIE_CONSENT(e.get("id"))
    )


_BLOCKS = ("div", "item", "list", "p", "section", "span")
_BODIES = ("article", "div", "main", "section")
_COMMENT_BLOCKS = ("div", "list", "section", "details")

#: The module whose global `BASIC_CLEAN_XPATH` trafilatura's `basic_cleaning` reads (the
#: package's `trafilatura.baseline` attribute is the function of that name, not the module).
_BASELINE = importlib.import_module("trafilatura.baseline")

#: (where trafilatura keeps the expression: one of its lists or a module; its position in the
#: list or the global's name; digest of the expression there; its selector)
SELECTORS: list[tuple[list | ModuleType, int | str, str, Selector]] = [
    (
        xpaths.RAW_TREE_PRUNE_XPATH,
        0,
        "77023cff86242dc8bb0431d98c785ea1f268cfc94ef681253d7eacf0afa12efd",
        Selector(preselect(("div", "section", "aside"), ("id", "class")), _appended),
    ),
    (
        xpaths.REMOVE_COMMENTS_AND_LISTS_XPATH,
        0,
        "ec1083e558ae70c0be79fe7ff3f11f7fcac683c3bd7c6ba692c8feadb2c26a04",
        Selector(preselect((*_COMMENT_BLOCKS, "ol", "ul"), ("id", "class")), _comments_and_lists),
    ),
    (
        xpaths.REMOVE_COMMENTS_XPATH,
        0,
        "853775ab53d61b2678b70a2f542bbb75e08be014c4164ef8e9ad66bb5487e52e",
        Selector(preselect(_COMMENT_BLOCKS, ("id", "class")), _comments),
    ),
    (
        xpaths.BODY_XPATH,
        0,
        "8cab6e6e5b503a8d4fa84afa21a240c39d1cb16dbc423db4056ac83b22576bba",
        Selector(
            preselect(_BODIES, ("class", "itemprop", "id")),
            _body,
            tags=frozenset(_BODIES),
            position="first-child",
        ),
    ),
    (
        xpaths.BODY_XPATH,
        2,
        "3ac5a80dac974e647f67a2f58fb3c87265f4af2cdc61af6253ca1c0e0a150f8b",
        Selector(preselect(_BODIES, ("role", "id", "class")), _story, position="first"),
    ),
    (
        xpaths.BODY_XPATH,
        3,
        "a3befe41db4d28b9624e227ca67e81af7dc225944b61da55267ef1dbce354897",
        Selector(preselect(_BODIES, ("id", "class")), _main_content, position="first"),
    ),
    (
        xpaths.OVERALL_DISCARD_XPATH,
        0,
        "d9e4b7d7125b483849e2efb833cd65fbb45ee38cc81e3b4f09dc712495826a90",
        Selector(
            preselect(
                _BLOCKS, ("data-lp-replacement-content", "role", "data-component", "id", "class")
            ),
            _furniture,
        ),
    ),
    (
        xpaths.OVERALL_DISCARD_XPATH,
        1,
        "9abb7217d588fd5a828b3c711b322bce82f641fe3e495bfdbfac90231eca493f",
        Selector(preselect(None, ("class", "id", "style", "aria-hidden")), _hidden),
    ),
    (
        xpaths.PRECISION_DISCARD_XPATH,
        1,
        "e73d179956bb857ee99043d836b0f57d6eeac41388c2a75639614fce48f0e4a7",
        Selector(preselect(_BLOCKS, ("id", "class", "style")), _bottom_or_link),
    ),
    (
        _BASELINE,
        "BASIC_CLEAN_XPATH",
        "db6c25acd08aef99afbf1be38c751d8c7cf7132256d1a013d1d2e4e4fe86651f",
        Selector(_BASIC_CLEAN_CANDIDATES, _basic_clean),
    ),
]


def expression_at(where: list | ModuleType, at: int | str) -> Any:
    """What trafilatura has at a slot of `SELECTORS` (its expression, or a selector in place)."""
    if isinstance(where, list):
        return where[at] if isinstance(at, int) and at < len(where) else None
    return getattr(where, str(at), None)


def put_at(where: list | ModuleType, at: int | str, value: object) -> None:
    """Put `value` at a slot of `SELECTORS`."""
    if isinstance(where, list):
        where[int(at)] = value
    else:
        setattr(where, str(at), value)


def current() -> list[tuple[list | ModuleType, int | str, Selector]]:
    """The selectors whose expression is still the one they were written from."""
    found = []
    for where, at, expected, selector in SELECTORS:
        expression = expression_at(where, at)
        if isinstance(expression, XPath) and written_from([expression], [expected]):
            found.append((where, at, selector))
    return found


@cache
def fast_parser() -> HTMLParser:
    """trafilatura's HTML parser, copied, with element classes looked up in C."""
    parser = utils.HTML_PARSER.copy()
    parser.set_element_class_lookup(
        ElementDefaultClassLookup(
            element=HtmlElement,
            comment=HtmlComment,
            pi=HtmlProcessingInstruction,
            entity=HtmlEntity,
        )
    )
    return parser


_lock = threading.Lock()
_depth = 0
_saved: list[tuple[list | ModuleType, int | str, object]] = []
_saved_parser: list[HTMLParser] = []


@contextmanager
def installed() -> Iterator[None]:
    """The selectors in trafilatura's lists and `fast_parser` as its parser, for the length of
    the block (re-entrant; several threads share one installation, removed when the last
    leaves). A tree parsed inside keeps the parser's lookup for good (lxml keeps it with the
    document), so the page's later readers are faster too."""
    global _depth
    with _lock:
        if _depth == 0:
            for where, at, selector in current():
                _saved.append((where, at, expression_at(where, at)))
                put_at(where, at, selector)
            _saved_parser.append(utils.HTML_PARSER)
            utils.HTML_PARSER = fast_parser()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                for where, at, expression in _saved:
                    put_at(where, at, expression)
                _saved.clear()
                utils.HTML_PARSER = _saved_parser.pop()
