"""When each source file in practices/ last changed, for the "laatst gewijzigd" line.

Git-date plugins read docs/, which is generated and untracked, so the
generator asks git about practices/ itself: one ``git log`` for all files
(not one per file), newest commit first, first sighting wins. Files with
uncommitted changes, and every file when there is no git history (an exported
tarball), fall back to the file's modification time, and the page says so.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT = "git"
MARK = "\x1ecommit "


@dataclass(frozen=True)
class Changed:
    date: dt.date
    from_git: bool


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run([GIT, "-C", str(root), *args], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _from_log(root: Path, folder: str) -> dict[str, dt.date]:
    log = _git(root, "log", "--no-renames", "--relative", f"--format={MARK}%cI", "--name-only", "--", folder)
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in (log or "").split("\n"):  # not splitlines(): it also splits at the \x1e mark
        if line.startswith(MARK):
            current = dt.datetime.fromisoformat(line[len(MARK):]).date()
        elif line and current is not None:
            dates.setdefault(line, current)
    return dates


def _dirty(root: Path, folder: str) -> set[str]:
    """Changed or new files, whose git date would be too old (paths relative to ``root``)."""
    changed = _git(root, "diff", "--name-only", "--no-renames", "--relative", "HEAD", "--", folder) or ""
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "--", folder) or ""
    return set(changed.splitlines()) | set(untracked.splitlines())


def source_dates(root: Path, files: list[str], folder: str = "practices") -> dict[str, Changed]:
    """``files`` are paths relative to ``root`` (e.g. 'practices/methoden/x.md')."""
    logged = _from_log(root, folder)
    dirty = _dirty(root, folder) if logged else set()
    out = {}
    for rel in files:
        if rel in logged and rel not in dirty:
            out[rel] = Changed(logged[rel], True)
        else:
            try:
                mtime = (root / rel).stat().st_mtime
            except OSError:
                continue
            out[rel] = Changed(dt.datetime.fromtimestamp(mtime, dt.UTC).date(), False)
    return out
