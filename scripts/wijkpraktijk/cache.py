"""Slow pure work done once: a content-addressed disk cache outside the checkout, and ``pmap`` for the misses.

Formatting an APA citation with citeproc-py and drawing a QR code take tens of
milliseconds each, so a large build would spend minutes redoing identical work.
Results are stored under the SHA-256 of their input; entries whose input did
not change are read back. Entries not used by a run are pruned at its end.

One SQLite file per folder (Python's own ``sqlite3``), not one file per
entry: a build reads a few values per page, and many small files took longer
to open, and to walk when pruning, than the work they saved. It is only a
cache: a file SQLite cannot read, or a folder that cannot be written, costs
the time to make every value again, never the build.

On a cold cache (a fresh clone, a new style release) the misses run on every
core through ``pmap``.

Where: ``Paths.cache``, a per-user folder keyed by the checkout (config.py), never the checkout itself. A
pull request can commit any file, including one .gitignore names, and git overwrites ignored files on
checkout; a cache the build reads must not be among them. Each folder on the way is this user's own and
closed to others (``private_folder``), or the cache is off. What a cached value becomes on a page is
sanitised after it is read (allowlist.BodyRenderer, citing._checked), never only before it was stored.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import orjson

from .config import cache_home

DB_NAME = "cache.sqlite3"
MIN_BATCH = 64  # below this, starting worker processes costs more than it saves
FORGET_AFTER = 60 * 24 * 3600  # seconds: a checkout whose caches went unused this long is gone, most likely

T = TypeVar("T")
R = TypeVar("R")


def pmap(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``[func(i) for i in items]``, on all cores when the batch is big enough.

    Workers are spawned, not forked, so this is safe from any thread (the
    preview server regenerates from one). ``func`` must be a module-level
    function (workers import it by name), and a script that calls the
    generator must guard its top level with ``if __name__ == "__main__":``.
    """
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if len(items) < MIN_BATCH or count < 2:
        return [func(i) for i in items]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        pool = ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("spawn"))
    except (OSError, NotImplementedError):  # no POSIX semaphores (some containers): one process still works
        return [func(i) for i in items]
    with pool:
        return list(pool.map(func, items, chunksize=max(1, len(items) // (count * 8))))


def _own_and_closed(folder: Path) -> None:
    """OSError unless ``folder`` is a real folder of this user that nobody else can read or write."""
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise PermissionError(f"{folder} is not a folder of this user")
    if info.st_mode & 0o077:
        os.chmod(folder, 0o700)


def private_folder(folder: Path) -> Path:
    """``folder`` and every folder between it and ``config.cache_home()``: made when missing (mode 0700), each
    checked to be this user's own and closed to others. OSError otherwise: the caller does without a cache.

    A new checkout's first cache also forgets the caches of checkouts unused for FORGET_AFTER.
    """
    home = cache_home()
    chain = [folder, *folder.parents]
    chain = chain[: chain.index(home) + 1] if home in chain else [folder]
    chain[-1].parent.mkdir(parents=True, exist_ok=True)  # ~/.cache on a fresh machine
    for path in reversed(chain):
        if not os.path.lexists(path):
            with contextlib.suppress(FileExistsError):
                os.mkdir(path, 0o700)
            if path.parent == home:
                _forget_old_checkouts(home)
        _own_and_closed(path)
    if len(chain) > 1:
        os.utime(chain[-2])  # the checkout's folder: still in use
    return folder


def _forget_old_checkouts(home: Path) -> None:
    cutoff = time.time() - FORGET_AFTER
    with contextlib.suppress(OSError):
        for entry in os.scandir(home):
            if entry.is_dir(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                shutil.rmtree(entry.path, ignore_errors=True)


class DiskCache:
    def __init__(self, folder: Path, version: str):
        self.folder = folder
        self.version = version  # bump when the output of a cached function changes
        self.used: set[str] = set()
        self._db: sqlite3.Connection | None = None
        self._broken = False

    # -- the database; every failure turns the cache off, never the build ----------------
    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            try:
                self._db = self._open()
            except (OSError, sqlite3.Error):
                self._db = self._reset()
        return self._db

    def _open(self) -> sqlite3.Connection:
        private_folder(self.folder)
        for entry in os.scandir(self.folder):  # the one-file-per-entry layout of earlier versions
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
        db = sqlite3.connect(os.path.join(self.folder, DB_NAME), isolation_level=None, timeout=30)
        try:
            # A cache loses nothing that matters in a crash: no waiting for the disk.
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=OFF")
            db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID")
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _reset(self) -> sqlite3.Connection | None:
        """An unreadable file (a crash, another SQLite): start empty, or do without a cache."""
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(self.folder, DB_NAME + suffix))
        try:
            return self._open()
        except (OSError, sqlite3.Error):
            self._broken = True
            return None

    def _run(self, sql: str, args: tuple | list = ()) -> list:
        db = self._connect()
        if db is None:
            return []
        try:
            return db.execute(sql, args).fetchall()
        except sqlite3.Error:
            self.close()
            self._broken = True
            return []

    # -- the cache ------------------------------------------------------------------
    def _key(self, kind: str, key: object) -> str:
        text = orjson.dumps(
            [self.version, kind, key], option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS, default=str
        )
        digest = hashlib.sha256(text).hexdigest()
        self.used.add(digest)
        return digest

    def lookup(self, kind: str, key: object) -> str | bytes | None:
        """The stored value, or None; either way the entry counts as used by this run.

        Kinds ending in ``-bin`` hold bytes, all others text.
        """
        rows = self._run("SELECT value FROM entries WHERE key = ?", (self._key(kind, key),))
        if not rows:
            return None
        data = bytes(rows[0][0])
        if kind.endswith("-bin"):
            return data
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def put(self, kind: str, key: object, value: str | bytes) -> None:
        data = value if isinstance(value, bytes) else value.encode("utf-8")
        self._run("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", (self._key(kind, key), data))

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Many puts in one transaction: a cold build stores thousands of values."""
        self._run("BEGIN")
        try:
            yield
        finally:
            self._run("COMMIT")

    def get(self, kind: str, key: object, make: Callable[[], str | bytes]) -> str | bytes:
        value = self.lookup(kind, key)
        if value is None:
            value = make()
            self.put(kind, key, value)
        return value

    def prune(self) -> None:
        """Forget every entry this run did not use, then close."""
        if os.path.isdir(self.folder):
            stale = [(key,) for (key,) in self._run("SELECT key FROM entries") if key not in self.used]
            if stale:
                db = self._connect()
                try:
                    if db is not None:
                        db.executemany("DELETE FROM entries WHERE key = ?", stale)
                except sqlite3.Error:
                    self._broken = True
        self.close()

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def __enter__(self) -> DiskCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
