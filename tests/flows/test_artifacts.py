"""What a clean-corpus run shows in Prefect: run and task names, logs, artifacts, retries.

Runs the real flow and probe flows under the session's Prefect test API and reads back what
the UI would show (artifacts, task runs, logs) through the Prefect client.
"""

from __future__ import annotations

import errno
import json
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from cleaners.document import clean_document
from cleaners.lines import split_lines
from flows.artifacts import interleave, pick_sample
from flows.executor import is_transient
from tests.conftest import SAMPLE_CORPUS

# --- pure pieces


def test_interleave_puts_removed_lines_back_where_they_stood() -> None:
    """On a blank-line separated page the reconstruction is the page itself, minus its title."""
    path = SAMPLE_CORPUS / "harbourtown-herald" / "2026-03-03-ferry-terminal-vote.txt"
    text = path.read_text(encoding="utf-8")
    result = clean_document(text)
    rows = interleave("\n\n".join(result.paragraphs), [asdict(r) for r in result.removed])

    lines, _ = split_lines(text)
    title_line = next(line.number for line in lines if line.text == result.title)
    expected = [(line.number, line.text) for line in lines if line.number != title_line]
    removed_at = {r.line: r.rule for r in result.removed}
    got = [(n, t) for n, text_, _ in rows for t in text_.split("\n")]
    assert [t for _, t in got] == [t for _, t in expected]
    assert all(rule == removed_at[n] for n, _, rule in rows if n is not None)
    assert len([r for r in rows if r[2]]) == len(result.removed) > 10


def test_sample_prefers_varied_cleaning_and_distinct_sites() -> None:
    def article(path: str, site: str, rules: list[str]) -> dict[str, Any]:
        removed = [{"rule": r, "line": i, "text": r} for i, r in enumerate(rules, 1)]
        return {"source_path": path, "site": site, "removed": removed, "text": "x"}

    articles = [
        article("a1", "a", ["nav", "share"]),
        article("a2", "a", ["nav", "share", "ad"]),
        article("b1", "b", ["nav"]),
        article("c1", "c", []),
    ]
    assert [a["source_path"] for a in pick_sample(articles, 2)] == ["a2", "b1"]
    assert [a["source_path"] for a in pick_sample(articles, 3)] == ["a2", "b1", "a1"]


@pytest.mark.parametrize(
    ("exc", "transient"),
    [
        (OSError(errno.EIO, "I/O error"), True),
        (TimeoutError("read timed out"), True),
        (ConnectionResetError(), True),
        (PermissionError(errno.EACCES, "denied"), False),
        (FileNotFoundError(errno.ENOENT, "gone"), False),
        (ValueError("bad input"), False),
        (None, False),
    ],
)
def test_only_io_errors_that_may_pass_count_as_transient(
    exc: BaseException | None, transient: bool
) -> None:
    assert is_transient(exc) is transient


# --- the real flow under the test API


def _artifacts_of(flow_run_id: UUID) -> dict[str, Any]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    return {artifact.key: artifact for artifact in found}


@pytest.fixture(scope="module")
def flow_run(prefect_api, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One real clean-corpus run on the sample corpus: its state, manifest and output folder."""
    from flows.clean_corpus import clean_corpus

    output = tmp_path_factory.mktemp("artifacts") / "dataset"
    state = clean_corpus(
        input_dir=str(SAMPLE_CORPUS), output=str(output), shard_size=8, return_state=True
    )
    assert state.is_completed(), state
    # Logs reach the API from a background worker in batches (the task runs' logs forwarded
    # from their worker processes): send what is still queued before tests read them.
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=30)
    return {
        "id": state.state_details.flow_run_id,
        "manifest": json.loads((output / "manifest.json").read_text()),
        "output": output,
    }


def test_run_publishes_every_artifact_under_a_stable_key(flow_run: dict[str, Any]) -> None:
    from flows.artifacts import CARD_KEY, QUARANTINE_KEY, SAMPLE_KEY, SUMMARY_KEY

    artifacts = _artifacts_of(flow_run["id"])
    manifest = flow_run["manifest"]
    counts = manifest["counts"]
    assert {key: a.type for key, a in artifacts.items()} == {
        SUMMARY_KEY: "markdown",
        QUARANTINE_KEY: "table",
        SAMPLE_KEY: "markdown",
        CARD_KEY: "markdown",
        "clean-corpus-progress": "progress",
    }

    summary = artifacts[SUMMARY_KEY]
    assert f"{counts['inputs']} inputs → {counts['articles']} articles" in summary.description
    row = f"| {counts['inputs']} | {counts['articles']} | {counts['duplicates']} | "
    assert row + f"{counts['quarantined']} | yes |" in summary.data
    for rule, n in manifest["removed_by_rule"].items():
        assert f"| {rule} | {n} |" in summary.data
    for reason, n in manifest["quarantine_by_reason"].items():
        assert f"| {reason} | {n} |" in summary.data
    assert "### Lines removed per site template" in summary.data
    for site, n in manifest.get("removed_by_site_template", {}).items():
        assert re.search(rf"\| {re.escape(site)} \| {n} \|", summary.data)

    table = json.loads(artifacts[QUARANTINE_KEY].data)
    assert len(table) == counts["quarantined"]
    reasons: dict[str, int] = {}
    for row_ in table:
        reasons[row_["reason"]] = reasons.get(row_["reason"], 0) + 1
        assert row_["source_path"] and row_["detail"]
    assert reasons == manifest["quarantine_by_reason"]

    sample = artifacts[SAMPLE_KEY].data
    assert sample.count("\n## ") == 3
    assert re.search(r"\| \d+ \| `[a-z_]+` \| ~~.+~~ \|", sample)

    card = flow_run["output"] / "DATASET_CARD.md"
    assert artifacts[CARD_KEY].data == card.read_text(encoding="utf-8")
    assert str(card.resolve()) in summary.data
    assert float(artifacts["clean-corpus-progress"].data) == 100.0


def test_run_and_task_names_and_batch_logs_say_what_happened(flow_run: dict[str, Any]) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterId,
        LogFilter,
        LogFilterFlowRunId,
    )

    with get_client(sync_client=True) as client:
        run = client.read_flow_run(flow_run["id"])
        tasks = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run["id"]]))
        )
        logs = client.read_logs(
            log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run["id"]]))
        )
    assert re.fullmatch(r"clean-corpus/\d{4}-\d\d-\d\dT\d\d:\d\d inbox=sample_corpus", run.name)
    names = {t.name for t in tasks}
    assert {"read-shard/batch-00000 (8 files)", "clean-shard/batch-00003 (4 files)"} <= names
    assert {"learn-site-templates/4 batches", "deduplicate/4 batches"} <= names
    assert f"publish/run-{flow_run['manifest']['run_id']}" in names

    by_task = {t.id: t.name for t in tasks}
    batch_logs = [
        log.message for log in logs if by_task.get(log.task_run_id, "").startswith("read-shard/")
    ]
    assert len([m for m in batch_logs if re.match(r"batch of \d+ files: \d+ units", m)]) == 4
    flow_logs = [log.message for log in logs if log.task_run_id is None]
    assert any(re.match(r"clean-shard/batch-\d{5} \(\d+ files\) done \(4/4", m) for m in flow_logs)


# --- retries


def _attempt(marker: Path) -> int:
    """Count one attempt in `marker` (a file, so the count survives Prefect's retries)."""
    with marker.open("a") as handle:
        handle.write("x")
    return len(marker.read_text())


def flaky_io(item: int, marker: str) -> int:
    """Fails the first attempt with EIO, like a network filesystem blip."""
    if _attempt(Path(marker) / f"io-{item}") == 1:
        raise OSError(errno.EIO, "Input/output error")
    return item * 10


def bad_input(item: int, marker: str) -> int:
    """Fails every attempt with a ValueError, like a bug on malformed data."""
    _attempt(Path(marker) / f"value-{item}")
    raise ValueError(f"cannot parse item {item}")


def test_transient_io_errors_are_retried_and_bad_input_is_not(prefect_api, tmp_path: Path) -> None:
    from prefect import flow

    from flows.executor import PrefectExecutor

    @flow(name="retry-probe")
    def probe(kind: str, marker: str) -> list[int]:
        stage = flaky_io if kind == "io" else bad_input
        return PrefectExecutor().map(stage, [1, 2], marker=marker)

    assert probe("io", str(tmp_path)) == [10, 20]
    assert (tmp_path / "io-1").read_text() == "xx"  # failed once, retried once
    assert (tmp_path / "io-2").read_text() == "xx"

    state = probe("value", str(tmp_path), return_state=True)
    assert state.is_failed()
    attempts = [p.read_text() for p in tmp_path.glob("value-*")]
    assert attempts and set(attempts) == {"x"}  # never retried


# --- progress


def test_progress_artifact_follows_batches_and_never_goes_back(prefect_api) -> None:
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterId

    from flows.artifacts import RunProgress

    @flow(name="progress-probe")
    def probe() -> tuple[list[float], UUID | None]:
        progress = RunProgress("progress-probe-progress", min_interval_s=0)
        seen = [
            progress.update("read_shard", 1, 2),
            progress.update("read_shard", 2, 2),
            progress.update("not_a_stage", 1, 1),  # unknown stages move nothing
            progress.update("read_shard", 1, 2),  # a late report never moves it back
            progress.update("clean_shard", 1, 2),
        ]
        return seen, progress.artifact_id

    seen, artifact_id = probe()
    assert seen == [17.5, 35.0, 35.0, 35.0, 62.5]  # read 35 + templates 5 + clean 45 / 2
    assert artifact_id is not None
    with get_client(sync_client=True) as client:
        artifact = client.read_artifacts(
            artifact_filter=ArtifactFilter(id=ArtifactFilterId(any_=[artifact_id]))
        )[0]
    assert artifact.key == "progress-probe-progress" and artifact.type == "progress"
    assert float(artifact.data) == 62.5
    assert artifact.description == "clean + normalize + language: 1/2 batches done"


def test_progress_artifact_updates_at_most_every_interval_but_always_at_stage_ends(
    prefect_api,
) -> None:
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterId

    from flows.artifacts import RunProgress

    now = [0.0]

    @flow(name="progress-throttle-probe")
    def probe() -> tuple[list[int], UUID | None]:
        progress = RunProgress("progress-throttle-probe-progress", clock=lambda: now[0])
        calls = []
        for done, at in ((1, 0.0), (2, 0.5), (3, 1.9), (4, 2.1), (5, 2.2)):
            now[0] = at
            progress.update("read_shard", done, 6)
            calls.append(progress.sent)
        progress.update("read_shard", 6, 6)  # a stage's last batch: sent at once
        calls.append(progress.sent)
        progress.update("clean_shard", 1, 4)  # 0.1 s later: counted, not sent
        calls.append(progress.sent)
        return calls, progress.artifact_id

    calls, artifact_id = probe()
    # sent: the first batch, the first one 2 s after it, and the stage's end
    assert calls == [1, 1, 1, 2, 2, 3, 3]
    with get_client(sync_client=True) as client:
        artifact = client.read_artifacts(
            artifact_filter=ArtifactFilter(id=ArtifactFilterId(any_=[artifact_id]))
        )[0]
    assert float(artifact.data) == 35.0
    assert artifact.description == "read + extract: 6/6 batches done"
