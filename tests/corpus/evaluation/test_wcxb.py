"""The WCXB word metric, snippet rates and metadata accuracy on hand-made pages."""

from __future__ import annotations

import pytest

from corpus.evaluation.common import Prediction
from corpus.evaluation.wcxb import Page, date_matches, score, snippet_rate, word_prf

PAGE = Page(
    main_content="The cat sat on the mat.",
    title="Cats  and Mats",
    author="Ann Lee",
    publish_date="2025-09-04",
    with_snippets=("cat sat",),
    without_snippets=("Subscribe now", "Cookie settings"),
)


def test_word_prf_is_a_lower_cased_bag_of_words() -> None:
    assert word_prf("the CAT sat on the mat", PAGE.main_content) == (1.0, 1.0, 1.0)
    assert word_prf("", PAGE.main_content) == (0.0, 0.0, 0.0)
    assert word_prf("", "") == (1.0, 1.0, 1.0)
    assert word_prf("anything", "") == (0.0, 0.0, 0.0)
    # "the" twice in the reference, three times predicted: the bag counts it twice.
    p, r, f = word_prf("the the the cat", PAGE.main_content)
    assert (p, r) == pytest.approx((3 / 4, 3 / 6))
    assert f == pytest.approx(2 * 0.75 * 0.5 / 1.25)


def test_snippet_rates() -> None:
    assert snippet_rate("A CAT SAT here", ("cat sat", "dog ran")) == 0.5
    assert snippet_rate("text", ()) is None


def test_dates_compare_at_the_labels_precision() -> None:
    assert date_matches("2025-09-04T10:00:00Z", "2025-09-04")
    assert not date_matches("2025-09-05", "2025-09-04")
    assert date_matches("2015-11-20", "2015-11")
    assert date_matches(None, None) and not date_matches("2020-01-01", None)
    assert not date_matches(None, "2020-01-01")


def test_perfect_page() -> None:
    pred = Prediction(PAGE.main_content, "cats and mats", "ANN LEE", "2025-09-04")
    result = score({"p": PAGE}, {"p": pred})
    assert result["word_f1"] == 1.0 and result["with_rate"] == 1.0 and result["leakage"] == 0.0
    for field in ("title", "author", "date"):
        assert result[field]["accuracy"] == 1.0


def test_empty_prediction() -> None:
    result = score({"p": PAGE}, {})
    assert result["word_f1"] == 0.0 and result["with_rate"] == 0.0 and result["leakage"] == 0.0
    assert result["title"]["accuracy"] == 0.0
    # With no labelled author, predicting none is right.
    unlabelled = Page(main_content="x y z", author=None)
    assert score({"p": unlabelled}, {})["author"]["accuracy"] == 1.0


def test_partial_prediction_leaks_and_misses() -> None:
    pred = Prediction("The cat sat. Subscribe now!", title="Cats and Mats | Site")
    result = score({"p": PAGE}, {"p": pred})
    assert result["leakage"] == 0.5
    assert result["with_rate"] == 1.0
    assert result["title"]["accuracy"] == 0.0
    assert 0 < result["word_f1"] < 1


def test_page_without_snippets_stays_out_of_the_snippet_means() -> None:
    bare = Page(main_content="a b c")
    result = score({"p": PAGE, "q": bare}, {"p": Prediction("cat sat Cookie settings")})
    assert result["leakage"] == 0.5 and result["with_rate"] == 1.0
