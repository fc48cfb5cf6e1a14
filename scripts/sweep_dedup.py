#!/usr/bin/env python3
"""Parameter sweep of `corpus.dedup.NearDuplicateIndex` on a labelled dedup benchmark.

    .venv/bin/python scripts/sweep_dedup.py /work/shared/bench/dedup-dev \
        --strip-repeated-lines 8 --shingle 2 3 4 5 --num-perm 128 256 \
        --lsh-threshold 0.1 0.2 0.3 --jaccard 0.5 --containment 0.5 0.6 0.7

Why it exists: the detector's defaults (shingle size, permutations, LSH threshold, Jaccard and
containment thresholds) must be chosen by measurement, and the measurement must go through the
benchmark's own reference scorer so the numbers compare with its published baselines.

Each setting runs the real streaming index over every document in keep-priority order (sorted
by path: the benchmark has no publication times), writes the pipeline's prediction form (kept
rows carry `doc_id`, duplicates also carry `duplicate_of`) to a temporary JSONL file, and scores
it with ``score.py --json``. Before matching, each body gets a stand-in for the cleaning stage:
the first line (the headline) is dropped, and with ``--strip-repeated-lines K`` every line found
in at least K files of the same site folder is dropped (site boilerplate). Nothing here looks at
labels: the labels are only read by the scorer.

Prints one Markdown table row per setting; `docs/s` times `NearDuplicateIndex.add` alone
(key normalisation, shingling, MinHash, LSH query/insert and exact verification).
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # runnable as a plain script from the repository root
    sys.path.insert(0, str(ROOT))

from corpus.dedup import DedupParams, NearDuplicateIndex  # noqa: E402

BINS = ["[0.0,0.2)", "[0.2,0.4)", "[0.4,0.6)", "[0.6,0.8)", "[0.8,1.0]"]


def load_documents(bench: Path) -> dict[str, str]:
    """Relative path (``raw/<site>/<id>.txt``) -> file text, for every document under raw/."""
    return {
        path.relative_to(bench).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted((bench / "raw").rglob("*.txt"))
    }


def prepare(texts: dict[str, str], strip_repeated: int) -> dict[str, str]:
    """Stand-in cleaning: drop the headline line, then lines repeated across a site folder.

    A line counts once per file; a line in >= `strip_repeated` files of the same folder is
    treated as site boilerplate. `strip_repeated` 0 disables that part.
    """
    bodies = {path: text.splitlines()[1:] for path, text in texts.items()}
    if strip_repeated <= 0:
        return {path: "\n".join(lines) for path, lines in bodies.items()}
    per_site: dict[str, Counter[str]] = defaultdict(Counter)
    for path, lines in bodies.items():
        per_site[path.rsplit("/", 1)[0]].update({ln.strip() for ln in lines if ln.strip()})
    prepared = {}
    for path, lines in bodies.items():
        counts = per_site[path.rsplit("/", 1)[0]]
        prepared[path] = "\n".join(ln for ln in lines if counts[ln.strip()] < strip_repeated)
    return prepared


def run_setting(bodies: dict[str, str], params: DedupParams, out: Path) -> dict[str, float]:
    """Run the index over `bodies` in path order, write predictions to `out`, return run stats."""
    index = NearDuplicateIndex(params)
    rows = []
    measures: Counter[str] = Counter()
    started = time.perf_counter()
    for path in sorted(bodies):
        match = index.add(path, bodies[path])
        row = {"source_path": path, "doc_id": path}
        if match is not None:
            row["duplicate_of"] = match.duplicate_of
            measures[match.measure] += 1
        rows.append(row)
    seconds = time.perf_counter() - started
    out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    bands, rows_per_band = index.lsh_bands_rows
    return {
        "docs_per_s": len(bodies) / seconds,
        "candidates_per_doc": index.candidates_checked / len(bodies),
        "by_jaccard": measures["jaccard"],
        "by_containment": measures["containment"],
        "bands": bands,
        "rows": rows_per_band,
    }


def score(bench: Path, predictions: Path) -> dict:
    """Score with the benchmark's reference scorer (its JSON output, `predictions` block)."""
    completed = subprocess.run(
        [
            sys.executable,
            str(bench / "score.py"),
            str(bench / "labels.jsonl"),
            str(predictions),
            "--json",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(completed.stdout)["predictions"]


def table_row(params: DedupParams, stats: dict[str, float], result: dict) -> str:
    metrics = result["all"]
    bins = result["variant_recall"]["by_jaccard5"]
    negatives = result["hard_negatives"]
    merged = sum(cell["merged"] for cell in negatives.values())
    total = sum(cell["pairs"] for cell in negatives.values())
    precision = metrics["precision"]
    cells = [
        str(params.shingle_size),
        str(params.num_perm),
        f"{params.lsh_threshold:g} ({stats['bands']}x{stats['rows']})",
        f"{params.jaccard_threshold:g}",
        f"{params.containment_threshold:g}",
        str(params.min_shingles),
        f"{metrics['ari']:.3f}",
        "n/a" if precision is None else f"{precision:.3f}",
        f"{metrics['recall']:.3f}",
        f"{metrics['f1']:.3f}",
        *(f"{bins[name]['recall']:.2f}" for name in BINS),
        f"{merged}/{total}",
        f"{stats['candidates_per_doc']:.1f}",
        f"{stats['docs_per_s']:.0f}",
    ]
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| n | perm | LSH thr (b x r) | J | C | min sh | ARI | P | R | F1 | "
    + " | ".join(f"R J{name}" for name in BINS)
    + " | hard neg merged | cand/doc | docs/s |"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("bench", type=Path, help="benchmark folder (raw/, labels.jsonl, score.py)")
    parser.add_argument(
        "--strip-repeated-lines",
        type=int,
        default=8,
        metavar="K",
        help="drop lines found in >= K files of a site folder (0: off; default 8)",
    )
    parser.add_argument("--shingle", type=int, nargs="+", default=[2, 3, 4, 5])
    parser.add_argument("--num-perm", type=int, nargs="+", default=[128, 256])
    parser.add_argument("--lsh-threshold", type=float, nargs="+", default=[0.1, 0.2, 0.3])
    parser.add_argument("--jaccard", type=float, nargs="+", default=[0.5])
    parser.add_argument("--containment", type=float, nargs="+", default=[0.5, 0.6, 0.7])
    parser.add_argument("--min-shingles", type=int, nargs="+", default=[15])
    args = parser.parse_args(argv)

    bodies = prepare(load_documents(args.bench), args.strip_repeated_lines)
    print(
        f"{len(bodies)} documents, strip-repeated-lines {args.strip_repeated_lines}, "
        "headline dropped, keep order = sorted path",
        flush=True,
    )
    print(HEADER)
    print("|" + "---|" * HEADER.count(" | ") + "---|", flush=True)
    grid = itertools.product(
        args.shingle,
        args.num_perm,
        args.lsh_threshold,
        args.jaccard,
        args.containment,
        args.min_shingles,
    )
    with tempfile.TemporaryDirectory(prefix="sweep-dedup-") as tmp:
        for number, (n, perm, lsh, jac, con, min_sh) in enumerate(grid):
            params = DedupParams(
                shingle_size=n,
                num_perm=perm,
                lsh_threshold=lsh,
                jaccard_threshold=jac,
                containment_threshold=con,
                min_shingles=min_sh,
            )
            out = Path(tmp) / f"run{number:04d}.jsonl"
            stats = run_setting(bodies, params, out)
            print(table_row(params, stats, score(args.bench, out)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
