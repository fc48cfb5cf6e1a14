"""The runner's scores of a real pipeline output equal the reference scorers' on that folder.

The reference `score.py` reads the pipeline's output folder on its own (every Parquet table,
rows matched by path suffix); the runner maps the same rows back by `source_path`. Both must
give the same numbers on the same run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from corpus.evaluation import dedup, hygiene
from corpus.evaluation.common import EMPTY
from corpus.evaluation.runner import dedup_subset, run_newshygiene
from tests.corpus.evaluation.helpers import assert_close


def _labels(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _reference(score_py: Path, labels: list[dict], output: Path, tmp: Path) -> dict:
    (tmp / "labels.jsonl").write_text("".join(json.dumps(x) + "\n" for x in labels))
    args = [sys.executable, str(score_py), str(tmp / "labels.jsonl"), str(output), "--json"]
    if (score_py.parent / "hard_negatives.jsonl").exists():
        args += ["--hard-negatives", str(score_py.parent / "hard_negatives.jsonl")]
    done = subprocess.run(args, capture_output=True, text=True, check=True, timeout=120)
    return json.loads(done.stdout)


def test_hygiene_scores_of_a_pipeline_run_agree(bench_dir: Path, tmp_path: Path) -> None:
    root = bench_dir / "hygiene-dev"
    labels = _labels(root / "labels.jsonl")[::28]  # 20 files across the sites
    files = [label["path"] for label in labels]
    run = run_newshygiene(root / "raw", files, output=tmp_path / "out")
    ours = hygiene.score(labels, {p: run.predictions.get(p, EMPTY) for p in files})
    ref = _reference(root / "score.py", labels, tmp_path / "out", tmp_path)
    assert ref["n_predicted"] == len(files)
    assert_close(ours["lines"], ref["lines"], "lines")
    for key in ("boilerplate_kinds", "body_kinds", "title", "author"):
        assert_close(ours[key], ref[key], key)
    body = {k: v for k, v in ref["body_text"].items() if k != "n_docs"}
    assert_close(ours["body_text"], body, "body_text")


def test_dedup_scores_of_a_pipeline_run_agree(bench_dir: Path, tmp_path: Path) -> None:
    root = bench_dir / "dedup-dev"
    labels = dedup_subset(_labels(root / "labels.jsonl"), 30)
    paths = [label["path"] for label in labels]
    run = run_newshygiene(
        root / "raw", [p.removeprefix("raw/") for p in paths], output=tmp_path / "out"
    )
    rows = [{**row, "path": "raw/" + row["source_path"]} for row in run.cluster_rows]
    pred, _ = dedup.predicted_clusters(rows, paths)
    ours = dedup.evaluate(labels, pred, _labels(root / "hard_negatives.jsonl"))
    ref = _reference(root / "score.py", labels, tmp_path / "out", tmp_path)["predictions"]
    assert ours["all"]["true_pairs"] > 0
    for key in ("all", "variant_recall", "hard_negatives"):
        assert_close(ours[key], ref[key], key)
