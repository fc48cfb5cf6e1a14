"""HTML → main text and metadata, with trafilatura.

trafilatura is run precision-first (`favor_precision=True`, no comments): it scores higher on
news pages than its defaults, and whatever residue it leaves (related headlines, bylines,
share prompts) is exactly what the line cleaners remove afterwards.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import trafilatura

EXTRACT_OPTIONS = {
    "include_comments": False,
    "favor_precision": True,
    "include_tables": True,
    "deduplicate": False,  # cross-document repeats are handled by the site-template pass
    "with_metadata": True,
}


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None
    author: str | None
    published: str | None
    url: str | None


def extract_html(html: str, url: str | None = None) -> Extracted | None:
    """Main text and metadata of one page, or None when trafilatura finds no article in it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lxml FutureWarnings inside trafilatura are not ours
        document = trafilatura.bare_extraction(html, url=url, **EXTRACT_OPTIONS)
    if document is None or not (document.text or "").strip():
        return None
    return Extracted(
        text=document.text,
        title=document.title or None,
        author=document.author or None,
        published=document.date or None,
        url=url or document.url or None,
    )
