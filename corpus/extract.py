"""HTML → main text and metadata, with trafilatura.

trafilatura is run precision-first (`favor_precision=True`, no comments): on news pages it keeps
less furniture than its defaults, and the residue it still lets through (related headlines,
bylines, share and newsletter prompts) is what the line cleaners remove afterwards.

Precision mode has one failure that costs whole articles: on some layouts it picks a small
sub-block (a lead, one section) and drops the rest. So the default extraction is run as well,
and when the precision text is less than `FALLBACK_MIN_RATIO` of the default one, precision
mode has cut the article and the default text is used instead. Measured with the cleaners
after extraction: ScrapingHub body F1 0.9673 (precision only) → 0.9702; WCXB dev word F1
0.912 → 0.936 with leakage 2.9 % → 3.2 % (the default mode alone: 0.936 / 4.3 %). Ratios from
0.4 to 0.7 give the same numbers within 0.001; 0.5 reads as "precision lost most of the text".
The cost is a second trafilatura pass per page; it runs without metadata (the first pass has
it), which made "accurate" 37 ms a page on ScrapingHub here instead of 42 ms.

The "fast" profile (`RunConfig.extraction`, `--extraction fast`) is one default-mode pass with
trafilatura's `fast` option (no readability/jusText comparison): ~15 ms a page with metadata,
the cost of one bare `trafilatura.extract` call, against ~37 ms. Measured by `newshygiene
eval` (pipeline, cleaners included): ScrapingHub body F1 0.968 (accurate: 0.970), WCXB word
F1 0.913 with leakage 4.0 % (accurate: 0.936 / 2.7 %).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, Literal

import trafilatura

_BASE: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "deduplicate": False,  # cross-document repeats are handled by the site-template pass
}
#: The precision pass of the "accurate" profile. Metadata comes from the full pass below
#: (the same page has the same metadata; extracting it twice cost 6 ms a page).
EXTRACT_OPTIONS: dict[str, Any] = {**_BASE, "favor_precision": True, "with_metadata": True}
#: The default (recall) pass: the text used when precision mode loses the article.
FALLBACK_OPTIONS: dict[str, Any] = {**_BASE, "favor_precision": False, "with_metadata": False}
#: The "fast" profile's only pass: default mode without trafilatura's second opinion
#: (readability and jusText, `fast=True`). Precision mode alone was worse here (WCXB word F1
#: 0.867: it cuts whole articles, and without the default pass nothing catches that).
FAST_OPTIONS: dict[str, Any] = {
    **_BASE,
    "favor_precision": False,
    "with_metadata": True,
    "fast": True,
}
Profile = Literal["accurate", "fast"]
FALLBACK_MIN_RATIO = 0.5


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None
    author: str | None
    published: str | None
    url: str | None


def _bare(html: str, url: str | None, options: dict[str, Any]) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lxml FutureWarnings inside trafilatura are not ours
        return trafilatura.bare_extraction(html, url=url, **options)


def _text(document: Any) -> str:
    return (document.text or "") if document is not None else ""


def extract_html(
    html: str, url: str | None = None, profile: Profile = "accurate"
) -> Extracted | None:
    """Main text and metadata of one page, or None when trafilatura finds no article in it."""
    if profile == "fast":
        document = _bare(html, url, FAST_OPTIONS)
        text = _text(document)
    else:
        document = _bare(html, url, EXTRACT_OPTIONS)
        fallback = _bare(html, url, FALLBACK_OPTIONS)
        precise, full = _text(document).strip(), _text(fallback).strip()
        text = _text(fallback) if len(precise) < FALLBACK_MIN_RATIO * len(full) else _text(document)
        document = document if document is not None else fallback  # (its metadata is empty)
    if document is None or not text.strip():
        return None
    return Extracted(
        text=text,
        title=document.title or None,
        author=document.author or None,
        published=document.date or None,
        url=url or document.url or None,
    )
