"""A small content-addressed disk cache in .cache/, for slow pure functions.

Formatting an APA citation with citeproc-py takes ~30 ms and a QR code pair
~15 ms, so a 10,000-entry build would spend minutes redoing identical work.
Results are stored under the SHA-256 of their input; entries whose input did
not change are read back. Files not used by a run are pruned at its end.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import orjson

from .write import atomic_write


class DiskCache:
    def __init__(self, folder: Path, version: str):
        self.folder = folder
        self.version = version  # bump when the output of a cached function changes
        self.used: set[str] = set()  # plain strings: 40,000 Path objects are slow to hash and compare

    def _path(self, kind: str, key: object) -> str:
        text = orjson.dumps([self.version, kind, key], option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS, default=str)
        digest = hashlib.sha256(text).hexdigest()
        path = os.path.join(self.folder, kind, digest[:2], digest)
        self.used.add(path)
        return path

    def lookup(self, kind: str, key: object) -> str | bytes | None:
        """The stored value, or None; either way the entry counts as used by this run."""
        try:
            with open(self._path(kind, key), "rb") as handle:
                data = handle.read()
            return data if kind.endswith("-bin") else data.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put(self, kind: str, key: object, value: str | bytes) -> None:
        atomic_write(Path(self._path(kind, key)), value)

    def get(self, kind: str, key: object, make: Callable[[], str | bytes]) -> str | bytes:
        value = self.lookup(kind, key)
        if value is None:
            value = make()
            self.put(kind, key, value)
        return value

    def prune(self) -> None:
        for folder, _, names in os.walk(self.folder):
            for name in names:
                path = os.path.join(folder, name)
                if path not in self.used:
                    os.unlink(path)
