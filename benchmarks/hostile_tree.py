"""Benchmark: ``make check`` and ``make build`` on a hostile tree of 2,000 entries (issue 27's target: 10 minutes).

Every entry passes ``make check``, and each is as expensive as the rules let a contributor make it, with the
constructs security review 3 found slow but allowed (R5–R8, B8, B9):

- half the entries are places crowded around Wezep, with long names (the map, F8);
- the other half are practice stories whose bodies fill the size limit with the slow inert constructs:
  references with long locators, runs of emphasis, underscores and „quotes", backtick runs up to the line
  limit, the largest allowed table, quotes and lists as deep as allowed, wikilinks to 100 other pages and
  ``related`` links to 50 (the graph, backlinks, the neighbourhoods), up to the limits on markup and brackets;
- ``synoniemen.yml`` and ``bronnen.yml`` at their limits (search meta, reference checks).

Prints the tree's size, then the seconds of ``check`` and of ``build`` (generate, MkDocs twice with the offline
zip, the cards PDF, the safety scan, Pagefind), each in its own process with a cold cache, as CI runs them; then
``check`` of the same tree with every link and reference broken (a refused pull request, thousands of messages).

    PYTHONPATH=scripts .venv/bin/python benchmarks/hostile_tree.py [--entries 2000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from report import print_machine  # noqa: E402
from synthetic import COMMON, REPO, write_tree  # noqa: E402
from wijkpraktijk import allowlist  # noqa: E402
from wijkpraktijk.body import MAX_DEPTH, MAX_LINE, MAX_LINK_TARGETS, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS  # noqa: E402
from wijkpraktijk.read import MAX_FILE_BYTES  # noqa: E402
from wijkpraktijk.search_terms import MAX_SYNONYM_GROUPS  # noqa: E402
from wijkpraktijk.validate import MAX_LINKS_PER_FIELD  # noqa: E402

REF = " [@synthetisch]."


def _cut(text: str, limit: int) -> str:
    return text[: limit - len(REF)].rstrip() + REF


@functools.cache
def _elements(block: str) -> int:
    """HTML elements the block renders to, as allowlist.MAX_ELEMENTS counts them."""
    return len(re.findall(r"<[a-z]", allowlist._render(block, REPO / "mkdocs.yml")))


def _paragraphs(rng: random.Random, others: list[str], broken: bool) -> tuple[list[str], list[str]]:
    """The slow-but-allowed constructs, each a block ending with its reference: (once each, then over and over).

    A body may hold at most 1,000 '[' (allowlist.MAX_BRACKETS) and 1,000 elements (allowlist.MAX_ELEMENTS): the
    constructs with many go in once, the ones with long runs of text repeat.
    """
    line = MAX_LINE - 50
    ticks = " ".join("`" * (k % 3 + 1) + "a" + "b" * 300 for k in range(30))  # backtick runs as long as allowed
    rows = MAX_TABLE_CELLS // MAX_TABLE_COLUMNS - 2
    cells = "|" + "x|" * MAX_TABLE_COLUMNS + "\n"
    header = "|" + "|".join(f"k{i}" for i in range(MAX_TABLE_COLUMNS)) + "|\n|" + "-|" * MAX_TABLE_COLUMNS + "\n"
    table = header + cells * (rows - 1) + "|" + "x|" * (MAX_TABLE_COLUMNS - 1) + "bron [@synthetisch]|"
    key = "onbekend" if broken else "synthetisch"
    targets = [f"bestaat-niet-{k}" for k in range(MAX_LINK_TARGETS)] if broken else rng.sample(others, MAX_LINK_TARGETS)
    once = [
        _cut((f'Tekst [@{key}, "x' + " " * 400 + 'y"] ') * 20, line),
        _cut(" ".join(f"[[{t}]]" for t in targets), line),
        "\n".join("    " * d + "- punt" + REF for d in range(MAX_DEPTH)),
        table,
        "> " * (MAX_DEPTH * 4 // 5) + _cut("diep geciteerd", 200),
    ]
    again = [
        _cut("*a " * 20 + "a " * 5000, line),
        _cut("_a" + "_" * line, line),
        _cut(("„" + "a" * 300) * 40, line),
        _cut(ticks, line),
    ]
    return once, again


def practice(i: int, rng: random.Random, others: list[str], broken: bool = False) -> str:
    related = ", ".join(rng.sample(others, min(MAX_LINKS_PER_FIELD, len(others))))
    head = (
        f"---\nid: hostiel-{i}\ntype: practice\ntitle: Hostiel verhaal {i} met een lange titel voor de lijsten\n"
        f"summary: Een praktijkverhaal dat zo duur is als de regels toelaten, nummer {i}.\n"
        f"themes: [preventie]\n{COMMON}places: [wezep-{i % 1000}]\nrelated: [{related}]\nbasis: [ervaring]\n---\n"
    )
    sections = ["Aanleiding", "Aanpak", "Wat het opleverde", "Lessen"]
    once, again = _paragraphs(rng, others, broken)
    body, k, elements = "", 0, 20  # the headings and the closing paragraphs
    while True:
        section = f"## {sections[k]}\n\n" if k < len(sections) else ""
        block = once[k] if k < len(once) else again[k % len(again)]
        piece = section + block + "\n\n"
        too_big = len((head + body + piece + "## Lessen\n\nEinde" + REF).encode("utf-8")) > MAX_FILE_BYTES - 64
        if too_big or elements + _elements(block) > allowlist.MAX_ELEMENTS:
            break
        body += piece
        elements += _elements(block)
        k += 1
    missing = "".join(f"## {s}\n\nEinde{REF}\n\n" for s in sections[min(k, len(sections)) :])
    return head + body + missing


def place(i: int, rng: random.Random) -> str:
    lat, lon = 52.46 + rng.uniform(-0.02, 0.02), 6.00 + rng.uniform(-0.02, 0.02)
    return (
        f"---\nid: wezep-{i}\ntype: place\ntitle: Wezep plaats {i} met een lange naam\n"
        f"summary: Een plaats die de benchmark in Wezep zet, de {i}e.\nthemes: [preventie]\n{COMMON}"
        f"kind: wijk\nmunicipality: Oldebroek\nprovince: Gelderland\n"
        f"coordinates: {{lat: {lat:.4f}, lon: {lon:.4f}}}\n---\n## Over deze plaats\n\nEen wijk{REF}\n"
    )


def hostile_tree(target: Path, entries: int, seed: int = 1, broken: bool = False) -> Path:
    """``broken``: the same tree with every wikilink and reference of the practices pointing nowhere, so that
    ``make check`` renders every body and then reports thousands of problems (the cost of a refused pull request)."""
    rng = random.Random(seed)
    root = write_tree(target, 0, seed=seed)
    practices = root / "practices"
    half = entries // 2
    ids = [f"hostiel-{i}" for i in range(half)] + [f"wezep-{i}" for i in range(half)]
    for i in range(half):
        (practices / "plaatsen" / f"wezep-{i}.md").write_text(place(i, rng), encoding="utf-8")
        (practices / "praktijken" / f"hostiel-{i}.md").write_text(
            practice(i, rng, [x for x in ids if x != f"hostiel-{i}"], broken), encoding="utf-8"
        )
    groups = (f"- terms: [woord{3 * g}, woord{3 * g + 1} extra, woord{3 * g + 2}]\n" for g in range(MAX_SYNONYM_GROUPS))
    (practices / "synoniemen.yml").write_text("".join(groups), encoding="utf-8")
    return root


def _timed(root: Path, command: str, refused: bool = False) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "scripts")}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "wijkpraktijk", "--root", str(root), command], env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if result.returncode != (1 if refused else 0):
        raise SystemExit(f"{command} ended with {result.returncode}:\n{(result.stdout + result.stderr)[-4000:]}")
    return seconds, (result.stdout + result.stderr).strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="build the tree here and leave it (default: a temporary folder)")
    args = parser.parse_args()
    print_machine()
    with tempfile.TemporaryDirectory() as tmp:
        root = hostile_tree((args.keep or Path(tmp)) / "hostiel", args.entries)
        files = list((root / "practices").rglob("*.md"))
        size = sum(f.stat().st_size for f in files)
        largest = max(f.stat().st_size for f in files) // 1024
        print(f"tree: {len(files)} files in practices/, {size / 1e6:.0f} MB, the largest {largest} KB")
        for command in ("check", "build"):
            seconds, last = _timed(root, command)
            print(f"{command}: {seconds:.0f} s ({last})", flush=True)
        site = sum(f.stat().st_size for f in (root / "site").rglob("*") if f.is_file())
        print(f"site/: {site / 1e6:.0f} MB")
        broken = hostile_tree((args.keep or Path(tmp)) / "hostiel-kapot", args.entries, broken=True)
        seconds, last = _timed(broken, "check", refused=True)
        print(f"check of the same tree with every link and reference broken: {seconds:.0f} s ({last})")


if __name__ == "__main__":
    main()
