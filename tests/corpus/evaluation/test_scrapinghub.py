"""The ScrapingHub body metric on hand-made texts whose shingle counts are easy to check."""

from __future__ import annotations

import pytest

from corpus.evaluation.scrapinghub import body_metrics, score, shingle_counts, shingles

TRUTH = "one two three four five six"  # shingles: 1234, 2345, 3456


def test_shingles_are_4_token_windows_and_short_texts_one_shingle() -> None:
    assert list(shingles(TRUTH)) == [
        ("one", "two", "three", "four"),
        ("two", "three", "four", "five"),
        ("three", "four", "five", "six"),
    ]
    assert list(shingles("just two")) == [("just", "two")]
    assert not shingles("")


def test_perfect_prediction_scores_one() -> None:
    result = score({"a": TRUTH}, {"a": TRUTH.replace(" ", ",  ")})  # punctuation is not a token
    assert result == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "accuracy": 1.0, "documents": 1}


def test_empty_prediction_has_no_precision_entry_and_zero_recall() -> None:
    assert shingle_counts(TRUTH, "") == (0.0, 0.0, 1.0)
    result = score({"a": TRUTH}, {})
    assert result["precision"] == 0.0 and result["recall"] == 0.0 and result["f1"] == 0.0
    # Beside a perfect page, the empty one leaves precision alone and halves recall.
    both = score({"a": TRUTH, "b": TRUTH}, {"b": TRUTH})
    assert both["precision"] == 1.0 and both["recall"] == 0.5
    assert both["f1"] == pytest.approx(2 / 3)


def test_partial_prediction() -> None:
    # truth 1234 2345 3456; prediction "one two three four seven": 1234 and 234-7
    tp, fp, fn = shingle_counts(TRUTH, "one two three four seven")
    assert (tp, fp, fn) == pytest.approx((1 / 4, 1 / 4, 2 / 4))
    result = body_metrics([(TRUTH, "one two three four seven")])
    assert result["precision"] == pytest.approx(0.5)
    assert result["recall"] == pytest.approx(1 / 3)
    assert result["f1"] == pytest.approx(0.4)
    assert result["accuracy"] == 0.0


def test_case_is_kept() -> None:
    assert score({"a": TRUTH}, {"a": TRUTH.upper()})["f1"] == 0.0
