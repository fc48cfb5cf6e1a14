"""The clean-corpus flow under a real (test) Prefect API: dataset written, artifact published."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from tests.conftest import SAMPLE_CORPUS


def test_flow_writes_dataset_and_publishes_summary_artifact(prefect_api, tmp_path: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.clean_corpus import SUMMARY_KEY, clean_corpus

    output = tmp_path / "dataset"
    manifest = clean_corpus(input_dir=str(SAMPLE_CORPUS), output=str(output), shard_size=8)

    on_disk = json.loads((output / "manifest.json").read_text())
    assert on_disk == manifest
    counts = manifest["counts"]
    assert counts["balanced"] is True
    assert counts["articles"] > 0 and counts["duplicates"] > 0 and counts["quarantined"] > 0
    assert pq.read_table(output / "articles").num_rows == counts["articles"]

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[SUMMARY_KEY]))
        )
    assert artifacts, "summary artifact missing"
    latest = max(artifacts, key=lambda a: a.created)
    assert latest.type == "markdown"
    assert manifest["run_id"] in latest.data
    assert f"| {counts['inputs']} | {counts['articles']} | {counts['duplicates']} |" in latest.data
