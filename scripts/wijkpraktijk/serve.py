"""Local preview: regenerate on every change in practices/, let MkDocs reload.

The watcher is ours, not an MkDocs hook, so the same loop works for Zensical:
it only rewrites changed files in docs/, which the server already watches.
It uses watchdog, which MkDocs itself ships, and keeps one ``pipeline.Memo``,
so after an edit only the changed files are parsed and checked again, and
only the entry pages whose inputs changed (the entry, the titles and
summaries they show) are rendered again; everything across files (links,
backlinks, overviews) is worked out anew, and only changed files are written.
MkDocs runs with --dirty and rebuilds only the files the generator rewrote.
That is safe because every page that shows an entry's title or links
(overviews, backlinks) is generated, so the generator rewrites it too;
entries are never listed in the navigation.

Nothing starts in a checkout guard.py refuses. The children (mkdocs serve,
decap-server) are started so that they die with this process, however it
ends; ``make cms`` puts the gate of cms_gate.py in front of decap-server.

Search works in the preview as on the site: preview_search.py indexes a build of its own into
docs/pagefind/ in the background, at start and after every regeneration.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import traceback

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .cms_gate import Gate, GateServer
from .config import NODE_MODULES, Paths
from .diagnostics import print_problems
from .engine import PREVIEW_ENGINE, environment, serve_command
from .pipeline import Memo, checkout_problems, generate
from .preview_search import SearchPreview

QUIET = 0.05  # seconds without a new change before regenerating: an editor's save is several events
CHANGES = {"created", "deleted", "modified", "moved", "closed"}  # not "opened": the generator reads these files


def _regenerate(
    paths: Paths, memo: Memo, local_backend: str | None = None, search: SearchPreview | None = None
) -> None:
    loaded, report = generate(paths, local_backend=local_backend, memo=memo)
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
    memo: Memo,
    changed: threading.Event,
    stop: threading.Event,
    local_backend: str | None,
    search: SearchPreview | None = None,
) -> None:
    while not stop.is_set():
        if not changed.wait(timeout=0.5):
            continue
        while changed.is_set():  # wait until the burst of events is over
            changed.clear()
            stop.wait(QUIET)
        if stop.is_set():
            break
        try:
            _regenerate(paths, memo, local_backend, search)
        except Exception as exc:  # noqa: BLE001  (a bug must not end the preview silently: say so, keep watching)
            traceback.print_exc()
            print(
                f"Fout in de generator ({type(exc).__name__}); de site toont de laatste goede versie. "
                "Meld dit als fout, met het bestand dat je net bewaarde.",
                file=sys.stderr,
            )


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


# A child started through this gets SIGTERM when make serve ends in any way, a crash or SIGKILL included, not
# only on a clean stop: Linux's PR_SET_PDEATHSIG, set in the child itself before it becomes the real program.
_LIFELINE = """
import ctypes, os, signal, sys
try:
    ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # 1: PR_SET_PDEATHSIG
except (AttributeError, OSError):
    pass  # not Linux: the finally of serve() still stops it on a clean end
if os.getppid() != int(sys.argv[1]):
    sys.exit(1)  # the parent died before the line above
os.execv(sys.argv[2], sys.argv[2:])
"""


def _child(command: list[str], **options) -> subprocess.Popen:
    """``command`` (its program an absolute path) as a child that cannot outlive this process."""
    return subprocess.Popen([sys.executable, "-c", _LIFELINE, str(os.getpid()), *command], **options)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def decap_server(paths: Paths, port: int, origin: str, workdir: str) -> subprocess.Popen:
    """decap-server (npm, pinned) on 127.0.0.1:``port``, reached only through the gate (cms_gate.py).

    Mode 'fs': a saved entry is a file on disk, which this loop regenerates like any other edit. Its settings
    come from here alone: ``ORIGIN`` is set (dotenv never overrides a set variable), and it runs in ``workdir``,
    an empty folder, so no .env of a checkout is ever read (security review 3, F4).
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
        "ORIGIN": origin,
    }
    return _child([os.path.abspath(node), str(script)], cwd=workdir, env=env)


def _engine_serve(paths: Paths, dev_addr: str, engine: str) -> subprocess.Popen:
    """The engine's own preview server of the generated config (engine.serve_command)."""
    return _child(serve_command(paths, engine, dev_addr), cwd=paths.root, env=environment())


def _watch(
    paths: Paths, memo: Memo, stop: threading.Event, local_backend: str | None, search: SearchPreview | None
) -> Observer:
    """Regenerate (in a thread of its own) after every burst of changes under practices/; then the search."""
    changed = threading.Event()
    observer = Observer()
    observer.schedule(_Changed(changed), str(paths.practices), recursive=True)
    observer.start()
    worker = threading.Thread(
        target=_regenerate_on_change, args=(paths, memo, changed, stop, local_backend, search), daemon=True
    )
    worker.start()
    return observer


def _start_form(paths: Paths, dev_addr: str, cms_port: int, workdir: str, children: list) -> tuple[GateServer, str]:
    """decap-server on a free port (a child), the gate on ``cms_port`` in front of it, and the gate's URL."""
    gate = Gate(cms_port, f"http://{dev_addr}", paths.root)
    upstream = _free_port()
    children.append(decap_server(paths, upstream, gate.origin, workdir))
    return GateServer(gate, upstream).start(), gate.url


def serve(paths: Paths, dev_addr: str, cms_port: int | None = None, engine: str = PREVIEW_ENGINE) -> int:
    """``cms_port``: also run decap-server behind the gate on that port (``make cms``), and point /admin/ at it;
    ``engine``: the preview server (engine.ENGINES)."""
    refused = checkout_problems(paths)
    if refused:  # MkDocs would serve what a symlink under docs/ points at
        print_problems(refused, stream=sys.stderr)
        return 1
    # A SIGTERM (timeout, an IDE's stop button) must not leave a server running on a port.
    signal.signal(signal.SIGTERM, _interrupt)
    children: list[subprocess.Popen] = []
    gate_server = observer = None
    stop = threading.Event()
    local_backend = None
    search = None
    try:
        with tempfile.TemporaryDirectory(prefix="wijkpraktijk-decap-") as workdir:
            if cms_port is not None:
                try:
                    gate_server, local_backend = _start_form(paths, dev_addr, cms_port, workdir, children)
                except (FileNotFoundError, OSError) as exc:
                    print(f"Het formulier kan niet starten: {exc}", file=sys.stderr)
                    return 1
            memo = Memo()  # what each run keeps for the next: files read and checked, pages and their inputs
            search = SearchPreview(paths)
            _regenerate(paths, memo, local_backend, search)
            observer = _watch(paths, memo, stop, local_backend, search)
            children.append(_engine_serve(paths, dev_addr, engine))
            return children[-1].wait()
    except KeyboardInterrupt:
        return 0
    finally:
        stop.set()
        if observer is not None:
            observer.stop()
        for child in reversed(children):
            _stop(child)
        if gate_server is not None:
            gate_server.stop()
        if search is not None:
            search.stop()
