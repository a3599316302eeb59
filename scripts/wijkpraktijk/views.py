"""The overviews that come with files of their own: Kaart (map), Verbanden (graph) and Open data.

Why apart from overviews.py: these pages need data files and vendored JavaScript next to the Markdown
(graph.json, cytoscape from npm, the open data, the types' colours). Each is a page maker
``(site) -> {path: text}`` (pages.py) that touches no files; the writer collects them with the others.
"""

from __future__ import annotations

import functools
import json
import math

from . import drawings, layout, types
from .config import (
    ASSETS,
    DATA_DIR,
    GENERATED_SUBTREE,
    MAP_PAGE,
    NODE_MODULES,
    OVERVIEW_DIR,
    entry_path,
    page_file,
    relative,
)
from .diagnostics import Diagnostic
from .export import FEED_SIZE, LICENCE, LICENCE_URL, columns, export_files, field_rows
from .graph import Graph
from .knowledge import KnowledgeBase
from .pages import Site, writes

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


def mapped(kb: KnowledgeBase) -> list:
    """The entries the Kaart shows: those of the types that have coordinates (places), by title."""
    kinds = [t.name for t in types.in_order() if "coordinates" in t.model.model_fields]
    return sorted((e for k in kinds for e in kb.of_type(k)), key=lambda e: e.model.title.lower())


def _place_counts(kb: KnowledgeBase, graph: Graph) -> dict[str, int]:
    return {e.id: len(graph.mentioned_in(e.id)) for e in mapped(kb)}


# The Verbanden layout: one column per group of types (types.py: graph_column), computed here so the
# picture is the same on every load and needs no layout run in the browser (layout.column_layout). The outer
# columns' names lie outside (left of the left column, right of the right one), so they never lie on the
# edges; the stories in the middle are the hubs they all connect to.


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
    kinds = [kb.entries[i].type for i in ids]
    sizes = [node_size(len(n)) for n in neighbours]
    columns = [[t.name for t in column] for column in types.columns()]
    positions = layout.column_layout(kinds, neighbours, sizes, columns)
    nodes = [
        [i, kb.entries[i].model.title, kinds[n], len(neighbours[n]), x, y, sizes[n]]
        for n, (i, (x, y)) in enumerate(zip(ids, positions, strict=True))
    ]
    return {"types": graph_types(), "nodes": nodes, "edges": [list(e) for e in edges]}


SIDES = ("l", "b", "r")  # where names go in each column: left, below, right


def graph_types() -> dict[str, dict]:
    """What verbanden.js needs to know of each type (it names none itself): label, column, colour, name side."""
    last = len(types.columns()) - 1
    return {
        t.name: {
            "label": t.singular,
            "column": t.graph_column,
            "colour": t.colour,
            "side": SIDES[0] if t.graph_column == 0 else SIDES[2] if t.graph_column == last else SIDES[1],
        }
        for t in types.in_order()
    }


@functools.lru_cache(maxsize=4)
def _overview_map(markers: tuple[drawings.Marker, ...], words: str, listed: str) -> drawings.MapDrawing:
    """The Kaart drawing, kept for its places: placing the names takes 0.3-0.7 s on the real content, and in
    make serve an edit that changes no place's title, coordinates, count or link reuses it."""
    return drawings.overview_map(list(markers), words, listed)


@writes(OVERVIEW_DIR)
def map_page(site: Site) -> dict[str, str]:
    page, places = MAP_PAGE, mapped(site.kb)
    counts = _place_counts(site.kb, site.graph)
    markers = [
        drawings.Marker(
            e.model.coordinates.lat,
            e.model.coordinates.lon,
            e.model.title,
            relative(page, entry_path(e.id)),
            counts[e.id],
            e.id,
        )
        for e in places
        if e.model.coordinates is not None
    ]
    without = [e for e in places if e.model.coordinates is None]
    words = " en ".join(dict.fromkeys(types.get(e.type).words for e in places)) or "pagina's"
    listed = "alle-" + words.replace(" ", "-")  # the list under the map, every place named (templates/map.md.j2)
    drawing = _overview_map(tuple(markers), words, listed)
    return {
        page: site.render(
            "map.md.j2",
            page,
            svg=drawing.svg,
            unnamed=drawing.unnamed,
            list_anchor=listed,
            places=places,
            counts=counts,
            without=without,
        )
    }


@writes(OVERVIEW_DIR, DATA_DIR, ASSETS)
def connections_pages(site: Site) -> dict[str, str]:
    """The Verbanden page, its graph data and the library that draws it (vendored from npm)."""
    page, data = page_file(f"{OVERVIEW_DIR}/verbanden"), graph_data(site.kb, site.graph)
    hubs = [
        (t, [(e, site.grouped(site.graph.mentioned_in(e.id))) for e in site.kb.of_type(t.name)])
        for t in types.in_order()
        if t.hub
    ]
    text = site.render(
        "connections.md.j2",
        page,
        hubs=hubs,
        preview=HUB_PREVIEW,
        total=len(data["nodes"]),
        links=len(data["edges"]),
        columns=types.columns(),  # the filter in the order of the columns, left to right
        counts={t.name: sum(1 for node in data["nodes"] if node[2] == t.name) for t in types.TYPES},
        graph_src=relative(page, GRAPH_JSON),
        large=LARGE_GRAPH,
        base=relative(page, "index.md"),
        lib=relative(page, f"{ASSETS}/vendor/cytoscape.min.js"),
        script=relative(page, "index.md") + "../assets/verbanden.js",  # docs/assets/, with the other scripts
    )
    return {
        page: text,
        GRAPH_JSON: json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
        f"{ASSETS}/vendor/cytoscape.min.js": (NODE_MODULES / CYTOSCAPE_IN_NODE_MODULES).read_text(encoding="utf-8"),
    }


@writes(ASSETS)
def werkmap_files(site: Site) -> dict[str, str]:
    """The QR library the werkmap page loads when it prints or presents (docs/werkmap.md, data-qrcode)."""
    return {f"{ASSETS}/{QRCODE_VENDORED}": (NODE_MODULES / QRCODE_IN_NODE_MODULES).read_text(encoding="utf-8")}


@writes(OVERVIEW_DIR, DATA_DIR)
def open_data_pages(site: Site) -> dict[str, str]:
    """The Open data page and the files it describes."""
    url, page = site.settings.site_url, page_file(f"{OVERVIEW_DIR}/open-data")
    data_url = f"{url}{GENERATED_SUBTREE}/{DATA_DIR}"
    text = site.render(
        "open_data.md.j2",
        page,
        data=DATA_DIR,
        licence=LICENCE,
        licence_url=LICENCE_URL,
        schema_url=f"{data_url}/schema.json",
        feed_url=f"{data_url}/feed.xml",
        models=[(t.name, t.singular, t.folder, field_rows(t.name)) for t in types.in_order()],
        columns=columns(),
        total=len(site.kb.entries),
        feed_size=FEED_SIZE,
    )
    return {page: text, **export_files(site.kb, site.graph, url)}


TYPE_STYLES = f"{ASSETS}/soorten.css"


@writes(ASSETS)
def type_styles(site: Site) -> dict[str, str]:
    """Each type's colour as --wp-c on its .wp-t-<type> class, so the stylesheets name no type (mkdocs.yml)."""
    rules = "".join(f".md-typeset .wp-t-{t.name} {{ --wp-c: {t.colour}; }}\n" for t in types.in_order())
    return {TYPE_STYLES: "/* Generated from scripts/wijkpraktijk/types.py; do not edit. */\n" + rules}
