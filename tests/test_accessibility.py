"""WCAG 2.1 A/AA in a real browser: axe-core on every kind of page, language, alt text, keyboard."""

from __future__ import annotations

import pytest
from page_kinds import names, visit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The gate: zero violations of these axe-core rule sets (WCAG 2.1 level A and AA).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    return results.response["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", names())
def test_no_wcag_violations(page, engine_url, engine_page_kinds, name):
    kind, path = engine_page_kinds[name]
    if path is None:
        pytest.skip(f"{kind.path} is not part of this site (yet)")
    visit(page, engine_url, kind, path)
    assert page.evaluate("document.documentElement.lang") == "nl"
    unnamed = page.evaluate("[...document.images].filter(i => !i.hasAttribute('alt')).map(i => i.src)")
    assert unnamed == [], f"images without alt: {unnamed}"
    violations = axe_violations(page)
    assert not violations, f"{name} ({path}, {kind.media}):\n{describe(violations)}"
