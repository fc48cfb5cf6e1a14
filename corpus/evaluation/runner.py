"""Run the real pipeline (and the baselines) on the shared benchmarks and score the outputs.

The pipeline is run exactly as `newshygiene run --engine local` runs it: `run_pipeline` with a
`SerialExecutor`, default settings except `languages="all"` (the benchmarks are not all
English, and the language filter is a policy, not a quality). Each run writes to a fresh
temporary folder, read back through `pyarrow.dataset` (so the dataset layout may change
underneath), and each article is mapped back to its benchmark document by `source_path`.
A document that ends up quarantined or as a near-duplicate has no text in the output, so its
text is scored as empty (a duplicate row still carries its title and date), exactly as the
reference scorers read a pipeline's output folder; the counts and the paths are reported so
such losses stay visible.

`--limit N` keeps the first N documents of each benchmark (dedup-dev: whole clusters, so that
pairs still exist) by running the pipeline on a folder of symlinks with the same layout and
the same folder name (the site of a loose file is its folder's name).
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds

from corpus.evaluation import baselines, dedup, hygiene, scrapinghub, wcxb
from corpus.evaluation.common import EMPTY, Prediction

BENCHMARKS = ("scrapinghub", "wcxb", "hygiene", "dedup")
SYSTEMS = ("newshygiene", "trafilatura", "c4")
#: Where each benchmark lives under the bench folder.
BENCH_PATHS = {
    "scrapinghub": "extraction/scrapinghub",
    "wcxb": "extraction/wcxb-dev",
    "hygiene": "hygiene-dev",
    "dedup": "dedup-dev",
}

Log = Callable[[str], None]
Progress = Callable[[str, int, int], None]


# --- the pipeline, as a black box


@dataclass
class PipelineOutput:
    """What one pipeline run produced, keyed by `source_path` (relative to its input folder)."""

    #: text, title, author, date per article; a duplicate row gives its title and date only
    predictions: dict[str, Prediction] = field(default_factory=dict)
    #: source_path, doc_id, duplicate_of of every article and duplicate (the dedup partition)
    cluster_rows: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


def _read(output: Path, table: str) -> list[dict[str, Any]]:
    folder = output / table
    if not folder.exists():
        return []
    return ds.dataset(folder, format="parquet", partitioning="hive").to_table().to_pylist()


def _link_subset(input_dir: Path, files: Sequence[str], tmp: Path) -> Path:
    """A folder with the same name as `input_dir` holding symlinks to `files` only."""
    root = tmp / "input" / input_dir.name
    for rel in files:
        link = root / rel
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink((input_dir / rel).resolve(), link)
    return root


def run_newshygiene(
    input_dir: Path,
    files: Sequence[str] | None = None,
    progress: Progress | None = None,
    output: Path | None = None,
) -> PipelineOutput:
    """Run the pipeline on `input_dir` (or only `files` of it) into a fresh folder.

    The folder is temporary unless `output` names one (tests keep it to score it again with
    the reference scorers).
    """
    from corpus.config import RunConfig
    from corpus.pipeline import SerialExecutor, run_pipeline

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newshygiene-eval-") as name:
        tmp = Path(name)
        source = input_dir if files is None else _link_subset(input_dir, files, tmp)
        cfg = RunConfig(input_dir=source, output=output or tmp / "output", languages="all")
        run_pipeline(cfg, executor=SerialExecutor(progress=progress))
        articles = _read(cfg.output, "articles")
        duplicates = _read(cfg.output, "duplicates")
        quarantine = _read(cfg.output, "quarantine")
    out = PipelineOutput(seconds=time.perf_counter() - started)
    for row in articles:
        out.predictions.setdefault(
            row["source_path"],
            Prediction(
                text=row.get("text") or "",
                title=row.get("title"),
                author=row.get("author"),
                published=row.get("published"),
            ),
        )
        out.cluster_rows.append({"source_path": row["source_path"], "doc_id": row["doc_id"]})
    for row in duplicates:
        # No text of its own, but a title and date: scored like the reference scorers read
        # an output folder (first row per path wins, articles first).
        out.predictions.setdefault(
            row["source_path"],
            Prediction(text="", title=row.get("title"), published=row.get("published")),
        )
        out.cluster_rows.append(
            {
                "source_path": row["source_path"],
                "doc_id": row.get("doc_id"),
                "duplicate_of": row.get("duplicate_of"),
            }
        )
    out.counts = {
        "articles": len(articles),
        "duplicates": len(duplicates),
        "quarantined": len(quarantine),
        "quarantine_by_reason": dict(Counter(q["reason"] for q in quarantine).most_common()),
    }
    return out


# --- benchmark loading


def _read_gz(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", "replace")


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _first(items: Sequence[Any], limit: int | None) -> list[Any]:
    return list(items if limit is None else items[:limit])


def dedup_subset(labels: Sequence[Mapping[str, Any]], limit: int | None) -> list[Mapping[str, Any]]:
    """Whole clusters, in label order, until at least `limit` documents and one reprint cluster.

    Cutting a cluster would leave variants without their original (and the pair metrics with
    nothing to find), so the subset is a union of complete true clusters.
    """
    if limit is None:
        return list(labels)
    members: dict[str, list[Mapping[str, Any]]] = {}
    for label in labels:
        members.setdefault(str(label["cluster"]), []).append(label)
    chosen: list[str] = []
    count, reprint = 0, False
    for label in labels:
        cluster = str(label["cluster"])
        if cluster in chosen:
            continue
        if count >= limit and reprint:
            break
        if count >= limit and len(members[cluster]) < 2:
            continue  # enough documents already; only still looking for one reprint cluster
        chosen.append(cluster)
        count += len(members[cluster])
        reprint = reprint or len(members[cluster]) > 1
    keep = set(chosen)
    return [label for label in labels if str(label["cluster"]) in keep]


# --- one benchmark each


def _files_arg(files: list[str], limit: int | None) -> list[str] | None:
    return None if limit is None else files


def _timed(fn: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    started = time.perf_counter()
    result = fn()
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def eval_scrapinghub(
    root: Path, limit: int | None, with_baselines: bool, progress: Progress | None = None
) -> dict[str, Any]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    ids = _first(sorted(truth), limit)
    files = [f"{key}.html.gz" for key in ids]
    bodies = {key: truth[key]["articleBody"] for key in ids}
    run = run_newshygiene(root / "html", _files_arg(files, limit), progress)
    texts = {key: run.predictions.get(f"{key}.html.gz", EMPTY).text for key in ids}
    systems: dict[str, Any] = {"newshygiene": _sh_metrics(scrapinghub.score(bodies, texts))}
    if with_baselines:
        html = {key: _read_gz(root / "html" / f"{key}.html.gz") for key in ids}
        systems["trafilatura"] = _timed(
            lambda: _sh_metrics(
                scrapinghub.score(
                    bodies, {k: baselines.trafilatura_alone(h).text for k, h in html.items()}
                )
            )
        )
        systems["c4"] = _timed(
            lambda: _sh_metrics(
                scrapinghub.score(bodies, {k: baselines.c4_html(h).text for k, h in html.items()})
            )
        )
    return _result("scrapinghub", root, len(ids), run, systems, files)


def _sh_metrics(score: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "metrics": {
            "body_f1": score["f1"],
            "body_precision": score["precision"],
            "body_recall": score["recall"],
            "exact_match": score["accuracy"],
        },
        "details": dict(score),
    }


def load_wcxb(root: Path, limit: int | None) -> dict[str, wcxb.Page]:
    pages = {}
    for path in _first(sorted((root / "ground-truth").glob("*.json")), limit):
        gt = json.loads(path.read_text(encoding="utf-8")).get("ground_truth") or {}
        pages[path.stem] = wcxb.Page(
            main_content=gt.get("main_content") or "",
            title=gt.get("title"),
            author=gt.get("author"),
            publish_date=gt.get("publish_date"),
            with_snippets=tuple(gt.get("with") or ()),
            without_snippets=tuple(gt.get("without") or ()),
        )
    return pages


def eval_wcxb(
    root: Path, limit: int | None, with_baselines: bool, progress: Progress | None = None
) -> dict[str, Any]:
    pages = load_wcxb(root, limit)
    files = [f"{key}.html.gz" for key in pages]
    run = run_newshygiene(root / "html", _files_arg(files, limit), progress)
    preds = {key: run.predictions.get(f"{key}.html.gz", EMPTY) for key in pages}
    systems: dict[str, Any] = {"newshygiene": _wcxb_metrics(wcxb.score(pages, preds))}
    if with_baselines:
        html = {key: _read_gz(root / "html" / f"{key}.html.gz") for key in pages}
        systems["trafilatura"] = _timed(
            lambda: _wcxb_metrics(
                wcxb.score(pages, {k: baselines.trafilatura_alone(h) for k, h in html.items()})
            )
        )
        systems["c4"] = _timed(
            lambda: _wcxb_metrics(
                wcxb.score(pages, {k: baselines.c4_html(h) for k, h in html.items()})
            )
        )
    return _result("wcxb", root, len(pages), run, systems, files)


def _wcxb_metrics(score: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "metrics": {
            "word_f1": score["word_f1"],
            "word_precision": score["word_precision"],
            "word_recall": score["word_recall"],
            "with_rate": score["with_rate"],
            "leakage": score["leakage"],
            "title_accuracy": score["title"]["accuracy"],
            "author_accuracy": score["author"]["accuracy"],
            "date_accuracy": score["date"]["accuracy"],
        },
        "details": dict(score),
    }


def eval_hygiene(
    root: Path, limit: int | None, with_baselines: bool, progress: Progress | None = None
) -> dict[str, Any]:
    labels = _first(_jsonl(root / "labels.jsonl"), limit)
    files = [label["path"] for label in labels]
    run = run_newshygiene(root / "raw", _files_arg(files, limit), progress)
    preds = {path: run.predictions.get(path, EMPTY) for path in files}
    systems: dict[str, Any] = {"newshygiene": _hygiene_metrics(hygiene.score(labels, preds))}
    if with_baselines:
        systems["trafilatura"] = None  # plain text: nothing for an HTML extractor to do
        systems["c4"] = _timed(
            lambda: _hygiene_metrics(
                hygiene.score(
                    labels,
                    {
                        path: baselines.c4_plain((root / "raw" / path).read_text(encoding="utf-8"))
                        for path in files
                    },
                )
            )
        )
    return _result("hygiene", root, len(labels), run, systems, files)


def _hygiene_metrics(score: Mapping[str, Any]) -> dict[str, Any]:
    lines, body = score["lines"], score["body_text"]
    return {
        "metrics": {
            "line_precision": lines["precision"],
            "line_recall": lines["recall"],
            "line_f1": lines["f1"],
            "body_line_loss": lines["body_line_loss"],
            "body_f1": body["f1"],
            "body_precision": body["precision"],
            "body_recall": body["recall"],
            "title_accuracy": score["title"]["accuracy"],
            "author_accuracy": score["author"]["accuracy"],
        },
        "groups": {
            "removal_by_kind": {k: v["recall"] for k, v in score["boilerplate_kinds"].items()},
            "retention_by_body_kind": {k: v["retention"] for k, v in score["body_kinds"].items()},
        },
        "details": dict(score),
    }


def eval_dedup(
    root: Path, limit: int | None, with_baselines: bool, progress: Progress | None = None
) -> dict[str, Any]:
    labels = dedup_subset(_jsonl(root / "labels.jsonl"), limit)
    hard_negatives = _jsonl(root / "hard_negatives.jsonl")
    paths = [label["path"] for label in labels]
    prefix = "raw/"
    files = [p.removeprefix(prefix) for p in paths]
    run = run_newshygiene(root / "raw", _files_arg(files, limit), progress)
    rows = [{**row, "path": prefix + row["source_path"]} for row in run.cluster_rows]
    assignment, stats = dedup.predicted_clusters(rows, paths)
    score = dedup.evaluate(labels, assignment, hard_negatives)
    systems = {"newshygiene": _dedup_metrics(score, stats)}
    return _result("dedup", root, len(labels), run, systems)


def _dedup_metrics(score: Mapping[str, Any], stats: Mapping[str, int]) -> dict[str, Any]:
    part = score["all"]
    return {
        "metrics": {
            "ari": part["ari"],
            "pairwise_precision": part["precision"],
            "pairwise_recall": part["recall"],
            "pairwise_f1": part["f1"],
        },
        "groups": {
            "recall_by_jaccard5": {
                k: v["recall"] for k, v in score["variant_recall"]["by_jaccard5"].items()
            },
            "recall_by_strength": {
                k: v["recall"] for k, v in sorted(score["variant_recall"]["by_strength"].items())
            },
            "hard_negative_merge_rate": {
                k: v["false_merge_rate"] for k, v in score["hard_negatives"].items()
            },
        },
        "details": {**score, "input": dict(stats)},
    }


def _result(
    name: str,
    root: Path,
    documents: int,
    run: PipelineOutput,
    systems: dict[str, Any],
    expected: Iterable[str] = (),
) -> dict[str, Any]:
    """`expected`: source paths whose text is scored; those without an article are listed."""
    pipeline: dict[str, Any] = {**run.counts, "seconds": round(run.seconds, 2)}
    if expected:
        pipeline["scored_empty"] = [
            path for path in expected if not run.predictions.get(path, EMPTY).text
        ]
    return {
        "benchmark": name,
        "path": str(root),
        "documents": documents,
        "pipeline": pipeline,
        "systems": systems,
    }


EVALUATORS: dict[str, Callable[..., dict[str, Any]]] = {
    "scrapinghub": eval_scrapinghub,
    "wcxb": eval_wcxb,
    "hygiene": eval_hygiene,
    "dedup": eval_dedup,
}


def run_all(
    bench_dir: Path,
    only: Iterable[str] = BENCHMARKS,
    limit: int | None = None,
    with_baselines: bool = True,
    log: Log | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Every requested benchmark found under `bench_dir`; a missing one is reported, not fatal."""
    started = time.perf_counter()
    results: dict[str, Any] = {}
    missing: list[str] = []
    for name in only:
        root = bench_dir / BENCH_PATHS[name]
        if not root.is_dir():
            missing.append(name)
            if log:
                log(f"{name}: not found at {root}, skipped")
            continue
        if log:
            log(f"{name}: running the pipeline{' and baselines' if with_baselines else ''}…")
        results[name] = _timed(
            lambda n=name, r=root: EVALUATORS[n](r, limit, with_baselines, progress)
        )
        if log:
            log(f"{name}: done in {results[name]['seconds']:.1f} s")
    return {
        "bench_dir": str(bench_dir),
        "limit": limit,
        "baselines": with_baselines,
        "trafilatura_options": baselines.TRAFILATURA_OPTIONS if with_baselines else None,
        "missing": missing,
        "benchmarks": results,
        "seconds": round(time.perf_counter() - started, 2),
    }
