"""Where a run's time goes, stage by stage, so every stage's cost is known (see `bench/`).

Each per-shard stage keeps a `StageClock`; the shard reports carry its seconds and document
counts back, and `publish` sums them into the manifest's ``timings``. Seconds are summed over
shards, so with several workers they are CPU-seconds spent in workers, not wall time; the
manifest puts the run's wall time beside them. A `perf_counter` pair costs ~0.1 µs, nothing
next to the milliseconds each document spends in a stage.
"""

from __future__ import annotations

import resource
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

#: The stages in data-path order; what `timings.stage_seconds` reports.
STAGES: tuple[str, ...] = (
    "read",
    "extract",
    "templates",
    "clean",
    "normalize",
    "language",
    "signatures",
    "lsh",
    "write",
)


@dataclass
class StageClock:
    """Seconds and documents per stage, accumulated over a batch."""

    seconds: Counter[str] = field(default_factory=Counter)
    documents: Counter[str] = field(default_factory=Counter)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)

    def mark_memory(self, stage: str) -> None:
        """Record the process's peak resident set so far (ru_maxrss) against `stage`.

        Called when a batch stage ends: in a worker process that runs only shard stages it is
        what those stages needed, which must not grow with the size of the corpus.
        """
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        self.peak_rss_mb[stage] = round(max(peak, self.peak_rss_mb.get(stage, 0.0)), 1)

    @contextmanager
    def time(self, stage: str, documents: int = 1) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - started
            self.documents[stage] += documents

    def as_dict(self) -> dict[str, dict[str, float]]:
        return {
            "seconds": dict(self.seconds),
            "documents": dict(self.documents),
            "peak_rss_mb": dict(self.peak_rss_mb),
        }


def merge(clocks: Iterable[Mapping[str, Mapping[str, float]]]) -> StageClock:
    """One clock from several shards' `StageClock.as_dict()`."""
    total = StageClock()
    for clock in clocks:
        total.seconds.update(clock.get("seconds", {}))
        total.documents.update(clock.get("documents", {}))
        for stage, peak in clock.get("peak_rss_mb", {}).items():
            total.peak_rss_mb[stage] = max(peak, total.peak_rss_mb.get(stage, 0.0))
    return total


def summary(clock: StageClock, wall_seconds: float, workers: int) -> dict[str, object]:
    """The manifest's ``timings``: per stage seconds, documents and docs/s, plus wall time."""
    return {
        "wall_seconds": round(wall_seconds, 3),
        "workers": workers,
        "stage_seconds": {s: round(clock.seconds.get(s, 0.0), 4) for s in STAGES},
        "documents": {s: int(clock.documents.get(s, 0)) for s in STAGES},
        "docs_per_second": {
            s: round(clock.documents[s] / clock.seconds[s], 1)
            for s in STAGES
            if clock.seconds.get(s, 0.0) > 0
        },
        # Peak resident memory of the process that ran each batch stage, in MiB: shard stages
        # (read, clean) in their worker processes, dedup ("lsh") and "write" in the run's own.
        "peak_rss_mb": dict(clock.peak_rss_mb),
    }
