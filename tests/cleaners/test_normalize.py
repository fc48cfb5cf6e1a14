from __future__ import annotations

import pytest

from cleaners.normalize import normalize_paragraphs, normalize_text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("boundaries of trust.Putin and Biden", "boundaries of trust. Putin and Biden"),
        ("the vote.The mayor said", "the vote. The mayor said"),
        ("did it work?Nobody knows", "did it work? Nobody knows"),
    ],
)
def test_run_on_sentences_are_split(before: str, after: str) -> None:
    assert normalize_text(before) == after


@pytest.mark.parametrize(
    "text",
    [
        "elections in the U.S. Senate race",
        "growth of 3.5 percent in 2025",
        "see www.Example.org for details",
        "write to news@Harbour.example today",
        "the site example.com/News covers it",
        "J.R.R. Tolkien wrote it",
    ],
)
def test_abbreviations_decimals_and_urls_are_untouched(text: str) -> None:
    assert normalize_text(text) == text


def test_mojibake_is_repaired_and_quotes_stay_curly() -> None:
    assert normalize_text("donâ€™t stop the cafÃ©") == "don’t stop the café"
    assert normalize_text("“quoted”") == "“quoted”"


def test_spacing_and_nfc() -> None:
    assert normalize_text("a  b\u00a0c\u200b d") == "a b c d"
    assert normalize_text("cafe\u0301") == "café"


def test_edits_are_logged_with_context() -> None:
    paragraphs, edits = normalize_paragraphs(["It ended at trust.Putin and Biden left."])
    assert paragraphs == ["It ended at trust. Putin and Biden left."]
    assert [(e.rule, e.before, e.after) for e in edits] == [
        ("run_on_sentence", "ended at trust.Putin and Biden", "ended at trust. Putin and Biden")
    ]


@pytest.mark.parametrize(
    "code",
    [
        "db := testdb.New(t)",
        "options.Level = LogLevel.Information;",
        "err := repo.UpsertIdentity(ctx, id)",
        "defer src.Close()",
    ],
)
def test_code_lines_are_not_split_as_run_on_sentences(code: str) -> None:
    assert normalize_text(code) == code


def test_emoji_sequences_and_non_joiners_keep_their_joiners() -> None:
    family = "the emoji \U0001f468\u200d\U0001f469\u200d\U0001f467 is one glyph"
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert normalize_text(family) == family
    assert normalize_text(persian) == persian


def test_ascii_fast_path_gives_what_ftfy_gives() -> None:
    """`fix_unicode` skips ftfy for plain ASCII; random ASCII (entities, escapes, control
    characters, carriage returns included) must come out exactly as ftfy + NFC make it."""
    import random
    import string
    import unicodedata

    import ftfy

    from cleaners.normalize import _FTFY, fix_unicode

    rng = random.Random(1)
    alphabet = string.printable + "&;#<>\x1b\r\x00\x7f"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        for candidate in (text, "Fish &amp; chips " + text, "It\u2019s " + text):
            expected = unicodedata.normalize("NFC", ftfy.fix_text(candidate, _FTFY))
            assert fix_unicode(candidate) == expected, repr(candidate)
