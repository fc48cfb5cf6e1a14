"""The dedup-dev metrics (its `score.py`): clusterings compared as partitions of the labelled set.

The predicted partition is built by union-find over prediction rows: a row joins its document
to its `cluster` value, to its own `doc_id` and to `duplicate_of` (the kept article's doc_id),
so the pipeline's own output form (kept articles + duplicates pointing at them) and chains of
copies both work. A labelled document without a row (quarantined, say) is a singleton.

Metrics over the N labelled documents:
- Adjusted Rand Index (Hubert-Arabie), 1.0 when both partitions are trivially identical;
- pairwise precision / recall / F1 over unordered document pairs (precision None when nothing
  is merged, F1 then 0);
- recall of every (variant, its cluster's original) pair, by the pair's true jaccard5 bin, by
  `strength` and by transform name;
- hard-negative pairs put into one predicted cluster, per kind (lower is better).
(The held-out set's `spun` split is left to the reference scorer: dev has no spun labels.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

JACCARD_BINS = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.0))


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, item: Hashable) -> Hashable:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: Hashable, b: Hashable) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[root_b] = root_a


def _present(value: Any) -> bool:
    return value is not None and value != "" and value == value  # NaN != NaN


def predicted_clusters(
    rows: Iterable[Mapping[str, Any]], label_paths: Sequence[str]
) -> tuple[dict[str, Hashable], dict[str, int]]:
    """{label path: cluster key} from rows keyed by `path` (already a label path)."""
    wanted = set(label_paths)
    forest = UnionFind()
    stats: Counter[str] = Counter()
    for row in rows:
        stats["rows"] += 1
        path = row.get("path")
        if path not in wanted:
            stats["rows_unmatched"] += 1
            continue
        node = ("doc", path)
        forest.find(node)
        if _present(row.get("cluster")):
            forest.union(node, ("cluster", str(row["cluster"])))
        for key in ("doc_id", "duplicate_of"):
            if _present(row.get(key)):
                forest.union(node, ("id", str(row[key])))
    assignment: dict[str, Hashable] = {}
    for path in label_paths:
        node = ("doc", path)
        if node in forest.parent:
            assignment[path] = forest.find(node)
        else:
            stats["labelled_without_prediction"] += 1
            assignment[path] = node
    return assignment, dict(stats)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def partition_metrics(
    true: Mapping[str, Hashable], pred: Mapping[str, Hashable], paths: Sequence[str]
) -> dict[str, Any]:
    """ARI and pairwise precision/recall/F1 of `pred` against `true` over `paths`."""
    joint = Counter((true[p], pred[p]) for p in paths)
    true_sizes = Counter(true[p] for p in paths)
    pred_sizes = Counter(pred[p] for p in paths)
    tp = sum(_pairs(n) for n in joint.values())
    true_pairs = sum(_pairs(n) for n in true_sizes.values())
    pred_pairs = sum(_pairs(n) for n in pred_sizes.values())
    total = _pairs(len(paths))
    expected = true_pairs * pred_pairs / total if total else 0.0
    max_index = (true_pairs + pred_pairs) / 2
    ari = 1.0 if max_index == expected else (tp - expected) / (max_index - expected)
    precision = tp / pred_pairs if pred_pairs else None
    recall = tp / true_pairs if true_pairs else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    return {
        "documents": len(paths),
        "true_clusters": len(true_sizes),
        "predicted_clusters": len(pred_sizes),
        "ari": ari,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "true_pairs": true_pairs,
        "predicted_pairs": pred_pairs,
        "tp_pairs": tp,
        "fp_pairs": pred_pairs - tp,
        "fn_pairs": true_pairs - tp,
    }


def bin_name(low: float, high: float) -> str:
    return f"[{low:.1f},{high:.1f}{']' if high >= 1.0 else ')'}"


def _in_bin(value: float, low: float, high: float) -> bool:
    return low <= value < high or (high >= 1.0 and value >= high)


def recall_table(hits: Sequence[tuple[Mapping[str, Any], bool]]) -> dict[str, dict]:
    """hits: (variant label, whether it shares a predicted cluster with its original)."""
    table: dict[str, dict[str, dict[str, Any]]] = {
        "by_jaccard5": {bin_name(lo, hi): {"pairs": 0, "found": 0} for lo, hi in JACCARD_BINS},
        "by_strength": {},
        "by_transform": {},
    }

    def add(group: str, key: str, hit: bool) -> None:
        cell = table[group].setdefault(key, {"pairs": 0, "found": 0})
        cell["pairs"] += 1
        cell["found"] += int(hit)

    for label, hit in hits:
        jaccard = float(label.get("jaccard5", 1.0))
        for low, high in JACCARD_BINS:
            if _in_bin(jaccard, low, high):
                add("by_jaccard5", bin_name(low, high), hit)
        add("by_strength", str(label.get("strength", "?")), hit)
        for transform in sorted({t.split(":", 1)[0] for t in label.get("transforms", [])}):
            add("by_transform", transform, hit)
    for group in table.values():
        for cell in group.values():
            cell["recall"] = cell["found"] / cell["pairs"] if cell["pairs"] else None
    return table


def evaluate(
    labels: Sequence[Mapping[str, Any]],
    pred: Mapping[str, Hashable],
    hard_negatives: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """Every metric for `pred` ({label path: cluster key}, one entry per labelled path)."""
    true = {label["path"]: str(label["cluster"]) for label in labels}
    paths = [label["path"] for label in labels]
    originals = {str(label["cluster"]): label["path"] for label in labels if label["original"]}
    hits = []
    for label in labels:
        if label["original"] or label.get("spun"):
            continue
        original = originals.get(str(label["cluster"]))
        if original is None:
            raise ValueError(f"cluster {label['cluster']} has no original in the labels")
        hits.append((label, pred[label["path"]] == pred[original]))
    negatives: dict[str, dict[str, Any]] = {}
    for pair in hard_negatives:
        if pair["a"] not in pred or pair["b"] not in pred:
            continue
        cell = negatives.setdefault(pair["kind"], {"pairs": 0, "merged": 0})
        cell["pairs"] += 1
        cell["merged"] += int(pred[pair["a"]] == pred[pair["b"]])
    for cell in negatives.values():
        cell["false_merge_rate"] = cell["merged"] / cell["pairs"]
    return {
        "all": partition_metrics(true, pred, paths),
        "variant_recall": recall_table(hits),
        "hard_negatives": dict(sorted(negatives.items())),
    }
