"""dedup-dev's metrics: ARI on known clusterings, pairs, recall tables, and the reference."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.evaluation import dedup
from corpus.evaluation.runner import dedup_subset
from tests.corpus.evaluation.helpers import assert_close


def _partition(labels: list[int]) -> dict[str, int]:
    return {f"d{i}": c for i, c in enumerate(labels)}


def test_ari_on_known_clusterings() -> None:
    # The textbook values (scikit-learn's adjusted_rand_score documentation).
    paths = [f"d{i}" for i in range(6)]
    true = _partition([0, 0, 0, 1, 1, 1])
    assert dedup.partition_metrics(true, _partition([0, 0, 1, 1, 2, 2]), paths)[
        "ari"
    ] == pytest.approx(0.24242424242424246)
    four = paths[:4]
    result = dedup.partition_metrics(_partition([0, 0, 1, 1]), _partition([0, 0, 1, 2]), four)
    assert result["ari"] == pytest.approx(0.5714285714285714)
    # Perfect, and the same partition under other names.
    assert dedup.partition_metrics(true, _partition([7, 7, 7, 3, 3, 3]), paths)["ari"] == 1.0
    # Everything a singleton on both sides: identical, ARI 1 by definition.
    singles = _partition(list(range(6)))
    assert dedup.partition_metrics(singles, singles, paths)["ari"] == 1.0


def test_pairwise_precision_recall() -> None:
    paths = [f"d{i}" for i in range(6)]
    true = _partition([0, 0, 0, 1, 1, 1])  # 6 true pairs
    result = dedup.partition_metrics(true, _partition([0, 0, 1, 1, 2, 2]), paths)
    # predicted pairs d0-d1, d2-d3, d4-d5: two are true
    assert (result["tp_pairs"], result["predicted_pairs"], result["true_pairs"]) == (2, 3, 6)
    assert result["precision"] == pytest.approx(2 / 3)
    assert result["recall"] == pytest.approx(1 / 3)
    assert result["f1"] == pytest.approx(4 / 9)
    nothing = dedup.partition_metrics(true, _partition(list(range(6))), paths)
    assert nothing["precision"] is None and nothing["recall"] == 0.0 and nothing["f1"] == 0.0
    assert nothing["ari"] == 0.0


LABELS = [
    {"path": "raw/a/1.txt", "cluster": "c1", "original": True},
    {"path": "raw/b/2.txt", "cluster": "c1", "original": False, "jaccard5": 0.9,
     "strength": "light", "transforms": ["other_site", "word_edits:2"]},
    {"path": "raw/c/3.txt", "cluster": "c1", "original": False, "jaccard5": 0.3,
     "strength": "heavy", "transforms": ["truncate:0.2"]},
    {"path": "raw/a/4.txt", "cluster": "s1", "original": True},
    {"path": "raw/a/5.txt", "cluster": "s2", "original": True},
]  # fmt: skip
PATHS = [label["path"] for label in LABELS]
NEGATIVES = [
    {"a": "raw/a/4.txt", "b": "raw/a/5.txt", "kind": "series_parts"},
    {"a": "raw/a/1.txt", "b": "raw/a/4.txt", "kind": "same_topic"},
    {"a": "raw/a/1.txt", "b": "raw/zz/9.txt", "kind": "same_topic"},  # not in the set: skipped
]


def test_pipeline_rows_build_the_partition() -> None:
    rows = [
        {"path": "raw/a/1.txt", "doc_id": "A"},
        {"path": "raw/b/2.txt", "doc_id": "B", "duplicate_of": "A"},
        {"path": "raw/c/3.txt", "doc_id": "C", "duplicate_of": "B"},  # a copy of a copy
        {"path": "raw/a/4.txt", "doc_id": "D"},
        {"path": "raw/elsewhere.txt", "doc_id": "E"},  # matches no label
    ]  # raw/a/5.txt has no row (quarantined): a singleton
    pred, stats = dedup.predicted_clusters(rows, PATHS)
    assert pred["raw/a/1.txt"] == pred["raw/b/2.txt"] == pred["raw/c/3.txt"]
    assert len({pred[p] for p in PATHS}) == 3
    assert stats == {"rows": 5, "rows_unmatched": 1, "labelled_without_prediction": 1}
    result = dedup.evaluate(LABELS, pred, NEGATIVES)
    assert result["all"]["ari"] == 1.0
    assert result["variant_recall"]["by_jaccard5"]["[0.8,1.0]"]["recall"] == 1.0
    assert result["variant_recall"]["by_jaccard5"]["[0.0,0.2)"]["recall"] is None
    assert result["hard_negatives"] == {
        "same_topic": {"pairs": 1, "merged": 0, "false_merge_rate": 0.0},
        "series_parts": {"pairs": 1, "merged": 0, "false_merge_rate": 0.0},
    }


def test_misses_and_false_merges_are_counted() -> None:
    rows = [
        {"path": "raw/a/1.txt", "cluster": "x"},
        {"path": "raw/b/2.txt", "cluster": "x"},
        {"path": "raw/c/3.txt", "cluster": "y"},  # the heavy variant missed
        {"path": "raw/a/4.txt", "cluster": "z"},
        {"path": "raw/a/5.txt", "cluster": "z"},  # a series merged
    ]
    pred, _ = dedup.predicted_clusters(rows, PATHS)
    result = dedup.evaluate(LABELS, pred, NEGATIVES)
    table = result["variant_recall"]
    assert table["by_jaccard5"]["[0.2,0.4)"] == {"pairs": 1, "found": 0, "recall": 0.0}
    assert table["by_strength"]["light"]["recall"] == 1.0
    assert table["by_transform"]["truncate"]["recall"] == 0.0
    assert result["hard_negatives"]["series_parts"]["merged"] == 1
    assert result["all"]["precision"] == 0.5 and result["all"]["recall"] == pytest.approx(1 / 3)


def test_subset_takes_whole_clusters() -> None:
    labels = [
        {"path": "p1", "cluster": "s1"},
        {"path": "p2", "cluster": "c1"},
        {"path": "p3", "cluster": "s2"},
        {"path": "p4", "cluster": "c1"},
        {"path": "p5", "cluster": "c2"},
        {"path": "p6", "cluster": "c2"},
    ]
    assert [x["path"] for x in dedup_subset(labels, 2)] == ["p1", "p2", "p4"]
    # Only singletons in the first N: skip further singletons until one reprint cluster.
    assert [x["path"] for x in dedup_subset(labels[2:], 1)] == ["p3", "p5", "p6"]
    assert dedup_subset(labels, None) == labels


def test_agrees_with_reference_score_py(bench_dir: Path, tmp_path: Path) -> None:
    root = bench_dir / "dedup-dev"
    with (root / "labels.jsonl").open(encoding="utf-8") as handle:
        all_labels = [json.loads(line) for line in handle if line.strip()]
    with (root / "hard_negatives.jsonl").open(encoding="utf-8") as handle:
        negatives = [json.loads(line) for line in handle if line.strip()]
    # Whole clusters: some reprints plus both sides of a few hard-negative pairs of each kind.
    wanted = {str(label["cluster"]) for label in dedup_subset(all_labels, 40)}
    cluster_of = {label["path"]: str(label["cluster"]) for label in all_labels}
    picked = [
        next(p for p in negatives if p["kind"] == kind)
        for kind in sorted({p["kind"] for p in negatives})
    ]
    for pair in picked:
        wanted |= {cluster_of[pair["a"]], cluster_of[pair["b"]]}
    labels = [label for label in all_labels if str(label["cluster"]) in wanted]
    paths = [label["path"] for label in labels]

    # Predictions in every form the reference accepts, with misses and false merges.
    rows: list[dict] = []
    ids: dict[str, str] = {}
    for n, label in enumerate(labels):
        path = label["path"]
        original = next(
            x["path"] for x in labels if x["cluster"] == label["cluster"] and x["original"]
        )
        if label["original"]:
            ids[path] = f"id{n}"
            rows.append({"path": path, "doc_id": ids[path]})
        elif n % 5 == 0:
            continue  # quarantined: no row
        elif n % 5 == 1:
            rows.append({"path": path, "doc_id": f"own{n}"})  # missed copy
        elif n % 5 == 2:
            rows.append({"path": path, "cluster": f"k-{label['cluster']}"})
            rows.append({"path": original, "cluster": f"k-{label['cluster']}"})
        else:
            rows.append({"path": path, "doc_id": f"dup{n}", "duplicate_of": f"@{original}"})
            rows.append({"path": original, "doc_id": f"@{original}"})
    for pair in picked[:2]:  # merge two hard negatives
        rows.append({"path": pair["a"], "cluster": f"bad-{pair['kind']}"})
        rows.append({"path": pair["b"], "cluster": f"bad-{pair['kind']}"})
    rows.append({"path": "raw/not-a-site/000.txt", "doc_id": "zzz"})

    (tmp_path / "labels.jsonl").write_text("".join(json.dumps(x) + "\n" for x in labels))
    with (tmp_path / "preds.jsonl").open("w") as handle:
        for n, row in enumerate(rows):
            out = {k: v for k, v in row.items() if k != "path"}
            out["source_path"] = (
                f"/data/x/{row['path']}" if n % 2 else row["path"].removeprefix("raw/")
            )
            handle.write(json.dumps(out) + "\n")
    done = subprocess.run(
        [
            sys.executable,
            str(root / "score.py"),
            str(tmp_path / "labels.jsonl"),
            str(tmp_path / "preds.jsonl"),
            "--hard-negatives",
            str(root / "hard_negatives.jsonl"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    ref = json.loads(done.stdout)["predictions"]
    pred, stats = dedup.predicted_clusters(rows, paths)
    ours = dedup.evaluate(labels, pred, negatives)
    assert ours["all"]["fp_pairs"] > 0 and ours["all"]["fn_pairs"] > 0  # a real test
    assert sum(c["merged"] for c in ours["hard_negatives"].values()) == 2
    for key in ("all", "variant_recall", "hard_negatives"):
        assert_close(ours[key], ref[key], key)
    assert_close(stats, ref["input"], "input")
