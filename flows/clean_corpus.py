"""The `clean-corpus` flow: the core pipeline with Prefect tasks, logs and a summary artifact."""

from __future__ import annotations

from pathlib import Path

from prefect import flow
from prefect.artifacts import create_markdown_artifact

from corpus.config import RunConfig
from corpus.pipeline import run_pipeline
from flows.executor import PrefectExecutor
from flows.summary import summary_markdown

SUMMARY_KEY = "clean-corpus-summary"


@flow(
    name="clean-corpus",
    flow_run_name="clean-corpus/{input_dir}",
    log_prints=True,
)
def clean_corpus(
    input_dir: str,
    output: str = "outputs",
    languages: str = "en",
    dataset_name: str = "newshygiene",
    shard_size: int = 100,
) -> dict:
    """Raw scraped files under `input_dir` → clean, deduplicated Parquet dataset in `output`.

    `languages` is a comma-separated list of ISO 639-1 codes to keep, or "all".
    Returns the run's manifest (counts, parameters, versions).
    """
    cfg = RunConfig(
        input_dir=Path(input_dir),
        output=Path(output),
        languages=languages,
        dataset_name=dataset_name,
        shard_size=shard_size,
    )
    result = run_pipeline(cfg, executor=PrefectExecutor())
    create_markdown_artifact(
        key=SUMMARY_KEY,
        markdown=summary_markdown(result.manifest),
        description="Counts in and out, lines removed by rule, quarantine reasons",
    )
    return result.manifest


if __name__ == "__main__":
    import sys

    clean_corpus(sys.argv[1] if len(sys.argv) > 1 else "sample_corpus")
