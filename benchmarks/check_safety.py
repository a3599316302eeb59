"""Benchmark: cost of the untrusted-input checks in `make check`.

Prints, for synthetic trees of 1,000 and 10,000 practices: the full check time,
the time spent in the body safety rules (body.unsafe_markup) and in the
rendered-HTML backstop (allowlist.rendered_problems) for ordinary bodies and
for bodies that need the backstop (they hold '<', '{', '&' or an image).

    PYTHONPATH=scripts .venv/bin/python benchmarks/check_safety.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import functools
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
from wijkpraktijk import allowlist, body  # noqa: E402
from wijkpraktijk.config import Paths  # noqa: E402
from wijkpraktijk.pipeline import load  # noqa: E402
from wijkpraktijk.read import read_all  # noqa: E402


def timed(fn, items) -> float:
    start = time.perf_counter()
    for item in items:
        fn(item)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    print_machine()
    allowlist._markdown(REPO / "mkdocs.yml")  # load the extensions once, outside the timings
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            root = write_tree(Path(tmp) / f"kb-{n}", n)
            paths = Paths(root)
            start = time.perf_counter()
            loaded = load(paths)
            check_s = time.perf_counter() - start
            assert not loaded.problems, loaded.problems[:3]
            bodies = [raw.body for raw in read_all(paths.practices, paths.root)[0]]
            triggered = sum(1 for b in bodies if allowlist.TRIGGER_RE.search(b))
            rules_s = timed(body.unsafe_markup, bodies)
            backstop_s = timed(functools.partial(allowlist.rendered_problems, site_config=paths.mkdocs_yml), bodies)
            marked = [b + "\n\nZie ook R&D <https://example.org>.\n" for b in bodies]
            forced_s = timed(functools.partial(allowlist.rendered_problems, site_config=paths.mkdocs_yml), marked)
            size = sum(len(b) for b in bodies) / len(bodies)
            print(
                f"{len(bodies):>6} entries (avg body {size:.0f} chars): check {check_s:.2f} s; "
                f"safety rules {rules_s * 1000 / len(bodies):.3f} ms/body; "
                f"backstop {backstop_s:.2f} s total ({triggered} bodies rendered); "
                f"backstop if every body needed it {forced_s * 1000 / len(bodies):.2f} ms/body"
            )


if __name__ == "__main__":
    main()
