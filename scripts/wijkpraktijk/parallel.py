"""Spread slow, pure, per-entry work over every core.

Two ways, for two kinds of work:

- ``pmap`` spawns workers for cache misses (a citation with citeproc-py, a
  QR code with segno: tens of milliseconds each). Spawning is safe from any
  thread but costs about half a second, so small batches stay here. As always
  with spawned workers, a script that calls the generator must guard its top
  level with ``if __name__ == "__main__":`` (workers import the main module).
- ``run_tasks`` and ``sharded`` fork, for the cheap work of every build
  (rendering a page takes under a millisecond, 10,000 times; the overviews
  and open-data files are a few big jobs). A forked child starts in a few
  milliseconds and inherits the loaded data, so only results are pickled.
  Forking a process that runs other threads can deadlock, so they only fork
  from a single-threaded process: ``make build`` and ``make generate``, not
  the preview server, which regenerates from a watcher thread and so stays
  on one core.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_BATCH = 64  # below this, starting workers costs more than it saves
MIN_SHARDED = 400  # below this, a fork and the pickled results cost more than they save


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


_tasks: list[Callable] | None = None  # set just before forking; children inherit it


def _run_task(index: int):
    return _tasks[index]()


def can_fork() -> bool:
    """True where forking is safe: Linux (macOS system libraries can crash in a forked child),
    and no other thread that a child could inherit mid-lock."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def run_tasks(tasks: Sequence[Callable[[], R]]) -> list[R]:
    """``[task() for task in tasks]``, in forked children where safe, each child taking the next task when done.

    Tasks may be closures (children inherit them); their results must pickle.
    """
    global _tasks
    count = min(workers(), len(tasks))
    if count < 2 or not can_fork():
        return [task() for task in tasks]
    _tasks = list(tasks)  # before the first task: that is when the workers fork
    try:
        try:
            pool = ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork"))
        except (OSError, NotImplementedError):  # no POSIX semaphores (some containers)
            return [task() for task in tasks]
        with pool:  # a child that dies raises BrokenProcessPool here instead of hanging the build
            return list(pool.map(_run_task, range(len(tasks))))
    finally:
        _tasks = None


def sharded(func: Callable[[list[T]], list[R]], items: Sequence[T]) -> list[R]:
    """``func(list(items))``, split into one contiguous shard per core, in forked children where safe.

    ``func`` may be a closure; it must return one result per item, in order,
    and those results must pickle.
    """
    items = list(items)
    if len(items) < MIN_SHARDED or workers() < 2:
        return func(items)
    parts = run_tasks([functools.partial(func, piece) for piece in split(items, workers())])
    return [result for part in parts for result in part]


def split(items: list[T], count: int) -> list[list[T]]:
    """``items`` in ``count`` contiguous pieces of (nearly) equal length; one empty piece for no items."""
    size = max(1, -(-len(items) // max(1, count)))
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]
