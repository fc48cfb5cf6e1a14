from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corpus.audit import NotFound, annotate, find_record, input_dir_of, source_lines
from corpus.config import RunConfig
from corpus.pipeline import RunResult, run_pipeline
from tests.conftest import SAMPLE_CORPUS

STORM = "harbourtown-herald/2026-03-08-promenade-storm.txt"
JSONL = "feeds/export-2026-03-a.jsonl"
HTML = "metro-wire/2026-03-13-data-center-water.html"


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> RunResult:
    root = tmp_path_factory.mktemp("audit")
    for name in (STORM, JSONL, HTML):
        (root / "in" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE_CORPUS / name, root / "in" / name)
    return run_pipeline(RunConfig(input_dir=root / "in", output=root / "out"))


def test_every_removal_lines_up_with_the_text_the_cleaner_saw(run: RunResult) -> None:
    input_dir = input_dir_of(run.output, run.run_id)
    assert input_dir is not None
    for source in (STORM, HTML):
        record = find_record(run.output, source)
        lines = source_lines(input_dir, source)
        assert lines is not None and record.row["removed"]
        for removal in record.row["removed"]:
            assert lines[removal["line"] - 1].strip() == removal["text"]


def test_a_jsonl_unit_is_rebuilt_from_its_own_line(run: RunResult) -> None:
    record = next(
        r
        for r in (find_record(run.output, f"{JSONL}#L{n}") for n in (1, 2, 3))
        if r.table == "articles"
    )
    lines = source_lines(input_dir_of(run.output, run.run_id), record.row["source_path"])
    kept = [line.text for line in annotate(lines, record.row["removed"]) if line.rule is None]
    assert record.row["text"].split("\n\n")[0].startswith(kept[0][:30])


def test_records_are_found_by_doc_id_prefix(run: RunResult) -> None:
    article = find_record(run.output, STORM).row
    assert find_record(run.output, article["doc_id"][:8]).row["source_path"] == STORM
    with pytest.raises(NotFound):
        find_record(run.output, "no/such/file.txt")


def test_without_the_source_only_removed_lines_are_listed() -> None:
    removed = [{"rule": "share", "line": 4, "text": "Share this story"}]
    assert [(a.number, a.rule) for a in annotate(None, removed)] == [(4, "share")]
    lines = ["Title", "", "Body sentence.", "Share this story"]
    assert [(a.number, a.rule) for a in annotate(lines, removed)] == [
        (1, None),
        (3, None),
        (4, "share"),
    ]


def test_a_moved_input_folder_gives_no_source(run: RunResult, tmp_path: Path) -> None:
    assert source_lines(tmp_path, STORM) is None
