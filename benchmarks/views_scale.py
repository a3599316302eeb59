"""Benchmark: the Verbanden graph, the Kaart and entry pages at 1,000 synthetic practices.

Builds a synthetic site (benchmarks/synthetic.py), serves it on loopback and
opens it in headless Debian Chromium. Prints, per size: time from navigation
to an interactive graph (cytoscape laid out, clicks work), bytes the graph
page downloads (raw and gzip, as a compressing server would send them),
the size of graph.json, the open data files, and the HTML weight of a
practice page (with its neighbourhood SVG) and of the Kaart page.

    PYTHONPATH=scripts .venv/bin/python benchmarks/views_scale.py [--sizes 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "scripts"))
sys.path.insert(0, str(HERE.parent / "tests"))

from browser_support import launch, serve_directory  # noqa: E402
from report import print_machine, print_row  # noqa: E402
from synthetic import write_tree  # noqa: E402


def _build(root: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "wijkpraktijk", "--root", str(root), "build"], env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(result.stdout[-2000:] + result.stderr[-2000:])


def _graph_page(browser, url: str, block_search: bool = False) -> tuple[float, int, int, int, int]:
    """(ms to interactive, nodes, raw bytes, gzip bytes, own gzip bytes) for one cold load of Verbanden.

    "Own" is what this feature adds (page, cytoscape, verbanden.js, graph.json), without
    the theme's assets and Material's site-wide search index, which every page loads.
    ``block_search`` leaves that index out, to show how much it slows the graph down.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    if block_search:
        page.route("**/search_index.json", lambda route: route.abort())
    bodies: list[tuple[str, bytes]] = []
    page.on("response", lambda r: bodies.append((r.url, r.body())) if r.ok else None)
    page.goto(url + "kennisbank/overzicht/verbanden/")
    page.wait_for_selector("#wp-graph[data-ready=true]", timeout=120000)
    ms = page.evaluate("performance.now()")
    nodes = page.evaluate("window.wpGraph.nodes().length")
    page.wait_for_load_state("networkidle")
    raw = sum(len(b) for _, b in bodies)
    packed = sum(len(gzip.compress(b)) for _, b in bodies)
    own = sum(len(gzip.compress(b)) for u, b in bodies if "/kennisbank/" in u)
    context.close()
    return ms, nodes, raw, packed, own


def run_size(n: int, runs: int, workdir: Path) -> dict:
    root = write_tree(workdir / f"kb-{n}", n)
    _build(root)
    site = root / "site"
    with serve_directory(site) as url, launch() as browser:
        results = [_graph_page(browser, url) for _ in range(runs)]
        unsearched = [_graph_page(browser, url, block_search=True)[0] for _ in range(runs)]
    data = site / "kennisbank" / "data"
    practice = site / "kennisbank" / "praktijk-0" / "index.html"
    return {
        "practices": n,
        "nodes": results[0][1],
        "graph_interactive_ms": statistics.median(r[0] for r in results),
        "graph_page_kb": results[0][2] / 1024,
        "graph_page_gzip_kb": results[0][3] / 1024,
        "graph_own_gzip_kb": results[0][4] / 1024,
        "interactive_ms_no_search_index": statistics.median(unsearched),
        "graph_json_kb": (data / "graph.json").stat().st_size / 1024,
        "entries_json_kb": (data / "entries.json").stat().st_size / 1024,
        "entries_csv_kb": (data / "entries.csv").stat().st_size / 1024,
        "practice_html_kb": practice.stat().st_size / 1024,
        "kaart_html_kb": (site / "kennisbank" / "overzicht" / "kaart" / "index.html").stat().st_size / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print_machine(", headless Chromium")
    header = (
        "practices",
        "nodes",
        "graph_interactive_ms",
        "interactive_ms_no_search_index",
        "graph_page_kb",
        "graph_page_gzip_kb",
        "graph_own_gzip_kb",
        "graph_json_kb",
        "entries_json_kb",
        "entries_csv_kb",
        "practice_html_kb",
        "kaart_html_kb",
    )
    print(" | ".join(header))
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            row = run_size(n, args.runs, Path(tmp))
            print_row(row, header, 1)


if __name__ == "__main__":
    main()
