"""Every artifact a clean-corpus run publishes to the Prefect UI, under stable keys.

A stable key gives an artifact a history across runs on the UI's Artifacts page, so an
operator can see how today's scheduled run compares with yesterday's. Keys (lowercase letters,
digits and dashes, as Prefect requires):

- `clean-corpus-summary` (markdown): counts in and out, articles per site and language,
  duplicates, quarantine reasons, lines removed per rule and per site template; its
  description holds the counts, so they show on the artifact's card without opening it;
- `clean-corpus-quarantine` (table): every input this run quarantined, with the reason;
- `clean-corpus-sample` (markdown): a few articles before/after cleaning, removed lines struck
  through and the rule named, so an operator can judge the cleaning by eye;
- `clean-corpus-dataset-card` (markdown): the dataset card written beside the Parquet tables
  (a browser will not open a `file://` link from the UI, so the card is published too);
- `<flow>-progress` (progress): moved by `RunProgress` as batches finish.

The artifacts are made from the manifest and the dataset on disk after the run, so they show
what was written, not what was intended. Publishing them must never fail a run whose data is
already safely written: an API error is logged and the next artifact is tried.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from uuid import UUID

from corpus.dataset_card import CARD_NAME, render_dataset_card, write_dataset_card
from flows import summary

SUMMARY_KEY = "clean-corpus-summary"
QUARANTINE_KEY = "clean-corpus-quarantine"
SAMPLE_KEY = "clean-corpus-sample"
CARD_KEY = summary.CARD_KEY

#: How many articles the before/after sample shows, and how much of a kept paragraph.
SAMPLE_SIZE = 3
PARAGRAPH_CHARS = 120
DETAIL_CHARS = 300

#: Share of a run's work per stage, for the progress artifact (reading and cleaning dominate).
STAGE_WEIGHTS: dict[str, float] = {
    "read_shard": 35,
    "learn_site_templates": 5,
    "clean_shard": 45,
    "deduplicate": 10,
    "publish": 5,
}
#: Least time between two progress updates within a stage (the UI polls every few seconds).
PROGRESS_INTERVAL_S = 2.0
STAGE_LABELS = {
    "read_shard": "read + extract",
    "learn_site_templates": "site templates",
    "clean_shard": "clean + normalize + language",
    "deduplicate": "near-duplicates",
    "publish": "write dataset",
}

_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _logger() -> logging.Logger | logging.LoggerAdapter[logging.Logger]:
    """The run's logger inside a flow or task run (so it shows in the UI), else a plain one."""
    from prefect.exceptions import MissingContextError
    from prefect.logging import get_run_logger

    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("newshygiene.artifacts")


def progress_key(flow_slug: str) -> str:
    """The progress artifact's key for a flow, e.g. `clean-corpus-progress`."""
    key = f"{flow_slug}-progress"
    if not _KEY.match(key):
        raise ValueError(f"not a valid artifact key: {key!r}")
    return key


class RunProgress:
    """A progress artifact that follows the pipeline's stages as their batches finish.

    Progress is the weighted share of stages done (`STAGE_WEIGHTS`), and never goes back.
    A stage it does not know moves nothing; `finish` sets 100 % whatever happened before.
    Each call is an API request that the run's API server answers on the cores the batches
    use, so a batch finishing under `min_interval_s` after the last update is only counted;
    a stage's last batch and `finish` always update it, so the artifact is exact at each
    stage's end.
    """

    def __init__(
        self,
        key: str,
        weights: Mapping[str, float] = STAGE_WEIGHTS,
        min_interval_s: float = PROGRESS_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.key = key
        self.weights = dict(weights)
        self.min_interval_s = min_interval_s
        self.percent = 0.0
        self.artifact_id: UUID | None = None
        self.sent = 0  # API calls made (create or update)
        self._clock = clock
        self._last_sent: float | None = None
        self._failed = False

    def update(self, stage: str, done: int, total: int) -> float:
        """Record that `done` of `total` batches of `stage` have finished."""
        if stage not in self.weights or total <= 0:
            return self.percent
        order = list(self.weights)
        before = sum(self.weights[s] for s in order[: order.index(stage)])
        share = before + self.weights[stage] * min(done, total) / total
        share = 100.0 * share / sum(self.weights.values())
        self.percent = max(self.percent, min(100.0, round(share, 1)))
        label = STAGE_LABELS.get(stage, stage)
        self._send(f"{label}: {done}/{total} batches done", now=done >= total)
        return self.percent

    def finish(self, description: str = "run finished") -> None:
        self.percent = 100.0
        self._send(description, now=True)

    def _send(self, description: str, now: bool) -> None:
        """Create or update the artifact, unless the last call was under `min_interval_s`
        ago and nothing asks for it `now` (a stage's last batch, the end of the run)."""
        from prefect.artifacts import create_progress_artifact, update_progress_artifact

        if self._failed:
            return
        clock = self._clock()
        if (
            not now
            and self._last_sent is not None
            and clock - self._last_sent < self.min_interval_s
        ):
            return
        self._last_sent = clock
        self.sent += 1
        try:
            if self.artifact_id is None:
                self.artifact_id = create_progress_artifact(
                    self.percent, key=self.key, description=description
                )
            else:
                update_progress_artifact(self.artifact_id, self.percent, description=description)
        except Exception:  # a progress bar must never fail a run
            self._failed = True
            _logger().warning("progress artifact %s not updated", self.key, exc_info=True)


# --- reading this run's rows back from the dataset


def run_rows(
    output: Path,
    table: str,
    run_id: str | None,
    columns: Sequence[str],
    source_paths: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """This run's rows of one table (only `source_paths`, if given), read back from disk.

    Works for both dataset layouts (one part file, or hive partitions by run date).
    """
    import pyarrow.dataset as ds

    folder = Path(output) / table
    if not folder.is_dir() or not any(folder.rglob("*.parquet")):
        return []
    dataset = ds.dataset(folder, format="parquet", partitioning="hive")
    names = set(dataset.schema.names)
    wanted = [c for c in columns if c in names]
    condition = ds.field("run_id") == run_id if run_id and "run_id" in names else None
    if source_paths is not None:
        chosen = ds.field("source_path").isin(list(source_paths))
        condition = chosen if condition is None else condition & chosen
    return dataset.to_table(columns=wanted, filter=condition).to_pylist()


def site_template_removals(articles: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Lines the site-template rule removed, per site, most first."""
    counts = Counter(
        article.get("site") or "?"
        for article in articles
        for removal in article.get("removed") or ()
        if removal.get("rule") == "site_template"
    )
    return dict(counts.most_common())


# --- the before/after sample

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_~\[\]<>#|$])")


def _escape(text: str) -> str:
    """Scraped text shown literally: no accidental emphasis, links, headings or table cells."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def pick_sample(articles: Sequence[Mapping[str, Any]], n: int = SAMPLE_SIZE) -> list[Any]:
    """The articles that show the most about the cleaning: most distinct rules, most lines
    removed, one per site before a second from the same site; path order breaks ties."""
    ranked = sorted(
        (a for a in articles if a.get("removed")),
        key=lambda a: (
            -len({r.get("rule") for r in a["removed"]}),
            -len(a["removed"]),
            a.get("source_path") or "",
        ),
    )
    chosen: list[Any] = []
    seen_sites: set[Any] = set()
    for article in ranked:
        if article.get("site") not in seen_sites:
            chosen.append(article)
            seen_sites.add(article.get("site"))
        if len(chosen) == n:
            return chosen
    rest = [a for a in ranked if a not in chosen]
    return chosen + rest[: n - len(chosen)]


def interleave(
    text: str, removed: Sequence[Mapping[str, Any]]
) -> list[tuple[int | None, str, str]]:
    """The document as the cleaner saw it: (line, text, rule) rows, rule empty for kept text.

    Removed lines carry their line number and sit exactly where they were. Kept paragraphs do
    not carry one: they are placed into the gaps between removed lines by the gaps' sizes,
    assuming paragraphs separated by one blank line (how scraped dumps and extracted pages
    are laid out), so their position among the removed lines is a close estimate.
    """
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    ordered = sorted(removed, key=lambda r: r.get("line") or 0)
    rows: list[tuple[int | None, str, str]] = []
    left = len(paragraphs)
    cursor = 0
    previous_line = 0
    for removal in ordered:
        line = int(removal.get("line") or 0)
        gap = max(0, line - previous_line - 1)
        fits = min(left, (gap + 1) // 2 if previous_line == 0 else gap // 2)
        rows += [(None, p, "") for p in paragraphs[cursor : cursor + fits]]
        cursor += fits
        left -= fits
        rows.append((line, str(removal.get("text") or ""), str(removal.get("rule") or "?")))
        previous_line = line
    rows += [(None, p, "") for p in paragraphs[cursor:]]
    return rows


def sample_markdown(sample: Sequence[Mapping[str, Any]]) -> str:
    """Documents before/after cleaning (see `pick_sample`): removed lines struck through, the
    rule named."""
    lines = [
        "# Before / after cleaning",
        "",
        "Removed lines are ~~struck through~~ with the rule that removed them; the other rows "
        "are the kept text (long paragraphs shortened here, never in the dataset).",
        "",
    ]
    if not sample:
        return "\n".join([*lines, "No article of this run had lines removed."])
    for number, article in enumerate(sample, start=1):
        rules = Counter(r.get("rule") for r in article["removed"])
        title = _escape(article.get("title") or "(no title)")
        lines += [
            f"## {number}. {title}",
            "",
            f"`{article.get('source_path')}` · site `{article.get('site')}` · "
            f"{len(article['removed'])} lines removed: "
            + ", ".join(f"{rule} ×{count}" for rule, count in rules.most_common()),
            "",
            "| line | removed by | text |",
            "|---:|---|---|",
        ]
        for line, text, rule in interleave(article.get("text") or "", article["removed"]):
            if rule:
                lines.append(f"| {line} | `{rule}` | ~~{_escape(text)}~~ |")
            else:
                lines.append(f"|  |  | {_escape(_short(text, PARAGRAPH_CHARS))} |")
        lines.append("")
    return "\n".join(lines)


def quarantine_table(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The quarantine table artifact's rows: what, why, and the detail (shortened)."""
    return [
        {
            "source_path": row.get("source_path"),
            "reason": row.get("reason"),
            "detail": _short(str(row.get("detail") or ""), DETAIL_CHARS),
            "site": row.get("site"),
        }
        for row in rows
    ]


# --- publishing


def ensure_dataset_card(output: Path, manifest: Mapping[str, Any]) -> Path:
    """The card beside the dataset, (re)written unless the writer already wrote this one."""
    path = Path(output) / CARD_NAME
    try:
        if path.read_text(encoding="utf-8") == render_dataset_card(manifest):
            return path
    except OSError:
        pass
    return write_dataset_card(Path(output), manifest)


def _attempt(name: str, make: Callable[[], UUID]) -> UUID | None:
    try:
        return make()
    except Exception:  # the data is written; a missing artifact must not fail the run
        _logger().error("artifact %s not published", name, exc_info=True)
        return None


def publish_run_artifacts(
    manifest: Mapping[str, Any], output: Path, progress: RunProgress | None = None
) -> dict[str, UUID | None]:
    """Publish this run's artifacts (inside a flow run); returns their ids by key."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    output = Path(output)
    run_id = manifest.get("run_id")
    # Texts are the bulk of a run: read them only for the few sampled articles.
    articles = run_rows(output, "articles", run_id, ("source_path", "site", "removed"))
    picked = pick_sample(articles)
    paths = [a["source_path"] for a in picked]
    texts = {
        row["source_path"]: row
        for row in run_rows(output, "articles", run_id, ("source_path", "title", "text"), paths)
    }
    sample = [{**a, **texts.get(a["source_path"], {})} for a in picked]
    quarantined = run_rows(
        output, "quarantine", run_id, ("source_path", "reason", "site", "detail")
    )
    card: Path | None = None
    try:
        card = ensure_dataset_card(output, manifest)
    except OSError:  # e.g. a read-only dataset folder: report it, publish the rest
        _logger().error("dataset card not written to %s", output, exc_info=True)

    view = dict(manifest)
    if "removed_by_site_template" not in view:
        view["removed_by_site_template"] = site_template_removals(articles)
    counts = summary.counts_line(manifest)
    ids: dict[str, UUID | None] = {}
    if card is not None:  # first, so that the summary can link to this very artifact
        ids[CARD_KEY] = _attempt(
            CARD_KEY,
            lambda: create_markdown_artifact(
                key=CARD_KEY,
                markdown=card.read_text(encoding="utf-8"),
                description=f"Dataset card, written to {card.resolve()}",
            ),
        )
    ids[SUMMARY_KEY] = _attempt(
        SUMMARY_KEY,
        lambda: create_markdown_artifact(
            key=SUMMARY_KEY,
            markdown=summary.summary_markdown(
                view,
                card=str(card.resolve()) if card else None,
                card_artifact=ids.get(CARD_KEY),
            ),
            description=counts,
        ),
    )
    ids[QUARANTINE_KEY] = _attempt(
        QUARANTINE_KEY,
        lambda: create_table_artifact(
            key=QUARANTINE_KEY,
            table=quarantine_table(quarantined),
            description=f"{len(quarantined)} inputs quarantined in run {run_id}, with reasons",
        ),
    )
    ids[SAMPLE_KEY] = _attempt(
        SAMPLE_KEY,
        lambda: create_markdown_artifact(
            key=SAMPLE_KEY,
            markdown=sample_markdown(sample),
            description="Before/after cleaning: removed lines struck through, rule named",
        ),
    )
    if progress is not None:
        progress.finish(f"run finished: {counts}")
    _logger().info("published artifacts %s; dataset card %s", ", ".join(ids), card)
    return ids
