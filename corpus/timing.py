"""Where a run's time goes, stage by stage, so every stage's cost is known (see `bench/`).

Each per-shard stage keeps a `StageClock`; the shard reports carry its seconds and document
counts back, and `publish` sums them into the manifest's ``timings``. Seconds are summed over
shards, so with several workers they are CPU-seconds spent in workers, not wall time; the
manifest puts the run's wall time beside them. A `perf_counter` pair costs ~0.1 µs, nothing
next to the milliseconds each document spends in a stage.
"""

from __future__ import annotations

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

    @contextmanager
    def time(self, stage: str, documents: int = 1) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - started
            self.documents[stage] += documents

    def as_dict(self) -> dict[str, dict[str, float]]:
        return {"seconds": dict(self.seconds), "documents": dict(self.documents)}


def merge(clocks: Iterable[Mapping[str, Mapping[str, float]]]) -> StageClock:
    """One clock from several shards' `StageClock.as_dict()`."""
    total = StageClock()
    for clock in clocks:
        total.seconds.update(clock.get("seconds", {}))
        total.documents.update(clock.get("documents", {}))
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
    }
