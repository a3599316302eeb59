"""SVG drawings made at build time: the map of the Netherlands with its places, an entry's link neighbourhood.

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


class _Grid:
    """Items by the square cells their boxes touch, so only nearby items are ever compared: linear work, however
    many places there are. ``near`` gives each item once, in the order it was added."""

    def __init__(self, cell: float):
        self.cell = cell
        self.cells: dict[tuple[int, int], list[int]] = {}

    def _keys(self, box: tuple) -> list[tuple[int, int]]:
        c = self.cell
        return [
            (i, j)
            for i in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1)
            for j in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1)
        ]

    def add(self, box: tuple, item: int) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(item)

    def near(self, box: tuple) -> list[int]:
        found = {item for key in self._keys(box) for item in self.cells.get(key, ())}
        return sorted(found)


def _dodge(spots: list[tuple[float, float, float, str]], rounds: int = 30) -> list[tuple[float, float, float, str]]:
    """Push overlapping markers apart (a village next to its municipality), so each stays visible and clickable.

    Only overlapping markers move, each by at most a few map units; each round compares a marker with those in
    the grid cells around it only.
    """
    points = [[x, y] for x, y, _, _ in spots]
    reach = 2 * max((r for _, _, r, _ in spots), default=0) + 1
    for _ in range(rounds):
        grid = _Grid(reach)
        for i, (x, y) in enumerate(points):
            grid.add((x, y, x, y), i)
        moved = False
        for i in range(len(points)):
            x, y = points[i]
            for j in grid.near((x - reach, y - reach, x + reach, y + reach)):
                if j <= i:
                    continue
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


# Where a name may go around its marker, in order of preference: right, left, above, below, then the diagonals.
_DIRECTIONS = ((1, 0, 0), (-1, 0, 2), (0, -1, 3), (0, 1, 3), (1, -1, 4), (-1, -1, 4), (1, 1, 4), (-1, 1, 4))
LEADER_STEPS = (0, 14, 28, 42, 56)  # map units between a marker and its name; beyond 0 a line leads to it
CLEARANCE = 24  # map units a name keeps from other markers where it can
BLOCKED = 1000  # the cost of a spot over another name or marker, or off the map: such a name is left off
# Budgets, so a map with hundreds of places in one spot is drawn in linear time (security review 3, F8):
CROWD = 6  # a marker overlapping this many others joins its square's "+N" marker instead
CROWD_CELL = 40  # map units: the squares whose crowded places share one "+N" marker
NAMES_MAX = 60  # names placed on the map, most-cited places first; all of them are in the list under it
_NARROW, _WIDE = set("iljtfr.,:;'()[] |!"), set("mwMW@")


def _text_width(text: str, size: float) -> float:
    """A generous estimate of a bold sans-serif name's width: a name must never end up wider than its box."""
    em = sum(0.36 if c in _NARROW else 0.92 if c in _WIDE else 0.72 if c.isupper() else 0.62 for c in text)
    return em * size + 4


@dataclass(frozen=True)
class Label:
    x: float  # where the text starts (anchor start), ends (end) or is centred (middle); y is its middle
    y: float
    anchor: str
    box: tuple[float, float, float, float]
    leader: tuple[float, float, float, float] | None  # a line from the marker's edge to the name


def _overlaps(a: tuple, b: tuple, margin: float = 0) -> bool:
    return a[0] < b[2] + margin and b[0] < a[2] + margin and a[1] < b[3] + margin and b[1] < a[3] + margin


def _box_distance(box: tuple, x: float, y: float, r: float) -> float:
    """From a label box to the edge of a circle (negative: they overlap)."""
    dx = max(box[0] - x, 0, x - box[2])
    dy = max(box[1] - y, 0, y - box[3])
    return math.hypot(dx, dy) - r


def _crosses(line: tuple, box: tuple) -> bool:
    """Does the segment enter the box? Sampled: a leader line is short and boxes are a few units tall."""
    x1, y1, x2, y2 = line
    if max(x1, x2) <= box[0] or min(x1, x2) >= box[2] or max(y1, y2) <= box[1] or min(y1, y2) >= box[3]:
        return False
    steps = (i / 16 for i in range(17))
    return any(box[0] < x1 + (x2 - x1) * t < box[2] and box[1] < y1 + (y2 - y1) * t < box[3] for t in steps)


def _candidates(x: float, y: float, r: float, w: float, h: float) -> list[tuple[Label, float]]:
    """Every position a name can take around its marker, with the cost of its direction and distance."""
    out = []
    for step in LEADER_STEPS:
        for dx, dy, preference in _DIRECTIONS:
            norm = math.hypot(dx, dy)
            ux, uy = dx / norm, dy / norm
            # Off the marker's square, not only its circle: a name touches nothing a reader sees as the marker.
            gap = r + (1 if dx and dy else 3)
            ax, ay = x + dx * gap + ux * step, y + dy * gap + uy * step
            left = ax if dx > 0 else ax - w if dx < 0 else ax - w / 2
            top = ay - h / 2 if dy == 0 else ay - h if dy < 0 else ay
            box = (left, top, left + w, top + h)
            anchor = "start" if dx > 0 else "end" if dx < 0 else "middle"
            tx = box[0] + 2 if dx > 0 else box[2] - 2 if dx < 0 else (box[0] + box[2]) / 2
            leader = (x + ux * r, y + uy * r, ax, ay) if step else None
            out.append((Label(tx, (box[1] + box[3]) / 2, anchor, box, leader), preference + step / 2))
    return out


def _place_labels(
    spots: list[tuple[float, float, float, str]],
    frame: tuple[float, float],
    size: float = LABEL_PX,
    named: int = NAMES_MAX,
) -> list[Label | None]:
    """Each name next to its own marker: never over another name or marker, and never closer to another marker
    than to its own unless a line leads to it. ``spots`` are (x, y, radius, text) in map units, most important
    first; ``frame`` is the drawing's (width, height); ``size`` the names' font size. A place gets None when its
    name finds no free spot or is past the first ``named`` places: the list under the map names every place.

    Greedy, in order, then two rounds in which each name moves to its best spot given all others: a town and its
    villages (Oldebroek and Wezep, next to Zwolle) would otherwise hide or claim each other's names. Other markers
    are looked up in a grid, so the work grows with the number of places, not with its square.
    """
    markers = [(x - r, y - r, x + r, y + r) for x, y, r, _ in spots]
    labelled = range(min(named, len(spots)))
    options = {i: _candidates(*spots[i][:3], _text_width(spots[i][3], size), size + 2) for i in labelled}
    # Where each name could possibly go; only places whose reach meets this one's can get in its way.
    reach = {i: _envelope([option.box for option, _ in choices] + [markers[i]]) for i, choices in options.items()}
    grid = _Grid(2 * CLEARANCE)
    for j, box in enumerate(markers):
        grid.add(box, j)
    reaches = _Grid(4 * CLEARANCE)
    for i, box in reach.items():
        reaches.add(box, i)
    near_names = {
        i: [j for j in reaches.near(box) if j != i and _overlaps(box, reach[j], 2)] for i, box in reach.items()
    }

    def fixed(i: int, label: Label, base: float) -> float:
        """What a spot costs whatever the other names do: the frame, the other markers (those near it only)."""
        x, y, r, _ = spots[i]
        box = label.box
        total = base
        if box[0] < 0 or box[1] < 0 or box[2] > frame[0] or box[3] > frame[1]:
            return total + BLOCKED
        own = _box_distance(box, x, y, r)
        for j in grid.near(_grown(box, max(CLEARANCE, own + 6))):  # the leader lies within own of the box
            if j == i:
                continue
            mx, my, mr, _ = spots[j]
            gap = _box_distance(box, mx, my, mr)
            if _overlaps(box, markers[j], 2):
                return total + BLOCKED
            elif gap < own + 6:
                total += 40 if label.leader else 300  # it would read as that place's name
            elif gap < CLEARANCE:
                total += 60  # beside another marker, where that place's own name could be
            if label.leader and _crosses(label.leader, markers[j]):
                total += 500
        return total

    costs = {i: [(label, fixed(i, label, base)) for label, base in choices] for i, choices in options.items()}
    chosen: list[Label | None] = [None] * len(spots)

    def cost(i: int, label: Label, total: float) -> float:
        box = label.box
        for j in near_names[i]:
            other = chosen[j]
            if other is None:
                continue
            if _overlaps(box, other.box, 2):
                total += BLOCKED
            if label.leader and _crosses(label.leader, other.box):
                total += 500
            if other.leader and _crosses(other.leader, box):
                total += 500
        return total

    for _ in range(3):
        for i in costs:
            chosen[i] = None
            label, total = min(((label, cost(i, label, base)) for label, base in costs[i]), key=lambda o: o[1])
            chosen[i] = label if total < BLOCKED else None
    return chosen


def _grown(box: tuple, by: float) -> tuple[float, float, float, float]:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def _envelope(boxes: list[tuple]) -> tuple[float, float, float, float]:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


@dataclass(frozen=True)
class Crowd:
    """Places whose markers would only pile up where they are: one "+N" marker leads to the list instead."""

    x: float
    y: float
    markers: tuple[Marker, ...]


def _crowds(ordered: list[Marker], spots: list[tuple[float, float, float, str]]):
    """(the places that keep a marker of their own, with their spots; the crowds), in one pass over a grid.

    Most-cited places first: a place joins a crowd when its marker would overlap CROWD markers already placed, so
    a city keeps its own marker and its first neighbourhoods theirs. It joins the nearest crowd within CROWD_CELL
    map units, or starts one where it is.
    """
    reach = 2 * max((r for _, _, r, _ in spots), default=0) + 1
    grid, crowd_grid = _Grid(reach), _Grid(CROWD_CELL)
    kept: list[int] = []
    crowds: list[list[int]] = []  # member indexes; a crowd's place in crowd_grid is its first member's
    for i, (x, y, r, _) in enumerate(spots):
        overlapping = sum(
            1
            for j in grid.near((x - reach, y - reach, x + reach, y + reach))
            if math.hypot(spots[j][0] - x, spots[j][1] - y) < r + spots[j][2] + 1
        )
        if overlapping < CROWD:
            kept.append(i)
            grid.add((x, y, x, y), i)
            continue
        around = (x - CROWD_CELL, y - CROWD_CELL, x + CROWD_CELL, y + CROWD_CELL)
        first = {c: spots[crowds[c][0]] for c in crowd_grid.near(around)}
        near = [(d, c) for c, (cx, cy, _, _) in first.items() if (d := math.hypot(cx - x, cy - y)) <= CROWD_CELL]
        if near:
            crowds[min(near)[1]].append(i)
        else:
            crowd_grid.add((x, y, x, y), len(crowds))
            crowds.append([i])
    found = [
        Crowd(
            sum(spots[i][0] for i in members) / len(members),
            sum(spots[i][1] for i in members) / len(members),
            tuple(ordered[i] for i in members),
        )
        for members in crowds
    ]
    return [ordered[i] for i in kept], [spots[i] for i in kept], found


def _crowd_radius(crowd: Crowd) -> float:
    """Room for its '+N' (13 px bold) inside the circle."""
    return max(11.0, 5 + 4 * len(str(len(crowd.markers))))


LIST_ANCHOR = "alle-plaatsen"  # the list under the map (templates/map.md.j2), where every place is named


@dataclass(frozen=True)
class MapDrawing:
    svg: str
    unnamed: int  # places with a marker but no name beside it (a name needs a free spot), or in a "+N" crowd


def overview_map(markers: list[Marker], width: float = 480) -> MapDrawing:
    """The Kaart page: one linked, numbered marker per place, larger with more entries; names beside them.

    Bounded work whatever the content: places piled up on one spot share a "+N" marker that leads to the list
    under the map, and names are placed for the NAMES_MAX most-cited places only.
    """
    project = Projection(width)
    most = max([m.count for m in markers] or [1]) or 1
    # Big markers first, so a small place inside a big one stays clickable on top.
    ordered = sorted(markers, key=lambda m: (-m.count, m.label))
    spots = []
    for m in ordered:
        x, y = project(m.lon, m.lat)
        spots.append((x, y, 7 + 9 * math.sqrt(m.count / most), m.label))
    ordered, spots, crowds = _crowds(ordered, spots)
    placed = _dodge(spots + [(c.x, c.y, _crowd_radius(c), "") for c in crowds])
    spots, crowd_spots = placed[: len(spots)], placed[len(spots) :]
    frame = (width + LABEL_ROOM, project.height)
    items = []
    names: dict[str, list[str]] = {"wp-map-names": [], "wp-map-names wp-map-names-phone": []}
    everything = spots + crowd_spots  # a name avoids the "+N" markers too
    unnamed: set[str] = set()
    for group, size in zip(names, (LABEL_PX, LABEL_PX_PHONE), strict=True):
        labels = _place_labels(everything, frame, size, named=min(NAMES_MAX, len(spots)))
        for m, name in zip(ordered, labels, strict=False):
            if name is None:
                unnamed.add(m.id)
                continue
            leader = (
                '<line class="wp-map-leader" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"/>'.format(*name.leader)
                if name.leader
                else ""
            )
            names[group].append(
                f'<a class="wp-map-name" href="{html.escape(m.href, quote=True)}" data-place="{m.id}" tabindex="-1" '
                f'aria-hidden="true">{leader}<text x="{name.x:.1f}" y="{name.y:.1f}" dy="0.35em" '
                f'text-anchor="{name.anchor}">{html.escape(m.label, quote=True)}</text></a>'
            )
    for m, (x, y, r, _) in zip(ordered, spots, strict=True):
        label = html.escape(m.label, quote=True)
        noun = "pagina" if m.count == 1 else "pagina's"
        items.append(
            f'<a class="wp-map-marker" href="{html.escape(m.href, quote=True)}" data-place="{m.id}" '
            f'aria-label="{label}: {m.count} {noun}"><title>{label}: {m.count} {noun}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
            f'<text x="{x:.1f}" y="{y:.1f}" dy="0.35em">{m.count}</text></a>'
        )
    for crowd, (x, y, r, _) in zip(crowds, crowd_spots, strict=True):
        shown = ", ".join(html.escape(m.label, quote=True) for m in crowd.markers[:5])
        more = f" en nog {len(crowd.markers) - 5}" if len(crowd.markers) > 5 else ""
        text = f"Nog {len(crowd.markers)} plaatsen hier ({shown}{more}): zie de lijst onder de kaart"
        items.append(
            f'<a class="wp-map-marker wp-map-crowd" href="#{LIST_ANCHOR}" aria-label="{text}"><title>{text}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
            f'<text x="{x:.1f}" y="{y:.1f}" dy="0.35em">+{len(crowd.markers)}</text></a>'
        )
    svg = (
        f'<svg class="wp-map" viewBox="{_viewbox(project, LABEL_ROOM)}" role="group" '
        f'aria-label="Kaart van Nederland met {len(markers)} plaatsen" xmlns="http://www.w3.org/2000/svg">'
        + _country(project, 0.6, LABEL_ROOM)
        + "".join(items)
        + "".join(f'<g class="{group}">{"".join(parts)}</g>' for group, parts in names.items())
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


def _short(text: str) -> str:
    """The name cut with an ellipsis where its estimated width would pass NAME_ROOM."""
    em = 0.0
    for n, c in enumerate(text):
        em += 0.3 if c in _NARROW else 0.85 if c in _WIDE else 0.66 if c.isupper() else 0.56
        if em * HOOD_PX > NAME_ROOM - HOOD_PX:  # room for the ellipsis
            return text[:n].rstrip() + "…"
    return text


def neighbourhood_svg(entry_id: str, graph: Graph, refs: dict, href) -> str:
    """``refs``: id → Ref (title, type, type_label); ``href``: id → relative URL from the entry page.

    Left the pages that link here, right the pages this one links to, each with its name on the outside.
    """
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
        x = NODE_X if side == "in" else WIDTH - NODE_X
        anchor = "end" if side == "in" else "start"
        tx = NAME_EDGE if side == "in" else WIDTH - NAME_EDGE
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
            x, anchor = (NAME_EDGE, "end") if side == "in" else (WIDTH - NAME_EDGE, "start")
            parts.append(
                f'<text class="wp-hood-more" x="{x}" y="{30 + n * ROW}" dy="0.35em" text-anchor="{anchor}">'
                f"en nog {count}</text>"
            )
    parts.append(f'<circle class="wp-hood-self" cx="{cx:.0f}" cy="{cy:.0f}" r="9"/></svg>')
    return "".join(parts)
