"""The dataset card: rendered from a real run's manifest, for both manifest shapes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corpus.config import RunConfig
from corpus.dataset_card import CARD_NAME, render_dataset_card, write_dataset_card
from corpus.pipeline import run_pipeline
from corpus.schema import TABLES
from tests.conftest import SAMPLE_CORPUS


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The manifest of a real run on the sample corpus (no Prefect)."""
    output = tmp_path_factory.mktemp("card") / "dataset"
    run_pipeline(RunConfig(input_dir=SAMPLE_CORPUS, output=output, shard_size=8))
    return json.loads((output / "manifest.json").read_text())


def _row(card: str, first_cell: str) -> list[str]:
    """The cells of the markdown table row that starts with `first_cell`."""
    for line in card.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] == first_cell:
            return cells
    raise AssertionError(f"no table row starting with {first_cell!r}")


def test_card_states_counts_runs_parameters_and_schema(manifest: dict[str, Any]) -> None:
    card = render_dataset_card(manifest)
    counts = manifest["counts"]
    expected = [str(counts[c]) for c in ("inputs", "articles", "duplicates", "quarantined")]

    assert card.startswith(f"# Dataset card: {manifest['dataset']}")
    assert _row(card, f"last run `{manifest['run_id']}`")[2:] == expected
    totals = manifest.get("totals") or counts
    assert _row(card, "whole dataset")[2:] == [
        str(totals[c]) for c in ("inputs", "articles", "duplicates", "quarantined")
    ]
    run_row = _row(card, f"`{manifest['run_id']}`")
    assert run_row[-4:] == expected
    assert _row(card, "`shard_size`")[1] == "8"
    assert _row(card, "`languages`")[1] == "en"
    for name, schema in TABLES.items():
        assert f"### `{name}/`" in card
        for field in schema:
            assert _row(card, f"`{field.name}`")[1] == f"`{field.type}`"
    reasons = card.split("### Quarantine reasons")[1].split("##")[0]
    for reason, n in manifest["quarantine_by_reason"].items():
        assert _row(reasons, reason)[1] == str(n)


def test_card_of_a_one_run_manifest_without_runs_or_totals(manifest: dict[str, Any]) -> None:
    """The schema-1.0 shape (each run replaced the dataset) renders the same numbers."""
    legacy = {k: v for k, v in manifest.items() if k not in {"runs", "totals", "layout"}}
    card = render_dataset_card(legacy)
    counts = [str(manifest["counts"][c]) for c in ("inputs", "articles", "duplicates")]
    assert _row(card, "whole dataset")[1:5] == ["1", *counts]
    assert _row(card, f"`{manifest['run_id']}`")[-4:-1] == counts
    assert "run_date" not in card.split("## Schema")[1]  # no partition column without layout


def test_card_of_an_almost_empty_manifest_does_not_fail() -> None:
    card = render_dataset_card({})
    assert "# Dataset card: newshygiene" in card and "## Schema" in card


def test_write_dataset_card_replaces_the_card_atomically(
    manifest: dict[str, Any], tmp_path: Path
) -> None:
    path = write_dataset_card(tmp_path, {**manifest, "run_id": "first"})
    assert path == tmp_path / CARD_NAME
    assert "`first`" in path.read_text()
    assert write_dataset_card(tmp_path, manifest) == path
    assert path.read_text(encoding="utf-8") == render_dataset_card(manifest)
    assert sorted(p.name for p in tmp_path.iterdir()) == [CARD_NAME]  # no temporary left
