"""Search and explore in a real browser: the query test set, facets, keyboard path."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from search_support import hit_rate, load_queries, open_search, search

pytestmark = [pytest.mark.browser, pytest.mark.slow]
HERE = Path(__file__).resolve().parent
REPO = HERE.parent
THRESHOLD = 0.9


@pytest.fixture(scope="session", params=("mkdocs", "zensical"))
def fixture_site_url(request, tmp_path_factory):
    """The fixture knowledge base with the real synonym list, built and served once per engine."""
    from browser_support import serve_directory
    from sitecheck import build, copy_repo

    folder = tmp_path_factory.mktemp(f"search-site-{request.param}")
    paths = copy_repo(folder, practices=HERE / "fixtures" / "kb" / "practices")
    shutil.copy(REPO / "practices" / "synoniemen.yml", paths.practices / "synoniemen.yml")
    build(paths, downloads=False, engine=request.param, strict=request.param == "mkdocs")  # test_engines.py: links
    with serve_directory(paths.site) as url:
        yield url


def _check_query_set(page, url, queries, label):
    rate, misses = hit_rate(page, url, queries)
    print(f"\nZoektest {label}: {rate:.0%} van {len(queries)} zoekvragen vindt de verwachte pagina in de top 5")
    for miss in misses:
        print("  mis:", miss)
    assert rate >= THRESHOLD, "\n".join(misses)


def test_query_set_real_content(page, site_url, real_site):
    queries = load_queries(HERE / "search_queries.yml")
    built = {p.parent.name for p in (real_site.site / "kennisbank").glob("*/index.html")}
    unknown = sorted({i for q in queries for i in q["expect"]} - built)
    assert not unknown, f"search_queries.yml expects pages that do not exist: {unknown}"
    _check_query_set(page, site_url, queries, "echte inhoud")


def test_query_set_fixture(page, fixture_site_url):
    _check_query_set(page, fixture_site_url, load_queries(HERE / "fixtures" / "search_queries.yml"), "fixture")


def test_title_and_alias_rank_above_mentions(page, fixture_site_url):
    open_search(page, fixture_site_url)
    assert search(page, "wijkteam")[0] == "wijkteam"  # title beats the practice that mentions it
    assert search(page, "voorbeeldteam")[0] == "buurtteam-voorbeeld"  # alias
    first = page.locator(".wp-search__result").first
    assert first.locator(".wp-search__type").inner_text().lower() == "praktijkverhaal"
    assert "buurtteam" in first.locator(".wp-search__summary").inner_text()


def test_citation_block_is_not_indexed(page, fixture_site_url):
    """Every page's citation block repeats the same words; they must not make every page a hit."""
    open_search(page, fixture_site_url)
    assert search(page, "geraadpleegd") == []
    assert search(page, "zotero") == []
    assert search(page, "wijkteam")  # the rest of the page still is


def test_keyboard_path(page, fixture_site_url):
    page.goto(fixture_site_url + "kennisbank/overzicht/methoden/")
    page.wait_for_selector(".wp-search-button")
    page.keyboard.press("Control+k")
    page.wait_for_selector("dialog.wp-search[open]")
    page.keyboard.type("huisbezoeken")
    page.wait_for_function("() => document.querySelector('#wp-search-results').dataset.query === 'huisbezoeken'")
    page.keyboard.press("ArrowDown")
    assert page.locator(".wp-search__result a").first.get_attribute("aria-selected") == "true"
    expected = page.locator(".wp-search__result a").first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + expected)
    assert page.locator("h1").first.inner_text().startswith("Huisbezoek")
    page.keyboard.press("Escape")
    page.keyboard.press("/")
    assert page.locator("dialog.wp-search[open] .wp-search__input").evaluate("el => el === document.activeElement")


def _explore_ids(page) -> list[str]:
    page.wait_for_selector("#wp-explore[data-ready]")
    hrefs = page.eval_on_selector_all(".wp-explore__result a", "links => links.map(a => a.href)")
    return sorted(urlsplit(h).path.rstrip("/").rsplit("/", 1)[-1] for h in hrefs)


def test_facets_filter_combine_and_share(browser, fixture_site_url):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(fixture_site_url + "verkennen/")
    assert len(_explore_ids(page)) == 6
    assert page.locator(".wp-nojs").is_hidden()
    page.locator("details[data-facet=thema] summary").click()
    eenzaamheid = page.locator("details[data-facet=thema] label", has_text="Eenzaamheid")
    count = int(eenzaamheid.locator(".wp-explore__n").inner_text())
    page.evaluate("document.getElementById('wp-explore').removeAttribute('data-ready')")
    eenzaamheid.locator("input").check()
    ids = _explore_ids(page)
    assert len(ids) == count and "buurtteam-voorbeeld" in ids and "huisbezoek" in ids
    page.locator("details[data-facet=type] summary").click()
    page.evaluate("document.getElementById('wp-explore').removeAttribute('data-ready')")
    page.locator("details[data-facet=type] label", has_text="Methode").locator("input").check()
    assert _explore_ids(page) == ["huisbezoek"]
    shared = page.url
    assert parse_qs(urlsplit(shared).query) == {"thema": ["Eenzaamheid"], "type": ["Methode"]}
    other = context.new_page()
    other.goto(shared)
    assert _explore_ids(other) == ["huisbezoek"]
    assert other.locator("details[data-facet=type] input[value=Methode]").is_checked()
    overflow = other.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    context.close()


def test_basis_is_a_facet(browser, fixture_site_url):
    """What kind of evidence a story or method rests on ('basis') filters the explore page."""
    page = browser.new_page()
    page.goto(fixture_site_url + "verkennen/")
    _explore_ids(page)
    page.locator("details[data-facet=onderbouwing] summary").click()
    labels = page.locator("details[data-facet=onderbouwing] label").all_inner_texts()
    assert any("Ervaring van betrokkenen" in label and "2" in label for label in labels), labels
    page.evaluate("document.getElementById('wp-explore').removeAttribute('data-ready')")
    page.locator("details[data-facet=onderbouwing] label", has_text="Plan of verwachting").locator("input").check()
    assert _explore_ids(page) == ["huisbezoek"]
    assert parse_qs(urlsplit(page.url).query) == {"onderbouwing": ["Plan of verwachting"]}
    page.close()


def test_explore_without_javascript_lists_the_overviews(browser, fixture_site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(fixture_site_url + "verkennen/")
    note = page.locator(".wp-nojs")
    assert note.is_visible()
    assert note.locator("a", has_text="Praktijkverhalen").get_attribute("href").endswith("overzicht/praktijken/")
    context.close()
