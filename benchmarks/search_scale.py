"""Benchmark: search at 1,000 and 10,000 synthetic practices, in headless Chromium.

Prints, per size and vocabulary: Pagefind index build seconds, index size on disk, bytes the
browser downloads for the first query (everything fetched from opening the
search dialog until the results are on screen: pagefind.js, WASM, index
chunks, result fragments), first-query latency, and the median latency of
20 further queries (search plus loading the top 8 results, as the dialog does).

Two vocabularies (synthetic.py): 'real' draws words with the frequencies of
the real pages (common words on most pages, rare ones on few), 'small' uses 19
words so that every query matches nearly every page: Pagefind's worst case.

    PYTHONPATH=scripts .venv/bin/python benchmarks/search_scale.py [--sizes 1000 10000] [--vocabularies real small]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "scripts"))
sys.path.insert(0, str(HERE.parent / "tests"))

from browser_support import launch, serve_directory  # noqa: E402
from report import print_machine, print_row  # noqa: E402
from synthetic import write_tree  # noqa: E402
from wijkpraktijk.config import Paths  # noqa: E402
from wijkpraktijk.pipeline import generate  # noqa: E402
from wijkpraktijk.search_index import build_search_index  # noqa: E402

FIRST_QUERY = "wijkteams"
QUERIES = [
    "buurtteam",
    "keukentafelgesprekken",
    "vertrouwen",
    "opbouwwerker",
    "generalist",
    "Praktijk 4321",
    "vrijwilligers",
    "netwerk gezin",
    "regie",
    "huisbezoeken",
    "preventie",
    "samenwerking gemeente",
    "ondersteuning",
    "sociaal team",
    "bewoners buurt",
    "Methode 7",
    "aanpak",
    "plan",
    "gesprek",
    "frontlijnwerker",
]
LATENCY_JS = """async (qs) => {
  const pf = await import(new URL('pagefind/pagefind.js', document.baseURI.replace(/kennisbank\\/.*$/, '')).href);
  const times = [];
  for (const q of qs) {
    const t0 = performance.now();
    const s = await pf.search(q);
    await Promise.all(s.results.slice(0, 8).map(r => r.data()));
    times.push(performance.now() - t0);
  }
  return times;
}"""


def build(n: int, workdir: Path, vocabulary: str = "small") -> tuple[Path, float, float]:
    root = write_tree(workdir / f"kb-{n}-{vocabulary}", n, vocabulary=vocabulary)
    paths = Paths(root)
    loaded, report = generate(paths)
    if report is None:
        raise SystemExit("\n".join(p.format() for p in loaded.problems))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    site = root / "site"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )
    mkdocs_s = time.perf_counter() - start
    start = time.perf_counter()
    if build_search_index(site) != 0:
        raise SystemExit("Pagefind failed")
    return site, mkdocs_s, time.perf_counter() - start


def measure(site: Path) -> dict:
    with serve_directory(site) as url, launch() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.goto(url + "kennisbank/")
        page.wait_for_selector(".wp-search-button")
        page.wait_for_load_state("networkidle")
        # Pagefind fetches from a worker, out of sight of the page's CDP session; the
        # loopback server sends files as they are (no compression), so a file's size
        # on disk is what the browser downloaded.
        received: dict[str, int] = {}

        def count(response):
            file = site / urlsplit(response.url).path.lstrip("/")
            if file.is_file():
                received[response.url] = file.stat().st_size

        context.on("response", count)
        start = time.perf_counter()
        page.keyboard.press("/")
        page.fill(".wp-search__input", FIRST_QUERY)  # one query, as if pasted (typing searches per pause)
        page.wait_for_selector(".wp-search__result")
        page.wait_for_load_state("networkidle")
        first_s = time.perf_counter() - start
        first_bytes = sum(received.values())
        if os.environ.get("BENCH_DEBUG"):
            print(sorted(received.items(), key=lambda kv: -kv[1])[:12], file=sys.stderr)
        times = page.evaluate(LATENCY_JS, QUERIES)
        context.close()
    return {
        "first_query_bytes": first_bytes,
        "first_query_requests": len(received),
        "first_query_s_incl_typing": first_s,
        "median_ms": statistics.median(times),
        "max_ms": max(times),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--vocabularies", nargs="+", default=["real", "small"], choices=["real", "small"])
    args = parser.parse_args()
    print_machine()
    header = (
        "vocabulary",
        "practices",
        "html_pages",
        "mkdocs_s",
        "index_s",
        "index_kb",
        "first_query_bytes",
        "first_query_requests",
        "first_query_s_incl_typing",
        "median_ms",
        "max_ms",
    )
    print(" | ".join(header))
    with tempfile.TemporaryDirectory() as tmp:
        for vocabulary in args.vocabularies:
            for n in args.sizes:
                site, mkdocs_s, index_s = build(n, Path(tmp), vocabulary)
                row = {
                    "vocabulary": vocabulary,
                    "practices": n,
                    "html_pages": sum(1 for _ in site.rglob("*.html")),
                    "mkdocs_s": mkdocs_s,
                    "index_s": index_s,
                    "index_kb": sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file()) / 1024,
                }
                row.update(measure(site))
                print_row(row, header)
                shutil.rmtree(site.parent)  # 10,000 pages take a gigabyte


if __name__ == "__main__":
    main()
