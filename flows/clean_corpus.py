"""The `clean-corpus` flow: the core pipeline with Prefect tasks, logs and a summary artifact."""

from __future__ import annotations

from pathlib import Path

from prefect import flow

from corpus.config import RunConfig
from corpus.pipeline import run_pipeline
from flows.artifacts import SUMMARY_KEY as SUMMARY_KEY
from flows.artifacts import publish_run_artifacts
from flows.executor import PrefectExecutor, flow_run_namer
from flows.runners import build_task_runner, pinned_api_url, shard_pool


@flow(
    name="clean-corpus",
    flow_run_name=flow_run_namer("clean-corpus"),  # clean-corpus/<UTC minute> inbox=<name>
    log_prints=True,
)
def clean_corpus(
    input_dir: str,
    output: str = "outputs",
    languages: str = "en",
    dataset_name: str = "newshygiene",
    shard_size: int | None = None,
    index: str | None = None,
    runner: str = "process",
    workers: int | None = None,
    dask_address: str | None = None,
    language_backend: str = "auto",
    extraction: str | None = None,
) -> dict:
    """Raw scraped files under `input_dir` → clean, deduplicated Parquet dataset in `output`.

    `languages` is a comma-separated list of ISO 639-1 codes to keep, or "all". Each run
    processes only files it has not seen (by path and content hash) and appends to the dataset.
    `index` is a ``redis://`` URL of a near-duplicate index shared by several workers; by
    default the dataset's own state folder holds it (or NEWSHYGIENE_INDEX if set).

    Where the per-shard tasks run: `runner` "process" (a pool of `workers` processes, default
    one per CPU core), "thread", or "dask" (a local cluster of `workers` processes, or the
    existing cluster at `dask_address`, which implies "dask"). Dedup and publish always run
    in this flow's process. `language_backend` is "auto", "langdetect" or "fasttext"; `extraction`
    "accurate" or "fast" (None: NEWSHYGIENE_EXTRACTION, else accurate).
    Returns the manifest (the run's counts, every run, parameters, versions).
    """
    cfg = RunConfig(
        input_dir=Path(input_dir),
        output=Path(output),
        languages=languages,
        dataset_name=dataset_name,
        shard_size=shard_size,
        workers=workers,
        language_backend=language_backend,
        **({"index": index} if index else {}),
        **({"extraction": extraction} if extraction else {}),
    )
    task_runner = build_task_runner(runner, cfg.worker_count, dask_address)
    with (
        pinned_api_url(),
        shard_pool(runner, cfg.worker_count, dask_address) as pool,
        task_runner,
    ):
        executor = PrefectExecutor(task_runner=task_runner, pool=pool)
        result = run_pipeline(cfg, executor=executor)
    publish_run_artifacts(result.manifest, cfg.output, executor.progress)
    return result.manifest


if __name__ == "__main__":
    import sys

    clean_corpus(sys.argv[1] if len(sys.argv) > 1 else "sample_corpus")
