"""The hygiene-dev metrics (its `score.py`), reimplemented on in-memory labels and predictions.

1. Line-level boilerplate removal. A raw line counts as kept when its `norm` form equals the
   `norm` form of some non-blank line of the system's text, else removed; title lines are
   excluded. Micro-averaged over every non-title line: TP = boilerplate removed, FP = body
   removed, FN = boilerplate kept. Precision is None (n/a) when nothing is removed, and F1 is
   then 0. Also the removal rate per boilerplate kind, the retention per body kind, and the
   body-line loss (share of body lines removed = FP / body lines).
2. Body text: the ScrapingHub shingle metric (`scrapinghub.body_metrics`) against the body
   paragraphs joined by blank lines.
3. Title and author: accuracy of `norm(predicted or "") == norm(label or "")` over all files,
   with the labelled / null split the reference prints.

A file without a prediction is an empty output with no title and no author.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from corpus.evaluation.common import EMPTY, Prediction, f1, norm
from corpus.evaluation.scrapinghub import body_metrics


def paragraphs(text: str | None) -> list[str]:
    """The system's paragraphs: its non-blank lines (blank-line or single-newline output)."""
    return [line for line in (text or "").split("\n") if line.strip()]


def _exact(labels: Sequence[Mapping[str, Any]], preds: Mapping[str, Prediction], field: str):
    result = {"present": {"n": 0, "correct": 0}, "absent": {"n": 0, "correct": 0}}
    for label in labels:
        gold = norm(label.get(field))
        got = norm(getattr(preds.get(label["path"], EMPTY), field))
        bucket = result["present" if gold else "absent"]
        bucket["n"] += 1
        bucket["correct"] += int(gold == got)
    n = result["present"]["n"] + result["absent"]["n"]
    correct = result["present"]["correct"] + result["absent"]["correct"]
    return {"accuracy": correct / n if n else 0.0, **result}


def score(labels: Sequence[Mapping[str, Any]], preds: Mapping[str, Prediction]) -> dict[str, Any]:
    """`labels`: rows of labels.jsonl; `preds`: {label path: Prediction}."""
    tp = fp = fn = tn = 0
    bp_kinds: dict[str, list[int]] = {}  # kind -> [lines, removed]
    body_kinds: dict[str, list[int]] = {}  # kind -> [lines, kept]
    pairs: list[tuple[str, str]] = []
    for label in labels:
        pred = preds.get(label["path"], EMPTY)
        kept_set = {norm(p) for p in paragraphs(pred.text)}
        for line in label["lines"]:
            if line["label"] == "title":
                continue
            kept = norm(line["text"]) in kept_set
            if line["label"] == "boilerplate":
                slot = bp_kinds.setdefault(line["kind"], [0, 0])
                slot[0] += 1
                slot[1] += int(not kept)
                fn += kept
                tp += not kept
            else:
                slot = body_kinds.setdefault(line["kind"], [0, 0])
                slot[0] += 1
                slot[1] += int(kept)
                tn += kept
                fp += not kept
        pairs.append(("\n\n".join(label["body"]), pred.text or ""))
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    n_body = fp + tn
    return {
        "documents": len(labels),
        "lines": {
            "precision": precision,
            "recall": recall,
            "f1": f1(precision, recall),
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "tn": tn,
            "n_boilerplate": tp + fn,
            "n_body": n_body,
            "body_line_loss": fp / n_body if n_body else 0.0,
        },
        "boilerplate_kinds": {
            kind: {"lines": n, "removed": r, "recall": r / n}
            for kind, (n, r) in sorted(bp_kinds.items())
        },
        "body_kinds": {
            kind: {"lines": n, "kept": k, "retention": k / n}
            for kind, (n, k) in sorted(body_kinds.items())
        },
        "body_text": body_metrics(pairs),
        "title": _exact(labels, preds, "title"),
        "author": _exact(labels, preds, "author"),
    }
