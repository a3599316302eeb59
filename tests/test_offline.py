"""The offline download's two changes to the built pages (offline.py), without a browser or a site build:
links for file://, and the search index the dialog uses from disk (run through wp-woorden.js in Node)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import lxml.html
from wijkpraktijk import safety
from wijkpraktijk.offline import file_url, index_data, index_script, rewrite_links

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
