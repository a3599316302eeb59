"""SVG drawings made at build time: the map of the Netherlands with its places, an entry's link neighbourhood.

Why SVG drawn here: the site stays private and offline (no tile server, no graph library on entry pages),
and a practice page stays light. The map outline is a committed file, static/nederland.json: land from
Natural Earth (public domain), the IJsselmeer and Markermeer as water from GSHHG (LGPL-3.0-or-later),
made once by scripts/make_outline.py, which notes the sources. The neighbourhood shows, left, the pages
that link here (backlinks) and, right, the pages this one links to.
"""

from __future__ import annotations

import functools
import html
import json
import math
from dataclasses import dataclass
from pathlib import Path

from .graph import Graph
from .model import NL_BOUNDS

OUTLINE = Path(__file__).parent / "static" / "nederland.json"

# European Netherlands. Validation uses the same box (model.py), so every
# place that passes validation can be drawn.
BOUNDS = NL_BOUNDS  # lon_min, lat_min, lon_max, lat_max
_LAT0 = math.radians(52.2)  # equirectangular projection, true scale at this latitude


@functools.cache
def _outline() -> dict[str, list[list[tuple[float, float]]]]:
    """The rings (lon, lat) of the land and of the large inland water."""
    data = json.loads(OUTLINE.read_text(encoding="utf-8"))
    return {kind: [[(lon, lat) for lon, lat in ring] for ring in data[kind]] for kind in ("land", "water")}


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker: few points on a small map keep pages light (scripts/make_outline.py uses it too)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        best, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            # A closed ring (start == end): measure from its start point.
            distance = (
                math.hypot(px - ax, py - ay)
                if length == 0
                else abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            )
            if distance > best:
                best, index = distance, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


@dataclass(frozen=True)
class Projection:
    """Lon/lat → SVG user units for a map ``width`` wide, height following the shape."""

    width: float
    margin: float = 4.0

    @property
    def _scale(self) -> float:
        lon0, _, lon1, _ = BOUNDS
        return (self.width - 2 * self.margin) / ((lon1 - lon0) * math.cos(_LAT0))

    @property
    def height(self) -> float:
        _, lat0, _, lat1 = BOUNDS
        return (lat1 - lat0) * self._scale + 2 * self.margin

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        lon0, _, _, lat1 = BOUNDS
        return (self.margin + (lon - lon0) * math.cos(_LAT0) * self._scale, self.margin + (lat1 - lat) * self._scale)


@functools.lru_cache(maxsize=8)
def outline_path(kind: str, width: float, tolerance: float) -> str:
    """The SVG path ``d`` of the ``kind`` rings ('land' or 'water') at this width, simplified to ``tolerance`` units."""
    project = Projection(width)
    parts = []
    for ring in _outline()[kind]:
        points = simplify([project(lon, lat) for lon, lat in ring], tolerance)
        if len(points) < 4:
            continue
        parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def _country(width: float, tolerance: float) -> str:
    """The land, then the water drawn over it."""
    return (
        f'<path class="wp-map-land" d="{outline_path("land", width, tolerance)}"/>'
        f'<path class="wp-map-water" d="{outline_path("water", width, tolerance)}"/>'
    )


@dataclass(frozen=True)
class Marker:
    lat: float
    lon: float
    label: str
    href: str
    count: int
    id: str


def _viewbox(project: Projection, extra: float = 0) -> str:
    """``extra`` leaves room on the right for the labels of places near the eastern border."""
    return f"0 0 {project.width + extra:.0f} {project.height:.0f}"


LABEL_PX = 14  # label font size in map units (CSS sets the same)


def _dodge(spots: list[tuple[float, float, float, str]], rounds: int = 30) -> list[tuple[float, float, float, str]]:
    """Push overlapping markers apart (a village next to its municipality), so each stays visible and clickable.

    Only overlapping markers move, each by at most a few map units.
    """
    points = [[x, y] for x, y, _, _ in spots]
    for _ in range(rounds):
        moved = False
        for i in range(len(points)):
            for j in range(i + 1, len(points)):
                dx, dy = points[j][0] - points[i][0], points[j][1] - points[i][1]
                gap = spots[i][2] + spots[j][2] + 1 - math.hypot(dx, dy)
                if gap > 0:
                    length = math.hypot(dx, dy) or 1.0
                    ux, uy = (dx / length, dy / length) if math.hypot(dx, dy) else (0.6, 0.8)
                    for k, sign in ((i, -1), (j, 1)):
                        points[k][0] += sign * ux * gap / 2
                        points[k][1] += sign * uy * gap / 2
                    moved = True
        if not moved:
            break
    return [(p[0], p[1], r, text) for p, (_, _, r, text) in zip(points, spots, strict=True)]


def _place_labels(spots: list[tuple[float, float, float, str]]) -> list[tuple[float, float, str]]:
    """Greedy label placement: right, left, above or below the marker, whichever overlaps nothing yet.

    ``spots`` are (x, y, radius, text); returns (x, y, text-anchor) per spot.
    Neighbouring places (a town and its villages) would otherwise hide each other's names.
    """
    markers = [(x - r, y - r, x + r, y + r) for x, y, r, _ in spots]
    taken: list[tuple[float, float, float, float]] = []
    placed = []
    for x, y, r, text in spots:
        w, h = 0.56 * LABEL_PX * len(text), LABEL_PX
        candidates = [
            (x + r + 3, y, "start", (x + r + 3, y - h / 2, x + r + 3 + w, y + h / 2)),
            (x - r - 3, y, "end", (x - r - 3 - w, y - h / 2, x - r - 3, y + h / 2)),
            (x, y - r - h / 2 - 1, "middle", (x - w / 2, y - r - h - 1, x + w / 2, y - r - 1)),
            (x, y + r + h / 2 + 1, "middle", (x - w / 2, y + r + 1, x + w / 2, y + r + h + 1)),
            (x + r, y - r - h / 2, "start", (x + r, y - r - h, x + r + w, y - r)),
            (x + r, y + r + h / 2, "start", (x + r, y + r, x + r + w, y + r + h)),
            (x - r, y - r - h / 2, "end", (x - r - w, y - r - h, x - r, y - r)),
            (x - r, y + r + h / 2, "end", (x - r - w, y + r, x - r, y + r + h)),
        ]

        def overlaps(a, b):
            return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

        def clashes(box):
            # Covering another marker is worse than touching another name.
            return 3 * sum(overlaps(box, m) for m in markers) + sum(overlaps(box, t) for t in taken)

        lx, ly, anchor, box = min(candidates, key=lambda c: clashes(c[3]))
        taken.append(box)
        placed.append((lx, ly, anchor))
    return placed


def overview_map(markers: list[Marker], width: float = 480) -> str:
    """The Kaart page: one linked, numbered marker per place; larger with more entries."""
    project = Projection(width)
    most = max([m.count for m in markers] or [1]) or 1
    # Big markers first, so a small place inside a big one stays clickable on top.
    ordered = sorted(markers, key=lambda m: (-m.count, m.label))
    spots = []
    for m in ordered:
        x, y = project(m.lon, m.lat)
        spots.append((x, y, 7 + 9 * math.sqrt(m.count / most), m.label))
    spots = _dodge(spots)
    items, labels = [], []
    for m, (x, y, r, _), (lx, ly, anchor) in zip(ordered, spots, _place_labels(spots), strict=True):
        label = html.escape(m.label, quote=True)
        noun = "pagina" if m.count == 1 else "pagina's"
        href = html.escape(m.href, quote=True)
        items.append(
            f'<a class="wp-map-marker" href="{href}" data-place="{m.id}" aria-label="{label}: {m.count} {noun}">'
            f"<title>{label}: {m.count} {noun}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
            f'<text x="{x:.1f}" y="{y:.1f}" dy="0.35em">{m.count}</text></a>'
        )
        labels.append(
            f'<a class="wp-map-name" href="{href}" tabindex="-1" aria-hidden="true">'
            f'<text x="{lx:.1f}" y="{ly:.1f}" dy="0.35em" text-anchor="{anchor}">{label}</text></a>'
        )
    return (
        f'<svg class="wp-map" viewBox="{_viewbox(project, 90)}" role="group" '
        f'aria-label="Kaart van Nederland met {len(markers)} plaatsen" xmlns="http://www.w3.org/2000/svg">'
        + _country(width, 0.6)
        + "".join(items)
        + "".join(labels)
        + "</svg>"
    )


def small_map(lat: float, lon: float, label: str, width: float = 160) -> str:
    """The little locator on a place page: the country and one dot, about 2 kB."""
    project = Projection(width)
    x, y = project(lon, lat)
    label = html.escape(label, quote=True)
    return (
        f'<svg class="wp-map wp-map-small" viewBox="{_viewbox(project)}" role="img" '
        f'aria-label="Ligging van {label} in Nederland" xmlns="http://www.w3.org/2000/svg">'
        + _country(width, 0.8)
        + f'<circle class="wp-map-dot" cx="{x:.1f}" cy="{y:.1f}" r="5"/></svg>'
    )


# -- an entry's neighbourhood in the link graph --------------------------------------------------

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
        f"aria-label=\"Verbanden: {len(incoming)} pagina's verwijzen hierheen, "
        f'deze pagina verwijst naar {len(outgoing)}">',
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
            f'<text x="{tx:.0f}" y="{y:.0f}" dy="0.35em" text-anchor="{anchor}">'
            f"{html.escape(_short(ref.title))}</text></a>"
        )

    for i, target in enumerate(shown_in):
        node(i, target, "in")
    for i, target in enumerate(shown_out):
        node(i, target, "out")
    for count, side, n in ((more_in, "in", len(shown_in)), (more_out, "out", len(shown_out))):
        if count:
            x, anchor = (22, "start") if side == "in" else (WIDTH - 22, "end")
            parts.append(
                f'<text class="wp-hood-more" x="{x}" y="{30 + n * ROW}" dy="0.35em" text-anchor="{anchor}">'
                f"en nog {count}</text>"
            )
    parts.append(f'<circle class="wp-hood-self" cx="{cx:.0f}" cy="{cy:.0f}" r="9"/></svg>')
    return "".join(parts)
