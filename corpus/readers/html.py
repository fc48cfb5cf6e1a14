"""HTML pages (`.html`, `.htm`, optionally gzipped) and the HTML checks shared with JSONL/WARC.

Truncation policy: a page that is obviously cut off (it opens `<html>`/`<body>`, never closes
them and ends inside a tag) is still an article as long as it has visible text: crawlers cap
page sizes, and the article body usually comes before the cut, so trafilatura extracts it
fine. Only a cut-off page with no visible text at all is quarantined, as TRUNCATED rather than
the later NO_CONTENT, because "the download was cut off" is the reason a user can act on.

The reader looks for exactly one piece of metadata, the page's own URL (canonical link or
og:url), because the site of a document depends on it; trafilatura extracts the rest later.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from urllib.parse import urlsplit

from corpus.documents import Quarantined, RawDocument, Reason
from corpus.encoding import DecodeProblem, decode_text
from corpus.readers.base import SourceFile
from corpus.readers.compression import ReadProblem, read_all
from corpus.readers.site import site_for

__all__ = ["find_url", "has_visible_text", "looks_truncated", "read_html", "truncation_problem"]

_TAG = re.compile(r"<(link|meta)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([^\s=/>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")
_BODY_START = re.compile(r"<body\b", re.IGNORECASE)
_OPENS_PAGE = re.compile(r"<(html|body)\b", re.IGNORECASE)
_CLOSES_PAGE = re.compile(r"</(html|body)\s*>", re.IGNORECASE)
_INVISIBLE = re.compile(
    r"<!--.*?(?:-->|$)"
    r"|<(script|style|head|template|noscript)\b.*?(?:</\1\s*>|$)"
    r"|<[^>]*(?:>|$)",
    re.IGNORECASE | re.DOTALL,
)


def read_html(src: SourceFile) -> Iterator[RawDocument | Quarantined]:
    """One HTML file is one unit: a RawDocument(kind="html") or one Quarantined row."""
    try:
        data = read_all(src.path, src.limits)
        markup, encoding = decode_text(data, html=True)
    except (ReadProblem, DecodeProblem) as problem:
        yield src.quarantine(problem.reason, problem.detail)
        return
    url = find_url(markup)
    site = site_for(src.rel, url, src.input_dir_name)
    too_large = src.too_many_chars(len(markup), "page")
    if too_large:
        yield src.quarantine(Reason.TOO_LARGE, too_large, site=site)
        return
    cut = truncation_problem(markup)
    if cut:
        yield src.quarantine(Reason.TRUNCATED, cut, site=site)
        return
    yield RawDocument(
        source_path=src.rel, site=site, kind="html", content=markup, url=url, encoding=encoding
    )


def find_url(markup: str) -> str | None:
    """The page's own absolute http(s) URL from `<link rel=canonical>`, else `og:url`.

    Relative canonicals are ignored: without the page's address there is nothing to resolve
    them against, and a wrong host would put the article in the wrong site.
    """
    body = _BODY_START.search(markup)
    head = markup[: body.start()] if body else markup
    canonical = og_url = None
    for match in _TAG.finditer(head):
        attrs = _attributes(match.group(2))
        if match.group(1).lower() == "link":
            if canonical is None and "canonical" in attrs.get("rel", "").lower().split():
                canonical = _absolute(attrs.get("href"))
        elif og_url is None and "og:url" in (
            attrs.get("property", "").lower(),
            attrs.get("name", "").lower(),
        ):
            og_url = _absolute(attrs.get("content"))
        if canonical:
            break
    return canonical or og_url


def looks_truncated(markup: str) -> bool:
    """True for an obviously cut-off page: opened `<html>`/`<body>`, closed neither, ends in a tag.

    Missing closing tags alone are legal HTML; ending inside a tag is what makes it obvious.
    """
    if not _OPENS_PAGE.search(markup) or _CLOSES_PAGE.search(markup):
        return False
    tail = markup.rstrip()
    return tail.rfind("<") > tail.rfind(">")


def has_visible_text(markup: str) -> bool:
    """Whether any text would be visible in a browser (cheap approximation, no parser)."""
    text = _INVISIBLE.sub(" ", markup)
    return bool(unescape(text).strip())


def truncation_problem(markup: str) -> str | None:
    """The TRUNCATED detail for a cut-off page with nothing visible, else None (keep it)."""
    if looks_truncated(markup) and not has_visible_text(markup):
        return (
            f"HTML page is cut off after {len(markup):,} characters, before any visible text"
            " (truncated download?)"
        )
    return None


def _attributes(source: str) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for match in _ATTR.finditer(source):
        name = match.group(1).lower()
        value = next((g for g in match.groups()[1:] if g is not None), "")
        attrs.setdefault(name, unescape(value).strip())
    return attrs


def _absolute(url: str | None) -> str | None:
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    return None
