"""Map, neighbourhood and open data: generated from the fixture KB, checked against the pipeline."""

from __future__ import annotations

import csv
import io
import json

import feedparser
import pytest
from conftest import problems_of, replace_in, write
from markup_support import METHOD, PRACTICE
from wijkpraktijk import drawings, layout, pages, types, views
from wijkpraktijk.cli import main
from wijkpraktijk.export import EXTRA_COLUMNS, FEED_SIZE, read_entries_csv
from wijkpraktijk.pipeline import generate, load

PLACE = "plaatsen/voorbeeldstad.md"


def _generated(tree):
    loaded, report = generate(tree)
    assert report is not None, [p.format() for p in loaded.problems]
    return loaded, tree.generated


def test_coordinates_outside_the_netherlands_are_refused_in_dutch(tree):
    replace_in(tree, PLACE, "lat: 52.09", "lat: 5.09")
    problems = problems_of(tree)
    assert len(problems) == 1
    p = problems[0]
    assert p.file.endswith(PLACE) and p.field == "coordinates" and p.line == 15  # the "coordinates:" line
    assert "niet in Nederland" in p.message and "lat: 52.25" in p.hint


def test_swapped_coordinates_are_refused(tree):
    replace_in(tree, PLACE, "lat: 52.09\n  lon: 5.12", "lat: 5.12\n  lon: 52.09")
    assert [p.field for p in problems_of(tree)] == ["coordinates"]


def test_exported_json_and_csv_hold_every_entry_and_field(tree):
    loaded, out = _generated(tree)
    document = json.loads((out / "data" / "entries.json").read_text(encoding="utf-8"))
    from_csv = {r["id"]: r for r in read_entries_csv((out / "data" / "entries.csv").read_text(encoding="utf-8"))}
    from_json = {r["id"]: r for r in document["entries"]}
    assert set(from_json) == set(from_csv) == set(loaded.kb.entries)
    for entry_id, entry in loaded.kb.entries.items():
        expected = entry.model.model_dump(mode="json")
        for record in (from_json[entry_id], from_csv[entry_id]):
            front = {k: v for k, v in record.items() if k not in EXTRA_COLUMNS}
            # Every field is there (defaults included), and validates back to the same model.
            assert {k: v for k, v in front.items() if v is not None} == {
                k: v for k, v in expected.items() if v is not None
            }
            model = types.get(entry.type).model
            assert set(front) == set(model.model_fields)
            assert model.model_validate(front) == entry.model
            assert record["body"] == entry.text
            assert record["url"] == f"https://wijkpraktijk.nl/kennisbank/{entry_id}/"
    assert set(document["sources"]) == set(loaded.kb.vocabulary.sources)


def test_links_csv_is_the_link_graph(tree):
    loaded, out = _generated(tree)
    rows = list(csv.DictReader(io.StringIO((out / "data" / "links.csv").read_text(encoding="utf-8"))))
    expected = {(link.source, link.target, link.via) for links in loaded.graph.forward.values() for link in links}
    assert {(r["source"], r["target"], r["via"]) for r in rows} == expected and len(rows) == len(expected)
    assert ("buurtteam-voorbeeld", "huisbezoek", "methods") in expected


def test_schema_covers_every_type_and_field(tree):
    _, out = _generated(tree)
    schema = json.loads((out / "data" / "schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert set(schema["discriminator"]["mapping"]) == set(types.names())
    for model in types.models():
        definition = schema["$defs"][model.__name__]
        assert set(definition["properties"]) == set(model.model_fields)
        assert definition["additionalProperties"] is False
        assert all(p.get("description") for p in definition["properties"].values())


def test_feed_is_valid_atom_newest_first(tree):
    loaded, out = _generated(tree)
    feed = feedparser.parse((out / "data" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == min(FEED_SIZE, len(loaded.kb.entries))
    links = [e.link for e in feed.entries]
    assert all(link.startswith("https://wijkpraktijk.nl/kennisbank/") for link in links)
    ids = [link.rstrip("/").rsplit("/", 1)[-1] for link in links]
    reviewed = [loaded.kb.entries[i].model.reviewed for i in ids]
    assert reviewed == sorted(reviewed, reverse=True)


def test_codebook_lists_every_field(tree):
    _, out = _generated(tree)
    page = (out / "overzicht" / "open-data" / "index.md").read_text(encoding="utf-8")
    for model in types.models():
        for name in model.model_fields:
            assert f"\n`{name}` · " in page
    assert (
        "CC BY-SA 4.0" in page
        and "yaml-language-server: $schema=https://wijkpraktijk.nl/kennisbank/data/schema.json" in page
    )


def test_map_and_neighbourhood_on_pages(tree):
    loaded, out = _generated(tree)
    place = (out / "voorbeeldstad" / "index.md").read_text(encoding="utf-8")
    assert 'class="wp-map wp-map-small"' in place and 'href="../overzicht/kaart/"' in place
    kaart = (out / "overzicht" / "kaart" / "index.md").read_text(encoding="utf-8")
    assert kaart.count('class="wp-map-marker"') == 1 and 'href="../../voorbeeldstad/"' in kaart
    practice = (out / "buurtteam-voorbeeld" / "index.md").read_text(encoding="utf-8")
    hood = practice.split('<svg class="wp-hood"', 1)[1].split("</svg>", 1)[0]
    for target in loaded.graph.targets("buurtteam-voorbeeld"):
        assert f'href="../{target}/"' in hood
    graph = json.loads((out / "data" / "graph.json").read_text(encoding="utf-8"))
    assert len(graph["nodes"]) == len(loaded.kb.entries)


def _inside(point: tuple[float, float], ring: list) -> bool:
    """Even-odd rule: does a horizontal ray from ``point`` cross the ring an odd number of times?"""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_the_map_shows_the_ijsselmeer_as_water(tree):
    """The committed outline: land from Natural Earth, the IJsselmeer as water drawn over it, sources noted."""
    outline = json.loads(drawings.OUTLINE.read_text(encoding="utf-8"))
    assert "Natural Earth" in json.dumps(outline["bron"]) and "GSHHG" in json.dumps(outline["bron"])
    ijsselmeer, utrecht, north_sea = (5.35, 52.85), (5.12, 52.09), (4.2, 52.9)
    assert any(_inside(ijsselmeer, ring) for ring in outline["water"])
    assert any(_inside(ijsselmeer, ring) for ring in outline["land"])  # inside the border, so drawn as a lake
    assert any(_inside(utrecht, ring) for ring in outline["land"])
    assert not any(_inside(utrecht, ring) for ring in outline["water"])
    assert not any(_inside(north_sea, ring) for ring in outline["land"] + outline["water"])
    wadden, germany, belgium = (5.3, 53.25), (7.1, 52.0), (4.4, 51.0)
    assert not any(_inside(wadden, ring) for ring in outline["land"] + outline["water"] + outline["neighbours"])
    assert any(_inside(germany, ring) for ring in outline["neighbours"])
    assert any(_inside(belgium, ring) for ring in outline["neighbours"])
    assert not any(_inside(utrecht, ring) for ring in outline["neighbours"])
    _, out = _generated(tree)
    for page in (out / "overzicht" / "kaart" / "index.md", out / "voorbeeldstad" / "index.md"):
        svg = page.read_text(encoding="utf-8").split("<svg", 1)[1].split("</svg>", 1)[0]
        # Sea first, over the whole frame; then the neighbours, the land, and the lakes on top.
        order = [svg.index(f'class="wp-map-{kind}"') for kind in ("sea", "neighbours", "land", "water")]
        assert order == sorted(order) and 'class="wp-map-neighbours" d="M' in svg, page.name


def test_missing_npm_data_stops_the_build_in_dutch(tree, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(views, "NODE_MODULES", tmp_path / "leeg")
    assert main(["--root", str(tree.root), "generate"]) == 1
    err = capsys.readouterr()
    assert "make setup" in err.out + err.err and "Traceback" not in err.out + err.err
    assert "node_modules/cytoscape/dist/cytoscape.min.js" in err.err
    assert not load(tree).problems  # the content itself is fine


def _boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_map_names_cover_no_name_or_marker_in_a_crowded_cluster():
    """The real places plus a crowd of neighbourhoods around Deventer: every name finds a free spot by its marker."""
    places = {
        "Leeuwarden": (53.2, 5.8, 14),
        "Deventer": (52.25, 6.16, 12),
        "Wezep": (52.46, 6.0, 9),
        "Oldebroek (gemeente)": (52.45, 5.9, 5),
        "Almere": (52.37, 5.22, 4),
        "Zwolle": (52.51, 6.09, 2),
        "Keizerslanden": (52.24, 6.19, 3),
        "Rivierenwijk": (52.245, 6.145, 3),
        "Borgele": (52.262, 6.185, 4),
        "Platvoet": (52.27, 6.17, 4),
    }
    drawing = drawings.overview_map(
        [drawings.Marker(lat, lon, name, "#", count, name.lower()) for name, (lat, lon, count) in places.items()],
        "plaatsen",
        "alle-plaatsen",
    )
    svg = drawing.svg
    assert drawing.unnamed == 0 and "wp-map-crowd" not in svg
    project = drawings.Projection(480)
    spots = layout.dodge(
        [(*project(lon, lat), 7 + 9 * (count / 14) ** 0.5, name) for name, (lat, lon, count) in places.items()]
    )
    markers = [(x - r, y - r, x + r, y + r) for x, y, r, _ in spots]
    for size in (drawings.LABEL_PX, drawings.LABEL_PX_PHONE):
        labels = layout.place_labels(spots, (480 + drawings.LABEL_ROOM, project.height), size, len(spots))
        assert None not in labels
        for i, label in enumerate(labels):
            where = f"{spots[i][3]} at {size}"
            assert label.box[0] >= 0 and label.box[2] <= 480 + drawings.LABEL_ROOM, where
            assert label.box[3] - label.box[1] >= size and label.box[2] - label.box[0] >= size * len(spots[i][3]) / 2
            assert not any(_boxes_overlap(label.box, m) for m in markers), where
            assert not any(_boxes_overlap(label.box, o.box) for j, o in enumerate(labels) if j != i), where
    assert svg.count('class="wp-map-name"') == 2 * len(places)  # a set for wide screens and one for phones
    assert 'class="wp-map-leader"' in svg  # a crowd this dense needs lead lines


@pytest.mark.parametrize("count", [100, 300, 1000])
def test_places_piled_on_one_spot_are_drawn_in_bounded_time_and_listed(count):
    """Security review 3, B8 (F8): 150 places on Wezep's spot took 53 s to place their names, 600 over 600 s."""
    import re
    import time

    markers = [
        drawings.Marker(52.46, 6.0, f"Wezep plaats {i} met een lange naam", f"p{i}/", i % 3, f"wpp{i}")
        for i in range(count)
    ]
    start = time.perf_counter()
    drawing = drawings.overview_map(markers, "plaatsen", "alle-plaatsen")
    assert time.perf_counter() - start < 1.0
    svg = drawing.svg
    own = re.findall(r'<a class="wp-map-marker" href="[^"]*" data-place="([^"]+)"', svg)
    crowd = re.search(r'class="wp-map-marker wp-map-crowd" href="#alle-plaatsen" aria-label="Nog (\d+) plaatsen', svg)
    assert len(own) == layout.CROWD and crowd and int(crowd.group(1)) == count - len(own)
    wide, phone = svg.split('<g class="wp-map-names wp-map-names-phone">')
    named = [set(re.findall(r'class="wp-map-name" href="[^"]*" data-place="([^"]+)"', part)) for part in (wide, phone)]
    assert named[0] and named[1] and named[0] | named[1] <= set(own)
    assert drawing.unnamed == count - len(named[0] & named[1])  # in a crowd, or without a name on some screen
    boxes = re.findall(r'<text x="([\d.]+)" y="([\d.]+)" dy="0.35em" text-anchor', svg)
    assert len(boxes) == len(set(boxes))  # no two names on the same spot


def test_the_map_page_says_where_the_names_are_when_some_are_left_off(tree):
    text = (tree.practices / "plaatsen" / "voorbeeldstad.md").read_text(encoding="utf-8")
    for i in range(40):
        write(tree, f"plaatsen/wijk-{i}.md", text.replace("id: voorbeeldstad", f"id: wijk-{i}"))
    loaded = load(tree)
    assert not loaded.problems, loaded.problems
    page = views.map_page(pages.Site(loaded.kb, loaded.graph, tree))["overzicht/kaart/index.md"]
    assert "past niet elke naam op de kaart" in page and "(#alle-plaatsen)" in page
    assert "## Alle plaatsen { #alle-plaatsen }" in page and page.count("| [Voorbeeldstad]") == 41


def test_graph_layout_is_fixed_grouped_by_type_and_counts_each_pair_once(tree):
    loaded = load(tree)
    first, second = views.graph_data(loaded.kb, loaded.graph), views.graph_data(loaded.kb, loaded.graph)
    assert first == second  # no randomness: the same picture on every build
    assert all(a < b for a, b in first["edges"]) and len({tuple(e) for e in first["edges"]}) == len(first["edges"])
    pairs = {frozenset((link.source, link.target)) for links in loaded.graph.forward.values() for link in links}
    assert len(first["edges"]) == len(pairs)
    x = {node[2]: node[4] for node in first["nodes"]}
    assert x["method"] == x["organisation"] < x["practice"] < x["concept"] == x["place"]
    positions = [(node[4], node[5]) for node in first["nodes"]]
    assert len(set(positions)) == len(positions)
    degree = {node[0]: node[3] for node in first["nodes"]}
    for node in first["nodes"]:
        assert node[6] == views.node_size(degree[node[0]])


def test_graph_layout_keeps_circles_apart_at_a_thousand_pages():
    """The build-time layout at the size the benchmarks use: columns wrap, circles never touch."""
    kinds = ["practice"] * 1000 + ["method"] * 20 + ["concept"] * 15 + ["place"] * 10 + ["organisation"] * 5
    neighbours: list[list[int]] = [[] for _ in kinds]
    for i in range(1000):
        for j in (1000 + i % 20, 1020 + i % 15, 1035 + i % 10):
            neighbours[i].append(j)
            neighbours[j].append(i)
    sizes = [views.node_size(len(n)) for n in neighbours]
    columns = [[t.name for t in column] for column in types.columns()]
    positions = layout.column_layout(kinds, neighbours, sizes, columns)
    by_column: dict[int, list[int]] = {}
    for i, (x, _) in enumerate(positions):
        by_column.setdefault(x, []).append(i)
    for column in by_column.values():
        column.sort(key=lambda i: positions[i][1])
        for a, b in zip(column, column[1:], strict=False):
            assert positions[b][1] - positions[a][1] >= (sizes[a] + sizes[b]) / 2, (a, b)


# -- the open data in a spreadsheet -----------------------------------------------------------------------


def test_csv_cells_never_start_a_formula(tree):
    replace_in(tree, METHOD, "title: Huisbezoek", """title: '=HYPERLINK("http://x.example","klik")'""")
    replace_in(
        tree,
        PRACTICE,
        "summary: Een testverhaal over een buurtteam dat een methode gebruikt.",
        'summary: "@SUM(1+1) Een testverhaal over een buurtteam."',
    )
    # Security review 3, C7b (I4): a zero-width space before the '=' hid the formula from the test.
    summary = "summary: Een team van professionals dat in één wijk werkt."
    replace_in(tree, "begrippen/wijkteam.md", summary, 'summary: "\\u200b=HYPERLINK(\\"http://x.example\\") klik hier"')
    loaded, report = generate(tree)
    assert report is not None, [p.format() for p in loaded.problems]
    text = (tree.generated / "data" / "entries.csv").read_text(encoding="utf-8")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not [c for c in cells if c.lstrip("\u200b\ufeff").startswith(("=", "+", "-", "@", "\t", "\r"))]
    records = {r["id"]: r for r in read_entries_csv(text)}
    assert records["huisbezoek"]["title"].startswith("=HYPERLINK(")
    assert records["buurtteam-voorbeeld"]["summary"].startswith("@SUM(1+1)")
    assert records["wijkteam"]["summary"].startswith("\u200b=HYPERLINK(")  # read back as it was written
