"""The whole pipeline without Prefect, on the bundled sample corpus and on the shared seeds."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from corpus.config import RunConfig
from corpus.language import CONFIRMS
from corpus.pipeline import RunResult, run_pipeline
from corpus.schema import TABLES
from corpus.writer import read_table
from tests.conftest import PROJECT, SAMPLE_CORPUS


def _sample_spec():
    spec = importlib.util.spec_from_file_location(
        "build_sample_corpus", PROJECT / "scripts" / "build_sample_corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SPEC = _sample_spec()


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory) -> RunResult:
    output = tmp_path_factory.mktemp("dataset")
    return run_pipeline(RunConfig(input_dir=SAMPLE_CORPUS, output=output, shard_size=7))


def _rows(run: RunResult, table: str) -> list[dict]:
    return read_table(run.output, table).to_pylist()


def test_every_input_unit_ends_in_exactly_one_table(sample_run: RunResult) -> None:
    counts = sample_run.counts
    assert counts["inputs"] == SPEC.EXPECTED["units"]
    assert counts["inputs"] == counts["articles"] + counts["duplicates"] + counts["quarantined"]
    assert counts["balanced"] is True
    paths = [r["source_path"] for t in TABLES for r in _rows(sample_run, t)]
    assert sorted(paths) == sorted(SPEC.OUTCOMES)


def test_each_unit_has_its_designed_outcome(sample_run: RunResult) -> None:
    outcome = {r["source_path"]: "article" for r in _rows(sample_run, "articles")}
    articles = {r["doc_id"]: r["source_path"] for r in _rows(sample_run, "articles")}
    for row in _rows(sample_run, "duplicates"):
        outcome[row["source_path"]] = f"duplicate:{articles[row['duplicate_of']]}"
    for row in _rows(sample_run, "quarantine"):
        outcome[row["source_path"]] = f"quarantine:{row['reason']}"
    assert outcome == SPEC.OUTCOMES


def test_tables_have_the_published_schema(sample_run: RunResult) -> None:
    for name, schema in TABLES.items():
        (part,) = sorted((sample_run.output / name).glob("run_date=*/part-*.parquet"))
        assert part.name == f"part-{sample_run.run_id}.parquet"
        assert pq.read_schema(part).equals(schema)


def test_manifest_records_run_parameters_and_versions(sample_run: RunResult) -> None:
    manifest = json.loads((sample_run.output / "manifest.json").read_text())
    assert manifest["run_id"] == sample_run.run_id
    assert manifest["schema_version"] == "2.0"
    assert manifest["parameters"]["languages"] == ["en"]
    assert {"trafilatura", "datasketch", "langdetect", "prefect"} <= set(
        manifest["library_versions"]
    )
    assert manifest["quarantine_by_reason"] == SPEC.EXPECTED["quarantined_reasons"]
    assert sum(manifest["removed_by_rule"].values()) == sum(
        len(a["removed"]) for a in _rows(sample_run, "articles")
    )


def test_articles_are_clean_and_audited(sample_run: RunResult) -> None:
    articles = {a["source_path"]: a for a in _rows(sample_run, "articles")}
    for article in articles.values():
        # the `auto` identifier: fastText's probability where it confirmed English (>= 0.5),
        # langdetect's (> 0.9 on these articles) where it decided
        assert article["language"] == "en" and article["language_prob"] >= CONFIRMS
        assert "\n\n\n" not in article["text"] and article["text"] == article["text"].strip()
        assert article["word_count"] >= 15
        assert len(article["doc_id"]) == 16 and article["content_sha256"].startswith(
            article["doc_id"]
        )
        for removal in article["removed"]:
            assert removal["text"] not in article["text"].split("\n\n")
    ferry = articles["harbourtown-herald/2026-03-03-ferry-terminal-vote.txt"]
    assert ferry["author"] == "Marta Quell" and ferry["published"] == "2026-03-03"
    assert {"reader_poll", "author_bio", "correction_box"} <= {r["rule"] for r in ferry["removed"]}
    html = articles["harbourtown-herald/2026-03-11-lighthouse-appeal.html"]
    assert html["input_format"] == "html" and html["url"].startswith("https://")
    assert articles["harbourtown-herald/2026-03-12-bakery-award.txt"]["encoding"] == "cp1252"
    assert articles["valley-ledger/2026-03-04-clinic-opens.txt"]["encoding"].startswith("utf-16")
    assert "donâ€™t" not in articles["harbourtown-herald/2026-03-10-library-reopens.txt"]["text"]
    dredging = articles["metro-wire/2026-03-17-port-dredging-ruling.txt"]["text"]
    assert ".The " not in dredging and "U.S." in dredging and "3.5" in dredging


def test_storm_stories_from_two_outlets_are_not_merged(sample_run: RunResult) -> None:
    kept = {a["source_path"] for a in _rows(sample_run, "articles")}
    for a, b in SPEC.DISTINCT_PAIRS:
        assert a in kept and b in kept


def test_duplicates_point_at_the_earliest_published_copy(sample_run: RunResult) -> None:
    articles = {a["doc_id"]: a for a in _rows(sample_run, "articles")}
    for dup in _rows(sample_run, "duplicates"):
        original = articles[dup["duplicate_of"]]
        assert dup["duplicate_of_path"] == original["source_path"]
        assert original["published"] <= dup["published"]
        assert 0.0 < dup["similarity"] <= 1.0


def test_languages_all_keeps_the_german_article(tmp_path: Path) -> None:
    src = tmp_path / "in" / "valley-ledger"
    src.mkdir(parents=True)
    shutil.copy(SAMPLE_CORPUS / "valley-ledger/2026-03-06-partnerstadt-kellerbach.txt", src)
    run = run_pipeline(
        RunConfig(input_dir=tmp_path / "in", output=tmp_path / "out", languages="all")
    )
    (article,) = _rows(run, "articles")
    assert article["language"] == "de"


def test_seeds_become_two_articles_not_duplicates(seeds_dir: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "seeds"
    inputs.mkdir()
    for seed in seeds_dir.glob("*.txt"):
        shutil.copy(seed, inputs)
    run = run_pipeline(RunConfig(input_dir=inputs, output=tmp_path / "out"))
    assert run.counts["articles"] == 2 and run.counts["duplicates"] == 0
    articles = {Path(a["source_path"]).stem: a for a in _rows(run, "articles")}
    for name, article in articles.items():
        expected = json.loads((seeds_dir / "expected" / f"{name}.json").read_text())
        body = "\n\n".join(expected["body_paragraphs"])
        for edit in expected.get("normalization", []):
            body = body.replace(edit["before"], edit["after"])
        assert article["text"] == body
        assert article["title"] == expected["title"]
        assert article["author"] == expected["author"]
        assert article["language"] == expected["language"]
        assert [(r["line"], r["text"], r["rule"]) for r in article["removed"]] == [
            (r["line"], r["text"], r["kind"]) for r in expected["removed"]
        ]


def test_a_cleaner_crash_costs_one_document_not_the_run(tmp_path: Path, monkeypatch) -> None:
    import corpus.pipeline as pipeline

    src = tmp_path / "in" / "site"
    src.mkdir(parents=True)
    shutil.copy(SAMPLE_CORPUS / "valley-ledger/2026-02-27-water-rates.txt", src / "a.txt")
    shutil.copy(SAMPLE_CORPUS / "metro-wire/2026-03-10-transit-weekend-fare-cap.txt", src / "b.txt")
    real = pipeline.clean_document

    def flaky(text, *args, **kwargs):
        if "Brackenford" in text:
            raise RuntimeError("boom")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(pipeline, "clean_document", flaky)
    run = run_pipeline(RunConfig(input_dir=tmp_path / "in", output=tmp_path / "out"))
    assert run.counts["articles"] == 1
    (row,) = _rows(run, "quarantine")
    assert row["reason"] == "processing_error" and "boom" in row["detail"]


def test_a_signature_crash_costs_one_document_not_the_run(tmp_path: Path, monkeypatch) -> None:
    """A shard's fingerprints are made at once; if that fails, each text is tried alone and
    only the one that fails by itself is quarantined."""
    import corpus.pipeline as pipeline

    src = tmp_path / "in" / "site"
    src.mkdir(parents=True)
    shutil.copy(SAMPLE_CORPUS / "valley-ledger/2026-02-27-water-rates.txt", src / "a.txt")
    shutil.copy(SAMPLE_CORPUS / "metro-wire/2026-03-10-transit-weekend-fare-cap.txt", src / "b.txt")
    real = pipeline.fingerprint

    def batch_fails(texts, params):
        raise MemoryError("batch")

    def one_fails(text, params):
        if "Brackenford" in text:
            raise RuntimeError("boom")
        return real(text, params)

    monkeypatch.setattr(pipeline, "fingerprints", batch_fails)
    monkeypatch.setattr(pipeline, "fingerprint", one_fails)
    run = run_pipeline(RunConfig(input_dir=tmp_path / "in", output=tmp_path / "out"))
    assert run.counts["articles"] == 1 and run.counts["balanced"]
    (row,) = _rows(run, "quarantine")
    assert row["reason"] == "processing_error" and "signature failed" in row["detail"]
    assert "boom" in row["detail"]


def test_empty_input_folder_gives_an_empty_balanced_dataset(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    run = run_pipeline(RunConfig(input_dir=tmp_path / "in", output=tmp_path / "out"))
    assert run.counts == {
        "input_files": 0,
        "skipped_known": 0,
        "new_files": 0,
        "inputs": 0,
        "articles": 0,
        "duplicates": 0,
        "quarantined": 0,
        "balanced": True,
    }
    assert all(read_table(tmp_path / "out", t).num_rows == 0 for t in TABLES)


def test_line_counts_are_summed_per_site_and_line_in_key_order() -> None:
    """`_sum_line_counts` (numpy) against a dictionary sum: several shards' tables with lines
    in common, an empty table, sites whose byte order differs from a naive one, and 64-bit
    hashes of both signs."""
    import numpy as np
    import pyarrow as pa

    from corpus.pipeline import LINE_COUNTS, _sum_line_counts

    rng = np.random.default_rng(3)
    sites = ["b-site", "a-site", "ä-site", "Z", "a", "été"]
    tables = [LINE_COUNTS.empty_table()]
    for _ in range(6):
        hashes = rng.integers(-(2**63), 2**63 - 1, 800, dtype=np.int64)
        hashes[:400] = rng.integers(-50, 50, 400)  # lines that other shards have too
        site = rng.choice(sites, 800)
        table = pa.table([site, hashes, rng.integers(1, 5, 800)], schema=LINE_COUNTS)
        table = table.group_by(["site", "hash"]).aggregate([("pages", "sum")])
        tables.append(table.rename_columns(LINE_COUNTS.names).cast(LINE_COUNTS))
    expected: dict[tuple[str, int], int] = {}
    for table in tables:
        for row in table.to_pylist():
            key = (row["site"], row["hash"])
            expected[key] = expected.get(key, 0) + row["pages"]
    summed = _sum_line_counts(tables)
    assert summed.schema == LINE_COUNTS
    got = [(r["site"], r["hash"], r["pages"]) for r in summed.to_pylist()]
    order = sorted(expected, key=lambda key: (key[0].encode("utf-8"), key[1]))
    assert got == [(*key, expected[key]) for key in order]
    assert len(got) < sum(t.num_rows for t in tables)  # lines were shared: rows were added up
    assert _sum_line_counts([LINE_COUNTS.empty_table()]).num_rows == 0
