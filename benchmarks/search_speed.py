"""Benchmark: how fast the first search answers on a phone on slow 4G, and what the first visit weighs.

Builds the real site (practices/) in a temporary copy, serves it with benchmarks/static_server.py
(ETag, Cache-Control, gzip, like a real host) and opens a practice page in Debian's headless Chromium at
375x812, throttled to slow 4G through CDP (latency 150 ms, 1.6 Mbit/s down, 750 kbit/s up; the same
profile as page_weight.py). Per run, in a fresh context (empty cache):

  first visit   = the page, then everything it fetches until the network is idle, which includes the
                  search the page warms up when idle (Pagefind, its WebAssembly and language data, the
                  word list): bytes and requests as the server counted them (a web worker's too);
  first search  = a few seconds later the visitor taps the search button and types the query at person
                  speed (one key per 150 ms); the figure is the time from the last key until the first
                  result (or the "no results" help) is on screen.

``--cold`` skips the warm-up wait: the visitor types as soon as the page shows, before idle.
``--paste`` puts the whole query in at once (pasted, or a browser's autofill): nothing could be fetched
while typing, so this is the full chain of the word list, Pagefind's index chunks and the excerpts.

    PYTHONPATH=scripts .venv/bin/python benchmarks/search_speed.py [--runs 5] [--queries "eenzame ouderen" ...]

Targets (issue 26): first result within 0.9 s of the last key (goal 0.5 s); first visit < 200 KB.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO / "scripts"), str(REPO / "tests")]

from page_weight import SLOW_4G, build_copy, practice_pages  # noqa: E402
from report import print_machine  # noqa: E402
from static_server import serve  # noqa: E402

QUERIES = ["eenzame ouderen", "kwartiermaken", "dementie"]
KEY_DELAY_MS = 150
TARGETS = {"first_result_s": 0.9, "goal_s": 0.5, "first_visit_kb": 200}
# Resolves when the dialog shows the first result for the query (or the no-results help); 'query' is
# what a version without progressive results sets (to compare with an older checkout).
ANSWERED = """q => {
  const list = document.querySelector('#wp-search-results');
  return list && (list.dataset.first === q || list.dataset.query === q);
}"""


def first_search(browser, base: str, page_path: str, query: str, warm: bool, traffic, paste: bool = False) -> dict:
    phone = {"viewport": {"width": 375, "height": 812}, "has_touch": True, "is_mobile": True, "locale": "nl-NL"}
    context = browser.new_context(**phone)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    traffic.reset()
    page.goto(base + page_path, wait_until="load")
    page.wait_for_selector(".wp-search-button")
    if warm:
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(3000)  # a visitor reads a moment before searching; idle work is done by then
        page.wait_for_load_state("networkidle")
    visit = {"bytes": traffic.bytes_sent, "requests": traffic.requests}
    page.click(".wp-search-button")
    page.wait_for_selector("dialog.wp-search[open] .wp-search__input")
    box = page.locator(".wp-search__input")
    if not paste:
        for ch in query[:-1]:
            box.press(ch if ch != " " else "Space")
            page.wait_for_timeout(KEY_DELAY_MS)
    before = traffic.requests
    start = time.perf_counter()
    if paste:
        box.fill(query)
    else:
        box.press(query[-1])
    page.wait_for_function(ANSWERED, arg=query, polling="raf", timeout=30000)
    elapsed = time.perf_counter() - start
    after_key = traffic.requests - before
    context.close()
    return {**visit, "answer_s": elapsed, "requests_after_last_key": after_key}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--queries", nargs="*", default=QUERIES)
    parser.add_argument("--cold", action="store_true", help="type right after the page shows, before idle")
    parser.add_argument("--paste", action="store_true", help="the whole query at once instead of typed")
    args = parser.parse_args(argv)
    from browser_support import launch

    print_machine()
    print("network: slow 4G = latency 150 ms, 1.6 Mbit/s down, 750 kbit/s up (CDP)")
    print("server: ETag + Cache-Control + gzip (benchmarks/static_server.py)")
    work = Path(tempfile.mkdtemp(prefix="search-speed-"))
    try:
        site = build_copy(work / "site")
        first, _ = practice_pages(site)
        pages = sum(1 for _ in (site / "pagefind" / "fragment").iterdir())
        how = "pasted at once" if args.paste else f"typed, {KEY_DELAY_MS} ms per key"
        when = "cold" if args.cold else "after idle"
        print(f"site: {pages} indexed pages; first visit: {first}; query {how}; {when}")
        with contextlib.ExitStack() as stack:
            base, traffic = stack.enter_context(serve(site))
            browser = stack.enter_context(launch())
            for query in args.queries:
                runs = [
                    first_search(browser, base, first, query, not args.cold, traffic, args.paste)
                    for _ in range(args.runs)
                ]
                answer = [r["answer_s"] for r in runs]
                med = statistics.median(answer)
                kb = statistics.median(r["bytes"] for r in runs) / 1024
                after = statistics.median(r["requests_after_last_key"] for r in runs)
                verdict = "OK" if med <= TARGETS["first_result_s"] else "BOVEN DOEL"
                goal = "doel gehaald" if med <= TARGETS["goal_s"] else "doel niet gehaald"
                print(
                    f"  {query!r:20} first answer {med:5.2f} s after the last key "
                    f"({min(answer):.2f}-{max(answer):.2f}; {after:.0f} requests after it) "
                    f"[{verdict} <= {TARGETS['first_result_s']} s; {goal} {TARGETS['goal_s']} s]; "
                    f"first visit {kb:6.1f} KB "
                    f"[{'OK' if kb < TARGETS['first_visit_kb'] else 'BOVEN DOEL'} < {TARGETS['first_visit_kb']} KB]",
                    flush=True,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
