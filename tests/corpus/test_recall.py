"""Recall repairs on the extracted text (`corpus.recall`) and how `corpus.extract` uses them.

The unit tests hand `restore_dropped_runs` the two texts directly (a precision text and a fuller
one holding the candidate run), so that each guard is tested on its own; the end-to-end tests
run trafilatura on small pages laid out the way the repairs were measured on.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from lxml.html import fromstring

from corpus import extract
from corpus.recall import PageBlocks, looks_truncated, restore_dropped_runs
from tests.corpus.test_gap_fill import PARAS as GAP_FILL_PARAS

PARAS = [  # the gap-fill tests' article, one paragraph longer
    *GAP_FILL_PARAS,
    "Ferry operators welcomed the decision but warned that crew shortages could delay the start "
    "of the extended timetable by several weeks in some of the smaller harbours.",
]
DROPPED = (
    "A survey of passengers found that most of them would use the late boats at least twice a "
    "week, and nearly a third said they had changed jobs because of the crossings."
)
ITEMS = [
    "Crossings every ninety minutes after ten in the evening, seven days a week",
    "A staffed ticket office on both piers until midnight on weekdays",
    "Free bicycle places on every late boat, booked online in advance",
]
HEADLINES = [
    "Bridge repairs to start in May after a long delay on the coast road",
    "New bus line links the villages to the station from next spring",
    "Harbour festival returns with a record number of boats this summer",
]
NEWSLETTER = (
    "Sign up for our weekly newsletter and get the best local stories in your inbox every "
    "Friday morning, free of charge."
)


def _blocks(middle: str, before: str = "", after: str = "") -> PageBlocks:
    html = (
        f"<html><body>{before}<div class='story'><p>{PARAS[0]}</p><p>{PARAS[1]}</p>{middle}"
        f"<p>{PARAS[2]}</p></div>{after}</body></html>"
    )
    return PageBlocks(fromstring(html))


def _restore(middle: str, run: list[str], **page: str) -> list[str]:
    """Lines after restoring `run`, which the fuller text has between paragraphs 2 and 3."""
    precise = "\n".join(PARAS[:3])
    full = "\n".join([*PARAS[:2], *run, PARAS[2]])
    return restore_dropped_runs(precise, full, _blocks(middle, **page)).split("\n")


# --- restore_dropped_runs: positives


def test_paragraph_dropped_between_two_kept_ones_is_put_back_in_place() -> None:
    lines = _restore(f"<div style='border: 1px solid'><p>{DROPPED}</p></div>", [DROPPED])
    assert lines == [PARAS[0], PARAS[1], DROPPED, PARAS[2]]


def test_dropped_heading_and_list_come_back_as_their_lines() -> None:
    middle = "<h3>What changes</h3><ul>" + "".join(f"<li>{i}</li>" for i in ITEMS) + "</ul>"
    run = ["What changes", *(f"- {item}" for item in ITEMS)]
    assert _restore(middle, run) == [PARAS[0], PARAS[1], *run, PARAS[2]]


def test_long_paragraph_opening_with_an_inline_image_is_prose() -> None:
    middle = f"<p><img src='/ferry.jpg'>{DROPPED}</p>"
    assert DROPPED in _restore(middle, [DROPPED])


def test_identical_texts_are_returned_unchanged() -> None:
    text = "\n".join(PARAS[:3])
    assert restore_dropped_runs(text, text, _blocks("")) == text


# --- restore_dropped_runs: hard negatives


@pytest.mark.parametrize(
    ("middle", "line"),
    [
        (f"<aside><p>{DROPPED}</p></aside>", DROPPED),  # a sidebar
        (f"<nav class='pager'><p>{DROPPED}</p></nav>", DROPPED),  # navigation
        (f"<div class='newsletter-signup'><p>{NEWSLETTER}</p></div>", NEWSLETTER),
        (f"<div class='blog-cta'><p>{NEWSLETTER}</p></div>", NEWSLETTER),  # call to action
    ],
    ids=["sidebar", "nav", "newsletter", "cta"],
)
def test_furniture_between_the_paragraphs_is_not_put_back(middle: str, line: str) -> None:
    assert line not in _restore(middle, [line])


def test_related_stories_box_is_not_put_back() -> None:
    """Plain-text teasers, but the wrapper is named as boilerplate."""
    middle = "<div class='related-stories'>" + "".join(f"<p>{h}</p>" for h in HEADLINES) + "</div>"
    lines = _restore(middle, HEADLINES)
    assert not set(HEADLINES) & set(lines)


def test_link_list_is_not_put_back() -> None:
    middle = "<ul>" + "".join(f"<li><a href='/s{n}'>{h}</a></li>" for n, h in enumerate(HEADLINES))
    run = [f"- {h}" for h in HEADLINES]
    lines = _restore(middle + "</ul>", run)
    assert not set(run) & set(lines)


def test_image_caption_is_not_put_back() -> None:
    caption = "The night ferry leaving the island pier. Photo: Harbour Authority."
    middle = f"<div class='media'><p><img src='/ferry.jpg'>{caption}</p></div>"
    assert caption not in _restore(middle, [caption])


def test_a_word_inside_a_longer_class_token_does_not_count() -> None:
    """'nav' must name the wrapper, not be part of 'navigating-the-winter-timetable'."""
    middle = f"<div id='navigating-the-winter-timetable'><p>{DROPPED}</p></div>"
    assert DROPPED in _restore(middle, [DROPPED])


def test_lines_before_the_first_or_after_the_last_kept_line_are_not_added() -> None:
    precise = "\n".join(PARAS[:3])
    full = "\n".join([NEWSLETTER, *PARAS[:3], DROPPED])
    page = _blocks("", before=f"<p>{NEWSLETTER}</p>", after=f"<p>{DROPPED}</p>")
    assert restore_dropped_runs(precise, full, page) == precise


def test_a_run_not_found_on_the_page_is_not_added() -> None:
    """A line that is no block of the page (a table row, merged text) cannot be checked."""
    assert "| Day | Last boat |" not in _restore("", ["| Day | Last boat |"])


# --- looks_truncated


def test_text_covering_its_container_is_not_truncated() -> None:
    page = _blocks(f"<p>{PARAS[3]}</p>")
    text = "\n".join([PARAS[0], PARAS[1], PARAS[3], PARAS[2]])
    assert not looks_truncated(text, page)


def test_text_missing_much_of_its_container_is_truncated() -> None:
    middle = "<div><ul>" + "".join(f"<li>{i}</li>" for i in ITEMS) + "</ul></div>"
    assert looks_truncated("\n".join(PARAS[:3]), _blocks(middle))


def test_links_and_furniture_in_the_container_are_not_missing_prose() -> None:
    links = "<ul>" + "".join(f"<li><a href='/s'>{h}</a></li>" for h in HEADLINES) + "</ul>"
    middle = f"{links}<nav><p>{DROPPED}</p></nav><script>var x = '{NEWSLETTER}';</script>"
    assert not looks_truncated("\n".join(PARAS[:3]), _blocks(middle))


def test_text_found_nowhere_on_the_page_is_not_truncated() -> None:
    assert not looks_truncated("Something else entirely.", _blocks(""))


# --- extract_html end to end

SIDEBAR = (
    "<div class='col-side'><h3>More news</h3><ul>"
    + "".join(f"<li><a href='/s{n}'>{h}</a></li>" for n, h in enumerate(HEADLINES))
    + "</ul></div>"
)


def _article(middle: str) -> str:
    return (
        "<html><head><title>Ferry Service Extended</title></head><body><article>"
        f"<h1>Ferry Service Extended</h1><p>{PARAS[0]}</p><p>{PARAS[1]}</p>{middle}"
        f"<p>{PARAS[2]}</p><p>{PARAS[3]}</p></article></body></html>"
    )


def _loose(middle: str) -> str:
    """No article frame: trafilatura collects loose paragraphs (the gap_fill layout)."""
    return (
        "<html><head><title>Ferry Service Extended</title></head><body><div class='wrap'>"
        f"<div class='col-main'><h1>Ferry Service Extended</h1><p>{PARAS[0]}</p>"
        f"<p>{PARAS[1]}</p>{middle}<p>{PARAS[2]}</p></div>{SIDEBAR}</div></body></html>"
    )


def test_paragraph_precision_mode_drops_is_restored_from_the_default_pass() -> None:
    html = _article(f"<div style='border: 1px solid #ccc'><p>{DROPPED}</p></div>")
    tree = extract._parse(html)
    assert DROPPED not in extract._bare(tree, None, extract.EXTRACT_OPTIONS).text  # premise
    lines = extract.extract_html(html).text.split("\n")
    assert lines[lines.index(DROPPED) - 1] == PARAS[1]
    assert lines[lines.index(DROPPED) + 1] == PARAS[2]


def test_page_header_precision_mode_drops_stays_out() -> None:
    html = _article(f"<header><p>{DROPPED}</p></header>")
    tree = extract._parse(html)
    assert DROPPED in extract._bare(tree, None, extract.FALLBACK_OPTIONS).text  # premise
    assert DROPPED not in extract.extract_html(html).text


@pytest.fixture
def passes(monkeypatch) -> list[dict[str, Any]]:
    """The options of every trafilatura pass `extract_html` runs, in order."""
    seen: list[dict[str, Any]] = []
    real = extract._bare

    def bare(page, url, options):
        seen.append(options)
        return real(page, url, options)

    monkeypatch.setattr(extract, "_bare", bare)
    return seen


def test_truncated_text_gets_the_recall_pass_lines(passes: list[dict[str, Any]]) -> None:
    """A list nested in a wrapper between two paragraphs: only recall mode keeps it."""
    ul = "<ul>" + "".join(f"<li>{i}</li>" for i in ITEMS) + "</ul>"
    html = _loose(f"<div class='facts'>{ul}</div>")
    tree = extract._parse(html)
    for options in (extract.EXTRACT_OPTIONS, extract.FALLBACK_OPTIONS):  # premise
        assert ITEMS[0] not in extract._bare(tree, None, options).text
    lines = extract.extract_html(html).text.split("\n")
    assert passes[-1] is extract.RECALL_OPTIONS
    start = lines.index(f"- {ITEMS[0]}")
    assert lines[start - 1] == PARAS[1]
    assert lines[start : start + 3] == [f"- {item}" for item in ITEMS]
    assert lines[start + 3] == PARAS[2]
    text = "\n".join(lines)
    assert "More news" not in text and HEADLINES[0] not in text


def test_junk_around_a_truncated_text_stays_out() -> None:
    ul = "<ul>" + "".join(f"<li>{i}</li>" for i in ITEMS) + "</ul>"
    links = "<ul>" + "".join(f"<li><a href='/r{n}'>{h}</a></li>" for n, h in enumerate(HEADLINES))
    middle = (
        f"<div class='facts'>{ul}</div><div class='related'>{links}</ul></div>"
        f"<div class='newsletter-box'><p>{NEWSLETTER}</p></div>"
        f"<nav class='pager'><p>{DROPPED}</p></nav>"
    )
    text = extract.extract_html(_loose(middle)).text
    assert ITEMS[0] in text
    assert not any(h in text for h in HEADLINES)
    assert NEWSLETTER not in text and DROPPED not in text


def test_a_complete_text_gets_no_recall_pass(passes: list[dict[str, Any]]) -> None:
    text = extract.extract_html(_article("")).text
    assert PARAS[3] in text
    assert extract.RECALL_OPTIONS not in passes


def _doc(text: str) -> SimpleNamespace:
    return SimpleNamespace(text=text, title="Ferry", author=None, date=None, url=None)


def test_recall_text_is_used_when_precision_mode_finds_nothing(monkeypatch) -> None:
    dump = " ".join(["Home News Sport", *PARAS, "Contact Privacy"])  # a baseline dump, one line
    structured = "\n".join(PARAS)

    def bare(page, url, options):
        if options is extract.RECALL_OPTIONS:
            return _doc(structured)
        return _doc("" if options["favor_precision"] else dump)

    monkeypatch.setattr(extract, "_bare", bare)
    assert extract.extract_html("<html></html>").text == structured


def test_recall_pass_rescues_a_page_both_passes_find_nothing_on(monkeypatch) -> None:
    def bare(page, url, options):
        return _doc("\n".join(PARAS)) if options is extract.RECALL_OPTIONS else None

    monkeypatch.setattr(extract, "_bare", bare)
    result = extract.extract_html("<html></html>")
    assert result is not None and result.text == "\n".join(PARAS)


def test_default_text_is_kept_when_the_recall_pass_finds_nothing_either(monkeypatch) -> None:
    def bare(page, url, options):
        if options is extract.RECALL_OPTIONS:
            return None
        return _doc("" if options["favor_precision"] else PARAS[0])

    monkeypatch.setattr(extract, "_bare", bare)
    assert extract.extract_html("<html></html>").text == PARAS[0]
