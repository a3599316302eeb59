"""Privacy in a real browser: every kind of page asks nothing of any other host and sets no cookie.

Every request the page (and its workers) makes is logged through Playwright;
requests to any host but the site's own are blocked and make the test fail.
Web storage may hold only Material's UI state and the werkmap's own key (see README, "Privacy").
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from browser_support import DESKTOP, watch_requests
from page_kinds import names, visit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Material keeps UI state in the visitor's own browser under these names, prefixed with
# the site's path: the colour scheme, the chosen content tab, cached repository facts,
# cookie consent, recent searches. None of it identifies a visitor or leaves the browser.
MATERIAL_UI_STATE = ("__palette", "__tabs", "__source", "__consent", "__search", "__expand", "__announce")
# The werkmap (docs/assets/werkmap.js): the visitor's own selection of pages, kept in this browser only.
WERKMAP_KEY = "wp-werkmap"


def storage_keys(page) -> list[str]:
    return page.evaluate("[...Object.keys(localStorage), ...Object.keys(sessionStorage)]")


@pytest.fixture(scope="module")
def watched(tabs, engine_url):
    """The reused desktop tab (browser_support.Tabs) with every request of its context logged; routing also
    turns the browser's HTTP cache off, so each page's every request reaches the log, as on a first visit."""
    page = tabs.open(engine_url, **DESKTOP)
    own = urlparse(engine_url).netloc
    return watch_requests(page.context, lambda url: urlparse(url).netloc == own)


@pytest.mark.parametrize("name", names())
def test_no_third_party_requests_and_no_cookies(tabs, watched, engine_url, engine_page_kinds, name):
    kind, path = engine_page_kinds[name]
    if path is None:
        pytest.skip(f"{kind.path} is not part of this site (yet)")
    page = tabs.open(engine_url, **DESKTOP)  # cookies and storage cleared
    requested, foreign = watched
    requested.clear()
    foreign.clear()
    visit(page, engine_url, kind, path)
    page.wait_for_load_state("networkidle")
    assert requested, "the network log is empty: the route did not see the page"
    assert foreign == [], f"{name}: requests to other hosts: {foreign}"
    assert page.context.cookies() == [], f"{name}: cookies set: {page.context.cookies()}"
    assert page.evaluate("document.cookie") == ""
    unknown = [k for k in storage_keys(page) if not k.endswith(MATERIAL_UI_STATE) and k != WERKMAP_KEY]
    assert unknown == [], f"{name}: unexpected web storage keys: {unknown}"
