"""Reader polls (`cleaners.polls`): questions put to the reader, and the article's own questions."""

from __future__ import annotations

import pytest

from tests.cleaners.helpers import article, clean, removed_by


@pytest.mark.parametrize(
    "question",
    [
        "How much do you care about ferry timetables?",
        "Is a new car on your mind this year?",
        "Would you pay more for a night crossing?",
        "Should your council fund more ferries?",
        "Have you cut back on travel this year?",
        "Is it still worth buying a season ticket right now?",
    ],
)
def test_reader_opinion_question_alone_is_a_poll(question: str) -> None:
    assert removed_by(clean(article(question)))[question] == "reader_poll"


@pytest.mark.parametrize(
    "question",
    [
        "How much does a season ticket cost?",
        "Is the night crossing safe?",
        "Would the operator have acted differently?",
        "What should commuters do when the last ferry is cancelled?",
        "“Would you pay more for this?” one commuter asked the board.",
    ],
)
def test_the_articles_own_questions_stay(question: str) -> None:
    assert question in clean(article(question)).paragraphs
