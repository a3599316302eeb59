"""Small drawings for entry and overview pages: a place's locator map, an
entry's neighbourhood in the link graph, and page-to-page URLs for raw HTML.

Why separate: render.py hands these to its templates as globals, while the
drawing itself lives in mapsvg.py and neighbourhood.py. Raw HTML (SVG) links
are not rewritten by MkDocs, so they get final, relative URLs here.
"""

from __future__ import annotations

from . import mapsvg
from .graph import Graph
from .neighbourhood import neighbourhood_svg
from .siteurls import relative

MAP_PAGE = "overzicht/kaart.md"


def template_globals(kb, graph: Graph, refs: dict) -> dict:
    """``place_map(id)``, ``neighbourhood(id)`` (raw HTML) and ``page_url(from_md, to)``."""

    def place_map(entry_id: str) -> str:
        model = kb.entries[entry_id].model
        if getattr(model, "coordinates", None) is None:
            return ""
        svg = mapsvg.small_map(model.coordinates.lat, model.coordinates.lon, model.title)
        link = relative(f"{entry_id}.md", MAP_PAGE)
        return f'<div class="wp-map-box wp-map-locator">{svg}<p><a href="{link}">Alle plaatsen op de kaart</a></p></div>'

    def neighbourhood(entry_id: str) -> str:
        svg = neighbourhood_svg(entry_id, graph, refs, lambda target: relative(f"{entry_id}.md", f"{target}.md"))
        return f'<div class="wp-hood-box">{svg}</div>' if svg else ""

    return {"place_map": place_map, "neighbourhood": neighbourhood, "page_url": relative}
