"""WCAG 2.1 A/AA in a real browser: axe-core on every kind of page, language, alt text, keyboard."""

from __future__ import annotations

import functools
import json
import re

import pytest
from conftest import REPO
from page_kinds import names, visit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The gate: zero violations of these axe-core rule sets (WCAG 2.1 level A and AA).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe-core itself from npm (package-lock.json): axe-playwright-python bundles an older one (4.12), which
# does not yet check that a control's name holds its visible text (label-content-name-mismatch, WCAG 2.5.3).
AXE_CORE = REPO / "node_modules" / "axe-core"
AXE_MINIMUM = (4, 14)


@functools.cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    version = json.loads((AXE_CORE / "package.json").read_text(encoding="utf-8"))["version"]
    assert tuple(int(p) for p in version.split(".")[:2]) >= AXE_MINIMUM, f"axe-core {version} is older than 4.14"
    return Axe.from_file(AXE_CORE / "axe.min.js"), version


def axe_violations(page) -> list[dict]:
    axe, version = _axe()
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    assert results.response["testEngine"]["version"] == version
    return results.response["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


# Desktop and phone: the header, the navigation drawer and the search dialog differ between them.
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "telefoon": {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True},
}


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("name", names())
def test_no_wcag_violations(tabs, engine_url, engine_page_kinds, name, device):
    kind, path = engine_page_kinds[name]
    if path is None:
        pytest.skip(f"{kind.path} is not part of this site (yet)")
    _check_page(tabs.open(engine_url, locale="nl-NL", **DEVICES[device]), engine_url, kind, path, device)


def _check_page(page, site_url, kind, path, device):
    name = kind.name
    visit(page, site_url, kind, path)
    assert page.evaluate("document.documentElement.lang") == "nl"
    unnamed = page.evaluate("[...document.images].filter(i => !i.hasAttribute('alt')).map(i => i.src)")
    assert unnamed == [], f"images without alt: {unnamed}"
    violations = axe_violations(page)
    assert not violations, f"{name} ({path}, {kind.media}, {device}):\n{describe(violations)}"


@pytest.mark.parametrize("device", DEVICES)
def test_screen_reader_names_of_markers_permalinks_and_the_werkmap_link(browser, site_url, page_kinds, device):
    """ux review 3: markers were read as "1", permalinks as "¶", and the werkmap link's name lacked its text."""
    from browser_support import VISIBLE_TEXT, accessible

    kind, path = page_kinds["methode"]
    context = browser.new_context(locale="nl-NL", **DEVICES[device])
    page = context.new_page()
    try:
        visit(page, site_url, kind, path)
        marker = accessible(page, "article a.footnote-ref")
        shown = page.locator("article a.footnote-ref").first.evaluate(VISIBLE_TEXT)
        assert re.fullmatch(r"Bron \d+: .+ \((\d{4}|z\.d\.)\)", marker["name"]), marker
        assert marker["name"].startswith(f"Bron {shown}"), (marker, shown)
        permalink = page.locator("article h2 a.headerlink").first
        permalink.evaluate("a => a.setAttribute('data-test-permalink', '')")
        assert accessible(page, "[data-test-permalink]")["name"] == "Link naar dit deel"
        assert permalink.evaluate(VISIBLE_TEXT) == "¶"  # the sign stays for the eye
        link = page.locator(".wp-werkmap-link")
        visible = link.evaluate(VISIBLE_TEXT)
        name = accessible(page, ".wp-werkmap-link")["name"]
        # The words it shows ("Werkmap" and "0" on a desktop, "0" on a phone), in that order, begin its name.
        assert name == "Werkmap 0 pagina's" and visible == ("Werkmap0" if device == "desktop" else "0"), (visible, name)
    finally:
        context.close()
