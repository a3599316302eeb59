"""Benchmark: what a person waits for, in one run, side by side (issue 25, item 8).

Per knowledge-base size (``real``: practices/ of this checkout; a number: that many synthetic practices,
benchmarks/synthetic.py):

- edit → preview: seconds from saving a file until the served page shows the change, median and max of
  ``--edits`` edits, for ``make serve`` (``wijkpraktijk serve``: an edit of a practice, the generator, then the
  engine's own watcher and rebuild) and for the bare engine (``mkdocs serve --dirty``) on a copy of the same
  generated docs/, handed exactly the files that make serve's generator rewrote for the same edit (the
  engine's share of the wait: it rebuilds the same pages). The previews run at the same time, each on its own
  copy, and their edits alternate, so a busy machine slows all alike. Two kinds of edit (``--edit``): ``body``,
  a sentence in the practice's text (only its own page and the downloads that quote it change), and ``title``,
  its title (every page that shows or links it changes too: overviews, backlinks, about 28 pages at the real
  content).
- warm generate: ``wijkpraktijk generate`` with warm caches and nothing changed (a fresh process, as make runs it).
- with ``--build``: the full ``wijkpraktijk build`` (engine, cards PDF, offline copy, safety scan, Pagefind)
  against the bare engine's build (``mkdocs build``) of the same docs/, once each.

``--engines`` names the engines (default both, engine.ENGINES): per engine a make serve on it and the bare
engine's own preview (the command make serve starts, engine.serve_command), all running at once with their edits
interleaved. ``--baseline DIR`` adds another checkout with its own .venv (make setup), measured alongside; its
CLI must know ``--engine``.

    PYTHONPATH=scripts .venv/bin/python benchmarks/wait_times.py [--sizes real 1000] [--engines mkdocs zensical]
        [--edit body title] [--build] [--baseline /tmp/old]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from report import print_machine, print_row  # noqa: E402
from synthetic import copy_site, write_tree  # noqa: E402
from wijkpraktijk import engine as wp_engine  # noqa: E402
from wijkpraktijk.config import Paths  # noqa: E402

GENERATED_CONFIG = "mkdocs.generated.yml"  # what the generator hands the engine (engine.py)


def _bare_serve_command(python: str, tree: Path, engine: str, addr: str) -> list[str]:
    """The engine's own preview of a generated tree, the command make serve starts (engine.serve_command), run
    by ``python``: ``mkdocs serve --dirty`` or ``zensical serve``."""
    return [python, *wp_engine.serve_command(Paths(tree), engine, addr)[1:]]


def _bare_build_command(python: str, tree: Path, engine: str, out: Path) -> list[str]:
    """The engine's own build of a generated tree into ``out`` (engine.engine_command), run by ``python``."""
    config = tree / GENERATED_CONFIG
    return [python, *wp_engine.engine_command(Paths(tree), engine, config, out, "--quiet")[1:]]


@dataclass(frozen=True)
class Checkout:
    name: str
    root: Path

    @property
    def python(self) -> str:
        return str(self.root / ".venv" / "bin" / "python")

    def env(self) -> dict:
        return {**os.environ, "PYTHONPATH": str(self.root / "scripts"), "NO_MKDOCS_2_WARNING": "1"}

    def command(self, tree: Path, *args: str) -> list[str]:
        return [self.python, "-m", "wijkpraktijk", "--root", str(tree), *args]


def _tree(size: str, target: Path) -> tuple[Path, str]:
    """A knowledge base to work on, and the id of the practice the edits change."""
    if size == "real":
        copy_site(target)
        shutil.copytree(REPO / "practices", target / "practices")
        first = sorted((target / "practices" / "praktijken").glob("*.md"))[0]
        return target, first.stem
    return write_tree(target, int(size)), "praktijk-7"


def _seconds(cmd: list[str], env: dict, cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _until(check, limit: float, start: float | None = None) -> float:
    start = time.perf_counter() if start is None else start
    while not check():
        if time.perf_counter() - start > limit:
            raise SystemExit(f"nothing after {limit} s")
        time.sleep(0.02)
    return time.perf_counter() - start


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


MARK = "Bewerkt door de benchmark, versie"


def _marker(kind: str, i: int) -> str:
    """What edit ``i`` of ``kind`` writes: never a part of another edit's text, so a page shows this edit."""
    return f"{MARK} {i}" if kind == "body" else f"Benchmarktitel {i}"


def _edit_practice(path: Path, kind: str, marker: str) -> None:
    """``title``: the front matter's title becomes ``marker``; ``body``: the first paragraph of the text (the
    first line after the front matter that starts with a letter) starts with it, replacing an earlier one."""
    text = path.read_text(encoding="utf-8")
    if kind == "title":
        text = re.sub(r"^title: .*$", "title: " + marker, text, count=1, flags=re.M)
    else:
        front, sep, body = text.partition("\n---\n")
        lines = body.split("\n")
        first = next(i for i, line in enumerate(lines) if line[:1].isalpha())
        lines[first] = re.sub(rf"^({MARK} \d+\. )?", marker + ". ", lines[first], count=1)
        text = front + sep + "\n".join(lines)
    path.write_text(text, encoding="utf-8")


def _differing(source: Path, target: Path, skip: tuple[str, ...]) -> list[str]:
    """Relative paths of the files under ``source`` whose bytes ``target`` does not have (``skip``: top folders
    left out)."""
    found = []
    for path in source.rglob("*"):
        rel = path.relative_to(source)
        if path.is_file() and rel.parts[0] not in skip:
            twin = target / rel
            if not twin.is_file() or twin.read_bytes() != path.read_bytes():
                found.append(str(rel))
    return found


class Preview:
    """A preview server on a free local port and how an edit reaches it: ``source``, the practice it edits, or
    ``twin``, the make serve whose generated files it is handed (a bare engine)."""

    def __init__(
        self,
        name: str,
        cmd: list[str],
        env: dict,
        cwd: Path,
        url: str,
        source: Path | None = None,
        twin: Preview | None = None,
    ):
        self.name, self.url, self.source, self.twin, self.cwd = name, url, source, twin, cwd
        self.proc = subprocess.Popen(
            cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        _until(lambda: "<h1" in _page(self.url), 900)
        time.sleep(2)

    def edit(self, kind: str, marker: str) -> float:
        if self.twin is None:
            start = time.perf_counter()
            _edit_practice(self.source, kind, marker)
        else:  # the files the twin's generator wrote for this edit (the twin has shown it: its edit came first)
            docs, own = self.twin.cwd / "docs", self.cwd / "docs"
            changed = _differing(docs, own, skip=("pagefind", ".pagefind-nieuw"))
            start = time.perf_counter()
            for rel in changed:
                (own / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(docs / rel, own / rel)
        seconds = _until(lambda: marker in _page(self.url), 300, start)
        # Let the engine settle, then wait a random extra: its watcher polls every half second, and edits
        # spaced evenly would always meet it at the same point of that cycle.
        time.sleep(1 + random.random())
        return seconds

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)  # its own session: the engine it started goes with it
        self.proc.wait(30)


def _make_serve(checkout: Checkout, engine: str, tree: Path, entry_id: str) -> Preview:
    port = _free_port()
    cmd = checkout.command(tree, "serve", "--engine", engine, "--dev-addr", f"127.0.0.1:{port}")
    url = f"http://127.0.0.1:{port}/kennisbank/{entry_id}/"
    source = next((tree / "practices").rglob(f"{entry_id}.md"))
    return Preview(f"{checkout.name}: make serve ({engine})", cmd, checkout.env(), tree, url, source)


def _bare_serve(checkout: Checkout, engine: str, tree: Path, entry_id: str, twin: Preview) -> Preview:
    port = _free_port()
    addr = f"127.0.0.1:{port}"
    cmd = _bare_serve_command(checkout.python, tree, engine, addr)
    url = f"http://{addr}/kennisbank/{entry_id}/"
    return Preview(f"{checkout.name}: bare {engine} serve", cmd, checkout.env(), tree, url, twin=twin)


def _copy_generated(tree: Path, target: Path) -> Path:
    """The bare engine's own copy of a generated tree: config, overrides, docs/ (practices/ is not read)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", GENERATED_CONFIG):
        shutil.copy(tree / name, target / name)
    for name in ("overrides", "docs"):
        shutil.copytree(tree / name, target / name, symlinks=True)
    return target


def _copy_tree(tree: Path, target: Path) -> Path:
    """A second make serve's own copy of a knowledge base (two generators must not write one docs/)."""
    shutil.copytree(tree, target, symlinks=True)
    return target


def previews(
    size: str,
    checkouts: list[Checkout],
    engines: list[str],
    workdir: Path,
    repeat: int,
    edits: int,
    kinds: list[str],
) -> list[dict]:
    trees = {c.name: _tree(size, workdir / f"{c.name}-{size}") for c in checkouts}
    for c in checkouts:  # cold run: fills the caches
        _seconds(c.command(trees[c.name][0], "generate"), c.env())
    warm = {
        c.name: [_seconds(c.command(trees[c.name][0], "generate"), c.env()) for _ in range(repeat)] for c in checkouts
    }
    servers = []
    try:
        for c in checkouts:
            tree, entry_id = trees[c.name]
            for engine in engines:  # each server its own copy: make serve's trees share only the caches
                own = tree if engine == engines[0] else _copy_tree(tree, workdir / f"{c.name}-{size}-{engine}")
                bare_tree = _copy_generated(tree, workdir / f"{c.name}-{size}-bare-{engine}")
                made = _make_serve(c, engine, own, entry_id)
                servers.append((c, f"make serve ({engine})", made))
                servers.append((c, f"bare {engine}", _bare_serve(c, engine, bare_tree, entry_id, made)))
        waits = {(id(p), kind): [] for _, _, p in servers for kind in kinds}
        for i in range(edits):
            for kind in kinds:  # each bare engine right after its make serve: it is handed what that one wrote
                for _, _, preview in servers:
                    waits[id(preview), kind].append(preview.edit(kind, _marker(kind, i)))
    finally:
        for _, _, preview in servers:
            preview.stop()
    entries = len(list((trees[checkouts[0].name][0] / "practices").rglob("[!_]*/*.md")))
    return [
        {
            "size": size,
            "entries": entries,
            "checkout": c.name,
            "what": what,
            "edit": kind,
            "warm_generate_s": statistics.median(warm[c.name]),
            "edit_preview_median_s": statistics.median(waits[id(p), kind]),
            "edit_preview_max_s": max(waits[id(p), kind]),
        }
        for kind in kinds
        for c, what, p in servers
    ]


def builds(size: str, checkout: Checkout, engine: str, workdir: Path) -> dict:
    """The full build against the bare engine's build of the same docs/, each once, caches warm."""
    tree, _ = _tree(size, workdir / f"{checkout.name}-{size}-build-{engine}")
    _seconds(checkout.command(tree, "generate"), checkout.env())  # fills the caches, writes docs/
    full = _seconds(checkout.command(tree, "build", "--engine", engine), checkout.env())
    out = tree / ".bare-site"  # inside the project: Zensical refuses a site_dir outside it
    bare = _seconds(_bare_build_command(checkout.python, tree, engine, out), checkout.env(), tree)
    shutil.rmtree(out, ignore_errors=True)
    entries = len(list((tree / "practices").rglob("[!_]*/*.md")))
    return {
        "size": size,
        "entries": entries,
        "checkout": checkout.name,
        "engine": engine,
        "full_build_s": full,
        "bare_build_s": bare,
        "ratio": full / bare,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="*", default=["real", "1000"])
    parser.add_argument("--engines", nargs="+", choices=wp_engine.ENGINES, default=list(wp_engine.ENGINES))
    parser.add_argument("--baseline", type=Path, help="another checkout with its own .venv, measured alongside")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument(
        "--edit", nargs="+", choices=("body", "title"), default=["body", "title"], help="the kinds of edit measured"
    )
    parser.add_argument("--build", action="store_true", help="also the full build against the bare engine's")
    parser.add_argument("--build-sizes", nargs="+", default=["1000"])
    args = parser.parse_args()
    checkouts = [Checkout("this", REPO)]
    if args.baseline:
        checkouts.append(Checkout("baseline", args.baseline.resolve()))
    print_machine(f", load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    header = (
        "size",
        "entries",
        "checkout",
        "what",
        "edit",
        "warm_generate_s",
        "edit_preview_median_s",
        "edit_preview_max_s",
    )
    print(" | ".join(header))
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            for row in previews(size, checkouts, args.engines, Path(tmp), args.repeat, args.edits, args.edit):
                print_row(row, header)
        if args.build:
            header = ("size", "entries", "checkout", "engine", "full_build_s", "bare_build_s", "ratio")
            print(" | ".join(header))
            for size in args.build_sizes:
                for c in checkouts:
                    for engine in args.engines:
                        print_row(builds(size, c, engine, Path(tmp)), header)
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
