"""The offline download's changes to the built pages (offline.py): links for file://, the search index the
dialog and Verkennen use from disk (run through wp-woorden.js in Node), the Verbanden graph's data as a script,
and the link to the zip itself; first without a browser or a site build, then from disk in Chromium on the
fixture site's zip."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import lxml.html
import pytest
from browser_support import VISIBLE_TEXT
from conftest import FIXTURE
from sitecheck import build, copy_repo
from wijkpraktijk import safety
from wijkpraktijk.engine import ENGINES
from wijkpraktijk.offline import ALREADY_OFFLINE, GRAPH_SCRIPT, file_url, index_data, index_script, rewrite_links

HERE = Path(__file__).resolve().parent

PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8">
<link rel="canonical" href="https://wijkpraktijk.nl/kennisbank/huisbezoek/">
<link rel="stylesheet" href="../../assets/stylesheets/main.css">
<link rel="icon" href="/assets/images/favicon.png">
<script src="../../assets/wp-search.js"></script>
</head><body>
<a href="../">Kennisbank</a> <a href="./">deze map</a> <a href="overzicht/methoden/">Methoden</a>
<a href="../huisbezoek/#citeren">citeren</a> <a href="../../verkennen/?thema=Eenzaamheid#lijst">zoek</a>
<a href="..">omhoog</a> <a href="#bronnen">Bronnen</a> <a href="?q=a">zelfde</a>
<a href="https://example.org/pad/">extern</a> <a href="mailto:redactie@example.org">mail</a>
<a href="../../downloads/werkkaarten.pdf">pdf</a>
<img src="../qr/huisbezoek.svg" srcset="../qr/a.png 1x, ../qr/b.png 2x" alt="">
<form action="../../verkennen/"><input name="q"></form>
<svg viewBox="0 0 24 24"><path d="M3 6h18v2H3z"/></svg>
<p>Tekst met &lt;script&gt; als tekst &amp; een é.</p>
</body></html>
"""
REDIRECT_SCRIPT = (
    'location.replace(document.querySelector("meta[http-equiv=refresh]").content.replace(/^[^=]*=/, "")'
    " + location.hash)"
)
REDIRECT = f"""<!doctype html><html lang="nl"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0; url=../huisbezoek-thuis/">
<script>{REDIRECT_SCRIPT}</script>
</head><body><a href="../huisbezoek-thuis/">Huisbezoek</a></body></html>
"""


def _links(html: str) -> dict[str, list[str]]:
    doc = lxml.html.document_fromstring(html)
    return {
        "a": [a.get("href") for a in doc.iter("a")],
        "link": [link.get("href") for link in doc.iter("link")],
        "script": [s.get("src") for s in doc.iter("script") if s.get("src")],
        "img": [doc.find(".//img").get("src"), doc.find(".//img").get("srcset")],
        "form": [doc.find(".//form").get("action")],
    }


def test_folder_links_point_at_index_html_and_everything_else_stays():
    out = rewrite_links(PAGE, "kennisbank/huisbezoek/index.html")
    links = _links(out)
    assert links["a"] == [
        "../index.html",
        "./index.html",
        "overzicht/methoden/index.html",
        "../huisbezoek/index.html#citeren",
        "../../verkennen/index.html?thema=Eenzaamheid#lijst",
        "../index.html",
        "#bronnen",
        "?q=a",
        "https://example.org/pad/",
        "mailto:redactie@example.org",
        "../../downloads/werkkaarten.pdf",
    ]
    assert links["link"] == [
        "https://wijkpraktijk.nl/kennisbank/huisbezoek/",  # the canonical address is the online one
        "../../assets/stylesheets/main.css",
        "../../assets/images/favicon.png",  # from the site's root: relative, as file:// has no site root
    ]
    assert links["script"] == ["../../assets/wp-search.js"]
    assert links["img"] == ["../qr/huisbezoek.svg", "../qr/a.png 1x, ../qr/b.png 2x"]
    assert links["form"] == ["../../verkennen/index.html"]
    # Text stays text: parsed and written by an HTML library, nothing turns into markup.
    assert "&lt;script&gt; als tekst &amp; een é." in out
    assert out.startswith("<!doctype html>")
    assert safety.scan(out).findings == []


def test_a_redirect_page_refreshes_to_the_file_and_its_script_reads_that_address():
    out = rewrite_links(REDIRECT, "kennisbank/huisbezoek/index.html")
    doc = lxml.html.document_fromstring(out)
    assert doc.find(".//meta[@http-equiv='refresh']").get("content") == "0; url=../huisbezoek-thuis/index.html"
    assert doc.find(".//a").get("href") == "../huisbezoek-thuis/index.html"
    assert doc.find(".//script").text == REDIRECT_SCRIPT  # reads the refresh: no change to a script needed
    assert safety.scan(out).findings == []


def test_file_url_from_the_root_page_and_odd_addresses():
    assert file_url("kennisbank/", "index.html") == "kennisbank/index.html"
    assert file_url("/", "404.html") == "./index.html"
    assert file_url("", "index.html") == ""
    assert file_url("//cdn.example.org/x.js", "index.html") == "//cdn.example.org/x.js"
    assert file_url("assets/x.css?v=2", "index.html") == "assets/x.css?v=2"


def _fragment(url: str, title: str, content: str, kind: str = "Methode", **meta) -> tuple[str, dict]:
    page = {"url": url, "content": content, "meta": {"title": title, "type": kind, **meta}}
    return f"nl_{title.lower()}", {**page, "filters": {"type": [kind]}}


FRAGMENTS = [
    _fragment("/kennisbank/huisbezoek/", "Huisbezoek", "Maak een afspraak en ga op huisbezoeken bij bewoners."),
    _fragment(
        "/kennisbank/vakgroepen/", "Vakgroepen", "Teams die samen leren.", summary="Leren.", synoniemen="buurtteam"
    ),
    _fragment("/kennisbank/huizum/", "Huizum", "Een wijk waar huisbezoek gewoon is.", kind="Plaats"),
]


def _search(data: dict, queries: list[str]) -> list[dict]:
    out = subprocess.run(
        ["node", "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", str(HERE / "js" / "offline-zoeken.mjs")],
        input=json.dumps({"data": data, "queries": queries}),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_the_offline_index_finds_forms_and_synonyms_ranks_by_type_and_says_what_it_does_not_know():
    data = index_data(FRAGMENTS, {"themes": [], "databanks": []})
    assert [page["url"] for page in data["pages"]] == [
        "kennisbank/huisbezoek/index.html",
        "kennisbank/vakgroepen/index.html",
        "kennisbank/huizum/index.html",
    ]
    assert index_script(data).startswith("/* Generated") and "window.WP_ZOEKINDEX = {" in index_script(data)
    stem, synonym, unknown, fragment = _search(data, ["huisbezoeken", "buurtteam", "dementie", "huisbe"])
    # Another form of the word; the method (title) before the place that only mentions it.
    assert stem["urls"] == ["kennisbank/huisbezoek/index.html", "kennisbank/huizum/index.html"]
    assert any(piece["mark"] and piece["text"].lower().startswith("huisbezoek") for piece in stem["excerpt"])
    assert synonym["urls"] == ["kennisbank/vakgroepen/index.html"]  # a listed synonym of the page
    assert unknown == {"urls": [], "unknown": ["dementie"], "excerpt": []}
    assert fragment["urls"] == [] and fragment["unknown"] == ["huisbe"]  # a piece of a word finds nothing


def test_the_link_to_the_zip_becomes_a_sentence_and_the_pdf_link_stays():
    page = (
        '<!doctype html><html><body><ul><li><a href="../downloads/werkkaarten.pdf" download>pdf</a></li>'
        '<li>Geen wifi? <a href="../downloads/wijkpraktijk-offline.zip" download>Download</a> (zip).</li></ul>'
        "</body></html>"
    )
    doc = lxml.html.document_fromstring(rewrite_links(page, "kennisbank/index.html", "wijkpraktijk-offline.zip"))
    assert [a.get("href") for a in doc.iter("a")] == ["../downloads/werkkaarten.pdf"]
    assert [li.text_content() for li in doc.iter("li")] == ["pdf", ALREADY_OFFLINE]


def test_the_graph_page_loads_its_data_script_before_its_own_scripts():
    page = (
        '<!doctype html><html><body><div class="wp-graph-box"><div id="wp-graph" data-src="../../data/graph.json">'
        '</div></div><script src="../../../assets/verbanden.js" defer></script></body></html>'
    )
    doc = lxml.html.document_fromstring(rewrite_links(page, "kennisbank/overzicht/verbanden/index.html"))
    scripts = [(s.get("src"), s.get("defer") is not None) for s in doc.iter("script")]
    assert scripts == [(f"../../../{GRAPH_SCRIPT}", True), ("../../../assets/verbanden.js", True)]
    plain = "<!doctype html><html><body><p>x</p></body></html>"
    assert not list(lxml.html.document_fromstring(rewrite_links(plain, "index.html")).iter("script"))


# From disk, in Chromium: the fixture knowledge base built as make build does, by each engine, its zip unpacked.


@pytest.fixture(scope="module", params=ENGINES)
def offline_root(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"offline-site-{request.param}")
    paths = copy_repo(root, practices=FIXTURE / "practices")
    build(paths, engine=request.param)
    with zipfile.ZipFile(paths.site / "downloads" / "wijkpraktijk-offline.zip") as zf:
        zf.extractall(root / "unpacked")
    return root / "unpacked" / "wijkpraktijk-offline"


def _from_disk(browser, width=1280, height=900):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return context, page, errors


@pytest.mark.browser
@pytest.mark.slow
def test_verbanden_draws_its_graph_from_disk_and_links_to_files(browser, offline_root):
    context, page, errors = _from_disk(browser)
    page.goto((offline_root / "kennisbank" / "overzicht" / "verbanden" / "index.html").as_uri())
    page.wait_for_selector("#wp-graph[data-ready=true]", timeout=20000)
    assert page.evaluate("window.wpGraph.nodes().length") == len(list((FIXTURE / "practices").glob("*/*.md")))
    assert "kon niet worden geladen" not in page.locator(".wp-graph-status").inner_text()
    page.locator("#wp-graph").focus()
    page.keyboard.press("Home")  # the first page in reading order gets focus; its link opens a file
    link = page.locator(".wp-graph-focus a")
    link.wait_for(state="visible")
    assert re.fullmatch(r"\.\./\.\./[a-z0-9-]+/index\.html", link.get_attribute("href"))
    link.click()
    page.wait_for_url(re.compile(r"/index\.html$"))
    assert page.locator("h1").first.evaluate(VISIBLE_TEXT)
    assert errors == []
    context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_verkennen_filters_from_disk(browser, offline_root):
    context, page, errors = _from_disk(browser)
    page.goto((offline_root / "verkennen" / "index.html").as_uri())
    page.wait_for_selector("#wp-explore[data-ready]", timeout=20000)
    assert page.locator(".wp-nojs").first.is_hidden()
    total = len(list((FIXTURE / "practices").glob("*/*.md")))
    assert page.locator(".wp-explore__count").inner_text().startswith(f"{total} pagina")
    assert page.locator(".wp-explore__result").count() == total
    page.locator("details[data-facet=type] summary").click()
    method = page.locator("details[data-facet=type] label", has_text="Methode")
    assert method.locator(".wp-explore__n").inner_text() == "1"
    page.evaluate("document.getElementById('wp-explore').removeAttribute('data-ready')")
    method.locator("input").check()
    page.wait_for_selector("#wp-explore[data-ready]")
    assert page.locator(".wp-explore__count").inner_text().startswith("1 pagina")
    assert "type=Methode" in page.url  # the address holds the choice, from disk too
    # A query narrows the same list (the word list of the offline index).
    page.evaluate("document.getElementById('wp-explore').removeAttribute('data-ready')")
    page.locator(".wp-explore__query").fill("afspraak")
    page.wait_for_selector("#wp-explore[data-ready]")
    result = page.locator(".wp-explore__result a")
    assert result.count() == 1
    result.click()
    page.wait_for_url(re.compile(r"kennisbank/huisbezoek/index\.html$"))
    assert page.locator("h1").first.evaluate(VISIBLE_TEXT).rstrip("¶") == "Huisbezoek"
    assert errors == []
    context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_the_kennisbank_page_has_no_dead_download_link_and_its_pdf_is_in_the_zip(browser, offline_root):
    assert (offline_root / "downloads" / "werkkaarten.pdf").is_file()
    assert not (offline_root / "downloads" / "wijkpraktijk-offline.zip").exists()
    context, page, errors = _from_disk(browser)
    page.goto((offline_root / "kennisbank" / "index.html").as_uri())
    assert page.locator("a[href$='wijkpraktijk-offline.zip']").count() == 0
    assert page.locator(".wp-offline-copy").inner_text() == ALREADY_OFFLINE
    pdf = page.locator("a[href$='downloads/werkkaarten.pdf']").first.get_attribute("href")
    assert (offline_root / "kennisbank" / pdf).resolve().is_file()
    assert errors == []
    context.close()
