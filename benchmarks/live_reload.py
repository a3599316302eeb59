"""Benchmark: how long an edit in practices/ takes to show in `make serve`.

Starts the preview server on a synthetic knowledge base, changes the title of
one practice a few times, and prints the seconds from saving the file until
the served page carries the new title (generator + MkDocs --dirty rebuild).

    PYTHONPATH=scripts .venv/bin/python benchmarks/live_reload.py [--sizes 100 1000]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from report import print_machine, print_row  # noqa: E402
from synthetic import write_tree  # noqa: E402

EDITS = 5


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
        time.sleep(0.05)
    return time.perf_counter() - start


def measure(n: int, workdir: Path) -> dict:
    root = write_tree(workdir / f"kb-{n}", n)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "scripts")}
    proc = subprocess.Popen([sys.executable, "-m", "wijkpraktijk", "--root", str(root), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/kennisbank/praktijk-7/"
    try:
        ready = _until(lambda: "<h1" in _page(url), 900)
        time.sleep(3)
        source = root / "practices" / "praktijken" / "praktijk-7.md"
        times = []
        for i in range(EDITS):
            title = f"Praktijk zeven, versie {i}"
            text = re.sub(r"^title: .*$", "title: " + title, source.read_text(encoding="utf-8"), count=1, flags=re.M)
            source.write_text(text, encoding="utf-8")
            times.append(_until(lambda title=title: title in _page(url), 300))
            time.sleep(1)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    return {"practices": n, "first_page_s": ready, "median_edit_s": statistics.median(times), "max_edit_s": max(times)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()
    print_machine()
    header = ("practices", "first_page_s", "median_edit_s", "max_edit_s")
    print(" | ".join(header))
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            row = measure(n, Path(tmp))
            print_row(row, header)


if __name__ == "__main__":
    main()
