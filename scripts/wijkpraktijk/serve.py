"""Local preview: regenerate on every change in practices/, let MkDocs reload.

The watcher is ours, not an MkDocs hook, so the same loop works for Zensical:
it only rewrites changed files in docs/, which the server already watches.
It uses watchdog, which MkDocs itself ships, and keeps one ``Reader``, so
after an edit only the changed files are parsed again; everything that
depends on other files (links, backlinks, overviews) is worked out anew.
MkDocs runs with --dirty and rebuilds only the files the generator rewrote.
That is safe because every page that shows an entry's title or links
(overviews, backlinks) is generated, so the generator rewrites it too;
entries are never listed in the navigation.

Search works in the preview as on the site: preview_search.py indexes a build of its own into
docs/pagefind/ in the background, at start and after every regeneration.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .config import NODE_MODULES, Paths
from .diagnostics import print_problems
from .pipeline import generate
from .preview_search import SearchPreview
from .read import Reader
from .redirects import config_file

QUIET = 0.05  # seconds without a new change before regenerating: an editor's save is several events
CHANGES = {"created", "deleted", "modified", "moved", "closed"}  # not "opened": the generator reads these files


def _regenerate(
    paths: Paths, reader: Reader, cms_proxy: int | None = None, search: SearchPreview | None = None
) -> None:
    loaded, report = generate(paths, reader, cms_proxy)
    if report is not None and search is not None:
        search.changed()
    if report is None:
        print_problems(loaded.problems + loaded.warnings, stream=sys.stderr)
        print("De site toont de laatste goede versie tot de fouten zijn opgelost.", file=sys.stderr)
    elif report.written or report.removed:
        print(f"Bijgewerkt: {len(report.written)} pagina('s), {len(report.removed)} verwijderd.", file=sys.stderr)


class _Changed(FileSystemEventHandler):
    def __init__(self, flag: threading.Event):
        self.flag = flag

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in CHANGES:
            self.flag.set()


def _regenerate_on_change(
    paths: Paths,
    reader: Reader,
    changed: threading.Event,
    stop: threading.Event,
    cms_proxy: int | None,
    search: SearchPreview | None = None,
) -> None:
    while not stop.is_set():
        if not changed.wait(timeout=0.5):
            continue
        while changed.is_set():  # wait until the burst of events is over
            changed.clear()
            stop.wait(QUIET)
        if not stop.is_set():
            _regenerate(paths, reader, cms_proxy, search)


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()


def decap_server(paths: Paths, port: int) -> subprocess.Popen:
    """decap-server (npm, pinned) on 127.0.0.1: the form's local route writes straight into practices/.

    Mode 'fs': a saved entry is a file on disk, which this loop regenerates like any other edit.
    """
    node = shutil.which("node")
    script = NODE_MODULES / "decap-server" / "dist" / "index.js"
    if node is None or not script.is_file():
        raise FileNotFoundError("node of decap-server ontbreekt; voer 'make setup' uit (scripts/setup/npm.sh).")
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(paths.root),
        "LOG_LEVEL": "warn",
    }
    return subprocess.Popen([node, str(script)], cwd=paths.root, env=env)


def serve(paths: Paths, dev_addr: str, cms_proxy: int | None = None) -> int:
    """``cms_proxy``: also run decap-server on that port (``make cms``), and point /admin/ at it."""
    proxy = None
    if cms_proxy is not None:
        try:
            proxy = decap_server(paths, cms_proxy)
        except FileNotFoundError as exc:
            print(exc, file=sys.stderr)
            return 1
    reader = Reader()
    search = SearchPreview(paths)
    _regenerate(paths, reader, cms_proxy, search)
    changed, stop = threading.Event(), threading.Event()
    observer = Observer()
    observer.schedule(_Changed(changed), str(paths.practices), recursive=True)
    observer.start()
    worker = threading.Thread(
        target=_regenerate_on_change, args=(paths, reader, changed, stop, cms_proxy, search), daemon=True
    )
    worker.start()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--livereload",
            "--dirty",
            "--dev-addr",
            dev_addr,
            "--config-file",
            str(config_file(paths)),
        ],
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
        observer.stop()
        _stop(server)
        search.stop()
        if proxy is not None:
            _stop(proxy)
