"""`newshygiene eval` end to end, in-process, on the first few documents of each benchmark."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.cli import main
from tests.conftest import SHARED

BENCH = SHARED / "bench"

METRICS = {
    "scrapinghub": {"body_f1", "body_precision", "body_recall", "exact_match"},
    "wcxb": {
        "word_f1",
        "word_precision",
        "word_recall",
        "with_rate",
        "leakage",
        "title_accuracy",
        "author_accuracy",
        "date_accuracy",
    },
    "hygiene": {
        "line_precision",
        "line_recall",
        "line_f1",
        "body_line_loss",
        "body_f1",
        "body_precision",
        "body_recall",
        "title_accuracy",
        "author_accuracy",
    },
    "dedup": {"ari", "pairwise_precision", "pairwise_recall", "pairwise_f1"},
}
GROUPS = {
    "hygiene": {"removal_by_kind", "retention_by_body_kind"},
    "dedup": {"recall_by_jaccard5", "recall_by_strength", "hard_negative_merge_rate"},
}
SYSTEMS = {
    "scrapinghub": {"newshygiene", "trafilatura", "c4"},
    "wcxb": {"newshygiene", "trafilatura", "c4"},
    "hygiene": {"newshygiene", "trafilatura", "c4"},
    "dedup": {"newshygiene"},
}


@pytest.fixture(scope="module")
def bench_dir() -> Path:
    if not BENCH.is_dir():
        pytest.skip(f"shared benchmarks not found at {BENCH} (set NEWSHYGIENE_SHARED)")
    return BENCH


def _in_unit_range(value: object) -> bool:
    return isinstance(value, float | int) and 0.0 <= value <= 1.0


def test_eval_small_subset_reports_every_metric(
    bench_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "eval.json"
    code = main(["eval", "--bench-dir", str(bench_dir), "--limit", "3", "--json", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "line_f1" in printed and "ari" in printed and "n/a" in printed

    results = json.loads(out.read_text())
    assert results["limit"] == 3 and results["missing"] == []
    assert set(results["benchmarks"]) == set(METRICS)
    for name, result in results["benchmarks"].items():
        assert result["documents"] >= 3
        pipeline = result["pipeline"]
        assert (
            pipeline["articles"] + pipeline["duplicates"] + pipeline["quarantined"]
            == (result["documents"])
        )
        assert set(result["systems"]) == SYSTEMS[name]
        for system, scored in result["systems"].items():
            if system == "trafilatura" and name == "hygiene":
                assert scored is None  # plain text: n/a
                continue
            assert set(scored["metrics"]) == METRICS[name], (name, system)
            for metric, value in scored["metrics"].items():
                if system == "newshygiene" or value is not None:
                    assert _in_unit_range(value), (name, system, metric, value)
            assert set(scored.get("groups", {})) == GROUPS.get(name, set())
            for group in scored.get("groups", {}).values():
                # a bin or kind absent from a 3-document subset has no rate: None
                assert all(v is None or _in_unit_range(v) for v in group.values())


def test_eval_json_to_stdout_and_options(
    bench_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["eval", "--bench-dir", str(bench_dir), "--only", "hygiene,dedup", "--limit", "2",
         "--no-baselines", "--json", "-"]
    )  # fmt: skip
    assert code == 0
    results = json.loads(capsys.readouterr().out)  # the tables went to stderr
    assert list(results["benchmarks"]) == ["hygiene", "dedup"]
    assert set(results["benchmarks"]["hygiene"]["systems"]) == {"newshygiene"}
    labels = results["benchmarks"]["dedup"]["systems"]["newshygiene"]["details"]["all"]
    assert labels["true_pairs"] >= 1  # whole clusters: the subset has pairs to find


def test_missing_bench_dir_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["eval", "--bench-dir", str(tmp_path / "nope")]) == 2


def test_unknown_benchmark_is_rejected() -> None:
    with pytest.raises(SystemExit):
        main(["eval", "--only", "nonsense"])
