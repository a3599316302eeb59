"""Search and explore in a real browser: the query test set, facets, keyboard path."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from search_support import hit_rate, load_queries, open_search, results, search, type_query

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
    build(paths, downloads=False, engine=request.param)
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


def test_level_is_a_facet(browser, fixture_site_url):
    """A method's level (individu, huishouden, groep, buurt, organisatie) filters the explore page as Niveau."""
    page = browser.new_page()
    page.goto(fixture_site_url + "verkennen/")
    _explore_ids(page)
    page.locator("details[data-facet=niveau] summary").click()
    labels = page.locator("details[data-facet=niveau] label").all_inner_texts()
    assert [label.split()[0] for label in labels] == ["Individu"], labels  # the fixture's one method
    page.evaluate("document.getElementById('wp-explore').removeAttribute('data-ready')")
    page.locator("details[data-facet=niveau] label", has_text="Individu").locator("input").check()
    assert _explore_ids(page) == ["huisbezoek"]
    assert parse_qs(urlsplit(page.url).query) == {"niveau": ["Individu"]}
    page.close()


def test_explore_on_a_phone_folds_the_intro_and_jumps_to_the_results(browser, site_url):
    """At 375 px the intro is folded, 'Toon N resultaten' stays in view while the filters scroll by,
    N is the number of results the filters leave, and the button scrolls to them."""
    height = 800
    context = browser.new_context(viewport={"width": 375, "height": height})
    page = context.new_page()
    page.goto(site_url + "verkennen/")
    _explore_ids(page)
    intro = page.locator("details.wp-explore-intro")
    assert intro.evaluate("d => !d.open") and intro.locator("p").first.is_hidden()
    for facet in ("thema", "plaats", "organisatie", "doelgroep", "niveau"):
        page.locator(f"details[data-facet={facet}] summary").click()
    filters = page.locator(".wp-explore__filters").bounding_box()
    assert filters["height"] > 2 * height, filters  # long enough to scroll through
    jump = page.locator(".wp-explore__jump")
    top = page.evaluate("window.scrollY") + filters["y"]
    for y in (top + 300, top + filters["height"] / 2, top + filters["height"] - height):
        page.evaluate(f"window.scrollTo({{top: {y}, behavior: 'instant'}})")
        box = jump.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, (y, box)
    page.evaluate("document.getElementById('wp-explore').removeAttribute('data-ready')")
    page.locator("details[data-facet=niveau] label", has_text="Organisatie").locator("input").check()
    ids = _explore_ids(page)
    n = int(jump.get_attribute("data-count"))
    assert jump.inner_text() == f"Toon {n} resultaten"
    assert 1 < n == len(ids) == page.locator(".wp-explore__result").count()
    jump.click()
    page.wait_for_function(
        "() => { const r = document.getElementById('wp-explore-count').getBoundingClientRect();"
        " return r.top >= 0 && r.top < 120; }"
    )
    assert page.locator(".wp-explore__result").first.is_visible()
    assert page.evaluate("document.activeElement.id") == "wp-explore-count"
    box, count = jump.bounding_box(), page.locator("#wp-explore-count").bounding_box()
    assert box["y"] + box["height"] <= count["y"]  # the button left with the filters: it covers no result
    context.close()


def test_explore_without_javascript_lists_the_overviews(browser, fixture_site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(fixture_site_url + "verkennen/")
    note = page.locator(".wp-nojs")
    assert note.is_visible()
    assert page.locator("details.wp-explore-intro p").first.is_visible()  # folds only with JavaScript
    assert note.locator("a", has_text="Praktijkverhalen").get_attribute("href").endswith("overzicht/praktijken/")
    context.close()


# The review's queries (ux-review-3, journey 1) and words built to trip a prefix or stem match.
REVIEW_QUERIES = [
    "eenzaamheid ouderen",
    "eenzame ouderen",
    "eenzaam",
    "kwartiermaken",
    "wat is kwartiermaken",
    "kwartier maken",
    "team verwijst alles door",
    "doorverwijzen specialist",
    "frontlijnwerker",
    "eigen kracht",
    "keukentafel",
    "keukentafelgesprekken",
    "preventie",
    "jeugd",
    "schuldhulp",
    "schulden",
    "werknemerscooperatie",
    "mantelzorg",
    "dementie",
    "statushouders",
    "samenwerken huisarts",
    "huiselijk geweld",
    "huisbezoek",
    "wijkteams",
    "generalist",
    "presentie",
]
TRICKY_QUERIES = ["geweld", "gezinnen", "huisartsen", "statussen", "dementerende", "wijkteamleden", "status"]


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def _page_words(site: Path, path: str) -> set[str]:
    """What Pagefind indexes of a built page: its body without ignored parts, plus the meta it searches."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site / path.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one("[data-pagefind-body]")
    meta = [m.get_text(" ") for m in body.select("[data-pagefind-meta]") if m["data-pagefind-meta"] != "id"]
    for ignored in body.select("[data-pagefind-ignore]"):
        ignored.decompose()
    text = _fold(" ".join([body.get_text(" "), *meta])).replace("'", "").replace("\u2019", "")
    return {w for w in "".join(c if c.isalnum() else " " for c in text.replace("-", "")).split()} | set(
        "".join(c if c.isalnum() else " " for c in text).split()
    )


# Dutch endings, written out here by hand, apart from the product's list in search_index.py.
_ENDINGS = {
    "e",
    "en",
    "n",
    "s",
    "es",
    "er",
    "ere",
    "eren",
    "ers",
    "t",
    "te",
    "ten",
    "heid",
    "heden",
    "ing",
    "ingen",
    "isch",
    "ische",
    "je",
    "jes",
}


def _stands_for(query_word: str, word: str) -> bool:
    """An independent check that ``word`` on the page is the query word, a form of it or a compound with it,
    and not a fragment: a shorter word counts only when what the query word has more is an ending
    (ouderen → ouder, eenzaamheid → eenzame). Spelling counts once: 'eenzaam'/'eenzame', 'huis'/'huizen',
    'gesprek'/'gesprekken'."""
    import os
    import re

    def even(x: str) -> str:
        return re.sub(r"(.)\1", r"\1", x).replace("z", "s").replace("v", "f")

    q, w = even(_fold(query_word).replace(" ", "")), even(word)
    if w.startswith(q):
        return True
    shared = os.path.commonprefix([q, w])
    return len(shared) >= 3 and q[len(shared) :] in _ENDINGS | {""} and len(w) - len(shared) <= 3


def test_no_query_word_matches_only_a_shorter_word(page, site_url, real_site):
    open_search(page, site_url)
    wrong = []
    for query in REVIEW_QUERIES + TRICKY_QUERIES:
        search(page, query)
        for hit in results(page):
            assert hit["words"], (query, hit)
            on_page = _page_words(real_site.site, hit["path"])
            for query_word in hit["words"]:
                if not any(_stands_for(query_word, w) for w in on_page):
                    wrong.append(f"{query!r}: {hit['id']} heeft geen woord voor {query_word!r}")
    assert wrong == [], "\n".join(wrong)


def test_the_oracle_itself_refuses_the_reviews_false_hits():
    assert not _stands_for("dementie", "de") and not _stands_for("statushouders", "status")
    assert not _stands_for("geweld", "wel") and not _stands_for("huiselijk", "huis")
    assert _stands_for("ouderen", "oudere") and _stands_for("keukentafel", "keukentafelgesprek")
    assert _stands_for("huizen", "huis") and _stands_for("eenzame", "eenzaam")


@pytest.mark.parametrize("query", ["dementie", "statushouders", "huiselijk geweld"])
def test_unknown_topics_give_no_results_and_dutch_help(page, site_url, query):
    open_search(page, site_url)
    type_query(page, query)
    assert results(page) == []
    status = page.locator(".wp-search__status").inner_text()
    assert status.startswith("Geen pagina gevonden met") and all(w in status for w in query.split())
    help_box = page.locator(".wp-search__none")
    help_box.locator(".wp-search__databanks").wait_for()
    assert help_box.locator("a", has_text="Verkennen").get_attribute("href").endswith("/verkennen/")
    themes = help_box.locator(".wp-search__themes a")
    assert themes.count() >= 5 and "/kennisbank/overzicht/thema/" in themes.first.get_attribute("href")
    hosts = help_box.locator(".wp-search__databanks a").evaluate_all("links => links.map(a => new URL(a.href).host)")
    assert hosts == ["www.movisie.nl", "www.nji.nl"]


def test_natural_queries_find_the_method_and_the_concept(page, site_url):
    open_search(page, site_url)
    type_query(page, "eenzame ouderen")
    assert "presentie" in [r["id"] for r in results(page)][:3]
    type_query(page, "kwartiermaken")
    assert "kwartiermaker" in [r["id"] for r in results(page)][:3]


def test_partial_matches_say_which_word_no_page_holds(page, site_url):
    open_search(page, site_url)
    type_query(page, "samenwerken huisarts")
    status = page.locator(".wp-search__status").inner_text()
    assert status.startswith("Geen pagina noemt ‘huisarts’. Wel ") and "‘samenwerken’" in status
    assert results(page) and all(r["words"] == ["samenwerken"] for r in results(page))


def test_equal_matches_put_methods_before_places_and_chips_filter(page, fixture_site_url):
    """'testbron' is in the text of the method and of the place (fixture): the method comes first."""
    open_search(page, fixture_site_url)
    type_query(page, "testbron")
    types = [r["type"].lower() for r in results(page)]
    assert "methode" in types and "plaats" in types
    lower = [i for i, t in enumerate(types) if t in ("plaats", "organisatie")]
    assert min(lower) > max(i for i, t in enumerate(types) if t not in ("plaats", "organisatie"))
    page.locator(".wp-search__chip", has_text="Plaatsen").click()
    only_places = "() => [...document.querySelectorAll('.wp-search__result .wp-search__type')]"
    page.wait_for_function(only_places + ".every(t => t.textContent === 'Plaats')")
    assert page.locator(".wp-search__chip[aria-pressed=true]").inner_text().startswith("Plaatsen")
