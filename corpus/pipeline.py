"""The whole run as plain Python: raw file → reader → extract → clean → normalize → language →
dedup → writer.

Each stage works on a batch (a shard of input files) and hands the next stage a *path* to what
it wrote under the run's work folder, so an orchestrator can run shards in parallel tasks
without moving documents through its own machinery. `run_pipeline` drives the stages through an
`Executor`: the serial one here runs without Prefect; `flows` supplies one that makes each call
a Prefect task. Both run exactly this code.
"""

from __future__ import annotations

import hashlib
import json
import platform
import secrets
import shutil
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pyarrow as pa
import pyarrow.parquet as pq

from cleaners.document import Hints, clean_document
from cleaners.lines import words
from cleaners.normalize import normalize_paragraphs, normalize_text
from corpus.config import RunConfig
from corpus.dates import normalize_date
from corpus.dedup import Match, NearDuplicateIndex
from corpus.documents import Quarantined, RawDocument, Reason
from corpus.extract import extract_html
from corpus.language import detect_language
from corpus.readers import ReadLimits, iter_input_files, read_path
from corpus.schema import SCHEMA_VERSION
from corpus.site_templates import learn_templates
from corpus.writer import write_dataset

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
    paths: tuple[str, ...]
    work: str  # the run's work folder

    def file(self, stage: str) -> Path:
        return Path(self.work) / f"{stage}-{self.number:05d}.parquet"


@dataclass
class ShardReport:
    """What one stage did to one shard: the file it wrote and counts for logs and summaries."""

    shard: Shard
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class RunResult:
    run_id: str
    output: Path
    manifest: dict[str, Any]

    @property
    def counts(self) -> dict[str, int]:
        return self.manifest["counts"]


# --- small helpers


def _dump(rows: list[dict[str, Any]], path: Path) -> None:
    pq.write_table(pa.Table.from_pylist(rows) if rows else pa.table({}), path)


def _load(path: Path) -> list[dict[str, Any]]:
    return pq.read_table(path).to_pylist() if path.exists() else []


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


def plan_shards(cfg: RunConfig, work: Path) -> tuple[list[Shard], int]:
    """Every input file, in sorted order, split into shards of `cfg.shard_size` files."""
    files = [p.relative_to(cfg.input_dir).as_posix() for p in iter_input_files(cfg.input_dir)]
    size = cfg.shard_size
    shards = [
        Shard(number=n, paths=tuple(files[i : i + size]), work=str(work))
        for n, i in enumerate(range(0, len(files), size))
    ]
    return shards, len(files)


# --- stage 1: read + extract


def read_shard(shard: Shard, cfg: RunConfig) -> ShardReport:
    """Read every unit of the shard's files; extract main text from HTML."""
    limits = ReadLimits(
        max_bytes=cfg.max_file_bytes, max_decompressed_bytes=cfg.max_decompressed_bytes
    )
    staged: list[dict[str, Any]] = []
    quarantined: list[dict[str, Any]] = []
    for rel in shard.paths:
        path = cfg.input_dir / rel
        try:
            units = list(read_path(path, cfg.input_dir, limits))
        except Exception as exc:  # a reader bug must cost one file, never the run
            units = [Quarantined(rel, Reason.PROCESSING_ERROR, f"reader failed: {exc!r}")]
        for unit in units:
            if isinstance(unit, Quarantined):
                quarantined.append(_quarantine_row(unit))
                continue
            try:
                row = _stage_document(unit)
            except Exception as exc:  # a trafilatura crash on one page
                detail = f"extraction failed: {exc!r} at {traceback.format_exc(limit=-1).strip()}"
                row = _quarantine_row(
                    Quarantined(unit.source_path, Reason.PROCESSING_ERROR, detail, unit.site)
                )
            (quarantined if "reason" in row else staged).append(row)
    _dump(staged, shard.file("staged"))
    _dump(quarantined, shard.file("quarantine-read"))
    return ShardReport(
        shard,
        {
            "units": len(staged) + len(quarantined),
            "staged": len(staged),
            "quarantined": len(quarantined),
        },
    )


def _stage_document(doc: RawDocument) -> dict[str, Any]:
    row = asdict(doc)
    row["title_from_metadata"] = False
    if doc.kind == "html":
        extracted = extract_html(doc.content, doc.url)
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


def learn_site_templates(reports: Sequence[ShardReport], cfg: RunConfig, work: str) -> str:
    """Count repeated lines per site over every staged page; write the verdict to a file."""

    def pages():
        for report in reports:
            for row in _load(report.shard.file("staged")):
                yield row["site"], row["content"]

    templates = learn_templates(pages(), cfg.templates)
    path = Path(work) / "site-templates.json"
    path.write_text(json.dumps(templates, sort_keys=True))
    return str(path)


# --- stage 3: clean + normalize + language


def clean_shard(report: ShardReport, cfg: RunConfig, templates_path: str) -> ShardReport:
    templates: dict[str, dict[str, int]] = json.loads(Path(templates_path).read_text())
    shard = report.shard
    candidates: list[dict[str, Any]] = []
    quarantined: list[dict[str, Any]] = []
    for row in _load(shard.file("staged")):
        try:
            outcome = clean_one(row, cfg, templates.get(row["site"], {}))
        except Exception as exc:  # one document must never cost the run
            outcome = _quarantine_row(
                Quarantined(
                    row["source_path"],
                    Reason.PROCESSING_ERROR,
                    f"cleaning failed: {exc!r}",
                    row["site"],
                )
            )
        (quarantined if "reason" in outcome else candidates).append(outcome)
    _dump(candidates, shard.file("cleaned"))
    _dump(quarantined, shard.file("quarantine-clean"))
    return ShardReport(shard, {"cleaned": len(candidates), "quarantined": len(quarantined)})


def clean_one(row: dict[str, Any], cfg: RunConfig, template: dict[str, int]) -> dict[str, Any]:
    """One staged document → an article candidate, or a quarantine row saying why not."""
    hints = Hints(
        title=row["title"],
        author=row["author"],
        detect_title=not row["title_from_metadata"],
    )
    result = clean_document(row["content"], hints, template)
    paragraphs, edits = normalize_paragraphs(result.paragraphs)
    text = "\n\n".join(paragraphs)
    word_count = len(words(text))
    if word_count < cfg.min_words:
        kinds = Counter(r.rule for r in result.removed)
        removed = ", ".join(f"{rule} ×{n}" for rule, n in kinds.most_common()) or "nothing"
        return _quarantine_row(
            Quarantined(
                row["source_path"],
                Reason.NO_CONTENT,
                f"{word_count} words left after cleaning (minimum {cfg.min_words}); "
                f"removed: {removed}",
                row["site"],
            )
        )
    language, probability = detect_language(text)
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
        "word_count": word_count,
        "removed": [asdict(r) for r in result.removed],
        "edits": [asdict(e) for e in edits],
        "content_sha256": sha,
        "input_format": row["kind"],
        "encoding": row["encoding"],
    }


# --- stage 4: near-duplicates


def keep_priority(article: dict[str, Any]) -> tuple[int, str, str]:
    """Which copy is the original: the earliest published, then the first seen (path order)."""
    published = article["published"]
    return (0 if published else 1, published or "", article["source_path"])


def deduplicate(reports: Sequence[ShardReport], cfg: RunConfig, work: str) -> str:
    """Split article candidates into kept articles and duplicates pointing at what they copy."""
    candidates = [row for r in reports for row in _load(r.shard.file("cleaned"))]
    candidates.sort(key=keep_priority)
    index = NearDuplicateIndex(cfg.dedup)
    kept: list[dict[str, Any]] = []
    duplicates: list[dict[str, Any]] = []
    path_of: dict[str, str] = {}
    for article in candidates:
        if article["doc_id"] in path_of:  # the same text again: an exact copy
            match = Match(article["doc_id"], 1.0, "exact")
        else:
            match = index.add(article["doc_id"], article["text"])
        if match is None:
            kept.append(article)
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
    kept.sort(key=lambda a: a["source_path"])
    _dump(kept, Path(work) / "articles.parquet")
    _dump(duplicates, Path(work) / "duplicates.parquet")
    return work


# --- stage 5: write


def library_versions() -> dict[str, str]:
    names = [
        "newshygiene",
        "trafilatura",
        "langdetect",
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
    read_reports: Sequence[ShardReport],
    clean_reports: Sequence[ShardReport],
    cfg: RunConfig,
    work: str,
    run_id: str,
    started: str,
    input_units: int | None = None,
) -> dict[str, Any]:
    """Write the dataset and its manifest; the manifest proves inputs = outputs."""
    articles = _load(Path(work) / "articles.parquet")
    duplicates = _load(Path(work) / "duplicates.parquet")
    quarantine = [row for r in read_reports for row in _load(r.shard.file("quarantine-read"))]
    quarantine += [row for r in clean_reports for row in _load(r.shard.file("quarantine-clean"))]
    quarantine.sort(key=lambda q: q["source_path"])
    for row in (*articles, *duplicates, *quarantine):
        row["run_id"] = run_id

    units = sum(r.counts["units"] for r in read_reports)
    outputs = len(articles) + len(duplicates) + len(quarantine)
    if units != outputs:  # a lost or doubled document is a bug, never a silent outcome
        raise RuntimeError(f"accounting error: {units} input units but {outputs} output rows")

    removed = Counter(r["rule"] for a in articles for r in a["removed"])
    manifest = {
        "dataset": cfg.dataset_name,
        "schema_version": SCHEMA_VERSION,
        "run_id": run_id,
        "started": started,
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "input_dir": str(cfg.input_dir),
        "parameters": json.loads(cfg.model_dump_json()),
        "counts": {
            "input_files": input_units if input_units is not None else 0,
            "inputs": units,
            "articles": len(articles),
            "duplicates": len(duplicates),
            "quarantined": len(quarantine),
            "balanced": units == outputs,
        },
        "removed_by_rule": dict(removed.most_common()),
        "quarantine_by_reason": dict(Counter(q["reason"] for q in quarantine).most_common()),
        "articles_by_site": dict(Counter(a["site"] for a in articles).most_common()),
        "articles_by_language": dict(Counter(a["language"] for a in articles).most_common()),
        "dedup": {"scheme": cfg.dedup.signature_scheme().as_dict()},
        "library_versions": library_versions(),
        "tables": {
            "articles": "articles/",
            "duplicates": "duplicates/",
            "quarantine": "quarantine/",
        },
    }
    write_dataset(
        cfg.output,
        run_id,
        {"articles": articles, "duplicates": duplicates, "quarantine": quarantine},
        manifest,
    )
    return manifest


# --- the run


def run_pipeline(
    cfg: RunConfig, executor: Executor | None = None, run_id: str | None = None
) -> RunResult:
    """Run every stage over `cfg.input_dir` and write the dataset to `cfg.output`."""
    executor = executor or SerialExecutor()
    run_id = run_id or new_run_id()
    started = datetime.now(UTC).isoformat(timespec="seconds")
    cfg.output.mkdir(parents=True, exist_ok=True)
    work = cfg.output / f".work-{run_id}"
    work.mkdir()
    try:
        shards, n_files = plan_shards(cfg, work)
        read_reports = executor.map(read_shard, shards, cfg=cfg)
        templates = executor.call(learn_site_templates, read_reports, cfg, str(work))
        clean_reports = executor.map(clean_shard, read_reports, cfg=cfg, templates_path=templates)
        executor.call(deduplicate, clean_reports, cfg, str(work))
        manifest = executor.call(
            publish, read_reports, clean_reports, cfg, str(work), run_id, started, n_files
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return RunResult(run_id=run_id, output=cfg.output, manifest=manifest)
