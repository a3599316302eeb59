"""Benchmark: ``generate`` with 100, 300 and 1,000 places crowded in one city (security review 3, F8).

Each size is the synthetic knowledge base of 100 practices (synthetic.py) plus N places around Wezep, every one
within 0.02° of it (about 2 km), with long names, as the review made them (copies of wezep.md). Printed per size:
``generate`` in its own process with a cold cache (citations and QR codes of every place made) and warm (the
median of ``--repeat`` runs, what ``make serve`` and a rebuild wait for), the Kaart drawing alone
(drawings.overview_map, in this process), how many places kept a marker of their own and how many got a name.

    PYTHONPATH=scripts .venv/bin/python benchmarks/map_scale.py [--sizes 100 300 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from report import print_machine, print_row  # noqa: E402
from synthetic import COMMON, write_tree  # noqa: E402
from wijkpraktijk import drawings  # noqa: E402
from wijkpraktijk.config import Paths  # noqa: E402
from wijkpraktijk.pipeline import load  # noqa: E402
from wijkpraktijk.views import map_page  # noqa: E402

HEADER = ("places", "entries", "generate_cold_s", "generate_warm_s", "map_s", "own_markers", "named")


def crowded_tree(target: Path, places: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    root = write_tree(target, 100, seed=seed)
    folder = root / "practices" / "plaatsen"
    for i in range(places):
        lat, lon = 52.46 + rng.uniform(-0.02, 0.02), 6.00 + rng.uniform(-0.02, 0.02)
        (folder / f"wpp{i}.md").write_text(
            f"---\nid: wpp{i}\ntype: place\ntitle: Wezep plaats {i} met een lange naam\n"
            f"summary: Een plaats die de benchmark in Wezep zet, de {i}e.\nthemes: [preventie]\n{COMMON}"
            f"kind: wijk\nmunicipality: Oldebroek\nprovince: Gelderland\n"
            f"coordinates: {{lat: {lat:.4f}, lon: {lon:.4f}}}\n---\n## Over deze plaats\n\n"
            "Een wijk in de benchmark [@synthetisch].\n",
            encoding="utf-8",
        )
    return root


def _generate(root: Path, env: dict) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "wijkpraktijk", "--root", str(root), "generate"], env=env, capture_output=True
    )
    if result.returncode:
        raise SystemExit(result.stderr.decode("utf-8", "replace")[-2000:])
    return time.perf_counter() - start


def run_size(places: int, workdir: Path, repeat: int) -> dict:
    root = crowded_tree(workdir / f"kb-{places}", places)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "scripts")}
    cold = _generate(root, env)
    warm = statistics.median(_generate(root, env) for _ in range(repeat))
    loaded = load(Paths(root))
    markers = [
        drawings.Marker(e.model.coordinates.lat, e.model.coordinates.lon, e.model.title, "#", 0, e.id)
        for e in loaded.kb.of_type("place")
    ]
    start = time.perf_counter()
    drawing = drawings.overview_map(markers)
    map_seconds = time.perf_counter() - start
    assert "kaart" in "".join(map_page(loaded.kb, loaded.graph, _renderer(loaded)))
    return {
        "places": places,
        "entries": len(loaded.kb.entries),
        "generate_cold_s": cold,
        "generate_warm_s": warm,
        "map_s": map_seconds,
        "own_markers": drawing.svg.count('<a class="wp-map-marker" '),
        "named": len(markers) - drawing.unnamed,
    }


def _renderer(loaded):
    from wijkpraktijk.render import Renderer

    return Renderer(loaded.kb, loaded.graph)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--repeat", type=int, default=3, help="warm generate runs per size (median)")
    args = parser.parse_args()
    print_machine()
    print(" | ".join(HEADER))
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            print_row(run_size(n, Path(tmp), args.repeat), HEADER)


if __name__ == "__main__":
    main()
