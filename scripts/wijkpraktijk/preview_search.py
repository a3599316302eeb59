"""Search in ``make serve``: the preview gets the same Pagefind search as the built site.

``mkdocs serve`` builds into a folder of its own that nothing else may touch (no MkDocs hooks: Zensical
must build the same docs/), and Pagefind needs built pages. So the preview keeps a second build, in a
temporary folder, indexes it with Pagefind and the word list (search_index.py) and puts the index in
docs/pagefind/ (git-ignored, like docs/kennisbank/), which MkDocs serves as a static folder at
/pagefind/, exactly where the site has it. It runs in the background: once at start and again a moment
after the generator has rewritten pages, so the page itself shows first; only the search lags a few
seconds. The new index is written next to the old one and swapped in with two renames, so a search
never reads half an index. ``make build`` drops the copy MkDocs makes of it and indexes the site anew.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .config import Paths
from .engine import config_file, environment
from .search_index import OUTPUT_SUBDIR, build_search_index

DELAY = 1.5  # seconds after the last regeneration: the visible preview rebuilds first


class SearchPreview:
    """Call ``changed()`` after every regeneration; ``stop()`` at the end."""

    def __init__(self, paths: Paths, delay: float = DELAY):
        self.paths = paths
        self.delay = delay
        self.work = Path(tempfile.mkdtemp(prefix="wijkpraktijk-zoeken-"))
        self.wanted = threading.Event()
        self.stopped = threading.Event()
        self.built = False
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def changed(self) -> None:
        self.wanted.set()

    def stop(self) -> None:
        self.stopped.set()
        self.wanted.set()
        self.thread.join(timeout=30)
        shutil.rmtree(self.work, ignore_errors=True)

    def _loop(self) -> None:
        while not self.stopped.is_set():
            self.wanted.wait()
            while self.wanted.is_set() and not self.stopped.is_set():  # quiet for ``delay`` seconds first
                self.wanted.clear()
                self.stopped.wait(self.delay)
            if self.stopped.is_set():
                return
            try:
                self._index()
            except OSError as exc:  # a full disk or a vanished folder must not end the preview
                print(f"De zoekfunctie van de voorbeeldweergave is niet bijgewerkt: {exc}", file=sys.stderr)

    def _index(self) -> None:
        start = time.perf_counter()
        site = self.work / "site"
        cmd = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config_file(self.paths))]
        cmd += ["--site-dir", str(site), "--dirty" if self.built else "--clean"]
        result = subprocess.run(cmd, cwd=self.paths.root, env=environment(), capture_output=True, text=True)
        if result.returncode != 0:
            print(
                "De zoekfunctie van de voorbeeldweergave is niet bijgewerkt (mkdocs build):\n"
                + (result.stderr or result.stdout)[-1500:],
                file=sys.stderr,
            )
            return
        self.built = True
        target = self.paths.docs / OUTPUT_SUBDIR
        fresh = self.paths.docs / f".{OUTPUT_SUBDIR}-nieuw"
        old = self.paths.docs / f".{OUTPUT_SUBDIR}-oud"
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(site / OUTPUT_SUBDIR, ignore_errors=True)  # the copy of the previous index
        if build_search_index(site, output=fresh) != 0:
            shutil.rmtree(fresh, ignore_errors=True)
            return
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        fresh.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        print(f"Zoekfunctie bijgewerkt in {time.perf_counter() - start:.1f} s.", file=sys.stderr)
