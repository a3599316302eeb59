"""Cost of the citing/printing extras (issue 5), printed, not asserted.

Times ``handout.build`` (APA via citeproc-py, BibTeX, RIS, CSL-JSON, two QR
codes per entry, one git log) on synthetic knowledge bases, and the downloads
step (cards PDF + offline zip) on the real site when it has been built.
Run: PYTHONPATH=scripts .venv/bin/python benchmarks/handout_scale.py [sizes...]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_tree  # noqa: E402
from wijkpraktijk import citing as handout  # noqa: E402  (the module was renamed citing.py)
from wijkpraktijk.config import Paths  # noqa: E402
from wijkpraktijk.pipeline import load  # noqa: E402


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [100, 500]
    print("entries  cold build  per entry  warm build (cache)  files")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_tree(Path(tmp) / "repo", n)
            loaded = load(Paths(root))
            assert not loaded.problems, loaded.problems[:3]
            start = time.perf_counter()
            _, files = handout.build(Paths(root), loaded.kb)
            cold = time.perf_counter() - start
            start = time.perf_counter()
            handout.build(Paths(root), loaded.kb)
            warm = time.perf_counter() - start
            count = len(loaded.kb.entries)
            print(f"{count:7d}  {cold:8.2f} s  {1000 * cold / count:6.1f} ms  {warm:8.2f} s  {len(files)}")
    repo = Path(__file__).resolve().parent.parent
    downloads = repo / "site" / "downloads"
    if downloads.exists():
        for f in sorted(downloads.iterdir()):
            print(f"{f.name}: {f.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
