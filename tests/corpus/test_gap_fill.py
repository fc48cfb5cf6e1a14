"""Restoring in-body lists and headings that trafilatura skipped (`corpus.gap_fill`).

The pages are hand-made in the layout that triggers the gap: no `<article>` and no known
content class, so trafilatura collects loose paragraphs and leaves lists and headings out.
"""

from __future__ import annotations

import trafilatura
from lxml.html import fromstring

from corpus import extract
from corpus.gap_fill import restore_skipped_blocks

PARAS = [
    "The harbour authority voted on Tuesday to extend the night ferry service through the "
    "winter, citing a steady rise in commuters from the eastern villages since October.",
    "Officials said the extra crossings would run every ninety minutes after ten in the evening,"
    " with the last boat leaving the mainland shortly after two in the morning.",
    "The council will review passenger numbers in March before deciding whether to keep the "
    "timetable through the summer season, when tourist traffic usually peaks.",
]
ITEMS = [
    "Crossings every ninety minutes after ten in the evening",
    "A staffed ticket office on both piers until midnight",
    "Free bicycle places on every late boat",
]
SIDEBAR = (
    "<div class='col-side'><h3>More news</h3><ul>"
    "<li><a href='/a'>Bridge repairs to start in May after a long delay</a></li>"
    "<li><a href='/b'>New bus line links the villages to the station</a></li></ul></div>"
)


def _list(items: list[str], link: bool = False) -> str:
    cells = (f"<a href='/x{n}'>{item}</a>" if link else item for n, item in enumerate(items))
    return "<ul>" + "".join(f"<li>{cell}</li>" for cell in cells) + "</ul>"


def _page(middle: str, after: str = SIDEBAR) -> str:
    return (
        "<html><head><title>Ferry Service Extended</title></head><body><div class='wrap'>"
        "<div class='col-main'><h1>Ferry Service Extended</h1>"
        f"<p>{PARAS[0]}</p><p>{PARAS[1]} The changes include:</p>{middle}<p>{PARAS[2]}</p>"
        f"</div>{after}</div></body></html>"
    )


def test_trafilatura_itself_drops_the_list_on_this_layout() -> None:
    """The premise: without the repair both passes lose the list but keep the paragraphs."""
    html = _page("<h3>What changes</h3>" + _list(ITEMS))
    for options in (extract.EXTRACT_OPTIONS, extract.FALLBACK_OPTIONS):
        text = trafilatura.bare_extraction(html, **options).text
        assert PARAS[2] in text
        assert ITEMS[0] not in text


def test_list_and_heading_between_kept_paragraphs_are_restored_in_place() -> None:
    html = _page("<h3>What changes</h3>" + _list(ITEMS))
    lines = extract.extract_html(html).text.split("\n")
    expected = ["What changes", *(f"- {item}" for item in ITEMS)]
    start = lines.index(expected[0])
    assert lines[start - 1].startswith(PARAS[1][:40])
    assert lines[start : start + 4] == expected
    assert lines[start + 4] == PARAS[2]


def test_sidebar_link_list_is_not_restored() -> None:
    text = extract.extract_html(_page("<h3>What changes</h3>" + _list(ITEMS))).text
    assert "Bridge repairs" not in text and "More news" not in text


def test_link_list_between_paragraphs_is_not_restored() -> None:
    """A 'read more' list of headline links inside the body stays out: it is mostly links."""
    text = extract.extract_html(_page(_list(ITEMS, link=True))).text
    assert ITEMS[0] not in text
    assert PARAS[2] in text


def test_list_after_the_last_paragraph_is_not_restored() -> None:
    """Only a list with kept paragraphs on both sides is known to be part of the body."""
    html = _page("", after=_list(ITEMS))
    assert ITEMS[0] not in extract.extract_html(html).text


def test_gallery_list_is_not_restored() -> None:
    gallery = "<ul>" + "".join(f"<li><img src='/{n}.jpg'>{i}</li>" for n, i in enumerate(ITEMS))
    text = extract.extract_html(_page(gallery + "</ul>")).text
    assert ITEMS[0] not in text


def test_list_inside_navigation_is_not_restored() -> None:
    text = f"{PARAS[0]}\n{PARAS[1]}"
    html = f"<html><body><nav><p>{PARAS[0]}</p>{_list(ITEMS)}<p>{PARAS[1]}</p></nav></body></html>"
    assert restore_skipped_blocks(text, fromstring(html)) == text


def test_list_already_extracted_is_not_repeated() -> None:
    text = "\n".join([PARAS[0], *(f"- {item}" for item in ITEMS), PARAS[1]])
    html = f"<html><body><div><p>{PARAS[0]}</p>{_list(ITEMS)}<p>{PARAS[1]}</p></div></body></html>"
    assert restore_skipped_blocks(text, fromstring(html)) == text


def test_paragraphs_not_adjacent_in_the_text_are_not_bridged() -> None:
    """A list between two paragraphs of which the extraction kept something else in between."""
    text = f"{PARAS[0]}\nAn unrelated line the extractor put here.\n{PARAS[1]}"
    html = f"<html><body><div><p>{PARAS[0]}</p>{_list(ITEMS)}<p>{PARAS[1]}</p></div></body></html>"
    assert restore_skipped_blocks(text, fromstring(html)) == text


def test_short_article_and_table_are_unchanged() -> None:
    table = (
        "<table><tr><th>Route</th><th>Last boat</th></tr>"
        "<tr><td>Mainland to East Pier</td><td>02:10</td></tr></table>"
    )
    html = (
        "<html><body><article><h1>Ferry Service Extended</h1>"
        f"<p>{PARAS[0]}</p>{table}<p>{PARAS[2]}</p></article></body></html>"
    )
    tree = fromstring(html)
    raw = trafilatura.bare_extraction(html, **extract.EXTRACT_OPTIONS).text
    assert restore_skipped_blocks(raw, tree) == raw
    assert "02:10" in raw and PARAS[0] in raw
