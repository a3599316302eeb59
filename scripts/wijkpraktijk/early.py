"""Work that starts before the libraries are imported: reading practices/ and asking git.

Importing pydantic, Jinja2 and the models takes about 0.2 s of every run, on
one core. Meanwhile a forked child reads and parses every file in practices/
(Markdown and YAML only, no models yet: read.py) and git looks up each file's
history (gitdates.py), so on a multi-core machine both are ready when the
imports are done. Where nothing can be forked (one core, or the preview
server's watcher thread), the files are read here, when they are needed.

Only the reading goes to the child. Letting it also validate and make the
citations, ready before this process needs them, was measured and made runs
slower: the child's extra imports and work compete with this process's own.

Keep this module's imports light: they all happen before the fork.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .config import Paths
from .parallel import Background

if TYPE_CHECKING:
    from .diagnostics import Diagnostic
    from .gitdates import GitQuery
    from .read import RawEntry


@dataclass
class Early:
    background: Background  # one step: read_all
    git: GitQuery

    def raws(self) -> tuple[list[RawEntry], list[Diagnostic]]:
        return self.background.result()

    def close(self) -> None:
        """Stop what a run that ended early no longer needs."""
        self.background.close()
        self.git.close()


def start(paths: Paths, fork: bool = True) -> Early:
    """Start reading (in a forked child, if ``fork`` and it is safe) and asking git.

    The child forks first, before this process imports even the YAML parser.
    """
    background = Background([functools.partial(_read_all, paths)], fork=fork)
    from .gitdates import GitQuery

    return Early(background, GitQuery(paths.root))


def _read_all(paths: Paths) -> tuple[list[RawEntry], list[Diagnostic]]:
    from .read import read_all

    return read_all(paths.practices, paths.root)


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
