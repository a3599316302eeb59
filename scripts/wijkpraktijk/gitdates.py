"""When each source file in practices/ last changed, for the "laatst gewijzigd" line.

Git-date plugins read docs/, which is generated and untracked, so the
generator asks git about practices/ itself: one ``git log`` for all files
(not one per file), newest commit first, first sighting wins. Files with
uncommitted changes, and every file when there is no git history (an exported
tarball), fall back to the file's modification time, and the page says so.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT = "git"
MARK = "\x1ecommit "


@dataclass(frozen=True)
class Changed:
    date: dt.date
    from_git: bool


def _start(root: Path, *args: str) -> subprocess.Popen | None:
    try:
        return subprocess.Popen(
            [GIT, "-C", str(root), *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
    except OSError:  # no git installed
        return None


def _output(proc: subprocess.Popen | None) -> str | None:
    if proc is None:
        return None
    try:
        out, _ = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return None
    return out if proc.returncode == 0 else None


def _in_a_repository(root: Path) -> bool:
    """A .git in ``root`` or above it, as git itself looks (or GIT_DIR set): only then is there history to ask."""
    if os.environ.get("GIT_DIR"):
        return True
    return any((folder / ".git").exists() for folder in (root.resolve(), *root.resolve().parents))


class GitQuery:
    """The three git commands, started together so they run side by side; ``dates`` collects them."""

    def __init__(self, root: Path, folder: str = "practices"):
        self.root = root
        self._log = self._changed = self._untracked = None
        if not _in_a_repository(root):  # an exported tarball: no processes at all
            return
        self._log = _start(
            root, "log", "--no-renames", "--relative", f"--format={MARK}%cI", "--name-only", "--", folder
        )
        self._changed = _start(root, "diff", "--name-only", "--no-renames", "--relative", "HEAD", "--", folder)
        self._untracked = _start(root, "ls-files", "--others", "--exclude-standard", "--", folder)

    def dates(self, files: list[str]) -> dict[str, Changed]:
        """``files`` are paths relative to ``root`` (e.g. 'practices/<folder>/<id>.md')."""
        logged = _from_log(_output(self._log))
        # Changed or new files, whose git date would be too old.
        dirty = {line for proc in (self._changed, self._untracked) for line in (_output(proc) or "").splitlines()}
        out = {}
        for rel in files:
            if rel in logged and rel not in dirty:
                out[rel] = Changed(logged[rel], True)
            else:
                try:
                    mtime = (self.root / rel).stat().st_mtime
                except OSError:
                    continue
                out[rel] = Changed(dt.datetime.fromtimestamp(mtime, dt.UTC).date(), False)
        return out


def _from_log(log: str | None) -> dict[str, dt.date]:
    """Newest commit first: the first date seen for a file is its last change."""
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in (log or "").split("\n"):  # not splitlines(): it also splits at the \x1e mark
        if line.startswith(MARK):
            current = dt.datetime.fromisoformat(line[len(MARK) :]).date()
        elif line and current is not None:
            dates.setdefault(line, current)
    return dates


def source_dates(root: Path, files: list[str], folder: str = "practices") -> dict[str, Changed]:
    """``files`` are paths relative to ``root`` (e.g. 'practices/<folder>/<id>.md')."""
    return GitQuery(root, folder).dates(files)
