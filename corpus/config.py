"""Run configuration: every knob of a run in one validated object, recorded in the manifest."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from corpus.dedup import DedupParams
from corpus.executors import default_workers
from corpus.site_templates import TemplateParams

#: Batches per worker and stage that `auto_shard_size` aims for: enough that the last batches
#: finish close together (the tail is ~1/8 of a stage at worst), few enough that Prefect's cost
#: per task run stays small. Measured here on 2,000 plain-text files, 2 workers: each task run
#: cost ~0.13 s of CPU under Prefect's process pool (API calls, state and log shipping),
#: so 160 batches of 25 added 33 s of CPU to the run, 8 batches of 250 added 13 s (most of it
#: the API's start-up).
SHARDS_PER_WORKER = 8
#: Bounds of an automatic shard: at least this many files (a task must do real work) ...
MIN_AUTO_SHARD = 20
#: ... and at most this many, so a batch's memory and a retry's cost stay bounded however big
#: the inbox (500 news files: a few MB of text in a worker).
MAX_AUTO_SHARD = 500


def auto_shard_size(files: int, workers: int) -> int:
    """Files per batch for a run of `files` new files on `workers` workers."""
    per_shard = -(-files // (workers * SHARDS_PER_WORKER))  # ceiling division
    return max(MIN_AUTO_SHARD, min(MAX_AUTO_SHARD, per_shard))


class RunConfig(BaseModel):
    input_dir: Path
    output: Path = Path("outputs")
    #: Languages to keep (ISO 639-1); others go to quarantine with reason `language`.
    #: None keeps every language.
    languages: tuple[str, ...] | None = ("en",)
    dataset_name: str = "newshygiene"
    #: Input files per batch task; None = `auto_shard_size` of the run's new files.
    shard_size: int | None = Field(default=None, ge=1)
    #: An article with fewer words after cleaning is boilerplate that slipped through, not news.
    min_words: int = Field(default=15, ge=1)
    #: Processes for the per-shard stages (read, extract, clean, signatures). They are CPU-bound
    #: Python, so threads would share one core; None = one per CPU core.
    workers: int | None = Field(default=None, ge=1)
    #: Language identifier (see `corpus.language`): "auto" (default: fastText confirms the
    #: clear cases, langdetect decides the rest), "langdetect" or "fasttext" alone.
    language_backend: Literal["auto", "langdetect", "fasttext"] = "auto"
    #: HTML extraction: "accurate" (two trafilatura passes, see `corpus.extract`) or "fast"
    #: (one pass). Defaults to NEWSHYGIENE_EXTRACTION, else "accurate".
    extraction: Literal["accurate", "fast"] = Field(
        default_factory=lambda: os.environ.get("NEWSHYGIENE_EXTRACTION") or "accurate"
    )
    max_file_bytes: int = 50 * 1024 * 1024
    max_decompressed_bytes: int = 200 * 1024 * 1024
    templates: TemplateParams = TemplateParams()
    dedup: DedupParams = DedupParams()
    #: Where the near-duplicate index of earlier runs lives: None = the dataset's own state
    #: folder (embedded, no server); ``redis://host:port/db`` = a Redis shared by several
    #: workers or machines. Defaults to the NEWSHYGIENE_INDEX environment variable.
    index: str | None = Field(default_factory=lambda: os.environ.get("NEWSHYGIENE_INDEX") or None)
    #: Key prefix in a shared index; None = ``newshygiene:<dataset_name>``.
    index_prefix: str | None = None

    @property
    def worker_count(self) -> int:
        return self.workers or default_workers()

    def shard_size_for(self, files: int) -> int:
        """The configured shard size, else one sized for `files` new files (`auto_shard_size`)."""
        return self.shard_size or auto_shard_size(files, self.worker_count)

    @property
    def index_namespace(self) -> str:
        return self.index_prefix or f"newshygiene:{self.dataset_name}"

    @field_validator("languages", mode="before")
    @classmethod
    def _split_languages(cls, value: object) -> object:
        """Accept "en,de" from the command line; "all" (or empty) keeps every language."""
        if isinstance(value, str):
            parts = tuple(p.strip().lower() for p in value.split(",") if p.strip())
            return None if not parts or parts == ("all",) else parts
        return value
