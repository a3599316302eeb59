"""Benchmark: generator and full build at 100, 1,000 and 10,000 synthetic practices.

Prints, per size: generator seconds (cold cache; warm, and warm after editing
one practice, each the median of ``--repeat`` runs), MkDocs seconds, seconds
per page, the full build (what ``make build`` runs after generating: MkDocs,
the workshop-cards PDF, the offline zip, the Pagefind index), peak memory of
the generator and of MkDocs, and HTML bytes per practice page. What a person
waits for in ``make serve`` is measured by wait_times.py.

    PYTHONPATH=scripts .venv/bin/python benchmarks/pipeline_scale.py [--sizes 100 1000 10000]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from report import print_machine, print_row  # noqa: E402
from synthetic import write_tree  # noqa: E402


def _children_cpu() -> float:
    """CPU seconds of finished child processes: steadier than wall time on a busy machine."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _generate(root: Path, env: dict) -> tuple[float, int, float]:
    """Seconds, peak memory (KB) and CPU seconds of one ``python -m wijkpraktijk generate``, exactly as make runs it.

    ``wait4`` gives the child's own peak memory (spawned workers for cache misses are its children, not counted).
    """
    cpu = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "wijkpraktijk", "--root", str(root), "generate"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(err[-2000:].decode("utf-8", "replace"))
    return seconds, usage.ru_maxrss, _children_cpu() - cpu


def _site_build(root: Path, env: dict) -> float:
    """Seconds of what `make build` runs after the generator (site.build_site):
    MkDocs, cards PDF, offline zip, Pagefind.
    """
    start = time.perf_counter()
    site_build = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, pathlib; from wijkpraktijk.config import Paths; "
            "from wijkpraktijk.site import build_site; sys.exit(build_site(Paths(pathlib.Path(sys.argv[1]))))",
            str(root),
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if site_build.returncode:
        raise SystemExit(site_build.stderr[-2000:])
    return seconds


def run_size(n: int, workdir: Path, repeat: int) -> dict:
    root = write_tree(workdir / f"kb-{n}", n)
    env = {
        **os.environ,
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "scripts"),
        "NO_MKDOCS_2_WARNING": "1",
    }
    # Generator in its own process, so its peak memory is its own. The first run
    # starts with an empty cache (citations, QR codes); the next ones are the
    # usual incremental case, with the cache warm and every page unchanged. Warm
    # runs are short and this machine is noisy, so they are repeated (median).
    cold_seconds, _, cold_cpu = _generate(root, env)
    cpu0 = _children_cpu()
    warm = [_generate(root, env) for _ in range(repeat)]
    cpu1 = _children_cpu()
    # What a contributor sees after saving one file: one practice edited, its
    # page and the pages that list it rewritten, everything else read back.
    edited = root / "practices" / "praktijken" / "praktijk-0.md"
    edits = []
    for k in range(repeat):
        edited.write_text(edited.read_text(encoding="utf-8") + f"\nEen zin erbij ({k}).\n", encoding="utf-8")
        edits.append(_generate(root, env)[0])
    edit_seconds = statistics.median(edits)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    mkdocs_cpu0 = _children_cpu()
    start = time.perf_counter()
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(root / "site")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    mkdocs_seconds = time.perf_counter() - start
    if build.returncode:
        raise SystemExit(build.stderr[-2000:])
    mkdocs_peak_kb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    generator_cpu = (cpu1 - cpu0) / repeat
    build_cpu = generator_cpu + _children_cpu() - mkdocs_cpu0
    site_seconds = _site_build(root, env)
    gen_seconds = statistics.median(w[0] for w in warm)
    gen_peak_kb = max(w[1] for w in warm)
    pages = list((root / "site" / "kennisbank").glob("praktijk-*/index.html"))
    total_pages = sum(1 for _ in (root / "site").rglob("*.html"))
    sizes = [p.stat().st_size for p in pages]
    return {
        "practices": n,
        "pages": total_pages,
        "generator_cold_s": cold_seconds,
        "generator_cold_cpu_s": cold_cpu,
        "generator_s": gen_seconds,
        "generator_edit_s": edit_seconds,
        "mkdocs_s": mkdocs_seconds,
        "s_per_page": (gen_seconds + mkdocs_seconds) / total_pages,
        "full_build_s": gen_seconds + site_seconds,
        "generator_cpu_s": generator_cpu,
        "build_cpu_s": build_cpu,
        "generator_peak_mb": gen_peak_kb / 1024,
        "mkdocs_peak_mb": mkdocs_peak_kb / 1024,
        "html_bytes_per_practice": statistics.mean(sizes),
        "site_mb": sum(f.stat().st_size for f in (root / "site").rglob("*") if f.is_file()) / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=5, help="warm and edited generator runs per size (median)")
    args = parser.parse_args()
    print_machine()
    header = (
        "practices",
        "pages",
        "generator_cold_s",
        "generator_cold_cpu_s",
        "generator_s",
        "generator_edit_s",
        "mkdocs_s",
        "s_per_page",
        "full_build_s",
        "generator_cpu_s",
        "build_cpu_s",
        "generator_peak_mb",
        "mkdocs_peak_mb",
        "html_bytes_per_practice",
        "site_mb",
    )
    print(" | ".join(header))
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            row = run_size(n, Path(tmp), args.repeat)
            print_row(row, header, 4)


if __name__ == "__main__":
    main()
