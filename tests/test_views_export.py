"""Map, neighbourhood and open data: generated from the fixture KB, checked against the pipeline."""

from __future__ import annotations

import csv
import io
import json

import feedparser
from conftest import problems_of, replace_in
from wijkpraktijk import drawings, views
from wijkpraktijk.cli import main
from wijkpraktijk.export import EXTRA_COLUMNS, FEED_SIZE, read_entries_csv
from wijkpraktijk.model import ENTRY_MODELS
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
            assert set(front) == set(ENTRY_MODELS[entry.type].model_fields)
            assert ENTRY_MODELS[entry.type].model_validate(front) == entry.model
            assert record["body"] == entry.body
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
    assert set(schema["discriminator"]["mapping"]) == set(ENTRY_MODELS)
    for model in ENTRY_MODELS.values():
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
    page = (out / "overzicht" / "open-data.md").read_text(encoding="utf-8")
    for model in ENTRY_MODELS.values():
        for name in model.model_fields:
            assert f"\n`{name}` · " in page
    assert (
        "CC BY-SA 4.0" in page
        and "yaml-language-server: $schema=https://wijkpraktijk.nl/kennisbank/data/schema.json" in page
    )


def test_map_and_neighbourhood_on_pages(tree):
    loaded, out = _generated(tree)
    place = (out / "voorbeeldstad.md").read_text(encoding="utf-8")
    assert 'class="wp-map wp-map-small"' in place and 'href="../overzicht/kaart/"' in place
    kaart = (out / "overzicht" / "kaart.md").read_text(encoding="utf-8")
    assert kaart.count('class="wp-map-marker"') == 1 and 'href="../../voorbeeldstad/"' in kaart
    practice = (out / "buurtteam-voorbeeld.md").read_text(encoding="utf-8")
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
    _, out = _generated(tree)
    for page in (out / "overzicht" / "kaart.md", out / "voorbeeldstad.md"):
        svg = page.read_text(encoding="utf-8").split("<svg", 1)[1].split("</svg>", 1)[0]
        assert svg.index('class="wp-map-land" d="M') < svg.index('class="wp-map-water" d="M'), page.name


def test_missing_npm_data_stops_the_build_in_dutch(tree, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(views, "NODE_MODULES", tmp_path / "leeg")
    assert main(["--root", str(tree.root), "generate"]) == 1
    err = capsys.readouterr()
    assert "make setup" in err.out + err.err and "Traceback" not in err.out + err.err
    assert "node_modules/cytoscape/dist/cytoscape.min.js" in err.err
    assert not load(tree).problems  # the content itself is fine
