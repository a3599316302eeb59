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
  The parent works along with its children (one child per extra core), all
  taking the next task from one queue, so a 2-core machine forks once and
  a small build gains too. Forking a process that runs other threads can
  deadlock, so they only fork from a single-threaded process: ``make build``
  and ``make generate``, not the preview server, which regenerates from a
  watcher thread and so stays on one core.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import pickle
import signal
import struct
import sys
import threading
from collections.abc import Callable, Sequence
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
    # Here, not at the top: most builds have no cache misses, and these imports take ~5 ms.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        pool = ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("spawn"))
    except (OSError, NotImplementedError):  # no POSIX semaphores (some containers): one process still works
        return [func(i) for i in items]
    with pool:
        return list(pool.map(func, items, chunksize=max(1, len(items) // (count * 8))))


def can_fork() -> bool:
    """True where forking is safe: Linux (macOS system libraries can crash in a forked child),
    and no other thread that a child could inherit mid-lock."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


_INDEX = struct.Struct("=I")
MAX_TASKS = 1024  # the whole queue is written before anyone reads: it must fit in a pipe (4 KB at worst)


def run_tasks(tasks: Sequence[Callable[[], R]]) -> list[R]:
    """``[task() for task in tasks]``, shared out over this process and forked children where safe.

    Tasks may be closures (children inherit them); their results must pickle.
    An error in a task, here or in a child, is raised here; so is a child that dies.
    """
    return Started(tasks).results()


class Started:
    """``run_tasks``, begun now and finished later: forked children start taking tasks at once.

    ``results()`` joins in (this process takes tasks too, from the same
    queue), then collects the children's results; it returns (or raises) the
    same every time. So work can run while this process does something else,
    such as importing the libraries (early.py). Where nothing can be forked,
    ``results()`` runs every task here.
    """

    def __init__(self, tasks: Sequence[Callable[[], R]], fork: bool = True):
        self._tasks = list(tasks)
        self._queue: int | None = None
        self._kids: list[tuple[int, int]] = []
        self._outcome: tuple[str, object] | None = None
        count = min(workers(), len(self._tasks))
        if not fork or count < 2 or not can_fork() or len(self._tasks) > MAX_TASKS:
            return
        queue, feed = os.pipe()
        try:
            os.write(feed, b"".join(_INDEX.pack(i) for i in range(len(self._tasks))))
        finally:
            os.close(feed)  # closed before forking: an empty queue then reads as the end
        self._queue = queue
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            for _ in range(count - 1):
                self._kids.append(_fork(lambda: _take(self._tasks, queue)))
        except OSError:  # no fork here (resource limits): this process still does every task
            pass

    @property
    def forked(self) -> bool:
        return bool(self._kids)

    def results(self) -> list[R]:
        if self._outcome is None:
            try:
                self._outcome = ("ok", self._finish())
            except Exception as exc:  # noqa: BLE001  (raised below, and again if asked again)
                self._outcome = ("error", exc)
        kind, value = self._outcome
        if kind == "error":
            raise value
        return value

    def _finish(self) -> list[R]:
        if self._queue is None:
            return [task() for task in self._tasks]
        done: dict[int, R] = {}
        try:
            done.update(_take(self._tasks, self._queue))
        finally:
            os.close(self._queue)
            self._queue = None
            outcomes = [_collect(pid, reader) for pid, reader in self._kids]  # every child is reaped, always
            self._kids = []
        for kind, value in outcomes:
            if kind == "error":
                raise value
            done.update(value)
        return [done[i] for i in range(len(self._tasks))]

    def close(self) -> None:
        """Stop the children if the results are no longer wanted (a run that ends early)."""
        for pid, reader in self._kids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.close(reader)
            os.waitpid(pid, 0)
        self._kids = []
        if self._queue is not None:
            os.close(self._queue)
            self._queue = None


def _take(tasks: list[Callable[[], R]], queue: int) -> dict[int, R]:
    """Run the next task from the queue until it is empty: a process that finishes early takes more.

    The queue is a pipe of 4-byte task numbers. Reads that small are atomic,
    so every number reaches exactly one process.
    """
    done: dict[int, R] = {}
    while raw := os.read(queue, _INDEX.size):
        (index,) = _INDEX.unpack(raw)
        done[index] = tasks[index]()
    return done


def _fork(work: Callable[[], object]) -> tuple[int, int]:
    """Start ``work()`` in a forked child: (its pid, the pipe its pickled result comes through)."""
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        raise
    if pid == 0:
        os.close(reader)
        _child(work, writer)
    os.close(writer)
    return pid, reader


def _child(work: Callable[[], object], out: int) -> None:
    """In a forked child: do the work, send back the result (or the error) pickled, and leave at once.

    The collector stays off: the child lives for one job. ``os._exit``: no
    exit handlers, and no flushing of buffers copied from the parent.
    """
    code = 1
    try:
        gc.disable()
        try:
            payload: tuple = ("ok", work())
        except BaseException as exc:  # noqa: BLE001  (the parent raises it)
            payload = ("error", exc)
        try:
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001  (an unpicklable result or error)
            data = pickle.dumps(("error", RuntimeError(f"{payload[1]!r} (not picklable: {exc})")))
        with os.fdopen(out, "wb") as stream:
            stream.write(data)
        code = 0
    finally:
        os._exit(code)


def _collect(pid: int, reader: int) -> tuple[str, object]:
    """One child's ("ok", result) or ("error", exception), once it has finished; the child is reaped."""
    with os.fdopen(reader, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit code {os.waitstatus_to_exitcode(status)}"
        return "error", ChildProcessError(f"a worker process stopped without finishing its work ({how})")
    return pickle.loads(data)


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
