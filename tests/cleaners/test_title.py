from __future__ import annotations

from tests.cleaners.helpers import PARA_A, PARA_B, PARA_C, article, clean, removed_by


def test_headline_first_line_is_the_title() -> None:
    assert clean(article()).title == "Ferry Service Extended"


def test_sentence_first_line_is_body_not_title() -> None:
    result = clean(article(title=None))
    assert result.title is None
    assert len(result.paragraphs) == 3


def test_kicker_above_headline_is_a_section_label() -> None:
    result = clean("TRANSPORT\n\n" + article())
    assert result.title == "Ferry Service Extended"
    assert removed_by(result)["TRANSPORT"] == "section_label"


def test_metadata_title_wins_and_its_line_is_not_body() -> None:
    result = clean(article(), title="Ferry Service Extended", detect_title=False)
    assert result.title == "Ferry Service Extended"
    assert "Ferry Service Extended" not in result.paragraphs


def test_single_newline_dump_still_has_a_title() -> None:
    """Pages scraped without blank lines are one block; the headline is still the first line."""
    text = article().replace("\n\n", "\n")
    result = clean(text)
    assert result.title == "Ferry Service Extended"
    assert "Ferry Service Extended" not in result.paragraphs


def test_kicker_printed_below_the_headline_is_a_section_label() -> None:
    text = "Ferry Service Extended\nEXPLAINER\nBy Marta Quell\n\n" + article(title=None)
    result = clean(text)
    assert result.title == "Ferry Service Extended"
    assert removed_by(result)["EXPLAINER"] == "section_label"


def test_kicker_with_site_name_above_the_headline_is_not_the_title() -> None:
    text = "Transport | Harbour Gazette\nFerry Service Extended\n\n" + article(title=None)
    assert clean(text).title == "Ferry Service Extended"


def test_cookie_banner_heading_is_not_the_title() -> None:
    text = (
        "Your privacy choices\n\nWe use cookies to improve the site.\n\nAccept all\n\n" + article()
    )
    assert clean(text).title == "Ferry Service Extended"


def test_menu_row_above_the_headline_is_navigation() -> None:
    menu = "News | Transport | Harbour Life | Opinion | Sport"
    result = clean(menu + "\n\n" + article())
    assert result.title == "Ferry Service Extended"
    assert removed_by(result)[menu] == "navigation"


def test_table_header_row_in_the_body_stays() -> None:
    row = "Route | Summer | Winter | Weekend"
    assert row in clean(article(row)).paragraphs


def test_two_sentence_first_line_is_not_a_title() -> None:
    first = "Compare these crossings before you book. They are all good value!"
    result = clean(first + "\n\n" + article(title=None))
    assert result.title is None
    assert first in result.paragraphs


def test_headline_ending_in_an_abbreviation_is_a_title() -> None:
    assert clean(article(title="The Busiest Ferry Routes in the U.S.")).title == (
        "The Busiest Ferry Routes in the U.S."
    )


def test_site_name_suffix_is_trimmed_when_the_page_names_the_site() -> None:
    text = article(title="Ferry Service Extended — Harbour Gazette") + (
        "\n\n© 2026 Harbour Gazette. All rights reserved."
    )
    assert clean(text).title == "Ferry Service Extended"


def test_dash_tail_without_evidence_stays_in_the_title() -> None:
    title = "Night Ferries - Why and How"
    assert clean(article(title=title)).title == title


def test_intro_paragraph_above_a_subhead_echoing_the_title_stays() -> None:
    """A line equal to the metadata title below the intro is a subhead, not the headline: the
    intro paragraph above it is body, never a section label."""
    text = "\n\n".join([PARA_A, "Ferry Service Extended", PARA_B, PARA_C])
    result = clean(text, title="Ferry Service Extended", detect_title=False)
    assert PARA_A in result.paragraphs
    assert "section_label" not in removed_by(result).values()


def test_short_kicker_above_the_metadata_title_is_still_a_section_label() -> None:
    result = clean("TRANSPORT\n\n" + article(), title="Ferry Service Extended", detect_title=False)
    assert removed_by(result)["TRANSPORT"] == "section_label"
    assert "Ferry Service Extended" not in result.paragraphs
