"""Where things go in the drawings: pure geometry, no SVG, no pages.

Three placements, each deterministic and bounded by a grid so the work grows with the number of items,
not with its square (security review 3, F8):

- ``column_layout``: the Verbanden graph, one column per group of types, each group ordered so that linked
  pages sit at similar heights (views.py writes the result into graph.json).
- ``dodge`` and ``crowds``: the Kaart's markers pushed apart where they overlap, and those that would only
  pile up on one spot gathered into a "+N" marker (drawings.py draws them).
- ``place_labels``: each place's name beside its own marker, never over another name or marker.

Coordinates are in the drawing's own units; a spot is (x, y, radius, text).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Spot = tuple[float, float, float, str]
Box = tuple[float, float, float, float]


class Grid:
    """Items by the square cells their boxes touch, so only nearby items are ever compared. ``near`` gives each
    item once, in the order it was added."""

    def __init__(self, cell: float):
        self.cell = cell
        self.cells: dict[tuple[int, int], list[int]] = {}

    def _keys(self, box: Box) -> list[tuple[int, int]]:
        c = self.cell
        return [
            (i, j)
            for i in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1)
            for j in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1)
        ]

    def add(self, box: Box, item: int) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(item)

    def near(self, box: Box) -> list[int]:
        return sorted({item for key in self._keys(box) for item in self.cells.get(key, ())})


def overlaps(a: Box, b: Box, margin: float = 0) -> bool:
    return a[0] < b[2] + margin and b[0] < a[2] + margin and a[1] < b[3] + margin and b[1] < a[3] + margin


def grown(box: Box, by: float) -> Box:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def envelope(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


# -- markers on the map: apart where they overlap, gathered where they pile up --------------------------------

CROWD = 6  # a marker overlapping this many others joins its square's "+N" marker instead
CROWD_CELL = 40  # units: the squares whose crowded places share one "+N" marker


def dodge(spots: list[Spot], rounds: int = 30) -> list[Spot]:
    """Push overlapping markers apart (a village next to its municipality), so each stays visible and clickable.

    Only overlapping markers move, each by at most a few units; each round compares a marker with those in the
    grid cells around it only.
    """
    points = [[x, y] for x, y, _, _ in spots]
    reach = 2 * max((r for _, _, r, _ in spots), default=0) + 1
    for _ in range(rounds):
        grid = Grid(reach)
        for i, (x, y) in enumerate(points):
            grid.add((x, y, x, y), i)
        if not any([_push_apart(i, points, spots, grid, reach) for i in range(len(points))]):
            break
    return [(p[0], p[1], r, text) for p, (_, _, r, text) in zip(points, spots, strict=True)]


def _push_apart(i: int, points: list[list[float]], spots: list[Spot], grid: Grid, reach: float) -> bool:
    """Move marker ``i`` and each later marker it overlaps half the overlap apart; whether any moved."""
    moved = False
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
    return moved


def crowds(spots: list[Spot]) -> tuple[list[int], list[list[int]]]:
    """(the spots that keep a marker of their own; the crowds, each a list of spots), in one pass over a grid.

    In order (most-cited places first): a spot joins a crowd when its marker would overlap CROWD markers already
    kept, so a city keeps its own marker and its first neighbourhoods theirs. It joins the nearest crowd within
    CROWD_CELL units (measured to that crowd's first member), or starts one where it is.
    """
    reach = 2 * max((r for _, _, r, _ in spots), default=0) + 1
    grid, crowd_grid = Grid(reach), Grid(CROWD_CELL)
    kept: list[int] = []
    found: list[list[int]] = []
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
        first = {c: spots[found[c][0]] for c in crowd_grid.near(around)}
        near = [(d, c) for c, (cx, cy, _, _) in first.items() if (d := math.hypot(cx - x, cy - y)) <= CROWD_CELL]
        if near:
            found[min(near)[1]].append(i)
        else:
            crowd_grid.add((x, y, x, y), len(found))
            found.append([i])
    return kept, found


# -- names beside their markers ----------------------------------------------------------------------------

# Where a name may go around its marker, in order of preference: right, left, above, below, then the diagonals.
DIRECTIONS = ((1, 0, 0), (-1, 0, 2), (0, -1, 3), (0, 1, 3), (1, -1, 4), (-1, -1, 4), (1, 1, 4), (-1, 1, 4))
LEADER_STEPS = (0, 14, 28, 42, 56)  # units between a marker and its name; beyond 0 a line leads to it
CLEARANCE = 24  # units a name keeps from other markers where it can
BLOCKED = 1000  # the cost of a spot over another name or marker, or off the drawing: such a name is left off
_NARROW, _WIDE = set("iljtfr.,:;'()[] |!"), set("mwMW@")


def text_width(text: str, size: float) -> float:
    """A generous estimate of a bold sans-serif name's width: a name must never end up wider than its box."""
    em = sum(0.36 if c in _NARROW else 0.92 if c in _WIDE else 0.72 if c.isupper() else 0.62 for c in text)
    return em * size + 4


@dataclass(frozen=True)
class Label:
    x: float  # where the text starts (anchor start), ends (end) or is centred (middle); y is its middle
    y: float
    anchor: str
    box: Box
    leader: Box | None  # a line (x1, y1, x2, y2) from the marker's edge to the name


def box_distance(box: Box, x: float, y: float, r: float) -> float:
    """From a label box to the edge of a circle (negative: they overlap)."""
    dx = max(box[0] - x, 0, x - box[2])
    dy = max(box[1] - y, 0, y - box[3])
    return math.hypot(dx, dy) - r


def crosses(line: Box, box: Box) -> bool:
    """Does the segment enter the box? Sampled: a leader line is short and boxes are a few units tall."""
    x1, y1, x2, y2 = line
    if max(x1, x2) <= box[0] or min(x1, x2) >= box[2] or max(y1, y2) <= box[1] or min(y1, y2) >= box[3]:
        return False
    steps = (i / 16 for i in range(17))
    return any(box[0] < x1 + (x2 - x1) * t < box[2] and box[1] < y1 + (y2 - y1) * t < box[3] for t in steps)


def candidates(x: float, y: float, r: float, w: float, h: float) -> list[tuple[Label, float]]:
    """Every position a ``w`` × ``h`` name can take around its marker, with the cost of its direction and distance."""
    out = []
    for step in LEADER_STEPS:
        for dx, dy, preference in DIRECTIONS:
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


class _Placement:
    """The names of the first ``named`` spots: their candidates and the costs that hold whatever the other
    names do (``fixed``), and the costs against the names chosen so far (``against_names``)."""

    def __init__(self, spots: list[Spot], frame: tuple[float, float], size: float, named: int):
        self.spots, self.frame = spots, frame
        self.markers = [(x - r, y - r, x + r, y + r) for x, y, r, _ in spots]
        labelled = range(min(named, len(spots)))
        options = {i: candidates(*spots[i][:3], text_width(spots[i][3], size), size + 2) for i in labelled}
        # Where each name could possibly go; only places whose reach meets this one's can get in its way.
        reach = {
            i: envelope([option.box for option, _ in choices] + [self.markers[i]]) for i, choices in options.items()
        }
        self.grid, reaches = Grid(2 * CLEARANCE), Grid(4 * CLEARANCE)
        for j, box in enumerate(self.markers):
            self.grid.add(box, j)
        for i, box in reach.items():
            reaches.add(box, i)
        self.near = {
            i: [j for j in reaches.near(box) if j != i and overlaps(box, reach[j], 2)] for i, box in reach.items()
        }
        self.costs = {
            i: [(label, self.fixed(i, label, base)) for label, base in choices] for i, choices in options.items()
        }

    def fixed(self, i: int, label: Label, base: float) -> float:
        """What a spot costs whatever the other names do: the frame, the other markers (those near it only)."""
        x, y, r, _ = self.spots[i]
        box, total = label.box, base
        if box[0] < 0 or box[1] < 0 or box[2] > self.frame[0] or box[3] > self.frame[1]:
            return total + BLOCKED
        own = box_distance(box, x, y, r)
        for j in self.grid.near(grown(box, max(CLEARANCE, own + 6))):  # the leader lies within own of the box
            if j == i:
                continue
            mx, my, mr, _ = self.spots[j]
            gap = box_distance(box, mx, my, mr)
            if overlaps(box, self.markers[j], 2):
                return total + BLOCKED
            if gap < own + 6:
                total += 40 if label.leader else 300  # it would read as that place's name
            elif gap < CLEARANCE:
                total += 60  # beside another marker, where that place's own name could be
            if label.leader and crosses(label.leader, self.markers[j]):
                total += 500
        return total

    def against_names(self, i: int, label: Label, total: float, chosen: list[Label | None]) -> float:
        for j in self.near[i]:
            other = chosen[j]
            if other is None:
                continue
            if overlaps(label.box, other.box, 2):
                total += BLOCKED
            if label.leader and crosses(label.leader, other.box):
                total += 500
            if other.leader and crosses(other.leader, label.box):
                total += 500
        return total


def place_labels(spots: list[Spot], frame: tuple[float, float], size: float, named: int) -> list[Label | None]:
    """Each name next to its own marker: never over another name or marker, and never closer to another marker
    than to its own unless a line leads to it. ``spots`` in order of importance; ``frame`` the drawing's (width,
    height); ``size`` the names' font size. A spot gets None when its name finds no free spot or is past the first
    ``named``: the list under the map names every place.

    Greedy, in order, then two rounds in which each name moves to its best spot given all others: a town and its
    villages (Oldebroek and Wezep, next to Zwolle) would otherwise hide or claim each other's names.
    """
    placement = _Placement(spots, frame, size, named)
    chosen: list[Label | None] = [None] * len(spots)
    for _ in range(3):
        for i, options in placement.costs.items():
            chosen[i] = None
            label, total = min(
                ((label, placement.against_names(i, label, base, chosen)) for label, base in options),
                key=lambda option: option[1],
            )
            chosen[i] = label if total < BLOCKED else None
    return chosen


# -- the Verbanden graph: columns of types ---------------------------------------------------------------

COLUMN_GAP = 200  # units (CSS pixels at zoom 1) between a column's inner edge and the next
ROW_GAP = 4  # between two circles in a column
ROW_MIN = 20  # rows at least a 12 px label apart at the zoom the page opens with
GROUP_GAP = 28  # between two types in one column
ROWS_MAX = 40  # a longer group wraps into more sub-columns, outwards
SUB_GAP = 48  # between sub-columns
SPREAD_MAX = 4.0  # a short column is stretched to the tallest, rows at most this much further apart
ORDER_ROUNDS = 6  # barycentre sweeps that put linked nodes at similar heights


def column_layout(
    kinds: list[str], neighbours: list[list[int]], sizes: list[int], columns: list[list[str]]
) -> list[tuple[int, int]]:
    """Positions (x, y) per node: ``columns`` of kinds, left to right, each group of one kind ordered so that
    linked nodes sit at similar heights; ``sizes`` are the circles' diameters.

    Deterministic (no randomness, ties broken by index), and linear in the number of links per sweep, so it
    stays fast at thousands of pages. The first column grows leftwards, the others rightwards.
    """
    column_of = {kind: c for c, names in enumerate(columns) for kind in names}
    groups = [[[i for i in range(len(kinds)) if kinds[i] == kind] for kind in names] for names in columns]
    for column in groups:
        for group in column:
            group.sort(key=lambda i: (-len(neighbours[i]), i))
    y = [0.0] * len(kinds)
    for _ in range(ORDER_ROUNDS):
        y = [py for _, py in _stack(groups, sizes, len(kinds))]
        for c in (0, 2, 1) if len(groups) == 3 else range(len(groups)):
            for group in groups[c]:
                group.sort(key=lambda i: (_barycentre(i, neighbours, column_of, kinds, y), i))
    return [(round(px), round(py)) for px, py in _stack(groups, sizes, len(kinds))]


def _rows(column: list[list[int]], sizes: list[int]) -> tuple[list[tuple[int, int, int, float]], float]:
    """(node, sub-column, sub-columns, height) of a column's nodes, and the column's height, in the current order."""
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
    return rows, max(top - GROUP_GAP, 0.0)


def _stack(groups: list[list[list[int]]], sizes: list[int], count: int) -> list[tuple[float, float]]:
    """Every node's (x, y) from the current order; columns stretched to the tallest, centred."""
    placed = [_rows(column, sizes) for column in groups]
    tallest = max([height for _, height in placed] or [0.0])
    position = [(0.0, 0.0)] * count
    edge = 0.0  # the inner left edge of the next column
    for c, (rows, height) in enumerate(placed):
        stretch = min(SPREAD_MAX, tallest / height) if height else 1.0
        offset = (tallest - height * stretch) / 2
        width = max([(k - 1) * SUB_GAP for _, _, k, _ in rows] or [0.0])
        for i, s, _, cy in rows:
            x = edge + (width - s * SUB_GAP if c == 0 else s * SUB_GAP)
            position[i] = (x, offset + cy * stretch)
        edge += width + COLUMN_GAP
    return position


def _barycentre(i: int, neighbours: list[list[int]], column_of: dict, kinds: list[str], y: list[float]) -> float:
    """The mean height of a node's neighbours in other columns (all of them if it has none there)."""
    own = column_of[kinds[i]]
    others = [y[j] for j in neighbours[i] if column_of[kinds[j]] != own] or [y[j] for j in neighbours[i]]
    return sum(others) / len(others) if others else y[i]
