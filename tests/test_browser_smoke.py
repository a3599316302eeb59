"""The built site opens in a real browser, on a phone and on a desktop."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"


@pytest.mark.parametrize("viewport", [(375, 812), (1280, 800)], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["", "kennisbank/overzicht/methoden/", "kennisbank/presentie/", "kennisbank/wijkteam-nijlan-huizum/"])
def test_page_renders_without_horizontal_scroll(browser, site_url, path, viewport):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale="nl-NL")
    page = context.new_page()
    response = page.goto(site_url + path)
    assert response.ok
    assert page.locator("h1").first.is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls {overflow}px sideways at {viewport}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = (path.strip("/").replace("/", "_") or "home") + f"-{viewport[0]}.png"
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    context.close()
