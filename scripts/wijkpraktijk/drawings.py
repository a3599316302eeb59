"""SVG drawings made at build time: the map of the Netherlands with its places, an entry's link neighbourhood.

SVG only: where each marker and name goes is layout.py's work (pure geometry, bounded by a grid).

Why SVG drawn here: the site stays private and offline (no tile server, no graph library on entry pages),
and a practice page stays light. The map outline is a committed file, static/nederland.json: land and the
neighbouring countries from Natural Earth (public domain), the IJsselmeer and Markermeer as water from GSHHG
(LGPL-3.0-or-later), made once by scripts/make_outline.py, which notes the sources. Everything that is
neither the Netherlands nor a neighbour is painted as sea. The neighbourhood shows, left, the pages
that link here (backlinks) and, right, the pages this one links to.
"""

from __future__ import annotations

import functools
import html
import json
import math
from dataclasses import dataclass
from pathlib import Path

from . import layout
from .graph import Graph
from .model import NL_BOUNDS

OUTLINE = Path(__file__).parent / "static" / "nederland.json"

# European Netherlands. Validation uses the same box (model.py), so every
# place that passes validation can be drawn.
BOUNDS = NL_BOUNDS  # lon_min, lat_min, lon_max, lat_max
_LAT0 = math.radians(52.2)  # equirectangular projection, true scale at this latitude


@functools.cache
def _outline() -> dict[str, list[list[tuple[float, float]]]]:
    """The rings (lon, lat) of the land, of the large inland water and of the neighbouring countries."""
    data = json.loads(OUTLINE.read_text(encoding="utf-8"))
    return {
        kind: [[(lon, lat) for lon, lat in ring] for ring in data[kind]] for kind in ("land", "water", "neighbours")
    }


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


def clip(ring: list[tuple[float, float]], frame: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: the part of a ring inside a rectangle (x0, y0, x1, y1), with edges along the frame where
    it was cut. A drawing must not reach past its own frame (scripts/make_outline.py uses it too)."""
    x0, y0, x1, y1 = frame
    edges = (
        (lambda p: p[0] >= x0, lambda a, b: (x0, a[1] + (b[1] - a[1]) * (x0 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= x1, lambda a, b: (x1, a[1] + (b[1] - a[1]) * (x1 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= y0, lambda a, b: (a[0] + (b[0] - a[0]) * (y0 - a[1]) / (b[1] - a[1]), y0)),
        (lambda p: p[1] <= y1, lambda a, b: (a[0] + (b[0] - a[0]) * (y1 - a[1]) / (b[1] - a[1]), y1)),
    )
    points = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring
    for keep, cut in edges:
        if not points:
            break
        result: list[tuple[float, float]] = []
        for a, b in zip([points[-1], *points[:-1]], points, strict=True):
            if keep(b):
                if not keep(a):
                    result.append(cut(a, b))
                result.append(b)
            elif keep(a):
                result.append(cut(a, b))
        points = result
    return points


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
def outline_path(kind: str, width: float, tolerance: float, extra: float = 0) -> str:
    """The SVG path ``d`` of the ``kind`` rings ('land', 'water', 'neighbours') at this width, simplified to
    ``tolerance`` units and cut to the drawing (``extra`` units wider on the right)."""
    project = Projection(width)
    frame = (0, 0, width + extra, project.height)
    parts = []
    for ring in _outline()[kind]:
        points = simplify(clip([project(lon, lat) for lon, lat in ring], frame), tolerance)
        if len(points) < 4:
            continue
        parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def _country(project: Projection, tolerance: float, extra: float = 0) -> str:
    """The sea over the whole frame, the neighbouring countries, the land, then the lakes drawn over it.

    The neighbours get a stroke in their own colour: both outlines are simplified for the drawing, each on its
    own, and the stroke covers the hairline of sea that could open along the border.
    """
    width = project.width
    return (
        f'<rect class="wp-map-sea" width="{width + extra:.0f}" height="{project.height:.0f}"/>'
        f'<path class="wp-map-neighbours" d="{outline_path("neighbours", width, tolerance, extra)}"/>'
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


# Name sizes in map units (CSS sets the same): the map is about as wide as its units on a desktop, so 14 is
# 14 px there; a phone shows it at 0.6, where a second set of names, placed for 22 units, is 13 px.
LABEL_PX = 14
LABEL_PX_PHONE = 22
LABEL_ROOM = 90  # map units right of the country, for the names of places near the eastern border


# Budgets, so a map with hundreds of places in one spot is drawn in linear time (security review 3, F8):
NAMES_MAX = 60  # names placed on the map, most-cited places first; all of them are in the list under it


@dataclass(frozen=True)
class Crowd:
    """Places whose markers would only pile up where they are: one "+N" marker leads to the list instead."""

    x: float
    y: float
    markers: tuple[Marker, ...]


def _crowd_radius(crowd: Crowd) -> float:
    """Room for its '+N' (13 px bold) inside the circle."""
    return max(11.0, 5 + 4 * len(str(len(crowd.markers))))


@dataclass(frozen=True)
class MapDrawing:
    svg: str
    unnamed: int  # places with a marker but no name beside it (a name needs a free spot), or in a "+N" crowd


def _spots(markers: list[Marker], project: Projection) -> tuple[list[Marker], list[layout.Spot], list[Crowd]]:
    """The markers in drawing order (big first, so a small place inside a big one stays clickable on top), those
    that keep a marker of their own with their spots, and the crowds (layout.crowds)."""
    most = max([m.count for m in markers] or [1]) or 1
    ordered = sorted(markers, key=lambda m: (-m.count, m.label))
    spots = []
    for m in ordered:
        x, y = project(m.lon, m.lat)
        spots.append((x, y, 7 + 9 * math.sqrt(m.count / most), m.label))
    kept, gathered = layout.crowds(spots)
    crowds = [
        Crowd(
            sum(spots[i][0] for i in members) / len(members),
            sum(spots[i][1] for i in members) / len(members),
            tuple(ordered[i] for i in members),
        )
        for members in gathered
    ]
    return [ordered[i] for i in kept], [spots[i] for i in kept], crowds


def _names(ordered: list[Marker], spots: list[layout.Spot], frame: tuple[float, float]) -> tuple[str, set[str]]:
    """The two sets of names (desktop and phone sizes) as SVG groups, and the places left without one."""
    groups: dict[str, list[str]] = {"wp-map-names": [], "wp-map-names wp-map-names-phone": []}
    unnamed: set[str] = set()
    for group, size in zip(groups, (LABEL_PX, LABEL_PX_PHONE), strict=True):
        labels = layout.place_labels(spots, frame, size, named=min(NAMES_MAX, len(ordered)))
        for m, name in zip(ordered, labels, strict=False):
            if name is None:
                unnamed.add(m.id)
                continue
            leader = (
                '<line class="wp-map-leader" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"/>'.format(*name.leader)
                if name.leader
                else ""
            )
            groups[group].append(
                f'<a class="wp-map-name" href="{html.escape(m.href, quote=True)}" data-place="{m.id}" tabindex="-1" '
                f'aria-hidden="true">{leader}<text x="{name.x:.1f}" y="{name.y:.1f}" dy="0.35em" '
                f'text-anchor="{name.anchor}">{html.escape(m.label, quote=True)}</text></a>'
            )
    return "".join(f'<g class="{group}">{"".join(parts)}</g>' for group, parts in groups.items()), unnamed


def _marker(m: Marker, x: float, y: float, r: float) -> str:
    label = html.escape(m.label, quote=True)
    noun = "pagina" if m.count == 1 else "pagina's"
    return (
        f'<a class="wp-map-marker" href="{html.escape(m.href, quote=True)}" data-place="{m.id}" '
        f'aria-label="{label}: {m.count} {noun}"><title>{label}: {m.count} {noun}</title>'
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
        f'<text x="{x:.1f}" y="{y:.1f}" dy="0.35em">{m.count}</text></a>'
    )


def _crowd_marker(crowd: Crowd, x: float, y: float, r: float, words: str, listed: str) -> str:
    shown = ", ".join(html.escape(m.label, quote=True) for m in crowd.markers[:5])
    more = f" en nog {len(crowd.markers) - 5}" if len(crowd.markers) > 5 else ""
    text = f"Nog {len(crowd.markers)} {words} hier ({shown}{more}): zie de lijst onder de kaart"
    return (
        f'<a class="wp-map-marker wp-map-crowd" href="#{listed}" aria-label="{text}"><title>{text}</title>'
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
        f'<text x="{x:.1f}" y="{y:.1f}" dy="0.35em">+{len(crowd.markers)}</text></a>'
    )


def overview_map(markers: list[Marker], words: str, listed: str, width: float = 480) -> MapDrawing:
    """The Kaart page: one linked, numbered marker per place, larger with more entries; names beside them.
    ``words``: what the markers are, in a sentence (the mapped types' plural); ``listed``: the anchor of the
    list under the map, where a "+N" marker leads.

    Bounded work whatever the content: places piled up on one spot share a "+N" marker that leads to the list
    under the map, and names are placed for the NAMES_MAX most-cited places only.
    """
    project = Projection(width)
    ordered, spots, crowds = _spots(markers, project)
    placed = layout.dodge(spots + [(c.x, c.y, _crowd_radius(c), "") for c in crowds])
    spots, crowd_spots = placed[: len(spots)], placed[len(spots) :]
    names, unnamed = _names(ordered, spots + crowd_spots, (width + LABEL_ROOM, project.height))  # names avoid "+N"
    items = [_marker(m, x, y, r) for m, (x, y, r, _) in zip(ordered, spots, strict=True)]
    items += [_crowd_marker(c, x, y, r, words, listed) for c, (x, y, r, _) in zip(crowds, crowd_spots, strict=True)]
    svg = (
        f'<svg class="wp-map" viewBox="{_viewbox(project, LABEL_ROOM)}" role="group" '
        f'aria-label="Kaart van Nederland met {len(markers)} {words}" xmlns="http://www.w3.org/2000/svg">'
        + _country(project, 0.6, LABEL_ROOM)
        + "".join(items)
        + names
        + "</svg>"
    )
    return MapDrawing(svg, len(unnamed) + sum(len(c.markers) for c in crowds))


def small_map(lat: float, lon: float, label: str, width: float = 160) -> str:
    """The little locator on a place page: the country and one dot, about 2 kB."""
    project = Projection(width)
    x, y = project(lon, lat)
    label = html.escape(label, quote=True)
    return (
        f'<svg class="wp-map wp-map-small" viewBox="{_viewbox(project)}" role="img" '
        f'aria-label="Ligging van {label} in Nederland" xmlns="http://www.w3.org/2000/svg">'
        + _country(project, 0.8)
        + f'<circle class="wp-map-dot" cx="{x:.1f}" cy="{y:.1f}" r="5"/></svg>'
    )


# -- an entry's neighbourhood in the link graph --------------------------------------------------

PER_SIDE = 8
WIDTH = 380
ROW = 22
HOOD_PX = 12  # label font size in drawing units (CSS sets the same)
# Names sit outside, circles inside, and the lines run only between the circles and the middle:
# left names end at NAME_EDGE, right names start at WIDTH - NAME_EDGE, so no line crosses a name.
NAME_EDGE = 136
NODE_X = NAME_EDGE + 8
NAME_ROOM = NAME_EDGE - 6  # the longest name, in drawing units
_NARROW, _WIDE = set("iljtfr.,:;'()[] |!"), set("mwMW@")


def _short(text: str) -> str:
    """The name cut with an ellipsis where its estimated width would pass NAME_ROOM."""
    em = 0.0
    for n, c in enumerate(text):
        em += 0.3 if c in _NARROW else 0.85 if c in _WIDE else 0.66 if c.isupper() else 0.56
        if em * HOOD_PX > NAME_ROOM - HOOD_PX:  # room for the ellipsis
            return text[:n].rstrip() + "…"
    return text


def _hood_node(ref, href: str, y: float, side: str, centre: tuple[float, float]) -> str:
    """A neighbour: its line to the middle, its circle and its name outside (``side``: 'in' left, 'out' right)."""
    x = NODE_X if side == "in" else WIDTH - NODE_X
    anchor = "end" if side == "in" else "start"
    tx = NAME_EDGE if side == "in" else WIDTH - NAME_EDGE
    title = html.escape(ref.title, quote=True)
    return (
        f'<line class="wp-hood-edge" x1="{x:.0f}" y1="{y:.0f}" x2="{centre[0]:.0f}" y2="{centre[1]:.0f}"/>'
        f'<a href="{html.escape(href, quote=True)}" class="wp-hood-node wp-t-{ref.type}">'
        f"<title>{title} ({html.escape(ref.type_label.lower())})</title>"
        f'<circle cx="{x:.0f}" cy="{y:.0f}" r="5"/>'
        f'<text x="{tx:.0f}" y="{y:.0f}" dy="0.35em" text-anchor="{anchor}">'
        f"{html.escape(_short(ref.title))}</text></a>"
    )


def _more(ids: list[str], side: str) -> str:
    """'en nog N' under a side that holds more than PER_SIDE neighbours."""
    if len(ids) <= PER_SIDE:
        return ""
    x, anchor = (NAME_EDGE, "end") if side == "in" else (WIDTH - NAME_EDGE, "start")
    return (
        f'<text class="wp-hood-more" x="{x}" y="{30 + PER_SIDE * ROW}" dy="0.35em" text-anchor="{anchor}">'
        f"en nog {len(ids) - PER_SIDE}</text>"
    )


def neighbourhood_svg(entry_id: str, graph: Graph, refs: dict, href) -> str:
    """``refs``: id → Ref (title, type, type_label); ``href``: id → relative URL from the entry page.

    Left the pages that link here, right the pages this one links to, each with its name on the outside.
    """
    outgoing = [i for i in graph.targets(entry_id) if i in refs]
    incoming = [i for i in graph.mentioned_in(entry_id) if i in refs and i not in outgoing]
    if not outgoing and not incoming:
        return ""
    rows = max(min(len(side), PER_SIDE + 1) for side in (incoming, outgoing))
    height = 30 + rows * ROW
    centre = (WIDTH / 2, 30 + rows * ROW / 2 - ROW / 2 + 4)
    parts = [
        f'<svg class="wp-hood" viewBox="0 0 {WIDTH} {height}" role="group" xmlns="http://www.w3.org/2000/svg" '
        f"aria-label=\"Verbanden: {len(incoming)} pagina's verwijzen hierheen, "
        f'deze pagina verwijst naar {len(outgoing)}">',
        '<text class="wp-hood-head" x="4" y="14">Verwijzen hierheen</text>' if incoming else "",
        f'<text class="wp-hood-head" x="{WIDTH - 4}" y="14" text-anchor="end">Verwijst naar</text>' if outgoing else "",
        *(_hood_node(refs[t], href(t), 30 + i * ROW, "in", centre) for i, t in enumerate(incoming[:PER_SIDE])),
        *(_hood_node(refs[t], href(t), 30 + i * ROW, "out", centre) for i, t in enumerate(outgoing[:PER_SIDE])),
        _more(incoming, "in"),
        _more(outgoing, "out"),
        f'<circle class="wp-hood-self" cx="{centre[0]:.0f}" cy="{centre[1]:.0f}" r="9"/></svg>',
    ]
    return "".join(parts)
