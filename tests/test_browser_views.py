"""Kaart, Verbanden and Tijdlijn in a real browser, on the real site, with no third-party request."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
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
        assert page.locator("h1").inner_text().rstrip("¶").strip() == kb.entries[place].model.title
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
    page.evaluate(f"window.wpGraph.center(window.wpGraph.getElementById('{target}'))")
    pos = page.evaluate(f"window.wpGraph.getElementById('{target}').renderedPosition()")
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    page.wait_for_url(f"**/kennisbank/{target}/")
    assert page.locator("h1").inner_text().rstrip("¶").strip() == kb.entries[target].model.title
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


def test_timeline_is_in_order_and_links_work(page, site_url, kb):
    outside = _watch_hosts(page, site_url)
    page.goto(site_url + "kennisbank/overzicht/tijdlijn/")
    years = page.locator(".wp-tl-item").evaluate_all("els => els.map(e => Number(e.dataset.year))")
    assert years and years == sorted(years)
    dated = [
        e
        for e in kb.entries.values()
        if getattr(e.model, "period", None) and (e.model.period.start or e.model.period.end)
    ]
    assert len(years) == len(dated)
    assert 2015 in years  # the decentralisations
    first = page.locator(".wp-tl-item a").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().rstrip("¶").strip() == title
    assert outside == []
