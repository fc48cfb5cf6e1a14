"""Decisions made early (where a page is read) and replayed give exactly the same cleaning."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synthetic import iter_articles, render_text
from cleaners.document import EarlyDecisions, Hints, clean_document, early_decisions
from cleaners.titles import headline_of
from corpus.site_templates import SiteTemplate, learn_templates

SAMPLE = Path(__file__).resolve().parents[2] / "sample_corpus"


def _texts() -> list[tuple[str, str]]:
    texts = [
        (path.parent.name, path.read_text(errors="replace"))
        for path in sorted(SAMPLE.rglob("*.txt"))
    ]
    texts += [(doc.site, render_text(doc)) for doc in iter_articles(40, seed=5, html_share=0.0)]
    return texts


TEXTS = _texts()


def test_replayed_decisions_clean_exactly_like_a_fresh_run() -> None:
    templates = learn_templates(TEXTS)
    changed, by_template = 0, 0
    for site, text in TEXTS:
        template = templates.get(site, SiteTemplate({}))
        early = EarlyDecisions.from_json(early_decisions(text).to_json())
        fresh = clean_document(text, Hints(), template)
        replayed = clean_document(text, Hints(), template, early=early)
        assert replayed == fresh
        assert headline_of(text, early) == headline_of(text)
        changed += bool(fresh.removed)
        by_template += any(r.rule == "site_template" for r in fresh.removed)
    assert changed > len(TEXTS) // 2
    assert by_template  # the rules after the early ones take part too


def test_decisions_say_which_rule_removed_which_line_and_who_wrote_it() -> None:
    text = "Ferry Service Extended\n\nBy Ana Ruiz\n\nShare this article\n\n" + "Body. " * 30
    early = early_decisions(text)
    assert set(early.removed.values()) == {"byline", "share"}
    assert early.authors == ("Ana Ruiz",)
    assert EarlyDecisions.from_json(early.to_json()) == early


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_empty_text_has_no_decisions(text: str) -> None:
    assert early_decisions(text) == EarlyDecisions({}, ())


def test_a_replayed_view_starts_with_the_first_views_counts_and_keys() -> None:
    from cleaners.document import early_view
    from corpus.site_templates import TemplateParams, view_keys

    text = "Council Votes\nBy Ana Ruiz\n\nShare this story\n\nThe council voted on the plan."
    first, _ = early_view(text)
    keys = view_keys(first, TemplateParams())  # the template pass makes keys through the view
    early = EarlyDecisions.from_json(EarlyDecisions.of(first).to_json())
    assert early.word_counts == tuple(first.word_counts) and len(early.keys) >= len(keys) > 0
    second, _ = early_view(text, early)
    assert second.word_counts == first.word_counts
    assert second.keys.made() == first.keys.made()
    # the carried values are what the second view would have made itself
    fresh, _ = early_view(text)
    assert fresh.keys.of(sorted(early.keys)) == [early.keys[i] for i in sorted(early.keys)]
    # counts that do not fit the lines, and keys of lines it does not have, are ignored
    stray = EarlyDecisions({}, (), word_counts=(5, 6), keys={7: "stray"})
    other, _ = early_view("One line only.", stray)
    assert other.word_counts == [3] and other.keys.made() == {}
