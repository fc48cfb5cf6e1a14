"""Runs build on each other: the ledger, the cross-run near-duplicate index, learned templates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corpus.config import RunConfig
from corpus.pipeline import file_sha256, plan_shards, run_pipeline
from corpus.site_templates import TemplateParams
from corpus.state import DatasetState
from corpus.writer import read_table
from tests.conftest import SAMPLE_CORPUS

FERRY = "harbourtown-herald/2026-03-03-ferry-terminal-vote.txt"
FERRY_REPRINT = "metro-wire/2026-03-04-harbourtown-ferry-reprint.txt"
PEACH = "valley-ledger/2026-03-02-peach-freeze.txt"
PEACH_REPRINT = "metro-wire/2026-03-16-peach-freeze-reprint.txt"
WATER = "valley-ledger/2026-02-27-water-rates.txt"


def _drop(inbox: Path, *names: str) -> None:
    for name in names:
        target = inbox / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE_CORPUS / name, target)


def _rows(output: Path, table: str) -> list[dict]:
    return read_table(output, table).to_pylist()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    path = tmp_path / "inbox"
    path.mkdir()
    return path


def test_a_rerun_on_the_same_files_adds_nothing(inbox: Path, tmp_path: Path) -> None:
    _drop(inbox, WATER, PEACH)
    cfg = RunConfig(input_dir=inbox, output=tmp_path / "out")
    first = run_pipeline(cfg)
    second = run_pipeline(cfg)
    assert first.counts["articles"] == 2
    assert second.counts == {**second.counts, "inputs": 0, "skipped_known": 2, "new_files": 0}
    assert len(_rows(cfg.output, "articles")) == 2
    assert [r["run_id"] for r in second.manifest["runs"]] == [first.run_id, second.run_id]
    assert second.manifest["totals"]["articles"] == 2


def test_only_paths_seen_before_are_hashed_when_planning(inbox: Path, tmp_path: Path) -> None:
    """A new path is new whatever its bytes: the read stage hashes it (in the workers), and
    the ledger gets the same hash the planner would have computed."""
    _drop(inbox, WATER, PEACH)
    cfg = RunConfig(input_dir=inbox, output=tmp_path / "out")
    first = plan_shards(cfg, tmp_path)
    assert [sha for shard in first.shards for _, sha, _ in shard.inputs] == [None, None]
    run_pipeline(cfg)
    with DatasetState(cfg.output) as state:
        known = state.known_inputs()
    assert known == {(rel, file_sha256(inbox / rel)) for rel in (WATER, PEACH)}
    (inbox / WATER).write_text((inbox / WATER).read_text() + "\nA late correction.\n")
    _drop(inbox, FERRY)
    later = plan_shards(cfg, tmp_path, known)
    assert later.skipped_known == 1  # PEACH, unchanged
    planned = {rel: sha for shard in later.shards for rel, sha, _ in shard.inputs}
    assert planned == {FERRY: None, WATER: file_sha256(inbox / WATER)}


def test_a_changed_file_is_processed_again(inbox: Path, tmp_path: Path) -> None:
    _drop(inbox, WATER)
    cfg = RunConfig(input_dir=inbox, output=tmp_path / "out")
    run_pipeline(cfg)
    path = inbox / WATER
    path.write_text(path.read_text() + "\nThe utility will publish the new tariff on Monday.\n")
    second = run_pipeline(cfg)
    assert second.counts["inputs"] == 1
    # the new version copies the old one: it is recorded as its duplicate, not a second article
    (dup,) = _rows(cfg.output, "duplicates")
    (original,) = _rows(cfg.output, "articles")
    assert dup["duplicate_of"] == original["doc_id"] and dup["source_path"] == WATER


def test_a_reprint_in_a_later_run_points_at_the_article_kept_earlier(
    inbox: Path, tmp_path: Path
) -> None:
    _drop(inbox, FERRY, PEACH)
    cfg = RunConfig(input_dir=inbox, output=tmp_path / "out")
    first = run_pipeline(cfg)
    _drop(inbox, FERRY_REPRINT, PEACH_REPRINT, WATER)
    second = run_pipeline(cfg)
    assert second.counts["inputs"] == 3
    assert second.counts["articles"] == 1 and second.counts["duplicates"] == 2
    kept = {a["source_path"]: a for a in _rows(cfg.output, "articles")}
    assert {a["run_id"] for a in kept.values() if a["source_path"] != WATER} == {first.run_id}
    duplicates = {d["source_path"]: d for d in _rows(cfg.output, "duplicates")}
    for reprint, original in ((FERRY_REPRINT, FERRY), (PEACH_REPRINT, PEACH)):
        assert duplicates[reprint]["duplicate_of"] == kept[original]["doc_id"]
        assert duplicates[reprint]["duplicate_of_path"] == original
        assert duplicates[reprint]["run_id"] == second.run_id


def test_a_dataset_begun_with_version_1_signatures_keeps_them(inbox: Path, tmp_path: Path) -> None:
    """A dataset whose first runs stored version 1 signatures goes on matching against them: a
    later run with default settings (version 2) takes the dataset's version over."""
    _drop(inbox, FERRY, PEACH)
    old = RunConfig.model_validate(
        {"input_dir": inbox, "output": tmp_path / "out", "dedup": {"signature_version": 1}}
    )
    run_pipeline(old)
    _drop(inbox, FERRY_REPRINT, PEACH_REPRINT, WATER)
    second = run_pipeline(RunConfig(input_dir=inbox, output=tmp_path / "out"))
    assert second.counts["articles"] == 1 and second.counts["duplicates"] == 2
    with DatasetState(tmp_path / "out") as state:
        assert state.scheme()["minhash_scheme"] == "oph-densified-v1"
    fresh = run_pipeline(RunConfig(input_dir=inbox, output=tmp_path / "fresh"))
    with DatasetState(tmp_path / "fresh") as state:
        assert state.scheme()["minhash_scheme"] == "oph-sorted-bins-v2"
    assert fresh.counts["articles"] == 3 and fresh.counts["duplicates"] == 2


def test_two_runs_find_the_same_duplicates_as_one_run(inbox: Path, tmp_path: Path) -> None:
    _drop(inbox, FERRY, PEACH, WATER)
    split = RunConfig(input_dir=inbox, output=tmp_path / "split")
    run_pipeline(split)
    _drop(inbox, FERRY_REPRINT, PEACH_REPRINT)
    run_pipeline(split)
    whole = run_pipeline(RunConfig(input_dir=inbox, output=tmp_path / "whole"))
    for table in ("articles", "duplicates"):
        paths = {r["source_path"] for r in _rows(split.output, table)}
        assert paths == {r["source_path"] for r in _rows(whole.output, table)}


def _site_template_removals(output: Path, source_path: str) -> list[str]:
    (article,) = [a for a in _rows(output, "articles") if a["source_path"] == source_path]
    return [r["text"] for r in article["removed"] if r["rule"] == "site_template"]


def test_learned_templates_serve_a_later_run_with_one_new_page(inbox: Path, tmp_path: Path) -> None:
    site = sorted(p.name for p in (SAMPLE_CORPUS / "harbourtown-herald").glob("*.txt"))
    later = "harbourtown-herald/2026-03-12-bakery-award.txt"
    earlier = [f"harbourtown-herald/{n}" for n in site if f"harbourtown-herald/{n}" != later]
    # alone, the page cannot tell its site's furniture from its story
    _drop(inbox, later)
    alone = run_pipeline(RunConfig(input_dir=inbox, output=tmp_path / "alone"))
    assert _site_template_removals(alone.output, later) == []
    # after a run over the site's other pages, the same page alone is cleaned with their template
    shutil.rmtree(inbox)
    inbox.mkdir()
    _drop(inbox, *earlier)
    cfg = RunConfig(input_dir=inbox, output=tmp_path / "out")
    first = run_pipeline(cfg)
    assert first.manifest["site_templates"]["harbourtown-herald"]["template_lines"] > 0
    _drop(inbox, later)
    second = run_pipeline(cfg)
    assert second.counts["inputs"] == 1
    # its related-story line was on 2 pages of run 1 and is on this one: 3 pages, template
    removed = _site_template_removals(cfg.output, later)
    assert removed == ["Seafront Cafés Brace for Busy Easter Weekend"]
    assert second.manifest["removed_by_site_template"] == {"harbourtown-herald": 1}


def test_allow_listed_phrases_are_never_template(inbox: Path, tmp_path: Path) -> None:
    site = SAMPLE_CORPUS / "harbourtown-herald"
    _drop(inbox, *(f"harbourtown-herald/{p.name}" for p in site.glob("*.txt")))
    plain = run_pipeline(RunConfig(input_dir=inbox, output=tmp_path / "plain"))
    removed = [
        r["text"]
        for a in _rows(plain.output, "articles")
        for r in a["removed"]
        if r["rule"] == "site_template"
    ]
    assert removed
    keep = removed[0]
    allowed = run_pipeline(
        RunConfig(
            input_dir=inbox,
            output=tmp_path / "allowed",
            templates=TemplateParams(keep=(keep.upper(),)),
        )
    )
    texts = [a["text"] for a in _rows(allowed.output, "articles")]
    assert any(keep in text for text in texts)
    kept_removals = [
        r["text"]
        for a in _rows(allowed.output, "articles")
        for r in a["removed"]
        if r["rule"] == "site_template"
    ]
    assert keep not in kept_removals and len(kept_removals) < len(removed)


def test_state_refuses_signatures_of_another_scheme(inbox: Path, tmp_path: Path) -> None:
    _drop(inbox, WATER)
    run_pipeline(RunConfig(input_dir=inbox, output=tmp_path / "out"))
    _drop(inbox, PEACH)
    cfg = RunConfig.model_validate(
        {"input_dir": inbox, "output": tmp_path / "out", "dedup": {"shingle_size": 5}}
    )
    with pytest.raises(RuntimeError, match="do not compare"):
        run_pipeline(cfg)
    with DatasetState(tmp_path / "out") as state:
        assert len(state.run_ids()) == 1
    assert not list((tmp_path / "out").glob(".work-*"))


BODY = (
    "The county library reopened its reading room on Monday after a six-month refit that "
    "replaced the roof, the heating and most of the shelving.\n\n"
    "Staff said the number of visitors on the first morning was twice the usual figure, and "
    "the children's corner was full before ten o'clock.\n\n"
    "The refit was paid for by a heritage grant and by a local appeal that raised a third of "
    "the cost in under a year."
)
HEADLINE = "Harbour pilots seek a new launch after engine failure"


def test_a_later_page_linking_an_earlier_articles_headline_loses_that_line(
    inbox: Path, tmp_path: Path
) -> None:
    (inbox / "herald").mkdir()
    (inbox / "herald" / "pilots.txt").write_text(
        HEADLINE + "\n\nThe harbour's pilots have asked the port board for a new launch after the "
        "engine of their only boat failed twice in a week, leaving two cargo ships waiting "
        "outside the breakwater overnight.\n\nThe board will consider the request at its "
        "meeting next month; a replacement would take at least a year to build."
    )
    cfg = RunConfig(input_dir=inbox, output=tmp_path / "out")
    run_pipeline(cfg)
    (inbox / "courier").mkdir()
    paragraphs = BODY.split("\n\n")
    (inbox / "courier" / "library.txt").write_text(
        "\n\n".join(["Library Reopens After Refit", paragraphs[0], HEADLINE, *paragraphs[1:]])
    )
    second = run_pipeline(cfg)
    assert second.manifest["removed_by_rule"].get("other_title") == 1
    (article,) = [a for a in _rows(cfg.output, "articles") if a["site"] == "courier"]
    assert HEADLINE not in article["text"]
    assert article["title"] == "Library Reopens After Refit"
