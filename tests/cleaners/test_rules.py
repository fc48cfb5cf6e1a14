"""`any_of` is a speed-up only: it must match exactly where one of its patterns matches."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.synthetic import iter_articles, render_text
from cleaners.lines import match_form, split_lines
from cleaners.phrases import PHRASES
from cleaners.rules import any_of

SAMPLE = Path(__file__).resolve().parents[2] / "sample_corpus"


def _forms() -> list[str]:
    texts = [path.read_text(errors="replace") for path in sorted(SAMPLE.rglob("*.txt"))]
    texts += [render_text(doc) for doc in iter_articles(60, seed=3, html_share=0.0)]
    forms = []
    for text in texts:
        lines, _ = split_lines(text)
        forms += [match_form(line.text) for line in lines]
    return forms


FORMS = _forms()


def _any_pattern(patterns: tuple[str, ...], form: str, whole: bool) -> bool:
    if whole:
        return any(re.fullmatch(p, form) for p in patterns)
    return any(re.search(p, form) for p in patterns)


@pytest.mark.parametrize("spec", PHRASES, ids=lambda spec: spec.name)
def test_matches_exactly_where_a_pattern_of_the_kind_matches(spec: object) -> None:
    for patterns, whole in ((spec.whole, True), (spec.contains, False)):  # type: ignore[attr-defined]
        combined = any_of(patterns)
        if combined is None:
            continue
        for form in FORMS:
            expected = _any_pattern(patterns, form, whole)
            found = bool(combined.fullmatch(form) if whole else combined.search(form))
            assert found == expected, (spec.name, form)  # type: ignore[attr-defined]
    assert len(FORMS) > 2000


def test_the_phrase_table_matches_lines_of_the_sample_corpus() -> None:
    # The equality above must be checked on lines that do match, not only on misses.
    matched = {
        spec.name
        for spec in PHRASES
        for form in FORMS
        if _any_pattern(spec.whole, form, True) or _any_pattern(spec.contains, form, False)
    }
    assert {"navigation", "newsletter", "share", "copyright", "related_link"} <= matched


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        # a top-level branch: the boundary belongs to its first half only
        ((r"\bcat|dog",), "hotdog", True),
        ((r"\bcat|dog", r"\bbird"), "hotdog", True),
        ((r"\bcat|dog", r"\bbird"), "tomcat", False),
        ((r"\bcat", r"\bbird"), "tomcat", False),
        ((r"\bcat", r"\bbird"), "a cat", True),
        # a "|" inside a group or a character class is not a top-level branch
        ((r"\b(?:cat|dog)", r"\bbird"), "hotdog", False),
        ((r"\b[|]x", r"\bbird"), "a |x", False),
        ((r"^want more", r"\bcat"), "want more news", True),
        ((r"\bx\|y", r"\bbird"), "the x|y", True),
        ((r"\bx\|y", r"\bbird"), "ax|y", False),
    ],
)
def test_boundaries_are_factored_only_where_they_apply(
    patterns: tuple[str, ...], text: str, expected: bool
) -> None:
    combined = any_of(patterns)
    assert combined is not None
    assert bool(combined.search(text)) == expected == _any_pattern(patterns, text, False)


def test_no_patterns_give_no_regex() -> None:
    assert any_of(()) is None


def test_the_shared_contains_test_never_changes_a_kinds_answer() -> None:
    from cleaners.rules import PhraseRule, PhraseTable

    gated = PhraseTable(PHRASES).rules
    plain = [PhraseRule(spec) for spec in PHRASES]
    hits = 0
    for form in FORMS:
        count = len(form.split())
        for with_gate, without in zip(gated, plain, strict=True):
            assert with_gate.matches(form, count) == without.matches(form, count), form
            hits += without.matches(form, count)
    assert hits > 50


def test_the_table_decides_what_the_kinds_applied_one_by_one_decide() -> None:
    from cleaners.rules import DocView, PhraseRule, PhraseTable

    table = PhraseTable(PHRASES)
    plain = [PhraseRule(spec) for spec in PHRASES]
    texts = [path.read_text(errors="replace") for path in sorted(SAMPLE.rglob("*.txt"))]
    texts += [render_text(doc) for doc in iter_articles(60, seed=3, html_share=0.0)]
    found = 0
    for text in texts:
        lines, blocks = split_lines(text)
        one_by_one = DocView(lines=lines, blocks=blocks)
        for rule in plain:
            for index in rule.find(one_by_one):
                one_by_one.removed.setdefault(index, rule.name)
        at_once = dict(table.find(DocView(lines=lines, blocks=blocks)))
        assert at_once == one_by_one.removed
        found += len(at_once)
    assert found > 200


def test_word_count_is_the_number_of_words_without_building_them() -> None:
    """The byte-count shortcut must equal `len(words(text))`: apostrophe joins ("don't",
    "rock'n'roll", "a'b'c" where joins overlap), leading/trailing/doubled apostrophes,
    underscores, digits, and non-ASCII text (regex path)."""
    import random

    from cleaners.lines import word_count, words

    samples = ["don't", "rock'n'roll", "a'b'c", "'quoted'", "x''y", "snake_case 42", "", "  "]
    samples += ["caf\u00e9 l\u2019\u00e9t\u00e9", "it\u2019s", "\u2014 dash \u2014"]
    alphabet = [*"ab Z9_'.-", "\u2019", "\u00e9", "\u2018", "\u201c", "\u2014", "\u00a0"]
    rng = random.Random(4)
    samples += [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))) for _ in range(20_000)
    ]
    for text in samples:
        assert word_count(text) == len(words(text)), repr(text)


#: The words of the phrase patterns (lines made of them match often), and every union the
#: cleaners build: the table's `whole` and `contains` patterns, and each kind's.
_PATTERN_WORDS = sorted(
    {w for spec in PHRASES for p in spec.whole + spec.contains for w in re.findall(r"[a-z]+", p)}
)
_UNIONS = [
    tuple(p for spec in PHRASES for p in spec.whole),
    tuple(p for spec in PHRASES for p in spec.contains),
    *(spec.whole for spec in PHRASES),
    *(spec.contains for spec in PHRASES),
]


def _gates() -> Iterator[tuple[tuple[str, ...], re.Pattern[str], Any]]:
    """(patterns, their `any_of` union, its `UnionGate`) of every non-empty union."""
    from cleaners.rules import UnionGate

    for patterns in _UNIONS:
        union = any_of(patterns)
        if union is not None:
            yield patterns, union, UnionGate(union)


def test_the_union_gate_answers_as_pythons_re_does() -> None:
    """RE2 answers for ASCII lines (`UnionGate`): on every kind's unions, the whole table's
    unions and lines built from the patterns' own words (so that many match), its answer must
    be `re`'s."""
    import random

    pytest.importorskip("re2")
    rng = random.Random(2)
    made = [
        " ".join(rng.choice(_PATTERN_WORDS) for _ in range(rng.randint(1, 8)))
        + rng.choice(["", ".", ":"])
        for _ in range(4000)
    ]
    forms = [f for f in FORMS + made if f.isascii()]
    hits = 0
    for patterns, union, gate in _gates():
        assert gate._ascii is not None  # RE2 compiled it: the test below is not re vs re
        for form in forms:
            assert gate.search(form) == (union.search(form) is not None), (patterns, form)
            expected = union.fullmatch(form) is not None
            assert gate.fullmatch(form) == expected, (patterns, form)
            hits += expected
    assert hits > 100


def test_a_pages_lines_read_at_once_answer_as_one_at_a_time() -> None:
    """`UnionGate.lines_matching` (one RE2 scan of a page's ASCII forms joined by line feeds)
    must pick the lines that `fullmatch` / `search` accept one by one: the table's unions
    and every kind's, over pages of real and generated forms, with non-ASCII forms mixed in
    (asked one by one) and forms that `^`, `$` and character classes must not read across."""
    import random

    pytest.importorskip("re2")
    rng = random.Random(8)
    made = [
        " ".join(rng.choice(_PATTERN_WORDS) for _ in range(rng.randint(1, 6))) for _ in range(3000)
    ]
    forms = FORMS + made + ["advertisement", "share", "© 2026 all rights reserved", "x", "—"]
    pages = [rng.sample(forms, rng.randint(0, 40)) for _ in range(400)]
    hits = 0
    for patterns, union, gate in _gates():
        assert all(gate._ascii_lines.values())  # RE2 read the pages: not one line at a time
        for page in pages:
            for whole in (True, False):
                ask = union.fullmatch if whole else union.search
                expected = {i for i, form in enumerate(page) if ask(form)}
                assert gate.lines_matching(page, whole) == expected, (patterns, whole, page)
                hits += len(expected)
    assert hits > 1000
