from __future__ import annotations

from tests.cleaners.helpers import article, clean, removed_by


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
