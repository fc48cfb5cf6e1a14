"""`other_title`: a body line that is another article's headline is a link, not a subhead."""

from __future__ import annotations

from cleaners.document import Hints, clean_document
from cleaners.lines import line_key, split_lines
from cleaners.rules import DocView
from cleaners.titles import OtherTitleRule, headline_of
from tests.cleaners.helpers import PARA_A, article, removed_by

OTHER = "Council Approves Budget for Coastal Path Repairs"
SUBHEAD = "What the Extension Means for Night Shift Workers"


def _clean(text: str, titles: set[str], **hints):
    keys = {line_key(t) for t in titles}
    own = hints.get("title")
    return clean_document(text, Hints(**hints), None, [OtherTitleRule(keys, own)])


def test_headline_of_another_article_is_removed_as_other_title() -> None:
    result = _clean(article(OTHER), {OTHER, "Ferry Service Extended"})
    assert removed_by(result)[OTHER] in {"other_title", "injected_headline"}
    assert OTHER not in "\n".join(result.paragraphs)


def test_a_subhead_that_is_no_articles_headline_is_not_matched() -> None:
    lines, blocks = split_lines(article(SUBHEAD))
    assert OtherTitleRule({line_key(OTHER)}).find(DocView(lines=lines, blocks=blocks)) == []


def test_the_pages_own_headline_is_not_another_articles_title() -> None:
    title = "Ferry Service Extended Through the Winter"
    result = _clean(article(title=title), {title})
    assert result.title == title
    assert "other_title" not in {r.rule for r in result.removed}


def test_own_title_from_metadata_is_excluded_too() -> None:
    title = "Ferry Service Extended Through the Winter"
    text = "\n\n".join([PARA_A, title, PARA_A + " More."])
    result = _clean(text, {title}, title=title, detect_title=False)
    assert "other_title" not in {r.rule for r in result.removed}


def test_short_generic_titles_do_not_remove_subheads() -> None:
    result = _clean(article("Introduction"), {"Introduction"})
    assert "other_title" not in {r.rule for r in result.removed}


def test_a_prose_sentence_equal_to_a_long_title_stays() -> None:
    sentence = " ".join(["word"] * 30) + "."
    result = _clean(article(sentence), {sentence})
    assert "other_title" not in {r.rule for r in result.removed}


def test_headline_of_matches_the_title_the_cleaner_picks() -> None:
    text = "Skip to content\n\nHome › Local\n\n" + article(title="Ferry Service Extended")
    assert headline_of(text) == clean_document(text).title == "Ferry Service Extended"
    assert headline_of(PARA_A) is None
    assert headline_of("") is None
