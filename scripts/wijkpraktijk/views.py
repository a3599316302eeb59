"""The overviews that come with files of their own: Kaart (map), Verbanden (graph) and Open data.

Why a separate stage: these pages need data files and vendored JavaScript
next to the Markdown (graph.json, cytoscape from npm, the open data). Like
render.py it returns {path: text} and touches no files; pipeline.py hands the
result to the writer with the other pages.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from . import drawings
from .config import NODE_MODULES, Paths, relative, site_url
from .diagnostics import Diagnostic
from .export import DATA_DIR, FEED_SIZE, LICENCE, LICENCE_URL, columns, export_files, field_rows
from .graph import Graph
from .model import TYPE_FOLDERS, TYPE_LABELS
from .render import MAP_PAGE, OVERVIEW_DIR, TYPE_ORDER, Renderer
from .validate import KnowledgeBase

STATIC = Path(__file__).parent / "static"
CYTOSCAPE_IN_NODE_MODULES = "cytoscape/dist/cytoscape.min.js"
ASSETS = "assets"
GRAPH_JSON = f"{DATA_DIR}/graph.json"
LAYOUT_IN_BROWSER_MAX = 300  # above this, positions come precomputed (graph.json)
HUB_PREVIEW = 12  # entries listed per hub in the static fallback; the hub's own page lists all


def missing_vendor_files() -> list[Diagnostic]:
    """The npm packages are part of set-up; say so in Dutch instead of failing halfway."""
    if (NODE_MODULES / CYTOSCAPE_IN_NODE_MODULES).is_file():
        return []
    return [
        Diagnostic(
            f"node_modules/{CYTOSCAPE_IN_NODE_MODULES}",
            None,
            None,
            "Dit bestand ontbreekt; de verbandenpagina kan niet worden gemaakt.",
            "Voer 'make setup' uit (dat installeert de npm-pakketten uit package-lock.json met scripts/setup/npm.sh).",
        )
    ]


def _place_counts(kb: KnowledgeBase, graph: Graph) -> dict[str, int]:
    return {e.id: len(graph.mentioned_in(e.id)) for e in kb.of_type("place")}


def graph_data(kb: KnowledgeBase, graph: Graph) -> dict:
    """Compact nodes and edges for the interactive graph: ids, titles, types, degree."""
    ids = sorted(kb.entries)
    index = {i: n for n, i in enumerate(ids)}
    edges = sorted(
        {
            (index[link.source], index[link.target])
            for i in ids
            for link in graph.forward.get(i, [])
            if link.target in index
        }
    )
    degree = [0] * len(ids)
    for s, t in edges:
        degree[s] += 1
        degree[t] += 1
    nodes = [[i, kb.entries[i].model.title, kb.entries[i].type, degree[n]] for n, i in enumerate(ids)]
    if len(ids) > LAYOUT_IN_BROWSER_MAX:
        for node, (x, y) in zip(nodes, _rings(degree), strict=True):
            node += [x, y]
    return {"types": {k: TYPE_LABELS[k][0] for k in TYPE_ORDER}, "nodes": nodes, "edges": edges}


def _rings(degree: list[int], spacing: float = 24.0) -> list[tuple[int, int]]:
    """Concentric rings, best-connected nodes in the middle, laid out at build time.

    A force layout in the browser takes seconds at 1,000+ nodes on a phone;
    fixed positions make the graph interactive as soon as it is drawn.
    """
    order = sorted(range(len(degree)), key=lambda n: (-degree[n], n))
    positions: list[tuple[int, int]] = [(0, 0)] * len(degree)
    radius, placed = 0.0, 0
    while placed < len(order):
        capacity = max(1, int(2 * math.pi * radius / spacing))
        ring = order[placed : placed + capacity]
        for k, n in enumerate(ring):
            angle = 2 * math.pi * k / len(ring)
            positions[n] = (round(radius * math.cos(angle)), round(radius * math.sin(angle)))
        placed += len(ring)
        radius += spacing
    return positions


def map_page(kb: KnowledgeBase, graph: Graph, renderer: Renderer) -> dict[str, str]:
    page = MAP_PAGE
    counts = _place_counts(kb, graph)
    places = [e for e in kb.of_type("place")]
    markers = [
        drawings.Marker(
            e.model.coordinates.lat,
            e.model.coordinates.lon,
            e.model.title,
            relative(page, f"{e.id}.md"),
            counts[e.id],
            e.id,
        )
        for e in places
        if e.model.coordinates is not None
    ]
    return {
        page: renderer.env.get_template("map.md.j2").render(
            svg=drawings.overview_map(markers),
            places=places,
            counts=counts,
            href=renderer.linker(page),
            without=[e for e in places if e.model.coordinates is None],
        )
    }


def connections_pages(kb: KnowledgeBase, graph: Graph, renderer: Renderer) -> dict[str, str]:
    """The Verbanden page, its graph data and the scripts that draw it."""
    page = f"{OVERVIEW_DIR}/verbanden.md"
    hubs = [
        (TYPE_LABELS[kind][1], [(e, renderer.grouped(graph.mentioned_in(e.id))) for e in kb.of_type(kind)])
        for kind in ("method", "tension", "place", "organisation", "concept")
    ]
    return {
        page: renderer.env.get_template("connections.md.j2").render(
            hubs=hubs,
            href=renderer.linker(page),
            preview=HUB_PREVIEW,
            total=len(kb.entries),
            links=sum(len(v) for v in graph.forward.values()),
            labels=TYPE_LABELS,
            graph_src=relative(page, GRAPH_JSON),
            base=relative(page, "index.md"),
            lib=relative(page, f"{ASSETS}/vendor/cytoscape.min.js"),
            script=relative(page, f"{ASSETS}/verbanden.js"),
        ),
        GRAPH_JSON: json.dumps(graph_data(kb, graph), ensure_ascii=False, separators=(",", ":")) + "\n",
        f"{ASSETS}/vendor/cytoscape.min.js": (NODE_MODULES / CYTOSCAPE_IN_NODE_MODULES).read_text(encoding="utf-8"),
        f"{ASSETS}/verbanden.js": (STATIC / "verbanden.js").read_text(encoding="utf-8"),
    }


def open_data_pages(kb: KnowledgeBase, graph: Graph, renderer: Renderer, paths: Paths, subtree: str) -> dict[str, str]:
    """The Open data page and the files it describes."""
    url = site_url(paths)
    page = f"{OVERVIEW_DIR}/open-data.md"
    pages = {
        page: renderer.env.get_template("open_data.md.j2").render(
            href=renderer.linker(page),
            data=DATA_DIR,
            licence=LICENCE,
            licence_url=LICENCE_URL,
            schema_url=f"{url}{subtree}/{DATA_DIR}/schema.json",
            feed_url=f"{url}{subtree}/{DATA_DIR}/feed.xml",
            models=[(kind, TYPE_LABELS[kind][0], TYPE_FOLDERS[kind], field_rows(kind)) for kind in TYPE_ORDER],
            columns=columns(),
            total=len(kb.entries),
            feed_size=FEED_SIZE,
        )
    }
    pages.update(export_files(kb, graph, url, subtree))
    return pages


def view_pages(kb: KnowledgeBase, graph: Graph, renderer: Renderer, paths: Paths) -> dict[str, str]:
    """Kaart, Verbanden and Open data, with the files they need."""
    pages = map_page(kb, graph, renderer)
    pages.update(connections_pages(kb, graph, renderer))
    pages.update(open_data_pages(kb, graph, renderer, paths, renderer.settings.subtree))
    return pages
