"""Rules that decide by position and context: polls, bylines, bios, injected headlines, repeats."""

from __future__ import annotations

from cleaners.document import clean_document
from cleaners.lines import line_key
from tests.cleaners.helpers import PARA_A, PARA_B, PARA_C, article, clean, removed_by


def test_reader_poll_with_its_options_is_removed() -> None:
    result = clean(article("Do you think the ferry should run all night?", "Yes", "No", "Vote"))
    removed = removed_by(result)
    assert removed["Do you think the ferry should run all night?"] == "reader_poll"
    assert removed["Yes"] == removed["No"] == removed["Vote"] == "reader_poll"


def test_question_in_the_body_and_quoted_questions_stay() -> None:
    body_question = "Why does the last crossing leave so early?"
    quoted = "“Do you think we can keep paying for this?” the mayor asked the committee."
    result = clean(article(body_question, quoted))
    assert body_question in result.paragraphs
    assert quoted in result.paragraphs
    assert result.removed == []


def test_byline_removed_and_author_kept() -> None:
    text = "Ferry Service Extended\n\nBy Marta Quell | Staff Reporter\n\n" + article(title=None)
    result = clean(text)
    assert removed_by(result)["By Marta Quell | Staff Reporter"] == "byline"
    assert result.author == "Marta Quell"
    assert result.title == "Ferry Service Extended"


def test_shouted_byline_gives_title_case_author() -> None:
    result = clean("BY LUCIA THORSEN\n\n" + article(title=None))
    assert result.author == "Lucia Thorsen"


def test_author_bio_and_profile_card_in_the_tail() -> None:
    bio = (
        "Marta Quell is a staff reporter covering transport and the harbour. She joined the "
        "newsroom in 2019 after five years at a regional weekly."
    )
    card = [
        "Harbourtown, Kent",
        "Education",
        "BA in Journalism, City University",
        "Languages",
        "English, Spanish",
    ]
    result = clean(article(tail=(bio + "\n" + "\n".join(card),)))
    removed = removed_by(result)
    assert removed[bio] == "author_bio"
    assert all(removed[line] == "author_bio" for line in card)
    assert result.author == "Marta Quell"
    assert result.paragraphs == [PARA_A, PARA_B, PARA_C]


def test_person_sentence_in_the_body_is_not_a_bio() -> None:
    sentence = (
        "Joan Harker, who was a reporter at the local paper for a decade, has joined the "
        "ferry users' committee as its secretary."
    )
    result = clean(article(sentence))
    assert sentence in result.paragraphs
    assert result.author is None


def test_injected_headline_between_paragraphs_is_removed() -> None:
    injected = "Celebrity Chef Opens Rooftop Restaurant With Views of the Cathedral"
    result = clean(article(injected))
    assert removed_by(result)[injected] == "injected_headline"


def test_body_subhead_on_the_article_topic_stays() -> None:
    subhead = "Winter Ferry Costs and the Regional Transport Fund"
    result = clean(article(subhead))
    assert subhead in result.paragraphs


def test_short_subhead_and_one_sentence_paragraph_stay() -> None:
    short = "What Comes Next"
    one_sentence = "The vote was unanimous."
    result = clean(article(short, one_sentence))
    assert short in result.paragraphs
    assert one_sentence in result.paragraphs


def test_a_line_printed_twice_in_the_body_stays_twice() -> None:
    """Interviews repeat their questions and pages repeat embedded-post credits: in both
    benchmarks nearly every within-page repeat is article text, so repeats alone remove nothing
    (a bio printed twice is caught by `author_bio`)."""
    question = "What inspired you to start cooking for others?"
    result = clean(article(question, PARA_A, question))
    assert result.paragraphs.count(question) == 2
    assert result.paragraphs.count(PARA_A) == 2
    assert result.removed == []


def test_site_template_lines_removed_only_when_supplied() -> None:
    trending = "Festival Tickets On Sale"
    text = article(trending)
    assert trending in clean_document(text).paragraphs
    result = clean_document(text, template={line_key(trending): 3})
    assert removed_by(result)[trending] == "site_template"


def test_site_template_stands_down_on_a_reprinted_page() -> None:
    """Paragraphs shared with other pages of the site are a reprint, not furniture."""
    text = article()
    template = {line_key(p): 3 for p in (PARA_A, PARA_B, PARA_C)}
    result = clean_document(text, template=template)
    assert result.paragraphs == [PARA_A, PARA_B, PARA_C]


def test_site_block_on_many_pages_is_removed_even_around_a_short_brief() -> None:
    """A long about/newsletter block repeated on dozens of pages is furniture, not a reprint."""
    brief = "The library will close early on Friday for a staff training day, officials said."
    block = [PARA_A, PARA_B, PARA_C]
    template = {line_key(p): 40 for p in block}
    result = clean_document("\n\n".join([brief, *block]), template=template)
    assert result.paragraphs == [brief]
    assert {r.rule for r in result.removed} == {"site_template"}


def test_repeated_title_in_body_is_removed() -> None:
    result = clean(article("Ferry Service Extended"))
    assert removed_by(result)["Ferry Service Extended"] == "repeated_title"
    assert result.title == "Ferry Service Extended"


def test_list_items_in_one_block_stay_together() -> None:
    items = "- first crossing at 5:40\n- last crossing at 23:00\n- no service on Sundays"
    result = clean(article(items))
    assert items in result.paragraphs


def test_bare_name_under_the_headline_is_a_byline() -> None:
    result = clean("Ferry Service Extended\n\nNadia Nakamura\n\n" + article(title=None))
    assert result.title == "Ferry Service Extended"
    assert removed_by(result)["Nadia Nakamura"] == "byline"
    assert result.author == "Nadia Nakamura"


def test_short_capitalised_subhead_mid_article_is_not_a_byline() -> None:
    result = clean(article("Budget Talks Stall"))
    assert "Budget Talks Stall" in result.paragraphs


def test_dateline_date_is_kept_as_published() -> None:
    text = "Ferry Service Extended\n\nUpdated 4:15 p.m. ET, March 9, 2026\n\n" + article(
        "Published March 3, 2026", title=None
    )
    result = clean(text)
    assert result.published == "march 3, 2026"
    assert removed_by(result)["Published March 3, 2026"] == "dateline"


def test_name_with_outlet_is_a_byline_only_near_the_top() -> None:
    result = clean(
        "Ferry Service Extended\n\nLeon Castellano | Metro Wire\n\n" + article(title=None)
    )
    assert result.author == "Leon Castellano"
    mid = "Harbour Board, Finance Committee"
    assert mid in clean(article(mid)).paragraphs


def test_breadcrumb_is_navigation_not_title() -> None:
    result = clean("Valley Ledger › News › Environment\n\n" + article())
    assert result.title == "Ferry Service Extended"
    assert removed_by(result)["Valley Ledger › News › Environment"] == "navigation"


def test_numbered_list_heading_is_not_an_injected_headline() -> None:
    heading = "2. Celebrity Chef Opens Rooftop Restaurant With Views"
    assert heading in clean(article(heading)).paragraphs


def test_product_line_with_for_is_not_a_byline() -> None:
    line = "Harbour Stream – Best ferry app for weekend commuters"
    assert line in clean("Ferry Apps Compared\n\n" + line + "\n\n" + article(title=None)).paragraphs
