"""Injected headlines (`cleaners.headlines`): numbered section labels are the article's own."""

from __future__ import annotations

import pytest

from tests.cleaners.helpers import article, clean, removed_by


@pytest.mark.parametrize(
    "subhead",
    [
        "Step 1: Compare Every Operator Before You Book",
        "Tip #4: Look Beyond the Cheapest Crossing",
        "Con: Fewer Sailings on Winter Sundays",
        "Goal 2: Build a Small Travel Emergency Fund",
    ],
)
def test_numbered_or_sorted_section_labels_stay(subhead: str) -> None:
    assert subhead in clean(article(subhead)).paragraphs


def test_unrelated_title_case_headline_is_still_injected() -> None:
    injected = "Celebrity Chef Opens Rooftop Restaurant With Views of the Cathedral"
    assert removed_by(clean(article(injected)))[injected] == "injected_headline"
