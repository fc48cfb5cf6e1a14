"""The cleaners' speed-ups must decide exactly what the plain forms they replaced decide.

Each fast form is compared with a reference kept here (the code it replaced) on every line of
the sample corpus, on synthetic articles and on generated tricky text: non-ASCII letters and
punctuation, combining marks, apostrophe runs, line breaks of every kind, empty input.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from bench.synthetic import iter_articles, render_text
from cleaners.base import Line
from cleaners.headlines import _headline_end, looks_like_headline
from cleaners.lines import (
    is_prose,
    line_key,
    line_keys_of,
    line_word_counts,
    match_form,
    match_forms,
    split_lines,
    word_count,
    words,
)
from cleaners.rules import DocView

SAMPLE = Path(__file__).resolve().parents[2] / "sample_corpus"
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def _texts() -> list[str]:
    texts = [path.read_text(errors="replace") for path in sorted(SAMPLE.rglob("*.txt"))]
    texts += [render_text(doc) for doc in iter_articles(60, seed=11, html_share=0.0)]
    return texts


TEXTS = _texts()

_ALPHABET = [
    *"ab Z9_'.-,|\t",
    "\u2019",  # curly apostrophe: joins words
    "\u2018\u201c\u201d\u2014\u2013\u2026\u00a0",  # news punctuation: separates
    "\u00e9",  # Latin letter
    "\u00a9\u00b7\u203a\u2192",  # ©, ·, ›, →: separators outside the common set
    "\u0301",  # combining acute accent: not a word character on its own
    "\u4e2d\u6587",  # CJK
    "\u0663",  # Arabic-Indic digit
    "\u00bd",  # vulgar fraction: numeric, so a word character
    "\ud800",  # lone surrogate (text decoded with surrogateescape)
]


def _random_lines(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 24))) for _ in range(count)]


def _reference_split_lines(text: str) -> tuple[list[Line], list[int]]:
    lines: list[Line] = []
    blocks: list[int] = []
    block = 0
    previous_blank = True
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped:
            if not previous_blank:
                block += 1
            previous_blank = True
            continue
        lines.append(Line(number=number, text=stripped))
        blocks.append(block)
        previous_blank = False
    return lines, blocks


def test_word_count_on_non_ascii_lines_is_the_regex_count() -> None:
    """Non-ASCII characters are shaped by an encoding error handler, not the regex."""
    samples = _random_lines(1, 20_000)
    samples += [
        "\u00a9 2026 Harbour Herald \u00b7 All rights reserved",
        "\u203a Next",
        "o\u2019clock",
    ]
    for text in samples:
        assert word_count(text) == len(_WORD.findall(text)) == len(words(text)), repr(text)


def test_line_word_counts_equal_word_count_per_line() -> None:
    pages = [[line.text for line in split_lines(text)[0]] for text in TEXTS]
    rng = random.Random(2)
    lines = _random_lines(3, 6000)
    pages += [rng.sample(lines, rng.randint(0, 40)) for _ in range(400)]
    pages += [[], [""], ["", ""], ["a\nb", "c"], ["x'y'z", "don't"], ["rock'n'roll"], ["\n"]]
    for page in pages:
        assert line_word_counts(page) == [len(words(text)) for text in page], page
    assert sum(len(page) for page in pages) > 10_000


def test_match_forms_equal_match_form_per_line() -> None:
    """Folding a page's lines joined (NFKC, casefold, quotes) gives each line's own form: on
    every page, on random lines of many scripts (ASCII-only pages, pages without ftfy work,
    and with it: the line-by-line path), and on the edge cases of the line split."""
    pages = [[line.text for line in split_lines(text)[0]] for text in TEXTS]
    rng = random.Random(6)
    lines = [*_random_lines(7, 6000), "ﬁ ligature", "Ⅻ ＡＢＣ", "Straße ΣΑΣ", "e\u0301 café"]
    pages += [rng.sample(lines, rng.randint(0, 40)) for _ in range(600)]
    # News punctuation only (no ftfy work): the path that folds the joined page with NFKC
    typographic = [*"ab Z9'.-\t", "  ", "\x1f", "\u3000", "\u00a0", "\u2010", "\u2014"]
    typographic += ["\u2019", "\u201c", "\u2026"]
    news = [
        "".join(rng.choice(typographic) for _ in range(rng.randint(1, 24))) for _ in range(3000)
    ]
    pages += [news[i : i + 30] for i in range(0, 3000, 30)]
    pages += [[], [""], ["", ""], ["a\nb", "c"], ["\n"], ["â€™ mojibake", "plain"]]
    for page in pages:
        assert match_forms(page) == [match_form(text) for text in page], page
    assert sum(len(page) for page in pages) > 10_000


def test_line_keys_of_equal_line_key_per_line() -> None:
    """Keys made for a page's lines in one piece are each line's own `line_key`: real pages,
    random lines of many scripts (runs of non-ASCII characters, a combining mark after a
    letter, which needs the whole-line path, mojibake that ftfy repairs), and edge cases."""
    pages = [[line.text for line in split_lines(text)[0]] for text in TEXTS]
    rng = random.Random(9)
    lines = [*_random_lines(10, 6000), "e\u0301 café", "â€™ mojibake", "Ⅻ ＡＢＣ 42", "ß ΣΑΣ"]
    pages += [rng.sample(lines, rng.randint(0, 40)) for _ in range(600)]
    news = [*"ab Z9'.,-\t", "  ", "\u00a0", "\u2014", "\u2019", "\u201c", "\u00e9", "\u00a9"]
    made = ["".join(rng.choice(news) for _ in range(rng.randint(1, 24))) for _ in range(3000)]
    pages += [made[i : i + 30] for i in range(0, 3000, 30)]
    pages += [[], [""], ["", ""], ["a\nb", "c"], ["\n"], ["--", "!!", "x"]]
    for page in pages:
        assert line_keys_of(page) == [line_key(text) for text in page], page
    assert sum(len(page) for page in pages) > 10_000


def test_split_lines_is_the_plain_loop() -> None:
    tricky = [
        "",
        "\n\n",
        "a\r\nb\rc\x0bd\x0ce\x1cf\x1dg\x1eh\x85i\u2028j\u2029k",
        "  one  \n\n\n two \n\t\nthree\n",
        "\u00a0\n x \n\u3000\n y",
    ]
    for text in TEXTS + tricky:
        assert split_lines(text) == _reference_split_lines(text), text[:60]


def _reference_kept(doc: DocView) -> list[int]:
    return [i for i in range(len(doc.lines)) if i not in doc.removed and i != doc.title_index]


def test_kept_is_the_plain_comprehension() -> None:
    rng = random.Random(5)
    lines = [Line(n, f"line {n}") for n in range(1, 30)]
    for _ in range(3000):
        doc = DocView(lines=lines[: rng.randint(0, 29)], blocks=[0] * 29)
        n = len(doc.lines)
        for i in rng.sample(range(n + 3), rng.randint(0, n)):  # indices past the end too
            doc.removed[i] = "x"
        doc.title_index = rng.choice([None, -1, 0, 1, n - 1, n, n + 5, *range(n)])
        assert doc.kept() == _reference_kept(doc), (doc.removed, doc.title_index, n)


def test_view_is_prose_and_headline_shape_use_the_known_count() -> None:
    checked = 0
    for text in TEXTS:
        lines, blocks = split_lines(text)
        doc = DocView(lines=lines, blocks=blocks)
        for i, line in enumerate(lines):
            for min_words in (1, 12, 40):
                assert doc.is_prose(i, min_words) == is_prose(line.text, min_words)
            if 5 <= doc.word_counts[i] <= 22:
                expected = looks_like_headline(line.text, min_words=5, max_words=22)
                assert _headline_end(line.text) == expected, line.text
                checked += 1
    assert checked > 300
