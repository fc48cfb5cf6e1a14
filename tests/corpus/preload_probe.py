"""A preload entry for the executor tests: a call that leaves a mark in the worker it ran in."""

from __future__ import annotations

import os

MARK = "NEWSHYGIENE_PRELOAD_PROBE"


def mark() -> None:
    os.environ[MARK] = str(os.getpid())


def marked() -> bool:
    return os.environ.get(MARK) == str(os.getpid())
