"""Citing, printing and reusing pages, in a real browser over a built site.

One small site is built for the whole module from the fixture knowledge base,
with one entry renamed (its old id in ``former_ids``), so redirects, the
citation block, print layout, QR codes and both downloads are checked on the
real output of ``build_site`` (downloads included).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import pytest
from browser_support import VISIBLE_TEXT, accessible
from conftest import FIXTURE
from pdf_support import pdf_pages
from sitecheck import broken_internal_links, build, copy_repo
from wijkpraktijk.text import nl_date

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "handout"
OLD, NEW = "huisbezoek", "huisbezoek-thuis"
PRACTICE = "kennisbank/buurtteam-voorbeeld/"


def _rename_method(practices: Path) -> None:
    """What an editor does when renaming a page: new id and file name, old id kept."""
    old_file = practices / "methoden" / f"{OLD}.md"
    text = old_file.read_text(encoding="utf-8").replace(f"id: {OLD}", f"id: {NEW}\nformer_ids: [{OLD}]")
    old_file.unlink()
    (practices / "methoden" / f"{NEW}.md").write_text(text, encoding="utf-8")
    for linking in set(practices.glob("*/*.md")) - {practices / "methoden" / f"{NEW}.md"}:
        text = linking.read_text(encoding="utf-8")
        for before, after in ((f"[{OLD}]", f"[{NEW}]"), (f"[[{OLD}|", f"[[{NEW}|"), (f"[[{OLD}]]", f"[[{NEW}]]")):
            text = text.replace(before, after)
        linking.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def handout_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("handout-site")
    paths = copy_repo(root, practices=FIXTURE / "practices")
    _rename_method(paths.practices)
    if not (paths.docs / "over.md").exists():  # the hand-written about page may not exist in a bare checkout
        (paths.docs / "over.md").write_text("# Over Wijkpraktijk\n", encoding="utf-8")
    build(paths)
    return paths


@pytest.fixture(scope="module")
def url(handout_site):
    from browser_support import serve_directory

    with serve_directory(handout_site.site) as base:
        yield base


def test_old_url_redirects_to_renamed_page(browser, url, handout_site):
    redirect = (handout_site.site / "kennisbank" / OLD / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in redirect and "Deze pagina heeft een nieuw adres" in redirect  # Dutch, like the site
    page = browser.new_page()
    page.goto(url + f"kennisbank/{OLD}/")
    page.wait_for_url(url + f"kennisbank/{NEW}/")
    assert page.locator("h1").first.evaluate(VISIBLE_TEXT).rstrip("¶") == "Huisbezoek"
    page.goto(url + f"kennisbank/{OLD}/#citeren")  # an anchor survives the redirect
    page.wait_for_url(url + f"kennisbank/{NEW}/#citeren")
    page.close()


def test_citation_block_formats_and_copy_button(browser, url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(url + PRACTICE)
    section = page.locator("#citeren")
    assert section.inner_text().startswith("Zo citeer je deze pagina")
    codes = page.locator(".wp-cite pre code")
    apa = codes.nth(0).inner_text().strip()
    # "Geraadpleegd op": the day of reading, filled in on the page (the build leaves "[datum]").
    assert re.fullmatch(
        r"Test Redactie\. \(2026, 1 november\)\. Buurtteam Voorbeeld\. Wijkpraktijk\. "
        r"Geraadpleegd op (\d{1,2} \w+ \d{4}), van https://wijkpraktijk\.nl/kennisbank/buurtteam-voorbeeld/",
        apa,
    ), apa
    today = page.evaluate(
        "(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()"
    )
    assert f"Geraadpleegd op {nl_date(dt.date(*today))}, van" in apa
    served = page.request.get(page.url).text()
    assert 'Geraadpleegd op <span class="wp-accessed">[datum]</span>, van' in served
    assert codes.nth(1).inner_text().strip() == "Auteur, A. (2014). Een testartikel. Testblad, Jaargang 1, Nummer 2."
    # Downloads: all three reference-manager formats and both QR formats, as files that parse.
    links = {a.inner_text(): a.get_attribute("href") for a in page.locator(".wp-cite .wp-cite-downloads a").all()}
    assert set(links) == {"BibTeX", "RIS", "CSL-JSON", "SVG", "PNG"}
    bodies = {k: page.request.get(page.url + v) for k, v in links.items()}
    assert all(r.ok for r in bodies.values())
    assert bodies["BibTeX"].text().startswith("@online{buurtteam-voorbeeld,")
    assert (
        bodies["RIS"].text().startswith("TY  - ELEC")
        and "UR  - https://wijkpraktijk.nl/kennisbank/buurtteam-voorbeeld/" in bodies["RIS"].text()
    )
    assert [i["id"] for i in json.loads(bodies["CSL-JSON"].text())] == [
        "buurtteam-voorbeeld",
        "buurtteam-voorbeeld-bron-1",
    ]
    assert bodies["PNG"].body().startswith(b"\x89PNG")
    # Copy with the keyboard only: Tab to the button, press Enter.
    page.locator(".wp-cite a.wp-permalink").focus()
    button = page.locator(".wp-cite pre button[data-md-type=copy]").first
    for _ in range(10):
        if page.evaluate("document.activeElement.dataset.mdType === 'copy'"):
            break
        page.keyboard.press("Tab")
    assert button.evaluate("b => b === document.activeElement"), "de kopieerknop is niet met Tab te bereiken"
    page.keyboard.press("Enter")
    assert page.evaluate("navigator.clipboard.readText()").strip() == apa
    context.close()


DECODE_QR = """img => {
  const c = document.createElement('canvas'); c.width = 400; c.height = 400;
  const g = c.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, 400, 400); g.drawImage(img, 20, 20, 360, 360);
  return Array.from(g.getImageData(0, 0, 400, 400).data);
}"""


def test_method_prints_as_handout_with_working_qr(browser, url):
    import zxingcpp

    page = browser.new_page()
    page.goto(url + f"kennisbank/{NEW}/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.md-search', '#genoemd-in']
        .map(s => document.querySelector(s)).filter(e => e && e.checkVisibility())"""
        """.map(e => e.className || e.id)"""
    )
    assert hidden == []
    qr = page.locator("img.wp-qr")
    assert qr.is_visible()
    qr.evaluate("img => img.decode()")
    rgba = bytes(qr.evaluate(DECODE_QR))
    found = zxingcpp.read_barcodes(zxingcpp.ImageView(rgba, 400, 400, zxingcpp.ImageFormat.RGBA))
    assert [b.text for b in found] == [f"https://wijkpraktijk.nl/kennisbank/{NEW}/"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "methode.pdf").write_bytes(pdf)
    pages = pdf_pages(pdf)
    assert 1 <= len(pages) <= 2 and all(abs(w - 595) < 2 for w, _ in pages)
    page.close()


def test_cards_pdf_one_method_per_a5(handout_site):
    data = (handout_site.site / "downloads" / "werkkaarten.pdf").read_bytes()
    pages = pdf_pages(data)
    assert len(pages) == 1  # the fixture has one method
    assert all(abs(w - 420) < 2 and abs(h - 595) < 2 for w, h in pages)
    assert broken_internal_links(handout_site.site) == []


def test_offline_download_works_from_disk(browser, handout_site, tmp_path):
    with zipfile.ZipFile(handout_site.site / "downloads" / "wijkpraktijk-offline.zip") as zf:
        zf.extractall(tmp_path)
    root = tmp_path / "wijkpraktijk-offline"
    assert not (root / "pagefind").exists() and not (root / "admin").exists()  # no use from disk
    page = browser.new_page()
    page.goto((root / "index.html").as_uri())
    page.locator("a[href$='kennisbank/index.html']").first.click()
    page.wait_for_url(re.compile(r"kennisbank/index\.html$"))
    page.locator("a[href$='overzicht/methoden/index.html']").first.click()
    page.locator(f"a[href$='{NEW}/index.html']").first.click()
    assert page.locator("h1").first.evaluate(VISIBLE_TEXT).rstrip("¶") == "Huisbezoek"
    # The old address (a redirect page) leads to the renamed page from disk too, its anchor kept.
    page.goto((root / "kennisbank" / OLD / "index.html").as_uri() + "#citeren")
    page.wait_for_url(re.compile(rf"kennisbank/{NEW}/index\.html#citeren$"))
    page.goto((root / "index.html").as_uri())
    page.locator(".wp-search-button").click()
    page.keyboard.type("afspraak")  # the dialog searches as a visitor types
    result = page.locator(f".wp-search__result a[href$='kennisbank/{NEW}/index.html']").first
    result.wait_for(timeout=15000)
    assert result.locator("mark").first.inner_text().lower().startswith("afspra")  # the excerpt shows the word
    result.click()
    page.wait_for_url(re.compile(rf"{NEW}/index\.html$"))
    assert page.locator("h1").first.evaluate(VISIBLE_TEXT).rstrip("¶") == "Huisbezoek"
    page.close()


def test_real_methods_print_on_two_a4_pages_and_one_card_each(browser, real_site, site_url):
    """The real content, not only the fixture: every method fits the handout and card limits."""
    from wijkpraktijk.pipeline import load

    methods = [m.id for m in load(real_site).kb.of_type("method")]
    assert len(pdf_pages((real_site.site / "downloads" / "werkkaarten.pdf").read_bytes())) == len(methods)
    page = browser.new_page()
    too_long = {}
    for method in methods:
        page.goto(site_url + f"kennisbank/{method}/")
        page.emulate_media(media="print")
        count = len(pdf_pages(page.pdf(format="A4", print_background=True)))
        if count > 2:
            too_long[method] = count
    page.close()
    assert too_long == {}


def test_reference_marker_links_to_its_source_and_shows_it_as_a_tooltip(browser, url):
    """[@testbron] in the body: a numbered marker; hovering or tapping shows the source from the Bronnen list."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url + PRACTICE)
    markers = page.locator("article a.footnote-ref")
    assert markers.count() >= 4  # one per paragraph of the fixture story, plus the one with a locator
    assert [m.get_attribute("href") for m in markers.all()] == ["#bron-1"] * markers.count()
    assert "1: aanpak" in [m.evaluate(VISIBLE_TEXT) for m in markers.all()]
    source = page.locator("#bron-1")
    assert "Een testartikel" in source.inner_text() and "Anna Auteur" in source.inner_text()
    # A screen reader hears which source (ux review 3: "link, 1"); the name holds the visible "1" (WCAG 2.5.3).
    assert accessible(page, "article a.footnote-ref")["name"] == "Bron 1: Auteur (2014)"
    with_locator = page.locator("article a.footnote-ref", has_text="aanpak").first
    with_locator.evaluate("a => a.setAttribute('data-test-marker', '')")
    assert accessible(page, "[data-test-marker]")["name"] == "Bron 1: aanpak, Auteur (2014)"
    # The marker is described by the source its tooltip shows, also after the tooltip opened and closed.
    described = accessible(page, "article a.footnote-ref")["description"]
    assert "Een testartikel" in described and "Anna Auteur" in described
    markers.first.focus()
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(state="visible", timeout=5000)
    page.locator("article h1").first.click()
    tooltip.wait_for(state="hidden", timeout=5000)
    assert "Een testartikel" in accessible(page, "article a.footnote-ref")["description"]
    markers.first.hover()
    tooltip.wait_for(state="visible", timeout=5000)
    assert "Een testartikel" in tooltip.inner_text()
    page.screenshot(path=str(ARTIFACTS / "reference-tooltip.png"))
    page.keyboard.press("Escape")
    markers.first.click()  # a tap follows the link to the source, which is highlighted
    page.wait_for_url(re.compile(r"#bron-1$"))
    assert page.evaluate("document.querySelector(':target').id") == "bron-1"
    page.close()


WERKMAP_READY = "#wp-werkmap[data-state=ready]"


def test_werkmap_shows_a_renamed_page_under_its_new_id(browser, url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + f"werkmap/?ids={OLD},buurtteam-voorbeeld")
    page.wait_for_selector(WERKMAP_READY)
    items = page.locator(".wp-wm-item")
    assert items.evaluate_all("els => els.map(e => e.dataset.wpId)") == [NEW, "buurtteam-voorbeeld"]
    assert page.locator(".wp-wm-item__title").first.get_attribute("href") == url + f"kennisbank/{NEW}/"
    assert page.locator(".wp-wm-note").first.inner_text() == (
        f"De pagina met id ‘{OLD}’ heet nu ‘Huisbezoek’ (id ‘{NEW}’). Ze staat hieronder onder haar nieuwe naam."
    )
    assert page.locator("#wp-wm-link").input_value() == url + f"werkmap/?ids={NEW},buurtteam-voorbeeld"
    # The own werkmap, saved before the rename, moves to the new id.
    page.evaluate("id => localStorage.setItem('wp-werkmap', JSON.stringify({items: [{id, title: 'Huisbezoek'}]}))", OLD)
    page.goto(url + "werkmap/")
    page.wait_for_selector(WERKMAP_READY)
    assert [i["id"] for i in json.loads(page.evaluate("localStorage.getItem('wp-werkmap')"))["items"]] == [NEW]
    assert page.url == url + f"werkmap/?ids={NEW}"
    context.close()


def test_offline_werkmap_says_it_needs_the_online_site_and_hands_the_selection_on(browser, handout_site, tmp_path):
    with zipfile.ZipFile(handout_site.site / "downloads" / "wijkpraktijk-offline.zip") as zf:
        zf.extractall(tmp_path)
    root = tmp_path / "wijkpraktijk-offline"
    context = browser.new_context()
    page = context.new_page()
    page.goto((root / "kennisbank" / NEW / "index.html").as_uri())
    page.locator(".wp-werkmap-toggle").click()
    assert page.locator(".wp-werkmap-toggle").inner_text().strip() == "Uit werkmap halen"
    page.locator(".md-header .wp-werkmap-link").click()
    page.wait_for_url(re.compile(r"werkmap/index\.html$"))
    page.wait_for_selector(WERKMAP_READY)
    assert page.locator(".admonition-title").first.inner_text() == "De werkmap werkt alleen op de online site"
    online = page.locator(".wp-wm-online-link").get_attribute("href")
    assert online == f"https://wijkpraktijk.nl/werkmap/?ids={NEW}"
    listed = page.locator(".wp-wm-list a")
    assert listed.inner_text() == "Huisbezoek"
    listed.click()
    page.wait_for_url(re.compile(rf"kennisbank/{NEW}/index\.html$"))
    context.close()
