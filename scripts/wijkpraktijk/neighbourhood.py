"""One entry's neighbourhood in the link graph, as a small static SVG.

Why: every entry page shows what it links to and what links to it at a
glance, without loading a graph library (a practice page must stay light).
Left: pages that link here (backlinks); right: pages this one links to.
Laid out at build time, so it costs a few kB and no JavaScript.
"""

from __future__ import annotations

import html

from .graph import Graph

PER_SIDE = 8
WIDTH = 340
ROW = 22
LABEL_CHARS = 22


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def neighbourhood_svg(entry_id: str, graph: Graph, refs: dict, href) -> str:
    """``refs``: id → Ref (title, type, type_label); ``href``: id → relative URL from the entry page."""
    outgoing = [i for i in graph.targets(entry_id) if i in refs]
    incoming = [i for i in graph.mentioned_in(entry_id) if i in refs and i not in outgoing]
    if not outgoing and not incoming:
        return ""
    shown_in, shown_out = incoming[:PER_SIDE], outgoing[:PER_SIDE]
    more_in, more_out = len(incoming) - len(shown_in), len(outgoing) - len(shown_out)
    rows = max(len(shown_in) + bool(more_in), len(shown_out) + bool(more_out), 1)
    height = 30 + rows * ROW
    cx, cy = WIDTH / 2, 30 + rows * ROW / 2 - ROW / 2 + 4
    parts = [
        f'<svg class="wp-hood" viewBox="0 0 {WIDTH} {height}" role="group" xmlns="http://www.w3.org/2000/svg" '
        f'aria-label="Verbanden: {len(incoming)} pagina\'s verwijzen hierheen, deze pagina verwijst naar {len(outgoing)}">',
        '<text class="wp-hood-head" x="4" y="14">Verwijzen hierheen</text>' if incoming else "",
        f'<text class="wp-hood-head" x="{WIDTH - 4}" y="14" text-anchor="end">Verwijst naar</text>' if outgoing else "",
    ]

    def node(i: int, target: str, side: str) -> None:
        ref = refs[target]
        y = 30 + i * ROW
        x = 12 if side == "in" else WIDTH - 12
        anchor = "start" if side == "in" else "end"
        tx = x + 10 if side == "in" else x - 10
        title = html.escape(ref.title, quote=True)
        parts.append(f'<line class="wp-hood-edge" x1="{x:.0f}" y1="{y:.0f}" x2="{cx:.0f}" y2="{cy:.0f}"/>')
        parts.append(
            f'<a href="{html.escape(href(target), quote=True)}" class="wp-hood-node wp-t-{ref.type}">'
            f"<title>{title} ({html.escape(ref.type_label.lower())})</title>"
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="5"/>'
            f'<text x="{tx:.0f}" y="{y:.0f}" dy="0.35em" text-anchor="{anchor}">{html.escape(_short(ref.title))}</text></a>'
        )

    for i, target in enumerate(shown_in):
        node(i, target, "in")
    for i, target in enumerate(shown_out):
        node(i, target, "out")
    for count, side, n in ((more_in, "in", len(shown_in)), (more_out, "out", len(shown_out))):
        if count:
            x, anchor = (22, "start") if side == "in" else (WIDTH - 22, "end")
            parts.append(f'<text class="wp-hood-more" x="{x}" y="{30 + n * ROW}" dy="0.35em" text-anchor="{anchor}">en nog {count}</text>')
    parts.append(f'<circle class="wp-hood-self" cx="{cx:.0f}" cy="{cy:.0f}" r="9"/></svg>')
    return "".join(parts)
