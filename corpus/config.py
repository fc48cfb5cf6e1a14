"""Run configuration: every knob of a run in one validated object, recorded in the manifest."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from corpus.dedup import DedupParams
from corpus.site_templates import TemplateParams


class RunConfig(BaseModel):
    input_dir: Path
    output: Path = Path("outputs")
    #: Languages to keep (ISO 639-1); others go to quarantine with reason `language`.
    #: None keeps every language.
    languages: tuple[str, ...] | None = ("en",)
    dataset_name: str = "newshygiene"
    #: Input files per batch task: big enough that Prefect's ~5 ms per task is noise,
    #: small enough that both cores get work on a small corpus.
    shard_size: int = Field(default=100, ge=1)
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
        return self.workers or os.cpu_count() or 1

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
