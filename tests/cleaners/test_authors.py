"""Bylines, credit lines and bios (`cleaners.authors`): positives and the body lines that share
their shape."""

from __future__ import annotations

import pytest

from tests.cleaners.helpers import PARA_A, PARA_B, PARA_C, article, clean, removed_by

HEAD = "Ferry Service Extended"


def _with_header(*lines: str) -> str:
    return "\n\n".join([HEAD, *lines, article(title=None)])


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Author: Tomas Okafor", "Tomas Okafor"),
        ("Author: Wendeline", "Wendeline"),
        ("Story by Harbourlight Editorial Team", "Harbourlight Editorial Team"),
        ("By quaywire", "quaywire"),
        ("BY NORTHSTAR LABS", "Northstar Labs"),
        ("By Ines Varga and Olu Bankole", "Ines Varga and Olu Bankole"),
        ("Ines Varga with Olu Bankole, Contributing Writer", "Ines Varga with Olu Bankole"),
        ("By the Harbour Desk | Mar 3, 2026", "the Harbour Desk"),
    ],
)
def test_credit_lines_in_the_header_give_the_author(line: str, author: str) -> None:
    result = clean(_with_header(line))
    assert removed_by(result)[line] == "byline"
    assert result.author == author
    assert result.title == HEAD


def test_by_followed_by_a_lower_case_clause_is_body() -> None:
    """Only the label is case-insensitive: "By defining …" is a sentence, not a byline."""
    line = "By defining the timetable early, the operator avoids last-minute cancellations."
    result = clean(article(line))
    assert line in result.paragraphs
    assert result.author is None


def test_author_label_in_a_book_list_stays() -> None:
    """Reading lists print "Author: NAME" under each book; that is article text."""
    line = "Author: Marguerite Olsen"
    result = clean(article("The Tide Tables of Kessock", line))
    assert line in result.paragraphs


@pytest.mark.parametrize(
    "headline",
    [
        "Scalable End-to-End Ferry Scheduling",
        "Understanding CVE-2026-1234 and the Harbour Outage",
        "Harbour Budget Review, Part II",
        "The Night Crossing - A Commuter Story",
    ],
)
def test_hyphenated_or_comma_headlines_are_not_name_and_outlet(headline: str) -> None:
    result = clean(article(title=headline))
    assert result.title == headline
    assert result.author is None


def test_bare_name_after_a_removed_header_line_is_a_byline() -> None:
    result = clean(_with_header("TRANSPORT", "Odile Fenwick", "5 min read"))
    assert removed_by(result)["Odile Fenwick"] == "byline"
    assert result.author == "Odile Fenwick"


@pytest.mark.parametrize("subhead", ["Safety Notice", "Key Points"])
def test_subhead_under_the_headline_is_not_a_bare_name(subhead: str) -> None:
    """ "Safety Notice": its words are ordinary vocabulary the article uses in lower case;
    "Key Points": a heading word."""
    body = (
        "The safety notice was posted at the pier after the key points of the inspection were "
        "agreed by the harbour board on Monday evening."
    )
    result = clean("\n\n".join([HEAD, subhead, body, PARA_B, PARA_C]))
    assert subhead in result.paragraphs
    assert result.author is None


def test_second_capitalised_line_after_a_byline_is_not_another_author() -> None:
    result = clean(_with_header("BY LUCIA THORSEN", "Kessock Falls"))
    assert result.author == "Lucia Thorsen"
    assert "Kessock Falls" in result.paragraphs


def test_photo_credit_for_an_outlet_named_in_the_boilerplate() -> None:
    credit = "Mirela Kovac for Harbour Gazette"
    text = _with_header(credit) + "\n\n© 2026 Harbour Gazette. All rights reserved."
    assert removed_by(clean(text))[credit] == "image_credit"


def test_name_for_subject_subhead_stays() -> None:
    """Same shape, but nothing on the page says "Beginners" is a publication."""
    line = "Night Crossings for Beginners"
    result = clean(article(line) + "\n\n© 2026 Harbour Gazette. All rights reserved.")
    assert line in result.paragraphs


def test_short_bio_with_a_job_title_in_the_tail() -> None:
    bio = "Odile Fenwick is Harbour Gazette's transport correspondent."
    result = clean(article(tail=(bio, bio)))
    assert removed_by(result)[bio] == "author_bio"
    assert result.author == "Odile Fenwick"
    assert result.paragraphs == [PARA_A, PARA_B, PARA_C]


def test_about_the_author_prefix_is_a_bio() -> None:
    bio = "About the author: Odile Fenwick writes about transport and the harbour economy."
    result = clean(article(tail=(bio,)))
    assert removed_by(result)[bio] == "author_bio"


def test_short_sentence_about_a_person_in_the_body_stays() -> None:
    line = "Odile Fenwick is the harbour's longest-serving pilot."
    result = clean(article(line))
    assert line in result.paragraphs
    assert PARA_A in result.paragraphs
