"""Every kind of page looks right on a phone (375×812) and a desktop (1280×800).

No sideways scrolling, tables fit their column, long Dutch compounds wrap. With --screenshots, full-page
screenshots go to test-artifacts/screenshots/ (git-ignored) for a person to look at after a change:

    .venv/bin/python -m pytest tests/test_layout.py --screenshots

(a second or so per page; left out of the ordinary run, which they made a minute longer).
"""

from __future__ import annotations

import pytest
from page_kinds import artifact_dir, names, visit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEWPORTS = {"phone": (375, 812), "desktop": (1280, 800)}
LONG_WORD = "wijkteamondersteuningsaanvraagbeoordelingsformulierenverwerkingssysteem"

# Elements in the main column that stick out past its right edge (text that does not wrap, wide images).
STICKING_OUT = (
    """() => {
  const main = document.querySelector(".md-content__inner") || document.querySelector("main");
  const edge = main.getBoundingClientRect().right + 1;
  return [...main.querySelectorAll("*")]
    .filter(e => !e.closest(".md-typeset__scrollwrap, pre, .highlight") && e.getClientRects().length)
    .filter(e => e.getBoundingClientRect().right > edge)
    .map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "")"""
    """ + ": " + (e.textContent || "").trim().slice(0, 40));
}"""
)

# Tables that need their own sideways scrollbar on this screen.
SCROLLING_TABLES = """() => [...document.querySelectorAll(".md-typeset table")]
  .filter(t => { const box = t.closest(".md-typeset__scrollwrap") || t.parentElement;
                 return t.getBoundingClientRect().width > box.clientWidth + 1; })
  .map(t => (t.querySelector("th") || t).textContent.trim().slice(0, 40))"""

# A paragraph with one very long word, added to the page: it must wrap inside the column.
LONG_WORD_FITS = (
    """word => {
  const main = document.querySelector(".md-content__inner") || document.querySelector("main");
  const p = document.createElement("p");
  p.textContent = "Zie " + word + ".";
  main.appendChild(p);
  const fits = p.scrollWidth <= p.clientWidth + 1"""
    """ && p.getBoundingClientRect().right <= main.getBoundingClientRect().right + 1;
  p.remove();
  return fits;
}"""
)


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
@pytest.mark.parametrize("name", names())
def test_page_fits_the_screen(tabs, engine_url, engine_page_kinds, name, viewport, request):
    kind, path = engine_page_kinds[name]
    if path is None:
        pytest.skip(f"{kind.path} is not part of this site (yet)")
    page = tabs.open(engine_url, viewport={"width": viewport[0], "height": viewport[1]}, locale="nl-NL")
    visit(page, engine_url, kind, path)
    assert page.locator("h1").first.is_visible()
    if request.config.getoption("--screenshots"):
        # The open search overlay is fixed to the screen: a full-page shot would only stretch it.
        engine = request.node.callspec.params["engine_site"]
        shot = artifact_dir("screenshots") / f"{name}-{viewport[0]}-{engine}.png"
        page.screenshot(path=str(shot), full_page=not kind.search)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} ({path}) scrolls {overflow}px sideways at {viewport}"
    assert page.evaluate(STICKING_OUT) == [], f"{name}: content sticks out of the column at {viewport}"
    assert page.evaluate(SCROLLING_TABLES) == [], f"{name}: a table does not fit at {viewport}"
    assert page.evaluate(LONG_WORD_FITS, LONG_WORD), f"{name}: a long word does not wrap at {viewport}"


def test_a_reused_tab_starts_as_a_new_visitor(tabs, engine_url):
    """The gates above share a tab (browser_support.Tabs): what one page stored must not reach the next."""
    page = tabs.open(engine_url, viewport={"width": 375, "height": 812}, locale="nl-NL")
    page.goto(engine_url + "werkmap/", wait_until="load")
    page.evaluate("() => { localStorage.setItem('wp-werkmap', '[\"x\"]'); sessionStorage.setItem('s', '1'); }")
    page.context.add_cookies([{"name": "c", "value": "1", "url": engine_url}])
    again = tabs.open(engine_url, viewport={"width": 375, "height": 812}, locale="nl-NL")
    assert again is page  # the same tab, or this test shows nothing
    again.goto(engine_url + "werkmap/", wait_until="load")
    assert again.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
