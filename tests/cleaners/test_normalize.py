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


def test_typographic_fast_path_gives_what_ftfy_gives() -> None:
    """Text of ASCII and the `TYPOGRAPHIC` characters skips ftfy: random such text (the
    punctuation densely mixed, where ftfy's mojibake detector would fire if it ever did) must
    come out exactly as ftfy makes it, in `fix_unicode` and in the match forms of lines."""
    import random
    import string
    import unicodedata

    import ftfy

    from cleaners.lines import line_key, match_form, matching_key
    from cleaners.normalize import _FTFY, fix_unicode, ftfy_has_work

    typographic = "\u00a0\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019\u201c\u201d\u2022\u2026"
    ascii_text = string.ascii_letters + string.digits + " .,;:!?'\"()-/%\n\t"
    rng = random.Random(7)
    skipped = 0
    for _ in range(20_000):
        share = rng.choice((0.05, 0.3, 0.8))
        text = "".join(
            rng.choice(typographic if rng.random() < share else ascii_text)
            for _ in range(rng.randint(1, 30))
        )
        assert not ftfy_has_work(text)
        skipped += 1
        assert fix_unicode(text) == unicodedata.normalize("NFC", ftfy.fix_text(text, _FTFY))
        fixed = ftfy.fix_text(text, uncurl_quotes=False)
        assert line_key(text) == matching_key(fixed), repr(text)
        assert match_form.__wrapped__(text) == match_form.__wrapped__(fixed), repr(text)
    assert skipped == 20_000


@pytest.mark.parametrize(
    "text",
    [
        "donâ€™t",  # mojibake: letters outside ASCII
        "café",
        "Fish &amp; chips \u2019",
        "line\r\nbreak",
        "price\u20ac\u2022",  # a pair ftfy reads as mojibake ("ۥ")
        "\u2018\u2020",
        "\ufeffBOM",
    ],
)
def test_text_ftfy_could_change_still_goes_through_it(text: str) -> None:
    from cleaners.normalize import ftfy_has_work

    assert ftfy_has_work(text)


def test_spacing_and_run_on_fast_paths_change_nothing_the_full_steps_would() -> None:
    """The quick "anything to do?" tests in front of `fix_spacing` and
    `fix_run_on_sentences` must never skip text the full steps would change."""
    import random

    from cleaners import normalize

    def slow_spacing(text: str) -> str:
        text = normalize._INVISIBLE.sub("", text)
        return "\n".join(normalize._SPACES.sub(" ", line).strip() for line in text.split("\n"))

    def slow_run_on(text: str) -> str:
        original = normalize._may_join
        normalize._may_join = lambda text: True  # always "maybe": the full path
        try:
            return normalize.fix_run_on_sentences(text)
        finally:
            normalize._may_join = original

    pieces = [
        "word", "Word", "said.", "The", "U.S.", "end.Next", "trust.Putin", "3.5", "x", "(", ")",
        "“", "”", "’", ".", "!", "?", " ", "  ", "\t", "\n", "\u00a0", "\u200b", "\u2009", "\r",
        "\u3000", "\u00ad", "\ufeff", "fmt.Println(", "www.site.com", "a@b.org", "\x0c", "\x85",
        "\u2028", "\x1d", "&amp;", "\u00e9", "\u00c3\u00a9", "\u201cQuote.\u201dNext",
    ]  # fmt: skip
    rng = random.Random(11)
    changed = 0
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        assert normalize.fix_spacing(text) == slow_spacing(text), repr(text)
        assert normalize.fix_run_on_sentences(text) == slow_run_on(text), repr(text)
        changed += normalize.fix_run_on_sentences(text) != text
    assert changed > 100  # the run-on rule did fire on this text


def test_whole_text_tests_give_what_normalizing_each_paragraph_gives() -> None:
    """`normalize_paragraphs` first asks the whole text which steps could do anything; its
    paragraphs and edit log must be those of every step run on every paragraph."""
    import random

    from cleaners.normalize import STEPS, Edit, _first_step_with_work

    def every_step(paragraphs: list[str]) -> tuple[list[str], list[Edit]]:
        edits: list[Edit] = []
        out = [p for p in (normalize_text(p, edits) for p in paragraphs) if p.strip()]
        return out, edits

    pieces = [
        "word", "The", "said.", "end.Next", " ", "  ", "\t", "\u00a0", "\u200b", "\u2009",
        "\u00c3\u00a9", "caf\u00e9", "&amp;", "\u2019", "\u201c", ".", "\r", "\x0c", "\n",
    ]  # fmt: skip
    rng = random.Random(5)
    fast = 0
    for _ in range(5_000):
        paragraphs = [
            "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
            for _ in range(rng.randint(1, 4))
        ]
        if rng.random() < 0.4:  # many articles need no step at all
            paragraphs = ["A plain line.", "Another one, \u201cquoted\u201d."]
        assert normalize_paragraphs(paragraphs) == every_step(paragraphs), paragraphs
        fast += _first_step_with_work("\n\n".join(paragraphs)) == len(STEPS)
    assert 1_000 < fast < 5_000
