"""Benchmark: what the werkmap page weighs and how long a coach waits for the printed handout.

Builds the real site (practices/) in a temporary copy (or takes a built one with --site), serves it
on loopback with benchmarks/static_server.py (ETag, Cache-Control, gzip: like a real static host) and
opens /werkmap/ in Debian's headless Chromium, in a fresh context per run, with werkmaps of growing
size taken from the real content (methods first, then practice stories, then the rest):

  bytes      what the page and everything it fetched weighed over the wire, until the handout is ready;
  ready      from opening the link until the list is shown and the handout is ready to print
             (kennisbank/werkmap/<id>.json, every entry page, their QR codes);
  print      Chromium's page.pdf(): the print dialog's work for the whole handout, and its A4 pages.

    PYTHONPATH=scripts .venv/bin/python benchmarks/werkmap_print.py [--runs 3] [--slow-4g] [--site site]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO / "scripts"), str(REPO / "tests")]

from page_weight import SLOW_4G, build_copy  # noqa: E402
from static_server import serve  # noqa: E402

SIZES = (0, 3, 10, 22, 50)  # 50 is the most a werkmap holds (werkmap.js)
READY = "#wp-werkmap[data-state=ready][data-print=ready]"


def chosen_ids(site: Path) -> list[str]:
    from wijkpraktijk.config import Paths
    from wijkpraktijk.pipeline import load

    kb = load(Paths(site.parent)).kb
    order = {"method": 0, "practice": 1}
    return [e.id for e in sorted(kb.entries.values(), key=lambda e: (order.get(e.type, 2), e.id))]


def run(browser, base: str, traffic, ids: list[str], slow: bool) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = context.new_page()
    if slow:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    traffic.reset()
    started = time.perf_counter()
    page.goto(base + "werkmap/" + ("?ids=" + ",".join(ids) if ids else ""))
    page.wait_for_selector(READY, timeout=300_000)
    ready = time.perf_counter() - started
    sent, requests = traffic.bytes_sent, traffic.requests
    started = time.perf_counter()
    pdf = page.pdf(format="A4", print_background=True)
    printing = time.perf_counter() - started
    context.close()
    sheets = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    return {"kb": sent / 1024, "requests": requests, "ready": ready, "print": printing, "sheets": sheets}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--slow-4g", action="store_true", help="throttle to slow 4G, as benchmarks/page_weight.py")
    parser.add_argument("--site", type=Path, help="a built site/ to measure instead of building one")
    args = parser.parse_args(argv)
    from browser_support import launch

    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Chromium /usr/bin/chromium; network: {'slow 4G (CDP)' if args.slow_4g else 'loopback, unthrottled'}; "
        f"server: ETag + Cache-Control + gzip; median of {args.runs} runs, each in a fresh browser context",
        flush=True,
    )
    work = Path(tempfile.mkdtemp(prefix="werkmap-bench-"))
    try:
        site = args.site.resolve() if args.site else build_copy(work / "site")
        ids = chosen_ids(site)
        heads = ("entries", 7), ("KB over the wire", 17), ("requests", 9), ("ready (s)", 10), ("page.pdf (s)", 13)
        print(" ".join(f"{h:>{w}}" for h, w in (*heads, ("A4 pages", 9))))
        with serve(site) as (base, traffic), launch() as browser:
            for size in SIZES:
                if size > len(ids):
                    continue
                runs = [run(browser, base, traffic, ids[:size], args.slow_4g) for _ in range(args.runs)]
                med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                print(
                    f"{size:7d} {med['kb']:17.1f} {med['requests']:9.0f} {med['ready']:10.2f} "
                    f"{med['print']:13.2f} {med['sheets']:9.0f}",
                    flush=True,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
