"""Per-stage timings in the manifest (`corpus.timing`): what `newshygiene bench` reads."""

from __future__ import annotations

from pathlib import Path

from corpus.config import RunConfig
from corpus.pipeline import SerialExecutor, run_pipeline
from corpus.timing import STAGES, StageClock, merge, summary
from tests.conftest import SAMPLE_CORPUS


def test_clock_merges_seconds_documents_and_peak_memory() -> None:
    a, b = StageClock(), StageClock()
    with a.time("clean", documents=3):
        pass
    b.seconds["clean"], b.documents["clean"] = 2.0, 5
    a.mark_memory("clean")
    b.peak_rss_mb["clean"] = 1.0
    total = merge([a.as_dict(), b.as_dict()])
    assert total.documents["clean"] == 8 and total.seconds["clean"] >= 2.0
    assert total.peak_rss_mb["clean"] == a.peak_rss_mb["clean"] > 1.0
    report = summary(total, wall_seconds=4.0, workers=2)
    assert report["docs_per_second"]["clean"] <= 4.0
    assert set(report["stage_seconds"]) == set(STAGES)


def test_manifest_reports_every_stage_of_a_real_run(tmp_path: Path) -> None:
    cfg = RunConfig(input_dir=SAMPLE_CORPUS, output=tmp_path / "out")
    manifest = run_pipeline(cfg, SerialExecutor()).manifest
    timings = manifest["timings"]
    docs, seconds = timings["documents"], timings["stage_seconds"]
    counts = manifest["counts"]
    assert docs["read"] == docs["write"] == counts["inputs"] == 37
    assert docs["extract"] == 10  # the HTML pages and WARC responses of the sample
    assert docs["clean"] == docs["normalize"] > docs["language"] >= counts["articles"]
    assert docs["signatures"] == docs["lsh"] == counts["articles"] + counts["duplicates"]
    assert all(seconds[s] > 0 for s in ("read", "extract", "clean", "language", "signatures"))
    assert 0 < sum(seconds.values()) <= timings["wall_seconds"]
    assert set(timings["peak_rss_mb"]) == {"read", "clean", "lsh", "write"}
    # 28 files (37 units: WARC and JSONL files hold several), cut automatically into batches of 20
    assert (timings["batches"], timings["batch_size"]) == (2, 20)
