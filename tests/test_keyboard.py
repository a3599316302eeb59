"""Without a mouse: the skip link, search, navigation and main content are reachable with Tab,
and every stop on the way shows a visible focus ring, on a desktop and on a phone."""

from __future__ import annotations

import pytest
from page_kinds import SEARCH_INPUT, SEARCH_READY

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FOCUSED = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return {
    tag: e.tagName, cls: e.className || "", href: e.getAttribute("href") || "", for: e.htmlFor || "",
    inMain: !!e.closest("article, .md-content"), inNav: !!e.closest(".md-tabs, .md-nav, nav"),
    isSearch: e.matches(".wp-search-button, .md-search__input, label[for='__search']"),
    ring: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
    onScreen: s.visibility === "visible" && r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
              && r.left < innerWidth && r.top < innerHeight,
  };
}"""


def open_page(page, url: str) -> None:
    """Open a page and wait until the search control is in the header (it is added by script)."""
    page.goto(url)
    page.locator(SEARCH_READY).first.wait_for(state="attached", timeout=10_000)


def tab(page) -> dict:
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def practice_path(page_kinds) -> str:
    return page_kinds["praktijkverhaal"][1]


@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_skip_link_is_first_visible_and_jumps_to_content(browser, site_url, page_kinds, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
    page = context.new_page()
    open_page(page, site_url + practice_path(page_kinds))
    first = tab(page)
    assert "md-skip" in first["cls"], f"the first Tab stop is {first}, not the skip link"
    assert first["onScreen"] and first["ring"], f"the skip link is not visibly focused: {first}"
    target = first["href"]
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target
    top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", target.lstrip("#"))
    assert 0 <= top < 800, f"the skip target {target} is not on screen (top {top})"
    context.close()


def test_desktop_tab_reaches_search_navigation_and_content_with_visible_focus(browser, site_url, page_kinds):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = context.new_page()
    open_page(page, site_url + practice_path(page_kinds))
    reached = {"search": False, "navigation": False, "content": False}
    for _ in range(80):
        stop = tab(page)
        assert stop["onScreen"], f"focus went to something off screen or hidden: {stop}"
        assert stop["ring"], f"no visible focus ring on {stop}"
        reached["search"] |= stop["isSearch"]
        reached["navigation"] |= stop["inNav"] and "md-tabs__link" in stop["cls"]
        reached["content"] |= stop["inMain"] and stop["tag"] == "A" and "headerlink" not in stop["cls"]
        if all(reached.values()):
            break
    assert all(reached.values()), f"not reached with Tab: {[k for k, v in reached.items() if not v]}"
    context.close()


def test_phone_menu_and_search_work_from_the_keyboard(browser, site_url, page_kinds):
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="nl-NL")
    page = context.new_page()
    open_page(page, site_url + practice_path(page_kinds))
    stops = []
    for _ in range(6):
        stop = tab(page)
        assert stop["onScreen"] and stop["ring"], f"focus not visible on a phone: {stop}"
        stops.append(stop)
        if stop["for"] == "__drawer":
            break
    assert stops[-1]["for"] == "__drawer", f"the menu button is not reachable with Tab: {stops}"
    menu = page.locator("label.md-header__button[for='__drawer']")
    assert menu.get_attribute("role") == "button" and menu.get_attribute("aria-label")
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert menu.get_attribute("aria-expanded") == "true"
    page.wait_for_timeout(300)  # the drawer slides in
    inside = page.evaluate(FOCUSED)
    assert inside["inNav"] and inside["onScreen"] and inside["ring"], f"focus did not move into the open menu: {inside}"
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate(FOCUSED)["for"] == "__drawer"
    # Search is reachable from the keyboard too, and Enter opens it.
    for _ in range(6):
        stop = tab(page)
        assert stop["onScreen"] and stop["ring"], f"focus not visible on a phone: {stop}"
        if stop["isSearch"]:
            break
    assert stop["isSearch"], "no search control reachable with Tab on a phone"
    page.keyboard.press("Enter")
    page.locator(SEARCH_INPUT).locator("visible=true").first.wait_for(timeout=5_000)
    context.close()
