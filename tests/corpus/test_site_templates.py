from __future__ import annotations

from cleaners.lines import line_key
from corpus.site_templates import TemplateParams, learn_templates

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
    assert templates["herald"] == {line_key(footer): 3}


def test_two_pages_are_not_enough_and_sites_are_counted_apart() -> None:
    line = "Trending: Festival Tickets On Sale"
    pages = [("herald", _page(1, line)), ("herald", _page(2, line)), ("ledger", _page(3, line))]
    assert learn_templates(pages) == {"herald": {}, "ledger": {}}


def test_a_line_repeated_within_one_page_counts_once() -> None:
    line = "Advertisement"
    templates = learn_templates([("herald", _page(1, line, line, line))])
    assert templates["herald"] == {}


def test_long_repeated_paragraphs_are_not_template() -> None:
    paragraph = " ".join(["word"] * 80) + "."
    pages = [("herald", _page(i, paragraph)) for i in range(4)]
    assert learn_templates(pages, TemplateParams(max_words=60))["herald"] == {}


def test_digits_do_not_split_a_template_line() -> None:
    pages = [("herald", _page(i, f"© 20{20 + i} Harbourtown Herald")) for i in range(3)]
    assert len(learn_templates(pages)["herald"]) == 1
