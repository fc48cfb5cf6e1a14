"""The ScrapingHub article-extraction-benchmark body metric (its `evaluate.py`, no bootstrap).

Tokens are `\\w+` runs with case kept; each text becomes a multiset of consecutive 4-token
shingles (a text under 4 tokens is one short shingle). Per document tp/fp/fn are the multiset
overlaps, divided by tp+fp+fn so that every page weighs the same. Precision is the mean of
tp/(tp+fp) over documents with tp+fp > 0 (an empty output does not enter the precision mean),
recall the mean of tp/(tp+fn) over documents with tp+fn > 0; F1 is taken of the two macro
means. hygiene-dev scores its body text with exactly this metric, so `hygiene` reuses it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from corpus.evaluation.common import f1, mean

# The benchmark's own flags; only UNICODE matters for \w, the rest is kept for fidelity.
TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)
SHINGLE = 4

Counts = tuple[float, float, float]


def tokens(text: str | None) -> list[str]:
    return TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks)


def shingle_counts(true: str | None, pred: str | None) -> Counts:
    """(tp, fp, fn) of one document, normalised to sum to 1 (all 0 when both are empty)."""
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in t.keys() | p.keys():
        ct, cp = t.get(key, 0), p.get(key, 0)
        tp += min(ct, cp)
        fp += max(0, cp - ct)
        fn += max(0, ct - cp)
    total = tp + fp + fn
    if total > 0:
        tp, fp, fn = tp / total, fp / total, fn / total
    return tp, fp, fn


def precision_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def body_metrics(pairs: Iterable[tuple[str, str]]) -> dict[str, float | int]:
    """Macro P/R/F1 and exact-token accuracy over (truth, prediction) text pairs."""
    counts: list[Counts] = []
    exact: list[bool] = []
    for true, pred in pairs:
        counts.append(shingle_counts(true, pred))
        exact.append(tokens(true) == tokens(pred))
    precision = mean([precision_score(*c) for c in counts if c[0] + c[1] > 0])
    recall = mean([recall_score(*c) for c in counts if c[0] + c[2] > 0])
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1(precision, recall),
        "accuracy": mean([float(e) for e in exact]),
        "documents": len(counts),
    }


def score(truth: Mapping[str, str], predictions: Mapping[str, str]) -> dict[str, float | int]:
    """The benchmark's numbers: `truth` is {page id: articleBody}; a missing prediction is ""."""
    return body_metrics((body, predictions.get(key, "")) for key, body in truth.items())
