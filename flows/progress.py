"""A process-wide progress hook: the CLI installs a progress bar, tasks report shard completions.

The executor reports a shard when its future resolves in the flow's own process, wherever the
task ran (threads, a process pool, a Dask cluster), so a plain module-level callback reaches
the terminal without passing an unserialisable object through Prefect parameters.
"""

from __future__ import annotations

from collections.abc import Callable

Hook = Callable[[str, int, int], None]
_hook: Hook | None = None


def install(hook: Hook | None) -> None:
    global _hook
    _hook = hook


def report(stage: str, done: int, total: int) -> None:
    if _hook is not None:
        _hook(stage, done, total)
