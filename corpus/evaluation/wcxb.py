"""The WCXB metric (web-content-extraction-benchmark `evaluate.py`) plus metadata accuracy.

Body: a bag of words `\\w+` of the lower-cased text; per page P = overlap/|pred|,
R = overlap/|ref|, F1 of the two (an empty prediction scores 0/0/0 against a non-empty
reference), each reported as a plain mean over pages. Snippets: the with-rate (share of the
must-keep `with` snippets found, case-insensitive substring) and the without-rate, i.e.
leakage (share of the `without` boilerplate snippets found; lower is better), each a mean over
pages. Upstream scores a page with no snippets as rate 1.0 for both, which would count a page
without `without` snippets as fully leaking; here such a page is left out of that mean
instead (one dev page), so the leakage of a perfect system is 0.

WCXB ships `title`, `author` and `publish_date` but its script does not score them. Here they
are scored like hygiene-dev scores title and author: accuracy over all pages of
`norm(predicted or "") == norm(label or "")` (predicting nothing is right when the label is
empty). Dates compare as ISO dates at the label's precision: a label "2015-11" is matched by
any day of that month, "2025-09-04" only by that day (a time part is ignored).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from corpus.evaluation.common import EMPTY, Prediction, mean, norm

WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Page:
    """One WCXB ground-truth page."""

    main_content: str
    title: str | None = None
    author: str | None = None
    publish_date: str | None = None
    with_snippets: tuple[str, ...] = field(default=())
    without_snippets: tuple[str, ...] = field(default=())


def word_prf(predicted: str | None, reference: str | None) -> tuple[float, float, float]:
    pred = WORD_RE.findall((predicted or "").lower())
    ref = WORD_RE.findall((reference or "").lower())
    if not ref:
        return (1.0, 1.0, 1.0) if not pred else (0.0, 0.0, 0.0)
    if not pred:
        return (0.0, 0.0, 0.0)
    overlap = sum((Counter(pred) & Counter(ref)).values())
    precision, recall = overlap / len(pred), overlap / len(ref)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def snippet_rate(text: str | None, snippets: tuple[str, ...]) -> float | None:
    """Share of `snippets` found in `text` (case-insensitive); None when there are none."""
    if not snippets:
        return None
    lowered = (text or "").lower()
    return sum(s.lower() in lowered for s in snippets) / len(snippets)


def date_matches(predicted: str | None, label: str | None) -> bool:
    """ISO dates equal at the label's precision; no label is matched only by no prediction."""
    gold = (label or "").strip()
    got = (predicted or "").strip()
    if not gold:
        return not got
    return got[: len(gold)] == gold


def _accuracy(hits: list[tuple[bool, bool]]) -> dict[str, float | int]:
    """hits: (label present, correct) per page."""
    labelled = [ok for present, ok in hits if present]
    empty = [ok for present, ok in hits if not present]
    return {
        "accuracy": mean([float(ok) for _, ok in hits]),
        "labelled": len(labelled),
        "labelled_correct": sum(labelled),
        "null": len(empty),
        "null_correct": sum(empty),
    }


def score(pages: Mapping[str, Page], predictions: Mapping[str, Prediction]) -> dict:
    """Means over every page in `pages`; a page without a prediction is scored as empty."""
    ps, rs, fs, with_rates, without_rates = [], [], [], [], []
    titles, authors, dates = [], [], []
    for key, page in pages.items():
        pred = predictions.get(key, EMPTY)
        p, r, f = word_prf(pred.text, page.main_content)
        ps.append(p)
        rs.append(r)
        fs.append(f)
        rate = snippet_rate(pred.text, page.with_snippets)
        if rate is not None:
            with_rates.append(rate)
        rate = snippet_rate(pred.text, page.without_snippets)
        if rate is not None:
            without_rates.append(rate)
        titles.append((bool(norm(page.title)), norm(pred.title) == norm(page.title)))
        authors.append((bool(norm(page.author)), norm(pred.author) == norm(page.author)))
        dates.append((bool(page.publish_date), date_matches(pred.published, page.publish_date)))
    return {
        "documents": len(pages),
        "word_precision": mean(ps),
        "word_recall": mean(rs),
        "word_f1": mean(fs),
        "with_rate": mean(with_rates),
        "leakage": mean(without_rates),
        "title": _accuracy(titles),
        "author": _accuracy(authors),
        "date": _accuracy(dates),
    }
