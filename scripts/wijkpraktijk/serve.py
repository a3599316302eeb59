"""Local preview: regenerate on every change in practices/, let MkDocs reload.

The watcher is ours, not an MkDocs hook, so the same loop works for Zensical:
it only rewrites changed files in docs/, which the server already watches.
MkDocs runs with --dirty, so it rebuilds only those files: at 1,000 practices
an edit shows in about 4 s instead of 15 s. That is safe because every page
that shows an entry's title or links (overviews, backlinks) is generated, so
the generator rewrites it too; entries are never listed in the navigation.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

from watchfiles import watch

from .config import Paths
from .pipeline import generate
from .redirects import config_file
from .report import print_problems


def _regenerate(paths: Paths) -> None:
    loaded, report = generate(paths)
    if report is None:
        print_problems(loaded.problems, stream=sys.stderr)
        print("De site toont de laatste goede versie tot de fouten zijn opgelost.", file=sys.stderr)
    elif report.written or report.removed:
        print(f"Bijgewerkt: {len(report.written)} pagina('s), {len(report.removed)} verwijderd.", file=sys.stderr)


def _watch(paths: Paths, stop: threading.Event) -> None:
    for _changes in watch(paths.practices, stop_event=stop, debounce=300):
        _regenerate(paths)


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


def serve(paths: Paths, dev_addr: str) -> int:
    _regenerate(paths)
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(paths, stop), daemon=True)
    watcher.start()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty", "--dev-addr", dev_addr,
         "--config-file", str(config_file(paths))],
        cwd=paths.root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    # A SIGTERM (timeout, an IDE's stop button) must not leave the server running on the port.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        stop.set()
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=5)
            except subprocess.TimeoutExpired:
                server.kill()
