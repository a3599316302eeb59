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
from .config import ASSETS, NODE_MODULES, Paths, relative, site_url
from .diagnostics import Diagnostic
from .export import DATA_DIR, FEED_SIZE, LICENCE, LICENCE_URL, columns, export_files, field_rows
from .graph import Graph
from .model import TYPE_FOLDERS, TYPE_LABELS
from .render import MAP_PAGE, OVERVIEW_DIR, TYPE_ORDER, Renderer
from .validate import KnowledgeBase

STATIC = Path(__file__).parent / "static"
CYTOSCAPE_IN_NODE_MODULES = "cytoscape/dist/cytoscape.min.js"
# The werkmap's own QR code (docs/assets/werkmap-pagina.js): its link holds the visitor's title and date, so
# it is drawn in the browser, with Kazuhiko Arase's qrcode-generator (npm, pinned), from the site itself.
QRCODE_IN_NODE_MODULES = "qrcode-generator/dist/qrcode.js"
QRCODE_VENDORED = "vendor/qrcode.js"
GRAPH_JSON = f"{DATA_DIR}/graph.json"
HUB_PREVIEW = 12  # entries listed per hub in the static fallback; the hub's own page lists all
LARGE_GRAPH = 300  # above this many pages, the graph draws only a focused page's lines (thousands take seconds)


def missing_vendor_files() -> list[Diagnostic]:
    """The npm packages are part of set-up; say so in Dutch instead of failing halfway."""
    needed = ((CYTOSCAPE_IN_NODE_MODULES, "de verbandenpagina"), (QRCODE_IN_NODE_MODULES, "de QR-code van de werkmap"))
    return [
        Diagnostic(
            f"node_modules/{file}",
            None,
            None,
            f"Dit bestand ontbreekt; {what} kan niet worden gemaakt.",
            "Voer 'make setup' uit (dat installeert de npm-pakketten uit package-lock.json met scripts/setup/npm.sh).",
        )
        for file, what in needed
        if not (NODE_MODULES / file).is_file()
    ]


def _place_counts(kb: KnowledgeBase, graph: Graph) -> dict[str, int]:
    return {e.id: len(graph.mentioned_in(e.id)) for e in kb.of_type("place")}


# The Verbanden layout: one column per group of types, computed here so the picture is the same on every
# load and needs no layout run in the browser. Methods and organisations left (labels to their left),
# practices in the middle, concepts and places right (labels to their right): the names of the outer
# columns never lie on the edges, and the practices, the stories, are the hubs they all connect to.
GRAPH_COLUMNS = (("method", "organisation"), ("practice", "tension"), ("concept", "place"))
COLUMN_GAP = 200  # model units (CSS pixels at zoom 1) between a column's inner edge and the next
ROW_GAP = 4  # between two circles in a column
ROW_MIN = 20  # rows at least a 12 px label apart at the zoom the page opens with
GROUP_GAP = 28  # between two types in one column
ROWS_MAX = 40  # a longer group wraps into more sub-columns, outwards
SUB_GAP = 48  # between sub-columns
SPREAD_MAX = 4.0  # a short column is stretched to the tallest, rows at most this much further apart
ORDER_ROUNDS = 6  # barycentre sweeps that put linked nodes at similar heights


def node_size(degree: int) -> int:
    """The circle's diameter in model units: well-connected pages are larger, but never dominate."""
    return round(8 + 2 * math.sqrt(degree))


def graph_data(kb: KnowledgeBase, graph: Graph) -> dict:
    """Nodes with their fixed positions, and each connection between two pages once.

    A node is [id, title, type, degree, x, y, size]; an edge is [a, b] with a < b (node indexes): two pages
    that link to each other, in one or both directions, by any field or the text, are one connection.
    """
    ids = sorted(kb.entries)
    index = {i: n for n, i in enumerate(ids)}
    edges = sorted(
        {
            (min(index[link.source], index[link.target]), max(index[link.source], index[link.target]))
            for i in ids
            for link in graph.forward.get(i, [])
            if link.target in index and link.target != link.source
        }
    )
    neighbours: list[list[int]] = [[] for _ in ids]
    for a, b in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    types = [kb.entries[i].type for i in ids]
    sizes = [node_size(len(n)) for n in neighbours]
    positions = _column_layout(types, neighbours, sizes)
    nodes = [
        [i, kb.entries[i].model.title, types[n], len(neighbours[n]), x, y, sizes[n]]
        for n, (i, (x, y)) in enumerate(zip(ids, positions, strict=True))
    ]
    return {"types": {k: TYPE_LABELS[k][0] for k in TYPE_ORDER}, "nodes": nodes, "edges": [list(e) for e in edges]}


def _column_layout(types: list[str], neighbours: list[list[int]], sizes: list[int]) -> list[tuple[int, int]]:
    """Positions (x, y) per node: GRAPH_COLUMNS, each group ordered so that linked pages sit at similar heights.

    Deterministic (no randomness, ties broken by index, which follows the id), and linear in the number of
    links per sweep, so it stays fast at thousands of pages.
    """
    n = len(types)
    column_of = {kind: c for c, kinds in enumerate(GRAPH_COLUMNS) for kind in kinds}
    groups = [[[i for i in range(n) if types[i] == kind] for kind in kinds] for kinds in GRAPH_COLUMNS]
    for kind in sorted({t for t in types if t not in column_of}):  # a type added later: its own group, middle
        groups[1].append([i for i in range(n) if types[i] == kind])
        column_of[kind] = 1
    for column in groups:
        for group in column:
            group.sort(key=lambda i: (-len(neighbours[i]), i))
    x = [0.0] * n
    y = [0.0] * n

    def stack() -> None:
        """Give every node its x and y from the current order; columns stretched to the tallest, centred."""
        heights, placed = [], []
        for column in groups:
            top, rows = 0.0, []
            for group in column:
                if not group:
                    continue
                chunks = [group[k : k + ROWS_MAX] for k in range(0, len(group), ROWS_MAX)]
                bottom = top
                for s, chunk in enumerate(chunks):
                    cy = top
                    for k, i in enumerate(chunk):
                        if k:
                            cy += max(ROW_MIN, (sizes[chunk[k - 1]] + sizes[i]) / 2 + ROW_GAP)
                        rows.append((i, s, len(chunks), cy))
                    bottom = max(bottom, cy)
                top = bottom + GROUP_GAP
            heights.append(max(top - GROUP_GAP, 0.0))
            placed.append(rows)
        tallest = max(heights or [0.0])
        edge = 0.0  # the inner left edge of the next column
        for c, rows in enumerate(placed):
            stretch = min(SPREAD_MAX, tallest / heights[c]) if heights[c] else 1.0
            offset = (tallest - heights[c] * stretch) / 2
            width = max([(k - 1) * SUB_GAP for _, _, k, _ in rows] or [0.0])
            for i, s, _, cy in rows:
                x[i] = edge + (width - s * SUB_GAP if c == 0 else s * SUB_GAP)  # the first column grows leftwards
                y[i] = offset + cy * stretch
            edge += width + COLUMN_GAP

    for _ in range(ORDER_ROUNDS):
        stack()
        for c in (0, 2, 1) if len(groups) == 3 else range(len(groups)):
            for group in groups[c]:
                group.sort(key=lambda i: (_barycentre(i, neighbours, column_of, types, y), i))
    stack()
    return [(round(px), round(py)) for px, py in zip(x, y, strict=True)]


def _barycentre(i: int, neighbours: list[list[int]], column_of: dict, types: list[str], y: list[float]) -> float:
    """The mean height of a node's neighbours in other columns (all of them if it has none there)."""
    own = column_of[types[i]]
    others = [y[j] for j in neighbours[i] if column_of[types[j]] != own] or [y[j] for j in neighbours[i]]
    return sum(others) / len(others) if others else y[i]


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
    drawing = drawings.overview_map(markers)
    return {
        page: renderer.env.get_template("map.md.j2").render(
            svg=drawing.svg,
            unnamed=drawing.unnamed,
            list_anchor=drawings.LIST_ANCHOR,
            places=places,
            counts=counts,
            href=renderer.linker(page),
            without=[e for e in places if e.model.coordinates is None],
        )
    }


def connections_pages(kb: KnowledgeBase, graph: Graph, renderer: Renderer) -> dict[str, str]:
    """The Verbanden page, its graph data and the scripts that draw it."""
    page = f"{OVERVIEW_DIR}/verbanden.md"
    data = graph_data(kb, graph)
    column_kinds = {k for kinds in GRAPH_COLUMNS for k in kinds}
    hubs = [
        (TYPE_LABELS[kind][1], [(e, renderer.grouped(graph.mentioned_in(e.id))) for e in kb.of_type(kind)])
        for kind in ("method", "tension", "place", "organisation", "concept")
    ]
    return {
        page: renderer.env.get_template("connections.md.j2").render(
            hubs=hubs,
            href=renderer.linker(page),
            preview=HUB_PREVIEW,
            total=len(data["nodes"]),
            links=len(data["edges"]),
            # The filter in the order of the columns, left to right; a type the layout does not know comes last.
            kinds=[k for kinds in GRAPH_COLUMNS for k in kinds] + [k for k in TYPE_ORDER if k not in column_kinds],
            counts={kind: sum(1 for node in data["nodes"] if node[2] == kind) for kind in TYPE_ORDER},
            labels=TYPE_LABELS,
            graph_src=relative(page, GRAPH_JSON),
            large=LARGE_GRAPH,
            base=relative(page, "index.md"),
            lib=relative(page, f"{ASSETS}/vendor/cytoscape.min.js"),
            script=relative(page, f"{ASSETS}/verbanden.js"),
        ),
        GRAPH_JSON: json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
        f"{ASSETS}/vendor/cytoscape.min.js": (NODE_MODULES / CYTOSCAPE_IN_NODE_MODULES).read_text(encoding="utf-8"),
        f"{ASSETS}/verbanden.js": (STATIC / "verbanden.js").read_text(encoding="utf-8"),
    }


def werkmap_files() -> dict[str, str]:
    """The QR library the werkmap page loads when it prints or presents (docs/werkmap.md, data-qrcode)."""
    return {f"{ASSETS}/{QRCODE_VENDORED}": (NODE_MODULES / QRCODE_IN_NODE_MODULES).read_text(encoding="utf-8")}


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
    """Kaart, Verbanden and Open data, with the files they need; the werkmap's QR library."""
    pages = map_page(kb, graph, renderer)
    pages.update(connections_pages(kb, graph, renderer))
    pages.update(werkmap_files())
    pages.update(open_data_pages(kb, graph, renderer, paths, renderer.settings.subtree))
    return pages
