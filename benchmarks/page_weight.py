"""Benchmark: weight and speed of a practice page, on a first visit and on the next page.

Builds the real site (practices/) in a temporary copy, serves it on loopback with
benchmarks/static_server.py (ETag, Cache-Control, gzip: like a real static host)
and opens it in Debian's headless Chromium, throttled to a "slow 4G" profile
through CDP Network.emulateNetworkConditions:

    latency 150 ms, download 1.6 Mbit/s, upload 750 kbit/s  (no CPU throttling)

Per run, in a fresh browser context (empty cache):
  first load  = a practice page, cache empty;
  next page   = another practice page in the same context (cache warm).
Bytes and requests are counted by the server (so web-worker fetches such as the
search index count too); bytes are what went over the wire: headers + (gzipped) body.
First contentful paint comes from the browser's Paint Timing API.

    PYTHONPATH=scripts .venv/bin/python benchmarks/page_weight.py [--runs 5] [--compare-minify]

Targets (issue #7): first load < 400 KB, next page < 60 KB, FCP < 2 s on slow 4G.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO / "scripts"), str(REPO / "tests")]

from static_server import serve  # noqa: E402

SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
TARGETS = {"first_kb": 400, "next_kb": 60, "fcp_ms": 2000}
PREFERRED = ("wijkteam-nijlan-huizum",)
MINIFY_PLUGIN = (
    "  - minify:\n      minify_html: true\n      minify_js: true\n      minify_css: true\n"
    "      htmlmin_opts:\n        remove_comments: true\n"
)


def build_copy(workdir: Path, minify: bool = False) -> Path:
    """Build the real practices/ into ``workdir``; returns the site folder."""
    from sitecheck import copy_repo
    from wijkpraktijk.pipeline import generate
    from wijkpraktijk.site import build_site

    workdir.mkdir(parents=True)
    paths = copy_repo(workdir)
    if minify:
        config = paths.mkdocs_yml.read_text(encoding="utf-8")
        if re.search(r"^plugins:\s*\[\]\s*$", config, flags=re.M):
            config = re.sub(
                r"^plugins:\s*\[\]\s*$", "plugins:\n" + MINIFY_PLUGIN.rstrip("\n"), config, count=1, flags=re.M
            )
        else:
            config = config.replace("plugins:\n", "plugins:\n" + MINIFY_PLUGIN, 1)
        assert "- minify:" in config, "could not add the minify plugin to mkdocs.yml"
        paths.mkdocs_yml.write_text(config, encoding="utf-8")
    loaded, report = generate(paths)
    if report is None:
        raise SystemExit("\n".join(p.format() for p in loaded.problems))
    with open(os.devnull, "w") as quiet:
        old = os.dup(2)
        os.dup2(quiet.fileno(), 2)
        try:
            code = build_site(paths, strict=True)
        finally:
            os.dup2(old, 2)
    if code:
        raise SystemExit("mkdocs build failed")
    return paths.site


def practice_pages(site: Path) -> tuple[str, str]:
    """Two practice pages: the preferred one (or the first) and another."""
    from wijkpraktijk.config import Paths
    from wijkpraktijk.pipeline import load

    kb = load(Paths(site.parent)).kb
    ids = sorted(e.id for e in kb.of_type("practice"))
    if len(ids) < 2:
        raise SystemExit("need at least two practice pages")
    first = next((i for i in PREFERRED if i in ids), ids[0])
    second = next(i for i in ids if i != first)
    return f"kennisbank/{first}/", f"kennisbank/{second}/"


def load_page(page, url: str) -> float | None:
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime ?? null")


def measure(site: Path, first: str, second: str, runs: int = 5, throttle: bool = True, browser=None) -> dict[str, list]:
    """Per run: bytes, requests, 304s and FCP for the first load and the next page.

    Pass ``browser`` to reuse a running Playwright browser (Playwright's sync API
    cannot start a second one inside the first)."""
    from browser_support import launch

    figures: dict[str, list] = {
        k: []
        for k in ("first_bytes", "first_requests", "first_fcp", "next_bytes", "next_requests", "next_304", "next_fcp")
    }
    with contextlib.ExitStack() as stack:
        base, traffic = stack.enter_context(serve(site))
        if browser is None:
            browser = stack.enter_context(launch())
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 375, "height": 812}, locale="nl-NL")
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            if throttle:
                cdp.send("Network.emulateNetworkConditions", SLOW_4G)
            traffic.reset()
            fcp = load_page(page, base + first)
            figures["first_bytes"].append(traffic.bytes_sent)
            figures["first_requests"].append(traffic.requests)
            figures["first_fcp"].append(fcp)
            traffic.reset()
            fcp = load_page(page, base + second)
            figures["next_bytes"].append(traffic.bytes_sent)
            figures["next_requests"].append(traffic.requests)
            figures["next_304"].append(traffic.not_modified)
            figures["next_fcp"].append(fcp)
            context.close()
    return figures


def report(label: str, site: Path, first: str, second: str, runs: int) -> dict[str, float]:
    figures = measure(site, first, second, runs=runs)
    med = {k: statistics.median(v) for k, v in figures.items()}
    ok = lambda good: "OK " if good else "BOVEN DOEL"  # noqa: E731
    print(f"\n[{label}] first load: {first}   next page: {second}   (median of {runs} runs)")
    print(
        f"  first load : {med['first_bytes'] / 1024:7.1f} KB in {med['first_requests']:.0f} requests, "
        f"FCP {med['first_fcp']:6.0f} ms   "
        f"[{ok(med['first_bytes'] / 1024 < TARGETS['first_kb'])} < {TARGETS['first_kb']} KB; "
        f"{ok(med['first_fcp'] < TARGETS['fcp_ms'])} FCP < {TARGETS['fcp_ms']} ms]"
    )
    print(
        f"  next page  : {med['next_bytes'] / 1024:7.1f} KB in {med['next_requests']:.0f} requests "
        f"({med['next_304']:.0f} answered 304), FCP {med['next_fcp']:6.0f} ms   "
        f"[{ok(med['next_bytes'] / 1024 < TARGETS['next_kb'])} < {TARGETS['next_kb']} KB]"
    )
    print(
        f"  FCP range  : first {min(figures['first_fcp']):.0f}-{max(figures['first_fcp']):.0f} ms, "
        f"next {min(figures['next_fcp']):.0f}-{max(figures['next_fcp']):.0f} ms"
    )
    return med


def html_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*.html"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--compare-minify", action="store_true", help="also build with mkdocs-minify-plugin and compare"
    )
    args = parser.parse_args(argv)
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, Chromium /usr/bin/chromium"
    )
    print(
        "network: slow 4G = latency 150 ms, 1.6 Mbit/s down, 750 kbit/s up (CDP); server: ETag + Cache-Control + gzip",
        flush=True,
    )
    work = Path(tempfile.mkdtemp(prefix="page-weight-"))
    try:
        site = build_copy(work / "plain")
        first, second = practice_pages(site)
        print(f"site: {sum(1 for _ in site.rglob('*.html'))} HTML pages, {html_bytes(site) / 1024:.0f} KB of HTML")
        report("site as built", site, first, second, args.runs)
        if args.compare_minify:
            try:
                import mkdocs_minify_plugin  # noqa: F401
            except ImportError:
                raise SystemExit("--compare-minify needs: .venv/bin/pip install mkdocs-minify-plugin==0.8.0") from None
            minified = build_copy(work / "minified", minify=True)
            print(f"minified: {html_bytes(minified) / 1024:.0f} KB of HTML (was {html_bytes(site) / 1024:.0f} KB)")
            report("with mkdocs-minify-plugin", minified, first, second, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
