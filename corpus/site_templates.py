"""Learning a site's template: lines the site repeats across several of its pages.

Injected "trending" headlines, footers and boxes recur on many pages of one site; article
sentences do not. Counting normalized lines per site (each page counts once) finds them with
no word list at all: in a synthetic 60-page test, lines on >= 3 pages caught 891/900 template
lines and 0/360 body lines. Counts are scoped per site because wire credits and quotes
legitimately repeat across outlets.

Counts are kept as 64-bit hashes of the line's matching key, not the text: they are persisted
in the dataset's state folder and added up run after run (so a run with one new page still
knows its site's template), and almost every counted line is a body line seen once, which would
otherwise be a second copy of the corpus text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import xxhash
from pydantic import BaseModel, ConfigDict, Field

from cleaners.lines import line_key, line_keys_of, word_count
from cleaners.rules import DocView


class TemplateParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    #: A line on this many pages of one site is template (measured: see the module docstring).
    min_pages: int = Field(default=3, ge=2)
    #: Longer repeated text is a reprinted article paragraph, not furniture.
    max_words: int = Field(default=60, ge=1)
    min_chars: int = Field(default=3, ge=1)
    #: Phrases a user wants kept even where a site repeats them (a legal disclaimer, a standing
    #: editor's note). A line whose matching key contains a phrase's key is never template.
    keep: tuple[str, ...] = ()


def key_hash(key: str) -> int:
    """Signed 64-bit hash of a line key: fits an SQLite INTEGER and a JSON number."""
    value = xxhash.xxh3_64_intdigest(key.encode("utf-8"))
    return value - (1 << 64) if value >= 1 << 63 else value


def page_keys(text: str, params: TemplateParams) -> set[str]:
    """The distinct candidate keys of one page."""
    lines = [line for line in map(str.strip, text.splitlines()) if line]
    return line_keys(lines, [word_count(line) for line in lines], params)


def _candidates(lines: Sequence[str], counts: Sequence[int], params: TemplateParams) -> list[int]:
    """Positions of the lines short enough to be template (and not too short to mean any)."""
    return [
        i
        for i, (line, count) in enumerate(zip(lines, counts, strict=True))
        if len(line) >= params.min_chars and count <= params.max_words
    ]


def line_keys(lines: Sequence[str], counts: Sequence[int], params: TemplateParams) -> set[str]:
    """`page_keys` of a page's stripped, non-blank lines and their word counts (a cleaning
    view has both already: `cleaners.rules.DocView`)."""
    candidates = [lines[i] for i in _candidates(lines, counts, params)]
    return {key for key in line_keys_of(candidates) if key}


def view_keys(doc: DocView, params: TemplateParams) -> set[str]:
    """`line_keys` of a cleaning view's lines, made through the view: they stay cached in it,
    for the view's later rules and, through `cleaners.document.EarlyDecisions`, for the
    view the cleaning stage makes of the same page."""
    indices = _candidates([line.text for line in doc.lines], doc.word_counts, params)
    return {key for key in doc.keys.of(indices) if key}


@dataclass
class TemplateCounts:
    """Pages per site and, per site, on how many pages each line hash was seen. Mergeable."""

    site_pages: Counter[str] = field(default_factory=Counter)
    line_pages: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))

    def add_page(self, site: str, text: str, params: TemplateParams) -> None:
        self.add_keys(site, page_keys(text, params))

    def add_keys(self, site: str, keys: Iterable[str]) -> None:
        """One page of `site` with these candidate keys (`page_keys`, `line_keys`)."""
        self.site_pages[site] += 1
        self.line_pages[site].update(key_hash(k) for k in keys)

    def add_counts(
        self, site_pages: Mapping[str, int], line_pages: Mapping[str, Mapping[int, int]]
    ) -> None:
        self.site_pages.update(site_pages)
        for site, lines in line_pages.items():
            self.line_pages[site].update(lines)

    def templates(self, params: TemplateParams) -> dict[str, dict[int, int]]:
        """Per site, each template line's hash and the number of the site's pages it is on."""
        return {
            site: {h: n for h, n in self.line_pages.get(site, {}).items() if n >= params.min_pages}
            for site in self.site_pages
        }


class SiteTemplate:
    """One site's template as the cleaner looks it up: line key → pages, minus the allow-list.

    Not a full mapping: the lines are known only by hash, so it can answer "on how many pages
    is this line?" but cannot list its lines.
    """

    def __init__(self, pages_by_hash: Mapping[int, int], keep: Iterable[str] = ()) -> None:
        self._pages = pages_by_hash
        self._keep = tuple(k for k in (line_key(p) for p in keep) if k)

    def get(self, key: str, default: int = 0) -> int:
        pages = self._pages.get(key_hash(key), 0)
        if not pages or any(k in key for k in self._keep):
            return default
        return pages

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) > 0

    def __len__(self) -> int:
        return len(self._pages)


def learn_templates(
    pages: Iterable[tuple[str, str]], params: TemplateParams | None = None
) -> dict[str, SiteTemplate]:
    """Learn every site's template from (site, text) pages in one go."""
    params = params or TemplateParams()
    counts = TemplateCounts()
    for site, text in pages:
        counts.add_page(site, text, params)
    return {
        site: SiteTemplate(lines, params.keep) for site, lines in counts.templates(params).items()
    }


class KeySet:
    """A set of line keys held as 64-bit hashes (e.g. every headline of the corpus); answers
    `key in keys` for the cleaners without holding the text."""

    def __init__(self, hashes: Iterable[int] = ()) -> None:
        self._hashes = set(hashes)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key_hash(key) in self._hashes

    def __len__(self) -> int:
        return len(self._hashes)
