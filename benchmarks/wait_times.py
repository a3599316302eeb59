"""Benchmark: what a person waits for, this checkout next to an older one.

Two figures, per knowledge-base size:

- edit → preview: seconds from saving a practice in ``make serve`` until the
  served page shows the change (the generator; MkDocs noticing the change,
  which it polls for every 0.5 s; its ``--dirty`` rebuild), median of
  ``--edits`` edits;
- warm generate: seconds of ``python -m wijkpraktijk generate`` as make runs
  it, with warm caches and nothing changed, median of ``--repeat`` runs.

``--baseline DIR`` names another checkout that has run ``make setup`` (for
instance ``git worktree add /tmp/old <commit> && make -C /tmp/old setup``). Its
runs alternate with this checkout's, so a noisy machine slows both alike. Each
checkout works on its own copy of each tree. Sizes: ``real`` is practices/ of
this checkout; a number is a synthetic tree of that many practices, with the
real synonym list (benchmarks/synthetic.py).

    PYTHONPATH=scripts .venv/bin/python benchmarks/wait_times.py [--baseline /tmp/old] [--sizes real 100 1000]
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


@dataclass(frozen=True)
class Checkout:
    name: str
    root: Path

    def command(self, tree: Path, *args: str) -> tuple[list[str], dict]:
        env = {**os.environ, "PYTHONPATH": str(self.root / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
        return [str(self.root / ".venv" / "bin" / "python"), "-m", "wijkpraktijk", "--root", str(tree), *args], env


def _tree(size: str, target: Path) -> tuple[Path, str]:
    """A knowledge base to work on, and the id of the practice the edits change."""
    if size == "real":
        copy_site(target)
        shutil.copytree(REPO / "practices", target / "practices")
        first = sorted((target / "practices" / "praktijken").glob("*.md"))[0]
        return target, first.stem
    return write_tree(target, int(size)), "praktijk-7"


def _generate_seconds(checkout: Checkout, tree: Path) -> float:
    cmd, env = checkout.command(tree, "generate")
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _until(check, limit: float) -> float:
    start = time.perf_counter()
    while not check():
        if time.perf_counter() - start > limit:
            raise SystemExit(f"nothing after {limit} s")
        time.sleep(0.02)
    return time.perf_counter() - start


class Preview:
    """``make serve`` of one checkout on one tree, on a free local port."""

    def __init__(self, checkout: Checkout, tree: Path, entry_id: str):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        cmd, env = checkout.command(tree, "serve", "--dev-addr", f"127.0.0.1:{port}")
        self.proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{port}/kennisbank/{entry_id}/"
        self.source = next((tree / "practices").rglob(f"{entry_id}.md"))
        _until(lambda: "<h1" in _page(self.url), 900)
        time.sleep(2)

    def edit(self, title: str) -> float:
        text = re.sub(r"^title: .*$", "title: " + title, self.source.read_text(encoding="utf-8"), count=1, flags=re.M)
        self.source.write_text(text, encoding="utf-8")
        seconds = _until(lambda: title in _page(self.url), 300)
        # Let MkDocs settle, then wait a random extra: its watcher polls every half second, and edits
        # spaced evenly would always meet it at the same point of that cycle.
        time.sleep(1 + random.random())
        return seconds

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(30)


def measure(size: str, checkouts: list[Checkout], workdir: Path, repeat: int, edits: int) -> list[dict]:
    trees = {c.name: _tree(size, workdir / f"{c.name}-{size}") for c in checkouts}
    for c in checkouts:  # cold run: fills the caches
        _generate_seconds(c, trees[c.name][0])
    warm: dict[str, list[float]] = {c.name: [] for c in checkouts}
    for _ in range(repeat):
        for c in checkouts:
            warm[c.name].append(_generate_seconds(c, trees[c.name][0]))
    previews = {c.name: Preview(c, *trees[c.name]) for c in checkouts}
    edit: dict[str, list[float]] = {c.name: [] for c in checkouts}
    try:
        for i in range(edits):
            for c in checkouts:
                edit[c.name].append(previews[c.name].edit(f"Bewerkt door de benchmark, versie {i}"))
    finally:
        for preview in previews.values():
            preview.stop()
    entries = len(list((trees[checkouts[0].name][0] / "practices").rglob("[!_]*/*.md")))
    return [
        {
            "size": size,
            "entries": entries,
            "checkout": c.name,
            "warm_generate_s": statistics.median(warm[c.name]),
            "edit_preview_median_s": statistics.median(edit[c.name]),
            "edit_preview_max_s": max(edit[c.name]),
        }
        for c in checkouts
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", default=["real", "100", "1000"])
    parser.add_argument("--baseline", type=Path, help="another checkout with its own .venv, measured alongside")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    checkouts = [Checkout("this", REPO)]
    if args.baseline:
        checkouts.append(Checkout("baseline", args.baseline.resolve()))
    print_machine()
    header = ("size", "entries", "checkout", "warm_generate_s", "edit_preview_median_s", "edit_preview_max_s")
    print(" | ".join(header))
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            for row in measure(size, checkouts, Path(tmp), args.repeat, args.edits):
                print_row(row, header)


if __name__ == "__main__":
    main()
