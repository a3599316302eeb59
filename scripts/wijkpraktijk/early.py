"""Work that starts before the libraries are imported: reading practices/ and asking git.

Importing pydantic, Jinja2 and the models takes about 0.2 s of every run, on
one core. Meanwhile a forked child reads and parses the files in practices/
(Markdown and YAML only, no models yet: read.py) and checks each body on its
own (bodycheck.py), and git looks up each file's history (gitdates.py). When
the imports are done this process takes its share of whatever reading is
left, so a small collection is ready at once and a large one is read on
every core. Where nothing can be forked
(one core, or the preview server's watcher thread), the files are read here.

Only the reading goes to the child. Letting it also validate and make the
citations, ready before this process needs them, was measured and made runs
slower: the child's extra imports and work compete with this process's own.

Keep this module's imports light: they all happen before the fork.
"""

from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .config import Paths
from .parallel import Started

if TYPE_CHECKING:
    from pathlib import Path

    from .diagnostics import Diagnostic
    from .gitdates import GitQuery
    from .read import RawEntry, Read


@dataclass
class Early:
    reading: Started  # read.read_jobs, begun
    git: GitQuery | None

    def raws(self) -> tuple[list[RawEntry], list[Diagnostic]]:
        from .read import gathered

        return gathered(self.reading.results())

    def close(self) -> None:
        """Stop what a run that ended early no longer needs."""
        self.reading.close()
        if self.git is not None:
            self.git.close()


def start(paths: Paths, fork: bool = True, git: bool = True) -> Early:
    """Start reading (in forked children, if ``fork`` and it is safe) and, with ``git``, asking git."""
    from .read import read_jobs  # the YAML parser: the one library imported before the fork

    reading = Started(read_jobs(paths.practices, paths.root, _read_and_check), fork=fork)
    if not git:
        return Early(reading, None)
    from .gitdates import GitQuery

    return Early(reading, GitQuery(paths.root))


def _read_and_check(files: list[Path], root: Path) -> list[Read]:
    """Read, and check each body on its own (bodycheck.py): work that needs no models."""
    from .bodycheck import findings
    from .read import read_files

    done = read_files(files, root)
    for raw, _ in done:
        if raw is not None and isinstance(raw.data.get("type"), str):
            raw.body_findings = findings(raw.body, raw.data["type"])
    return done


@contextlib.contextmanager
def without_cycle_collector():
    """Pause Python's cyclic garbage collector for one run, then restore it.

    A run allocates millions of small objects that all live until its end, and
    the collector keeps walking them: at 10,000 entries that was a sixth of the
    generator's time. The run makes hardly any reference cycles (peak memory
    is the same either way), and reference counting still frees everything else.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
