"""The rule machinery: a document view that rules read, and the phrase rule built from the table.

A rule answers one question — which of these lines are boilerplate of my kind? — and returns
line indices. The engine in `cleaners.document` records each answer as a `Removal` with the
rule's name, so the `removed` column, the per-rule counts and `newshygiene show` all come from
the same decisions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import filterfalse
from typing import Any, Protocol

from cleaners.base import Line
from cleaners.lines import (
    ends_like_sentence,
    line_key,
    line_keys_of,
    line_word_counts,
    match_form,
    match_forms,
)
from cleaners.phrases import MENU_ROW, PhraseSpec


class PerLine:
    """A value of each line (its match form, its matching key), made when a rule first asks
    for it: rules look at a line's word count first, so the form of a long prose paragraph is
    usually never needed (making every form up front was a fifth of the cleaning time on news
    pages). `of` makes the missing values of many lines together (`many`: the lines joined
    and processed in one piece, about half the time of one call a line)."""

    def __init__(
        self,
        lines: list[Line],
        one: Callable[[str], str],
        many: Callable[[Sequence[str]], list[str]],
    ) -> None:
        self._lines = lines
        self._one = one
        self._many = many
        self._values: dict[int, str] = {}

    def __getitem__(self, index: int) -> str:
        value = self._values.get(index)
        if value is None:
            value = self._values[index] = self._one(self._lines[index].text)
        return value

    def __len__(self) -> int:
        return len(self._lines)

    def made(self) -> dict[int, str]:
        """The values made so far, by line index."""
        return dict(self._values)

    def seed(self, values: Mapping[int, str]) -> None:
        """Values made by another view of the same lines (`made`); indices out of range are
        ignored."""
        count = len(self._lines)
        self._values.update((int(i), v) for i, v in values.items() if 0 <= int(i) < count)

    def of(self, indices: Sequence[int]) -> list[str]:
        """The values of the lines at `indices`."""
        values = self._values
        missing = [i for i in indices if i not in values]
        if missing:
            made = self._many([self._lines[i].text for i in missing])
            values.update(zip(missing, made, strict=True))
        return [values[i] for i in indices]


@dataclass
class DocView:
    """What rules see: the lines, their match forms and blocks, and the decisions made so far."""

    lines: list[Line]
    blocks: list[int]
    forms: PerLine = field(init=False)  # `match_form` of each line
    keys: PerLine = field(init=False)  # `line_key` of each line
    word_counts: list[int] = field(init=False)
    removed: dict[int, str] = field(default_factory=dict)
    title_index: int | None = None
    authors: list[str] = field(default_factory=list)
    #: Word counts of these lines made by another view (`EarlyDecisions`), if any.
    known_counts: Sequence[int] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        self.forms = PerLine(self.lines, match_form, match_forms)
        self.keys = PerLine(self.lines, line_key, line_keys_of)
        if len(self.known_counts) == len(self.lines) and self.lines:
            self.word_counts = list(self.known_counts)
        else:
            # All lines at once (`line_word_counts`): 44 µs a benchmark page against 62 µs
            # for a `word_count` call per line.
            self.word_counts = line_word_counts([line.text for line in self.lines])

    def kept(self) -> list[int]:
        """Indices still in play: not removed and not the title.

        Rules ask this about 8 times a view; `filterfalse` with the dict's own membership test
        runs the loop in C (1.1 µs against 1.9 µs a call for the comprehension it replaced, on
        1,000 benchmark pages after the wording rules).
        """
        kept = list(filterfalse(self.removed.__contains__, range(len(self.lines))))
        title = self.title_index
        if title is not None and title not in self.removed and 0 <= title < len(self.lines):
            kept.remove(title)
        return kept

    def is_prose(self, index: int, min_words: int = 12) -> bool:
        """`is_prose` of a line, with the word count the view already has (rules ask it of
        header lines and neighbours; the count was a second `word_count` scan of the line)."""
        return self.word_counts[index] >= min_words and ends_like_sentence(self.lines[index].text)

    def neighbour(self, index: int, step: int) -> int | None:
        """The nearest kept line before (step=-1) or after (step=1) `index`."""
        i = index + step
        while 0 <= i < len(self.lines):
            if i not in self.removed and i != self.title_index:
                return i
            i += step
        return None


class Rule(Protocol):
    name: str

    def find(self, doc: DocView) -> list[int]:
        """Indices of kept lines this rule identifies as its kind of boilerplate."""
        ...


_BOUNDARY = r"\b"


def _has_top_level_branch(pattern: str) -> bool:
    r"""Whether `pattern` is `a|b` at its outermost level (then `\b` only belongs to `a`)."""
    depth, in_class, escaped = 0, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


def any_of(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    r"""One regex matching wherever any of `patterns` matches.

    Patterns that start at a word boundary share one `\b` in front of their alternation:
    unfactored, the engine tries every branch at every character of a line; factored, only
    where a word starts. Same matches, 2-4x less time on the kinds with many `\b…` patterns
    (measured on 105,000 lines of news: 5.0 s → 2.2 s for all `contains` patterns).
    """
    if not patterns:
        return None
    factored = [p.startswith(_BOUNDARY) and not _has_top_level_branch(p) for p in patterns]
    bounded = [p.removeprefix(_BOUNDARY) for p, f in zip(patterns, factored, strict=True) if f]
    parts = [f"(?:{p})" for p, f in zip(patterns, factored, strict=True) if not f]
    if bounded:
        parts.insert(0, _BOUNDARY + "(?:" + "|".join(f"(?:{p})" for p in bounded) + ")")
    return re.compile("|".join(parts))


class UnionGate:
    r"""Asks one union of many patterns (`any_of`) whether it matches a line, as fast as it can.

    Python's `re` tries the alternatives one after another at each position; RE2 compiles
    the union into one automaton that reads the line once. On ASCII text the two agree (same
    `\w`, `\b`, `\d`; match forms are single-spaced, so `\s` differences never arise), so
    ASCII lines, 93-95 % of the short lines of news, go to RE2 and the rest to `re`. Measured
    on the phrase table's unions over the short lines of 2,000 synthetic and 971 real
    articles: `contains` 14.4 → 2.6 µs a line (1.5 µs handed bytes), `whole` 5.1 → 2.3 µs,
    no answer different (`tests/cleaners/test_rules.py` checks this on every pattern). A
    union RE2 cannot compile (a pattern with a look-around or a back-reference) is left to
    `re` alone.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._ascii = _re2(pattern.pattern)
        # The same union read over many lines at once (`lines_matching`): `(?m)` makes `^`
        # and `$` a line's start and end, and `never_nl` keeps every match inside one line.
        self._ascii_lines = {
            whole: _re2(
                f"(?m)^(?:{pattern.pattern})$" if whole else f"(?m){pattern.pattern}", never_nl=True
            )
            for whole in (True, False)
        }

    # RE2 is handed bytes: for a str its Python wrapper maps byte offsets back to characters,
    # which costs more than the match (2.7 against 1.5 µs a line).

    def search(self, form: str) -> bool:
        if self._ascii is not None and form.isascii():
            return self._ascii.search(form.encode("ascii")) is not None
        return self.pattern.search(form) is not None

    def fullmatch(self, form: str) -> bool:
        if self._ascii is not None and form.isascii():
            return self._ascii.fullmatch(form.encode("ascii")) is not None
        return self.pattern.fullmatch(form) is not None

    def lines_matching(self, forms: Sequence[str], whole: bool) -> set[int]:
        """Positions in `forms` (match forms of lines) that `fullmatch` (`whole`) or `search`
        accepts.

        The ASCII forms are joined by line feeds and read in one RE2 scan: a page's forms
        cost one call instead of one a line, whose Python wrapper took longer than the
        match (the two gates of a benchmark page: 105 → 51 µs). A match's start tells its
        line. The other forms are asked one by one, as `search` and `fullmatch` do.
        """
        found: set[int] = set()
        scanner = self._ascii_lines[whole]
        ascii_at = [i for i, form in enumerate(forms) if form.isascii()] if scanner else []
        if ascii_at:
            starts, offset = [], 0
            for i in ascii_at:
                starts.append(offset)
                offset += len(forms[i]) + 1
            text = "\n".join([forms[i] for i in ascii_at]).encode("ascii")
            for match in scanner.finditer(text):
                found.add(ascii_at[bisect_right(starts, match.start()) - 1])
        ask = self.fullmatch if whole else self.search
        if len(ascii_at) < len(forms):
            done = set(ascii_at)
            found.update(i for i, form in enumerate(forms) if i not in done and ask(form))
        return found


def _re2(pattern: str, never_nl: bool = False) -> Any:
    try:
        import re2
    except ImportError:  # a dependency, but only an accelerator: `re` gives the same answers
        return None
    options = re2.Options()
    options.max_mem = 64 << 20  # the whole phrase table's union needs more than the 8 MiB default
    options.never_nl = never_nl
    try:
        return re2.compile(pattern.encode("utf-8"), options)
    except re2.error:
        return None


def _always(form: str) -> bool:
    return True


class PhraseRule:
    """A boilerplate kind recognised by its wording alone (see `cleaners.phrases`).

    `may_contain` answers "could any `contains` pattern match this line?" cheaply; a kind
    only searches its own patterns where it says yes (see `PhraseTable`).
    """

    def __init__(self, spec: PhraseSpec, may_contain: Callable[[str], bool] = _always) -> None:
        self.name = spec.name
        self.max_words = spec.max_words
        # One alternation per kind instead of a Python loop over its patterns: the same
        # answer (any pattern matching), with the loop run inside the regex engine (2x faster).
        self._whole = any_of(spec.whole)
        self._contains = any_of(spec.contains)
        self._may_contain = may_contain

    def matches(self, form: str, n_words: int) -> bool:
        if n_words > self.max_words:
            return False
        if self._whole is not None and self._whole.fullmatch(form):
            return True
        return (
            self._contains is not None
            and self._may_contain(form)
            and self._contains.search(form) is not None
        )

    def find(self, doc: DocView) -> list[int]:
        return [i for i in doc.kept() if self.matches(doc.forms[i], doc.word_counts[i])]


def _cached_search(gate: UnionGate | None) -> Callable[[str], bool]:
    """`gate.search`, cached per line form: every kind asks it of a line that passed the
    table's gates (a kind searches its own patterns only where the union matches)."""

    @lru_cache(maxsize=65536)
    def may_contain(form: str) -> bool:
        return gate is not None and gate.search(form)

    return may_contain


def _gate(patterns: tuple[str, ...]) -> UnionGate | None:
    union = any_of(patterns)
    return UnionGate(union) if union is not None else None


class PhraseTable:
    """Every phrase kind applied in one pass over the lines.

    Applying the kinds one after another gives each line to the first kind, in table order,
    that matches it; this does the same per line, but first asks all `whole` and all
    `contains` patterns at once (two unions, each read over all of a page's lines in one scan:
    `UnionGate.lines_matching`) which lines any kind could match. On news text ~95 % of lines
    fail that test, so they never reach the Python loop over the kinds (0.7 % of 84,000 news
    lines matched a `contains` pattern; one scan with all of them costs less than half of one
    scan per kind: 0.85 s against 1.9 s on those lines).
    """

    def __init__(self, specs: Sequence[PhraseSpec]) -> None:
        self._contains = _gate(tuple(p for spec in specs for p in spec.contains))
        self._may_contain = _cached_search(self._contains)
        self.rules = tuple(PhraseRule(spec, self._may_contain) for spec in specs)
        self._whole = _gate(tuple(p for spec in specs for p in spec.whole))
        self._max_words = max((spec.max_words for spec in specs), default=-1)

    def _may_match(self, forms: Sequence[str]) -> set[int]:
        """Positions in `forms` that some kind's `whole` or `contains` pattern accepts."""
        found: set[int] = set()
        for gate, whole in ((self._whole, True), (self._contains, False)):
            if gate is not None:
                found |= gate.lines_matching(forms, whole)
        return found

    def find(self, doc: DocView) -> list[tuple[int, str]]:
        """(line index, kind) of every kept line a phrase kind recognises."""
        counts = doc.word_counts
        candidates = [i for i in doc.kept() if counts[i] <= self._max_words]
        forms = doc.forms.of(candidates)
        hits = []
        for k in sorted(self._may_match(forms)):
            index, form = candidates[k], forms[k]
            for rule in self.rules:
                if rule.matches(form, counts[index]):
                    hits.append((index, rule.name))
                    break
        return hits


class MenuRowRule:
    """A site's section menu flattened into one line above the article ("News | Sport | …").

    Only lines above the first prose paragraph qualify: the same shape lower down is usually
    the header row of one of the article's own tables.
    """

    name = "navigation"
    header_max_lines = 8

    def __init__(self) -> None:
        self._row = re.compile(MENU_ROW)

    def find(self, doc: DocView) -> list[int]:
        hits = []
        for i in doc.kept()[: self.header_max_lines]:
            if doc.is_prose(i):
                break
            if self._row.fullmatch(doc.forms[i]):
                hits.append(i)
        return hits
