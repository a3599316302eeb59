"""Spread slow, pure, per-entry work over every core.

A cold build formats a citation (citeproc-py) and a QR code (segno) for every
entry: tens of milliseconds each, CPU-bound and independent, so they scale
with cores. Workers are spawned, not forked: the preview server calls the
generator from a watcher thread, and forking a threaded process can deadlock.
Spawning costs about half a second, so small batches stay in this process.
As always with spawned workers, a script that calls the generator must guard its
top level with ``if __name__ == "__main__":`` (workers import the main module).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_BATCH = 64  # below this, starting workers costs more than it saves


def workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def pmap(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``[func(i) for i in items]``, on all cores when the batch is big enough.

    ``func`` must be a module-level function (workers import it by name).
    """
    count = workers()
    if len(items) < MIN_BATCH or count < 2:
        return [func(i) for i in items]
    try:
        pool = ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("spawn"))
    except (OSError, NotImplementedError):  # no POSIX semaphores (some containers): one process still works
        return [func(i) for i in items]
    with pool:
        return list(pool.map(func, items, chunksize=max(1, len(items) // (count * 8))))
