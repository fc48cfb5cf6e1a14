from __future__ import annotations

from cleaners.lines import line_key
from corpus.site_templates import SiteTemplate, TemplateCounts, TemplateParams, learn_templates

STORIES = [
    "The ferry will run through the winter, the harbour authority said.",
    "A storm flooded the promenade and closed three shops on Friday.",
    "The lighthouse appeal has raised enough to repaint the tower.",
    "Water rates will rise by a small amount from April, the utility said.",
]


def _page(n: int, *extra: str) -> str:
    return "\n\n".join([STORIES[n], *extra])


def test_lines_on_three_pages_of_a_site_are_template() -> None:
    footer = "Harbourtown Herald · Since 1921"
    pages = [("herald", _page(i, footer)) for i in range(3)]
    templates = learn_templates(pages)
    assert len(templates["herald"]) == 1 and templates["herald"].get(line_key(footer)) == 3
    assert templates["herald"].get(line_key(STORIES[0])) == 0


def test_two_pages_are_not_enough_and_sites_are_counted_apart() -> None:
    line = "Trending: Festival Tickets On Sale"
    pages = [("herald", _page(1, line)), ("herald", _page(2, line)), ("ledger", _page(3, line))]
    templates = learn_templates(pages)
    assert set(templates) == {"herald", "ledger"}
    assert len(templates["herald"]) == 0 and len(templates["ledger"]) == 0


def test_a_line_repeated_within_one_page_counts_once() -> None:
    line = "Advertisement"
    templates = learn_templates([("herald", _page(1, line, line, line))])
    assert len(templates["herald"]) == 0


def test_long_repeated_paragraphs_are_not_template() -> None:
    paragraph = " ".join(["word"] * 80) + "."
    pages = [("herald", _page(i, paragraph)) for i in range(4)]
    assert len(learn_templates(pages, TemplateParams(max_words=60))["herald"]) == 0


def test_digits_do_not_split_a_template_line() -> None:
    pages = [("herald", _page(i, f"© 20{20 + i} Harbourtown Herald")) for i in range(3)]
    assert len(learn_templates(pages)["herald"]) == 1


def test_counts_from_separate_runs_add_up() -> None:
    footer = "Harbourtown Herald · Since 1921"
    params = TemplateParams()
    earlier = TemplateCounts()
    for i in range(2):
        earlier.add_page("herald", _page(i, footer), params)
    assert earlier.templates(params) == {"herald": {}}
    later = TemplateCounts()
    later.add_counts(earlier.site_pages, earlier.line_pages)
    later.add_page("herald", _page(2, footer), params)
    template = SiteTemplate(later.templates(params)["herald"])
    assert template.get(line_key(footer)) == 3 and later.site_pages["herald"] == 3


def test_allow_list_keeps_a_phrase_the_site_repeats() -> None:
    disclaimer = "This article is not investment advice."
    pages = [("herald", _page(i, disclaimer, "Share this story")) for i in range(3)]
    params = TemplateParams(keep=("NOT investment advice",))
    template = learn_templates(pages, params)["herald"]
    assert template.get(line_key(disclaimer)) == 0
    assert template.get(line_key("Share this story")) == 3


def test_keys_from_a_cleaning_view_equal_the_keys_of_the_text() -> None:
    """The template pass takes a page's keys from the view it also runs the wording rules and
    the headline on; they must be the keys `page_keys` finds in the raw text."""
    from cleaners.document import early_view
    from cleaners.titles import headline_in, headline_of
    from corpus.site_templates import line_keys, page_keys
    from tests.conftest import SAMPLE_CORPUS

    params = TemplateParams()
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in SAMPLE_CORPUS.rglob("*.txt")]
    pages.append("  Title  \n\n\tBody line one.\n \nShare\nAd\n")
    assert len(pages) > 10
    for text in pages:
        doc, _ = early_view(text)
        assert line_keys([x.text for x in doc.lines], doc.word_counts, params) == page_keys(
            text, params
        )
        assert headline_in(doc) == headline_of(text)
