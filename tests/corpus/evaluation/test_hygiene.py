"""hygiene-dev's metrics: hand-made files, then agreement with the benchmark's own score.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.evaluation import hygiene
from corpus.evaluation.baselines import c4_plain
from corpus.evaluation.common import Prediction
from tests.corpus.evaluation.helpers import assert_close

LABEL = {
    "path": "site01/a.txt",
    "site": "site01",
    "title": "Harbor Ferry Cut",
    "author": "Ann Lee",
    "body": ["The ferry will run less often.", "Residents object."],
    "lines": [
        {"text": "Harbor Ferry Cut", "label": "title", "kind": "title"},
        {"text": "By Ann Lee", "label": "boilerplate", "kind": "byline"},
        {"text": "The ferry will run less often.", "label": "body", "kind": "paragraph"},
        {"text": "Advertisement", "label": "boilerplate", "kind": "advertisement"},
        {"text": "Residents object.", "label": "body", "kind": "paragraph"},
    ],
}
RAW = "\n".join(line["text"] for line in LABEL["lines"])


def test_perfect_prediction() -> None:
    pred = Prediction(
        "The ferry will run  less often.\n\nResidents object.", "harbor ferry cut", "Ann Lee"
    )
    result = hygiene.score([LABEL], {LABEL["path"]: pred})
    assert result["lines"]["precision"] == result["lines"]["recall"] == result["lines"]["f1"] == 1.0
    assert result["lines"]["body_line_loss"] == 0.0
    assert result["body_text"]["f1"] == 1.0 and result["body_text"]["accuracy"] == 1.0
    assert result["title"]["accuracy"] == result["author"]["accuracy"] == 1.0
    assert result["boilerplate_kinds"]["byline"]["recall"] == 1.0


def test_empty_prediction_removes_everything() -> None:
    result = hygiene.score([LABEL], {})
    lines = result["lines"]
    assert (lines["tp"], lines["fp"], lines["fn"]) == (2, 2, 0)
    assert lines["precision"] == 0.5 and lines["recall"] == 1.0
    assert lines["f1"] == pytest.approx(2 / 3)
    assert lines["body_line_loss"] == 1.0
    assert result["body_text"]["f1"] == 0.0
    assert result["title"]["accuracy"] == result["author"]["accuracy"] == 0.0


def test_keeping_everything_removes_nothing() -> None:
    result = hygiene.score([LABEL], {LABEL["path"]: Prediction(RAW)})
    assert result["lines"]["precision"] is None
    assert result["lines"]["recall"] == 0.0 and result["lines"]["f1"] == 0.0
    assert result["body_kinds"]["paragraph"]["retention"] == 1.0


def test_partial_prediction() -> None:
    pred = Prediction("The ferry will run less often.\nAdvertisement", title="Harbor Ferry Cut")
    result = hygiene.score([LABEL], {LABEL["path"]: pred})
    lines = result["lines"]
    assert (lines["tp"], lines["fp"], lines["fn"], lines["tn"]) == (1, 1, 1, 1)
    assert lines["precision"] == lines["recall"] == lines["f1"] == 0.5
    assert lines["body_line_loss"] == 0.5
    assert result["boilerplate_kinds"]["advertisement"]["recall"] == 0.0
    assert 0 < result["body_text"]["recall"] < 1
    assert result["title"]["accuracy"] == 1.0 and result["author"]["accuracy"] == 0.0


# --- agreement with the reference scorer


def _predictions(labels: list[dict], raw: Path) -> dict[str, Prediction]:
    """A mix the reference must score like we do: oracle, C4, keep-all, edits, missing."""
    preds: dict[str, Prediction] = {}
    for n, label in enumerate(labels):
        text = (raw / label["path"]).read_text(encoding="utf-8")
        body = label["body"]
        match n % 6:
            case 0:
                preds[label["path"]] = Prediction(
                    "\n\n".join(body), label["title"], label["author"]
                )
            case 1:
                preds[label["path"]] = c4_plain(text)
            case 2:
                preds[label["path"]] = Prediction(text, title=(label["title"] or "").upper())
            case 3:  # half the body, one line rewritten, wrong author
                kept = [*body[: len(body) // 2], body[-1].replace("e", "E", 1)]
                preds[label["path"]] = Prediction("\n".join(kept), None, "Somebody Else")
            case 4:  # every raw line except the first two
                lines = [ln["text"] for ln in label["lines"][2:]]
                preds[label["path"]] = Prediction("\n\n".join(lines), label["title"])
            case 5:
                pass  # no prediction: scored as empty
    return preds


def _reference(score_py: Path, *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, str(score_py), *args, "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout)


def _assert_same(ours: dict, ref: dict) -> None:
    assert_close(ours["lines"], ref["lines"], "lines")
    for key in ("boilerplate_kinds", "body_kinds", "title", "author"):
        assert_close(ours[key], ref[key], key)
    body = {k: v for k, v in ref["body_text"].items() if k != "n_docs"}
    assert_close(ours["body_text"], body, "body_text")
    assert ours["body_text"]["documents"] == ref["body_text"]["n_docs"] == ref["n_docs"]


def test_agrees_with_reference_score_py(bench_dir: Path, tmp_path: Path) -> None:
    root = bench_dir / "hygiene-dev"
    with (root / "labels.jsonl").open(encoding="utf-8") as handle:
        all_labels = [json.loads(line) for line in handle if line.strip()]
    labels = all_labels[:12] + all_labels[-12:]  # two ends: different sites and templates
    (tmp_path / "labels.jsonl").write_text(
        "".join(json.dumps(label) + "\n" for label in labels), encoding="utf-8"
    )
    preds = _predictions(labels, root / "raw")
    with (tmp_path / "preds.jsonl").open("w", encoding="utf-8") as handle:
        for n, (path, pred) in enumerate(preds.items()):
            source = f"/anywhere/hygiene-dev/raw/{path}" if n % 2 else path
            row = {"source_path": source, "text": pred.text, "title": pred.title}
            if pred.author is not None:
                row["author"] = pred.author
            handle.write(json.dumps(row) + "\n")
    ref = _reference(
        root / "score.py", str(tmp_path / "labels.jsonl"), str(tmp_path / "preds.jsonl")
    )
    _assert_same(hygiene.score(labels, preds), ref)


def test_c4_filter_agrees_with_reference_c4_baseline(bench_dir: Path, tmp_path: Path) -> None:
    root = bench_dir / "hygiene-dev"
    with (root / "labels.jsonl").open(encoding="utf-8") as handle:
        labels = [json.loads(line) for line in handle if line.strip()][::40]
    (tmp_path / "labels.jsonl").write_text(
        "".join(json.dumps(label) + "\n" for label in labels), encoding="utf-8"
    )
    ref = _reference(
        root / "score.py",
        str(tmp_path / "labels.jsonl"),
        "--baseline",
        "c4",
        "--raw",
        str(root / "raw"),
    )
    preds = {
        label["path"]: c4_plain((root / "raw" / label["path"]).read_text(encoding="utf-8"))
        for label in labels
    }
    _assert_same(hygiene.score(labels, preds), ref)
