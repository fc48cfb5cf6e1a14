"""Tag lists printed one tag per line under a bare heading (`cleaners.tags.TagListRule`)."""

from __future__ import annotations

from tests.cleaners.helpers import PARA_A, PARA_B, PARA_C, article, clean, removed_by


def test_tags_one_per_line_under_a_topics_heading_are_removed() -> None:
    result = clean(article(tail=("Topics\nFerries\nHarbour Board\nWinter Timetable",)))
    removed = removed_by(result)
    assert removed["Topics"] == "tag_residue"
    assert removed["Ferries"] == removed["Harbour Board"] == removed["Winter Timetable"] == "tags"
    assert result.paragraphs == [PARA_A, PARA_B, PARA_C]


def test_tag_run_stops_at_the_first_sentence_or_list_item() -> None:
    sentence = "The operator will publish the new timetable next week."
    item = "1. Check the winter timetable"
    result = clean(article("Tags:", "Ferries", item, sentence))
    assert removed_by(result)["Ferries"] == "tags"
    assert item in result.paragraphs
    assert sentence in result.paragraphs


def test_short_subhead_without_a_tag_heading_stays() -> None:
    result = clean(article("Ferries", "Winter Timetable"))
    assert "Ferries" in result.paragraphs
    assert "Winter Timetable" in result.paragraphs
