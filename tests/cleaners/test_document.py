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
