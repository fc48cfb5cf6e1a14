"""A stage for the process-runner test, in a module that imports nothing from Prefect: a worker
that unpickles it has Prefect loaded only if the runner put it there."""

from __future__ import annotations

import os
import sys


def where(item: int) -> tuple[int, int, bool]:
    """(item, the process it ran in, whether that process has Prefect imported)."""
    return item, os.getpid(), "prefect" in sys.modules
