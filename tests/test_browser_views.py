"""Kaart, Verbanden, Tijdlijn and entry pages in a real browser, on the real site, with no third-party request.

What a visitor sees is measured from the browser's own boxes: the graph's names (cytoscape's label bounding
boxes) and the map's names (SVG text boxes) cover no other name or marker, the graph looks the same on every
load, the timeline holds every dated item, an entry page's article is wider where no navigation needs the room.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest
from browser_support import VISIBLE_TEXT
from wijkpraktijk import drawings, views
from wijkpraktijk.pipeline import load

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def kb(real_site):
    return load(real_site).kb


def _watch_hosts(page, site_url: str) -> list[str]:
    """Every request that leaves the loopback site (there must be none)."""
    outside: list[str] = []
    own = urlparse(site_url).netloc
    page.on(
        "request",
        lambda r: outside.append(r.url) if urlparse(r.url).netloc != own and not r.url.startswith("data:") else None,
    )
    return outside


def test_map_has_one_marker_per_place_and_markers_open_the_place(page, site_url, kb):
    outside = _watch_hosts(page, site_url)
    page.goto(site_url + "kennisbank/overzicht/kaart/")
    places = {e.id for e in kb.of_type("place") if e.model.coordinates is not None}
    assert len(places) >= 5  # Deventer, Leeuwarden, Almere, Oldebroek, Wezep, Zwolle and neighbourhoods
    markers = page.locator("svg.wp-map a.wp-map-marker")
    assert sorted(markers.evaluate_all("els => els.map(e => e.dataset.place)")) == sorted(places)
    for place in ("deventer", "leeuwarden"):
        marker = page.locator(f'a.wp-map-marker[data-place="{place}"] circle')
        marker.click()
        page.wait_for_url(f"**/kennisbank/{place}/")
        assert page.locator("h1").evaluate(VISIBLE_TEXT).rstrip("¶").strip() == kb.entries[place].model.title
        assert page.locator("svg.wp-map-small").count() == 1  # the place page's own map
        page.go_back()
    assert outside == []


def test_graph_renders_and_clicking_a_node_opens_the_page(page, site_url, kb):
    outside = _watch_hosts(page, site_url)
    page.goto(site_url + "kennisbank/overzicht/verbanden/")
    page.wait_for_selector("#wp-graph[data-ready=true]", timeout=20000)
    assert page.evaluate("window.wpGraph.nodes().length") == len(kb.entries)
    assert page.locator("#wp-graph canvas").count() > 0
    target = "presentie"
    box = page.locator("#wp-graph").bounding_box()
    page.evaluate(f"void window.wpGraph.center(window.wpGraph.getElementById('{target}'))")  # not the whole cy back
    pos = page.evaluate(f"window.wpGraph.getElementById('{target}').renderedPosition()")
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    page.wait_for_url(f"**/kennisbank/{target}/")
    assert page.locator("h1").evaluate(VISIBLE_TEXT).rstrip("¶").strip() == kb.entries[target].model.title
    assert outside == []


def test_graph_page_without_javascript_keeps_the_list(browser, site_url, kb):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "kennisbank/overzicht/verbanden/")
    assert not page.locator(".wp-graph-box").is_visible()
    text = page.locator("article").inner_text()
    for method in kb.of_type("method"):
        assert method.model.title in text
    context.close()


def _connections(loaded) -> set[frozenset[str]]:
    """Pairs of pages linked in either direction: what the site calls one connection."""
    return {
        frozenset((link.source, link.target))
        for links in loaded.graph.forward.values()
        for link in links
        if link.target in loaded.kb.entries and link.target != link.source
    }


VIEWPORTS = {"desktop": (1280, 800), "phone": (375, 812)}
GRAPH = "kennisbank/overzicht/verbanden/"


def _open_graph(browser, site_url: str, size: tuple[int, int], **options):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="nl-NL", **options)
    page = context.new_page()
    page.goto(site_url + GRAPH)
    page.wait_for_selector("#wp-graph[data-ready=true]", timeout=20000)
    return context, page


# Every shown name and every visible node as cytoscape measures them, in pixels on the screen.
GRAPH_BOXES = """() => {
  const cy = window.wpGraph, z = cy.zoom(), pan = cy.pan();
  const screen = b => [b.x1 * z + pan.x, b.y1 * z + pan.y, b.x2 * z + pan.x, b.y2 * z + pan.y];
  const label = {includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false};
  return {
    width: cy.width(), height: cy.height(),
    names: cy.nodes(".show").map(n => ({
      id: n.id(), type: n.data("type"), px: parseFloat(n.style("font-size")) * z,
      box: screen(n.boundingBox(label)),
    })),
    nodes: cy.nodes().filter(n => n.visible()).map(n => ({
      id: n.id(), box: screen(n.boundingBox({includeLabels: false, includeOverlays: false})),
    })),
  };
}"""


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _clashes(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["id"], b["id"]) for k, a in enumerate(boxes) for b in boxes[k + 1 :] if _overlap(a["box"], b["box"])]


def _check_names(measured: dict) -> None:
    names, nodes = measured["names"], measured["nodes"]
    for name in names:
        assert name["px"] >= 11.99, f"{name['id']}: name drawn at {name['px']:.1f} px"
        box = name["box"]
        assert box[0] >= -1 and box[1] >= -1 and box[2] <= measured["width"] + 1 and box[3] <= measured["height"] + 1
    clashes = _clashes(names)
    assert clashes == [], f"names on top of each other: {clashes}"
    covered = [(a["id"], n["id"]) for a in names for n in nodes if n["id"] != a["id"] and _overlap(a["box"], n["box"])]
    assert covered == [], f"names over another node: {covered}"


@pytest.mark.parametrize("size", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_graph_names_are_legible_and_cover_no_name_or_node(browser, site_url, kb, size):
    context, page = _open_graph(browser, site_url, size)
    try:
        measured = page.evaluate(GRAPH_BOXES)
        _check_names(measured)
        shown = {name["id"] for name in measured["names"]}
        practices = {e.id for e in kb.of_type("practice")}
        if size[0] >= 1000:
            # At the zoom the page opens with, every story and most other pages are named.
            assert practices <= shown and len(shown) >= 0.75 * len(kb.entries), f"{len(shown)} names shown"
        else:
            assert len(shown) >= min(len(practices), 5), f"only {len(shown)} names on a phone"
        # Zoomed in, names stay 12 px and apart, and more of them fit.
        page.evaluate(
            "void window.wpGraph.zoom({level: window.wpGraph.zoom() * 2, renderedPosition: "
            "{x: window.wpGraph.width() / 2, y: window.wpGraph.height() / 2}})"
        )
        page.wait_for_selector("#wp-graph[data-settled=true]")
        _check_names(page.evaluate(GRAPH_BOXES))
    finally:
        context.close()


def test_graph_looks_the_same_on_every_load(browser, site_url, real_site):
    positions = []
    for _ in range(2):
        context, page = _open_graph(browser, site_url, VIEWPORTS["desktop"])
        positions.append(
            page.evaluate(
                "() => ({zoom: window.wpGraph.zoom(), pan: window.wpGraph.pan(), nodes: Object.fromEntries("
                "window.wpGraph.nodes().map(n => [n.id(), [n.position('x'), n.position('y')]]))})"
            )
        )
        context.close()
    assert positions[0] == positions[1]
    data = json.loads((real_site.site / "kennisbank" / "data" / "graph.json").read_text(encoding="utf-8"))
    assert {n[0]: [n[4], n[5]] for n in data["nodes"]} == positions[0]["nodes"]  # laid out at build time


def test_graph_counts_pages_and_connections_one_way(page, site_url, real_site):
    loaded = load(real_site)
    page.goto(site_url + GRAPH)
    page.wait_for_selector("#wp-graph[data-ready=true]", timeout=20000)
    intro = re.search(r"alle (\d+) pagina's en de (\d+) verbindingen", page.locator("article").inner_text())
    status = re.search(r"^(\d+) pagina's, (\d+) verbindingen", page.locator(".wp-graph-status").inner_text())
    expected = (len(loaded.kb.entries), len(_connections(loaded)))
    assert intro and tuple(map(int, intro.groups())) == expected
    assert status and tuple(map(int, status.groups())) == expected
    assert page.evaluate("[window.wpGraph.nodes().length, window.wpGraph.edges().length]") == list(expected)


FOCUS_STATE = """() => {
  const cy = window.wpGraph, focus = cy.nodes(".focus");
  return {
    focus: focus.map(n => n.id()),
    neighbours: focus.neighborhood("node").map(n => n.id()).sort(),
    lit: cy.nodes().filter(n => !n.hasClass("faded") && !n.hasClass("focus")).map(n => n.id()).sort(),
    named: cy.nodes(".show").map(n => n.id()),
  };
}"""


def _focused(page) -> dict:
    state = page.evaluate(FOCUS_STATE)
    if state["focus"]:
        # The focused page and its neighbours stand out, everything else is dimmed, and its name is shown.
        assert state["lit"] == state["neighbours"], state
        assert state["focus"][0] in state["named"]
    return state


def test_graph_focus_by_mouse_keyboard_and_touch(browser, site_url, kb):
    context, page = _open_graph(browser, site_url, VIEWPORTS["desktop"])
    try:
        box = page.locator("#wp-graph").bounding_box()
        spot = page.evaluate("window.wpGraph.getElementById('presentie').renderedPosition()")
        page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])
        assert _focused(page)["focus"] == ["presentie"]
        assert kb.entries["presentie"].model.title in page.locator(".wp-graph-focus").inner_text()
        page.mouse.move(box["x"] + 2, box["y"] + 2)
        assert _focused(page)["focus"] == []

        page.locator("#wp-graph").focus()
        page.keyboard.press("ArrowDown")
        first = _focused(page)["focus"]
        page.keyboard.press("ArrowDown")
        second = _focused(page)["focus"]
        page.keyboard.press("ArrowRight")
        across = _focused(page)["focus"]
        assert len(first) == len(second) == len(across) == 1 and len({first[0], second[0], across[0]}) == 3
        page.keyboard.press("Escape")
        assert _focused(page)["focus"] == []
        page.keyboard.press("ArrowLeft")
        target = _focused(page)["focus"][0]
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/kennisbank/{target}/")
        assert page.locator("h1").evaluate(VISIBLE_TEXT).rstrip("¶").strip() == kb.entries[target].model.title
    finally:
        context.close()

    context, page = _open_graph(browser, site_url, VIEWPORTS["phone"], has_touch=True, is_mobile=True)
    try:
        page.locator("#wp-graph").scroll_into_view_if_needed()
        box = page.locator("#wp-graph").bounding_box()
        spot = page.evaluate("window.wpGraph.getElementById('presentie').renderedPosition()")
        page.touchscreen.tap(box["x"] + spot["x"], box["y"] + spot["y"])
        assert _focused(page)["focus"] == ["presentie"]  # a first tap shows, it does not leave the page
        assert page.url.endswith(GRAPH)
        page.touchscreen.tap(box["x"] + spot["x"], box["y"] + spot["y"])
        page.wait_for_url("**/kennisbank/presentie/")
    finally:
        context.close()


def test_graph_filter_by_type(page, site_url, real_site):
    loaded = load(real_site)
    page.goto(site_url + GRAPH)
    page.wait_for_selector("#wp-graph[data-ready=true]", timeout=20000)
    page.locator(".wp-graph-filter input[value=concept]").uncheck()
    page.wait_for_function("() => window.wpGraph.nodes().filter(n => !n.visible()).length > 0")  # on the next frame
    hidden = page.evaluate("window.wpGraph.nodes().filter(n => !n.visible()).map(n => n.data('type'))")
    concepts = [e.id for e in loaded.kb.of_type("concept")]
    assert hidden == ["concept"] * len(concepts)
    kept = {e for e in loaded.kb.entries if loaded.kb.entries[e].type != "concept"}
    edges = [pair for pair in _connections(loaded) if pair <= kept]
    status = page.locator(".wp-graph-status").inner_text()
    assert f"{len(kept)} van de {len(loaded.kb.entries)} pagina's en {len(edges)} van de" in status
    _check_names(page.evaluate(GRAPH_BOXES))
    assert not set(page.evaluate("window.wpGraph.nodes('.show').map(n => n.id())")) & set(concepts)
    page.locator(".wp-graph-filter input[value=concept]").check()
    page.wait_for_function("() => window.wpGraph.nodes().filter(n => !n.visible()).length === 0")


def test_a_large_graph_draws_the_lines_of_the_focused_page_only(page, site_url):
    """Above views.LARGE_GRAPH pages thousands of lines would take seconds to draw; the real site is smaller,
    so the page is served here with a lower threshold."""

    def lower(route):
        html = route.fetch().text().replace(f'data-large="{views.LARGE_GRAPH}"', 'data-large="10"')
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.route("**/overzicht/verbanden/", lower)
    page.goto(site_url + GRAPH)
    page.wait_for_selector("#wp-graph[data-ready=true]", timeout=20000)
    page.wait_for_function("() => window.wpGraph.edges().filter(e => e.visible()).length === 0")
    assert "verschijnen als je haar kiest" in page.locator(".wp-graph-status").inner_text()
    page.locator("#wp-graph").focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_function("() => window.wpGraph.edges().filter(e => e.visible()).length > 0")
    shown = page.evaluate("window.wpGraph.edges().filter(e => e.visible()).map(e => e.id()).sort()")
    lit = page.evaluate("window.wpGraph.nodes('.focus').connectedEdges().map(e => e.id()).sort()")
    assert shown == lit
    _check_names(page.evaluate(GRAPH_BOXES))


# The map's names and markers as the browser lays them out, in CSS pixels.
MAP_BOXES = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  // Two sets of names, one for phones: only the one shown counts.
  const shown = [...document.querySelectorAll("svg.wp-map a.wp-map-name")].filter(a => a.getClientRects().length);
  const names = shown.map(a => ({
    id: a.dataset.place, box: box(a.querySelector("text")),
    leader: a.querySelector("line") ? box(a.querySelector("line")) : null,
  }));
  const markers = [...document.querySelectorAll("svg.wp-map a.wp-map-marker circle")].map(c => ({
    id: c.parentElement.dataset.place, box: box(c),
  }));
  return {names, markers};
}"""


def _gap(a, b) -> float:
    """The distance between two boxes (0 when they touch or overlap)."""
    dx = max(a[0] - b[2], b[0] - a[2], 0)
    dy = max(a[1] - b[3], b[1] - a[3], 0)
    return (dx * dx + dy * dy) ** 0.5


@pytest.mark.parametrize("size", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_map_names_sit_by_their_own_marker_and_cover_nothing(browser, site_url, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(site_url + "kennisbank/overzicht/kaart/")
        measured = page.evaluate(MAP_BOXES)
        names, markers = measured["names"], {m["id"]: m["box"] for m in measured["markers"]}
        assert sorted(n["id"] for n in names) == sorted(markers)
        size = page.evaluate(
            "() => { const t = [...document.querySelectorAll('svg.wp-map a.wp-map-name text')]"
            ".find(t => t.getClientRects().length); return t.getBoundingClientRect().height; }"
        )
        assert size >= 12, f"the names are {size:.1f} px tall"
        clashes = _clashes(names)
        assert clashes == [], f"names on top of each other: {clashes}"
        covered = [(n["id"], m) for n in names for m, box in markers.items() if _overlap(n["box"], box)]
        assert covered == [], f"names over a marker: {covered}"
        for name in names:
            own = _gap(name["box"], markers[name["id"]])
            nearest = min(_gap(name["box"], box) for m, box in markers.items() if m != name["id"])
            if name["leader"]:
                # A line leads from the place's own marker to its name.
                assert _gap(name["leader"], markers[name["id"]]) < 2 and _gap(name["leader"], name["box"]) < 4, name
            else:
                assert own < nearest, f"{name['id']}'s name is closer to another marker ({own:.0f} vs {nearest:.0f})"
    finally:
        context.close()


def test_map_shows_the_sea_the_wadden_and_the_ijsselmeer_as_water(page, site_url):
    page.goto(site_url + "kennisbank/overzicht/kaart/")
    project = drawings.Projection(480)
    points = {
        "Waddenzee": (5.3, 53.25),
        "Noordzee": (3.9, 52.6),
        "IJsselmeer": (5.35, 52.85),
        "Markermeer": (5.2, 52.5),
        "Utrecht": (5.12, 52.09),
        "Duitsland": (7.1, 52.0),
    }
    seen = {}
    for name, (lon, lat) in points.items():
        x, y = project(lon, lat)
        seen[name] = page.evaluate(
            """([x, y]) => {
              const svg = document.querySelector("svg.wp-map"), p = svg.createSVGPoint();
              p.x = x; p.y = y;
              const at = p.matrixTransform(svg.getScreenCTM());
              window.scrollTo(0, 0);
              const hit = document.elementFromPoint(at.x, at.y);
              return [hit.getAttribute("class"), getComputedStyle(hit).fill];
            }""",
            [x, y],
        )
    water = {seen[name][1] for name in ("Waddenzee", "Noordzee", "IJsselmeer", "Markermeer")}
    assert [seen[n][0] for n in ("Waddenzee", "Noordzee")] == ["wp-map-sea"] * 2, seen
    assert [seen[n][0] for n in ("IJsselmeer", "Markermeer")] == ["wp-map-water"] * 2, seen
    assert seen["Utrecht"][0] == "wp-map-land" and seen["Duitsland"][0] == "wp-map-neighbours", seen
    assert len(water) == 1 and seen["Utrecht"][1] not in water and seen["Duitsland"][1] not in water, seen


def _dated(kb) -> dict[str, set[tuple[int, int]]]:
    """Every entry with a year: its id → the (start, end) pairs it must appear with on the timeline."""
    found: dict[str, set[tuple[int, int]]] = {}
    for entry in kb.entries.values():
        model = entry.model
        period = getattr(model, "period", None)
        if period and (period.start or period.end):
            start = period.start or period.end
            found.setdefault(entry.id, set()).add((start, period.end or start))
        if getattr(model, "founded", None):
            found.setdefault(entry.id, set()).add((model.founded, model.founded))
        for event in model.events:
            found.setdefault(entry.id, set()).add((event.year, event.end or event.year))
    return found


def test_timeline_holds_every_dated_entry_in_its_year(page, site_url, kb):
    outside = _watch_hosts(page, site_url)
    page.goto(site_url + "kennisbank/overzicht/tijdlijn/")
    items = page.locator(".wp-tl-item").evaluate_all(
        "els => els.map(e => [Number(e.dataset.year), Number(e.dataset.end), e.dataset.entries.split(' '),"
        " e.closest('section').querySelector('h2').id,"
        " e.querySelector('.wp-tl-range').getBoundingClientRect().width])"
    )
    years = [year for year, *_ in items]
    assert years and years == sorted(years)
    shown: dict[str, set[tuple[int, int]]] = {}
    for year, end, ids, heading, _ in items:
        assert heading == f"jaar-{year}"
        for entry_id in ids:
            shown.setdefault(entry_id, set()).add((year, end))
    expected = _dated(kb)
    assert shown == expected
    assert {2005, 2013, 2015} <= set(years)  # Keizerslanden and Rivierenwijk, WIJDeventer, the decentralisations
    # Only years that hold something get a heading, and the year list jumps to exactly those.
    headings = page.locator(".wp-tl-label").evaluate_all("els => els.map(e => e.id)")
    assert headings == [f"jaar-{y}" for y in sorted(set(years))]
    jumps = page.locator("nav.wp-tl-jump a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert [j for j in jumps if j != "#jaar-onbekend"] == ["#" + h for h in headings]
    # A range is drawn as a range: its bar is longer than a single year's.
    singles = [width for year, end, *_, width in items if end == year]
    ranges = [(end - year, width) for year, end, *_, width in items if end > year]
    assert ranges and all(width > 2 * max(singles) for _, width in ranges)
    # The year list stays in sight, and a jump leaves the year's heading below it, on screen.
    last = headings[-1]
    page.locator(f"nav.wp-tl-jump a[href='#{last}']").click()
    page.wait_for_function(f"() => document.getElementById('{last}').getBoundingClientRect().top < 600")
    nav = page.locator("nav.wp-tl-jump").bounding_box()
    heading = page.locator(f"#{last}").bounding_box()
    assert nav["y"] >= 0 and heading["y"] >= nav["y"] + nav["height"] - 1 and heading["y"] < 800
    first = page.locator(".wp-tl-item a").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").evaluate(VISIBLE_TEXT).rstrip("¶").strip() == title
    assert outside == []


CONTENT_WIDTH = "document.querySelector('.md-content__inner').getBoundingClientRect().width"
SIDEWAYS = """() => ({
  scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
  wider: [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > innerWidth + 1)
    .slice(0, 5).map(e => e.tagName + "." + e.className),
})"""


@pytest.mark.parametrize("size", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_entry_pages_use_the_width_the_navigation_leaves(browser, site_url, page_kinds, size):
    """Next to an overview page that has its navigation column, an entry page's article takes that column."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(site_url + "kennisbank/overzicht/kaart/")
        with_navigation = page.evaluate(CONTENT_WIDTH)
        for name in ("praktijkverhaal", "methode", "plaats"):
            page.goto(site_url + page_kinds[name][1])
            width = page.evaluate(CONTENT_WIDTH)
            if size[0] >= 1220:  # Material shows the navigation column from 76.25em
                assert width > with_navigation + 200, f"{name}: {width:.0f} px, an overview {with_navigation:.0f}"
            else:
                assert width >= with_navigation - 1, f"{name}: {width:.0f} px, an overview {with_navigation:.0f}"
                sideways = page.evaluate(SIDEWAYS)
                assert sideways["scroll"] <= sideways["client"], f"{name} scrolls sideways: {sideways}"
        if size[0] < 1220:  # the menu is still there on a phone, with the whole navigation
            page.locator("label.md-header__button[for='__drawer']").click()
            page.wait_for_timeout(300)
            assert page.locator(".md-sidebar--primary .md-nav__link").filter(has_text="Verbanden").first.is_visible()
    finally:
        context.close()


# Each line of a neighbourhood drawing against each name in it, in the drawing's own units.
HOOD_CROSSINGS = """() => {
  const out = [];
  for (const svg of document.querySelectorAll("svg.wp-hood")) {
    const boxes = [...svg.querySelectorAll("text")].map(t => [t.textContent, t.getBBox()]);
    for (const line of svg.querySelectorAll("line")) {
      const [x1, y1, x2, y2] = ["x1", "y1", "x2", "y2"].map(a => Number(line.getAttribute(a)));
      for (const [text, b] of boxes) {
        for (let i = 0; i <= 50; i++) {
          const x = x1 + (x2 - x1) * i / 50, y = y1 + (y2 - y1) * i / 50;
          if (x > b.x && x < b.x + b.width && y > b.y && y < b.y + b.height) { out.push(text); break; }
        }
      }
    }
  }
  return out;
}"""


def test_neighbourhood_drawing_keeps_names_off_the_lines(page, site_url, page_kinds):
    for name in ("praktijkverhaal", "methode", "begrip", "plaats", "organisatie"):
        page.goto(site_url + page_kinds[name][1])
        if page.locator("svg.wp-hood").count():
            assert page.locator("svg.wp-hood line").count() > 0
            assert page.evaluate(HOOD_CROSSINGS) == [], f"{name}: a line runs through a name"
