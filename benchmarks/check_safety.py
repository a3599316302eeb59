"""Benchmark: cost of the untrusted-input checks in `make check`.

Prints, first, the check of one entry whose body is a 256 KB run of one
pathological pattern (the security review's R1/R2; the target is under 2 s);
then, for synthetic trees of 1,000 and 10,000 practices: the full check time,
cold and with the rendered bodies cached, and the time per body of the safety
rules (rules.unsafe_markup on the parsed body) and of rendering plus the allowlist.

    PYTHONPATH=scripts .venv/bin/python benchmarks/check_safety.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from report import print_machine  # noqa: E402
from synthetic import (
    REPO,  # noqa: E402
    write_tree,  # noqa: E402
)
from wijkpraktijk import allowlist, rules  # noqa: E402
from wijkpraktijk.body import parse  # noqa: E402
from wijkpraktijk.config import Paths, Settings  # noqa: E402
from wijkpraktijk.pipeline import load  # noqa: E402
from wijkpraktijk.read import read_all  # noqa: E402


def timed(fn, items) -> float:
    start = time.perf_counter()
    for item in items:
        fn(item)
    return time.perf_counter() - start


PATHOLOGICAL = [
    "[",
    "[[",
    "![",
    "](",
    "[a](",
    "<a:",
    "{a",
    "`",
    " #",
    "&#",
    "*a",
    "<",
    "[a](\n",
    "- [",
    ">",
    "*a\n",
    "> a\n",
    "- a\n",
]


def pathological(workdir: Path) -> None:
    """``make check``'s whole validation of one entry whose body is a 256 KB run of one pattern (target: < 2 s)."""
    root = write_tree(workdir / "kb-patho", 10)
    paths = Paths(root)
    entry = paths.practices / "praktijken" / "praktijk-0.md"
    original = entry.read_text(encoding="utf-8")
    print("pattern | body bytes | check_s | refused")
    for unit in PATHOLOGICAL:
        entry.write_text(original + "\n" + unit * (250_000 // len(unit)) + "\n", encoding="utf-8")
        start = time.perf_counter()
        loaded = load(paths)
        seconds = time.perf_counter() - start
        print(f"{unit!r} | {entry.stat().st_size} | {seconds:.2f} | {bool(loaded.problems)}", flush=True)
    entry.write_text(original, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    print_machine()
    settings = Settings.read(REPO / "mkdocs.yml")
    allowlist.render_markdown("", settings)  # load the extensions once, outside the timings
    with tempfile.TemporaryDirectory() as tmp:
        pathological(Path(tmp))
        for n in args.sizes:
            root = write_tree(Path(tmp) / f"kb-{n}", n)
            paths = Paths(root)
            start = time.perf_counter()
            loaded = load(paths)
            check_s = time.perf_counter() - start
            start = time.perf_counter()
            load(paths)
            warm_s = time.perf_counter() - start
            assert not loaded.problems, loaded.problems[:3]
            bodies = [raw.body for raw in read_all(paths.practices, paths.root)[0]]
            rules_s = timed(lambda text: list(rules.unsafe_markup(parse(text))), bodies)
            render_s = timed(allowlist.Bodies(settings).render, bodies)
            size = sum(len(b) for b in bodies) / len(bodies)
            print(
                f"{len(bodies):>6} entries (avg body {size:.0f} chars): check {check_s:.2f} s cold, "
                f"{warm_s:.2f} s with rendered bodies cached; "
                f"safety rules {rules_s * 1000 / len(bodies):.3f} ms/body; "
                f"render + allowlist {render_s * 1000 / len(bodies):.2f} ms/body"
            )


if __name__ == "__main__":
    main()
