"""The werkmap: a coach picks pages, orders them, shares one link, prints one handout and presents.

The generator part (kennisbank/werkmap/<id>.json) is checked without a site build; the rest runs in
headless Chromium on the real site, built once per session (conftest.real_site). The printed PDF is
read back with poppler-utils (pdftotext, pdftoppm) and its QR codes with zxing-cpp.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from browser_support import accessible, watch_requests
from conftest import replace_in
from test_accessibility import axe_violations, describe
from wijkpraktijk import citing, types
from wijkpraktijk.pipeline import generate, load
from wijkpraktijk.text import nl_date

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "werkmap"
READY = "#wp-werkmap[data-state=ready]"
PRINT_READY = "#wp-werkmap[data-state=ready][data-print=ready]"
# Two methods and a practice story (with an original source) from the real content.
CHOSEN = ("presentie", "krachtstroom-wezep", "krachtstroom")
A4_POINTS = (595, 842)
# An <img> drawn on white, one grey byte per pixel, as base64: a list of numbers takes seconds to cross over.
QR_PIXELS = """img => {
  const c = document.createElement('canvas'); c.width = 400; c.height = 400;
  const g = c.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, 400, 400); g.drawImage(img, 20, 20, 360, 360);
  const d = g.getImageData(0, 0, 400, 400).data; let s = '';
  for (let i = 0; i < d.length; i += 4) s += String.fromCharCode(d[i]);
  return btoa(s);
}"""


# -- the generator: one record per entry (and per former id), with the page's own citations ---------------


def test_every_entry_gets_a_record_with_its_page_citations(tree):
    replace_in(
        tree, "methoden/huisbezoek.md", "status: gedeeltelijk", "status: gedeeltelijk\nformer_ids: [bezoek-thuis]"
    )
    kb = load(tree).kb
    extras = citing.build(tree, kb)
    files = citing.files(extras)
    assert {e.type for e in kb.entries.values()} == set(types.names())  # the fixture has one entry of every type
    for entry in kb.entries.values():
        record = json.loads(files[f"werkmap/{entry.id}.json"])
        assert record["id"] == entry.id and record["title"] == entry.model.title
        assert record["apa"] == extras[entry.id].apa and record["source_apa"] == extras[entry.id].source_apa
        assert record["url"] == extras[entry.id].url
        # Relative to the record: ../<id>/ is the page, ../qr/<id>.svg its QR code (written by the same build).
        assert record["page"] == f"../{entry.id}/"
        assert record["qr"] == f"../{extras[entry.id].qr['SVG']}" and extras[entry.id].qr["SVG"] in files
    story = json.loads(files["werkmap/buurtteam-voorbeeld.json"])
    assert story["type"] == "Praktijkverhaal"
    assert len(story["source_apa"]) == 1 and "Een testartikel" in story["source_apa"][0]  # the story's original
    # An old link still finds the page: the former id's record names the new id.
    assert files["werkmap/bezoek-thuis.json"] == files["werkmap/huisbezoek.json"]
    assert json.loads(files["werkmap/bezoek-thuis.json"])["id"] == "huisbezoek"


def test_entry_pages_carry_the_werkmap_slot(tree):
    generate(tree)
    for entry_id in ("huisbezoek", "buurtteam-voorbeeld", "voorbeeldstad"):
        page = (tree.generated / entry_id / "index.md").read_text(encoding="utf-8")
        assert f'<div class="wp-werkmap-slot" data-wp-id="{entry_id}"></div>' in page
        assert (tree.generated / "werkmap" / f"{entry_id}.json").is_file()


# -- in the browser ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kb(real_site):
    return load(real_site).kb


def _titles(page) -> list[str]:
    return page.locator("#wp-werkmap .wp-wm-item__title").all_inner_texts()


def _watch(context, site_url: str) -> list[str]:
    """Every request to another host is refused and listed (there must be none)."""
    own = urlparse(site_url).netloc
    return watch_requests(context, lambda url: urlparse(url).netloc == own)[1]


def _storage_keys(page) -> list[str]:
    return page.evaluate("[...Object.keys(localStorage), ...Object.keys(sessionStorage)]")


def _pdf_texts(pdf: Path) -> list[str]:
    """The text of every page, whitespace folded (pdftotext puts a form feed between pages)."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True).stdout
    pages = text.decode("utf-8").split("\f")
    return [" ".join(p.split()) for p in pages[:-1]]


def _pdf_page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True, capture_output=True, text=True)
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info.stdout)]


def _qr_codes(pdf: Path, page_number: int, tmp: Path) -> list[str]:
    """QR codes on one page: rendered in grey at 150 dpi by pdftoppm, read by zxing-cpp."""
    import zxingcpp

    prefix = tmp / f"p{page_number}"
    subprocess.run(
        ["pdftoppm", "-r", "150", "-gray", "-f", str(page_number), "-l", str(page_number), "-singlefile"]
        + [str(pdf), str(prefix)],
        check=True,
    )
    data = prefix.with_suffix(".pgm").read_bytes()
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    width, height = int(match.group(1)), int(match.group(2))
    pixels = data[match.end() :]
    view = zxingcpp.ImageView(pixels, width, height, zxingcpp.ImageFormat.Lum)
    return [code.text for code in zxingcpp.read_barcodes(view)]


def _print_pages(browser, url: str) -> int:
    """How many A4 pages one page prints on by itself: its own handout."""
    page = browser.new_page()
    page.goto(url)
    page.emulate_media(media="print")
    count = len(re.findall(rb"/Type\s*/Page\b(?!s)", page.pdf(format="A4", print_background=True)))
    page.close()
    return count


def _add_from_page(page, site_url: str, entry_id: str, expect_count: int, keyboard: bool) -> None:
    page.goto(site_url + f"kennisbank/{entry_id}/")
    button = page.locator(".wp-werkmap-slot .wp-werkmap-toggle")
    assert button.inner_text().strip() == "Aan werkmap toevoegen"
    if keyboard:
        button.focus()
        page.keyboard.press("Enter")
    else:
        button.click()
    assert button.inner_text().strip() == "Uit werkmap halen"
    assert page.locator(".wp-werkmap-note").inner_text().startswith("Toegevoegd")
    count = page.locator(".md-header .wp-werkmap-link")
    name = accessible(page, ".md-header .wp-werkmap-link")["name"]
    assert name == f"Werkmap {expect_count} pagina" + ("'s" if expect_count > 1 else "")  # what it shows, and more
    assert count.locator(".wp-werkmap-link__count").inner_text() == str(expect_count)


@pytest.mark.browser
@pytest.mark.slow
def test_three_pages_picked_ordered_shared_and_printed_as_one_handout(browser, engine_url, kb, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    titles = {i: kb.entries[i].model.title for i in CHOSEN}
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    foreign = _watch(context, engine_url)
    page = context.new_page()
    for n, entry_id in enumerate(CHOSEN, start=1):
        _add_from_page(page, engine_url, entry_id, n, keyboard=n == 2)
    # Removing and adding again from the page, without the mouse.
    page.keyboard.press("Enter")
    assert page.locator(".wp-werkmap-toggle").inner_text().strip() == "Aan werkmap toevoegen"
    page.keyboard.press("Enter")

    page.goto(engine_url + "werkmap/")
    page.wait_for_selector(READY)
    assert _titles(page) == [titles[i] for i in CHOSEN]
    assert page.url == engine_url + "werkmap/?ids=" + ",".join(CHOSEN)  # the address holds the selection
    # Reorder with the buttons, from the keyboard: the last page up to the top; focus stays on it.
    last = page.locator(f".wp-wm-item[data-wp-id='{CHOSEN[2]}'] .wp-wm-up")
    last.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(READY)
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == f"Zet ‘{titles[CHOSEN[2]]}’ hoger"
    assert page.locator(".wp-wm-status").inner_text() == f"‘{titles[CHOSEN[2]]}’ staat nu op plaats 2 van 3."
    page.keyboard.press("Enter")
    page.wait_for_selector(READY)
    order = [CHOSEN[2], CHOSEN[0], CHOSEN[1]]
    assert _titles(page) == [titles[i] for i in order]
    assert page.locator(f".wp-wm-item[data-wp-id='{CHOSEN[2]}'] .wp-wm-up").is_disabled()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == f"Zet ‘{titles[CHOSEN[2]]}’ lager"
    page.fill("#wp-wm-title", "Training outreachend werken")
    page.fill("#wp-wm-date", "2027-03-12")
    page.wait_for_selector(PRINT_READY)
    link = page.locator("#wp-wm-link").input_value()
    assert link == (
        engine_url + "werkmap/?ids=" + ",".join(order) + "&titel=Training%20outreachend%20werken&datum=2027-03-12"
    )
    assert page.url == link
    violations = axe_violations(page)
    assert not violations, describe(violations)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=str(ARTIFACTS / f"werkmap-{width}.png"), full_page=True)
    stored = json.loads(page.evaluate("localStorage.getItem('wp-werkmap')"))
    assert [i["id"] for i in stored["items"]] == order and stored["title"] == "Training outreachend werken"
    assert _storage_keys(page) == ["wp-werkmap"] and context.cookies() == []

    # The link in a fresh browser: the same three pages, in the same order; nothing is stored unasked.
    fresh = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    foreign += _watch(fresh, engine_url)
    other = fresh.new_page()
    other.goto(link)
    other.wait_for_selector(READY)
    assert _titles(other) == [titles[i] for i in order]
    assert other.locator("#wp-werkmap").get_attribute("data-mode") == "shared"
    assert other.locator(".wp-wm-take").inner_text() == "Bewaar als mijn werkmap"
    assert _storage_keys(other) == []

    # One printed handout: cover, the three pages as their own handouts, one source list. The button opens
    # the browser's print dialog once the handout is ready (here counted instead of opened).
    other.evaluate(
        """() => { window.print = () => {
        window.__printed = (window.__printed || 0) + 1;
        window.__printedWhen = document.getElementById("wp-werkmap").dataset.print; }; }"""
    )
    other.locator(".wp-wm-print-button").click()
    for _ in range(
        100
    ):  # polled from here: wait_for_function's string predicate would need eval, which the CSP refuses
        if other.evaluate("window.__printed") == 1:
            break
        other.wait_for_timeout(100)
    assert other.evaluate("window.__printed") == 1 and other.evaluate("window.__printedWhen") == "ready"
    other.wait_for_selector(PRINT_READY)
    started = time.perf_counter()
    pdf_bytes = other.pdf(format="A4", print_background=True)
    seconds = time.perf_counter() - started
    pdf = ARTIFACTS / "werkmap.pdf"
    pdf.write_bytes(pdf_bytes)
    print(f"\nwerkmap of {len(order)} pages printed in {seconds:.2f} s, {len(pdf_bytes) // 1024} KB")
    texts = _pdf_texts(pdf)
    assert all(abs(w - A4_POINTS[0]) < 2 and abs(h - A4_POINTS[1]) < 2 for w, h in _pdf_page_sizes(pdf))
    cover = texts[0]
    assert cover.startswith("WERKMAP Training outreachend werken 12 maart 2027 In deze werkmap")
    positions = [cover.index(titles[i]) for i in order]
    assert positions == sorted(positions)
    # Each entry starts a page with its title and type line, as its own handout does.
    heads = {i: f"{titles[i]} {types.get(kb.entries[i].type).singular.upper()}" for i in order}
    starts = [next(n for n, text in enumerate(texts) if n > 0 and text.startswith(heads[i])) for i in order]
    sources_at = next(n for n, text in enumerate(texts) if text.startswith("Bronnen De pagina's in deze werkmap"))
    assert starts[0] == 1 and starts == sorted(starts) and sources_at > starts[-1], (starts, sources_at)
    ends = starts[1:] + [sources_at]
    records = {i: json.loads(other.request.get(engine_url + f"kennisbank/werkmap/{i}.json").text()) for i in order}
    for entry_id, start, end in zip(order, starts, ends, strict=True):
        printed = end - start
        codes = [code for n in range(start, end) for code in _qr_codes(pdf, n + 1, tmp_path)]
        assert codes == [records[entry_id]["url"]], (entry_id, codes)
        assert records[entry_id]["url"] in " ".join(texts[start:end])  # the permanent link, in words too
        # Exactly as the page prints on its own: the werkmap reuses the handout layout, page for page.
        assert printed == _print_pages(browser, engine_url + f"kennisbank/{entry_id}/"), entry_id
        if kb.entries[entry_id].type == "method":
            assert printed <= 2, f"{entry_id} prints on {printed} A4 pages"
    sources = " ".join(texts[sources_at:])
    # The page's access date is the day of printing ("Geraadpleegd op [datum]" in the record, citing.py).
    printed_on = nl_date(dt.date.today())
    assert all("Geraadpleegd op [datum], van " in records[i]["apa"] for i in order)
    expected = [records[i]["apa"].replace("[datum]", printed_on) for i in order]
    expected += [t for i in order for t in records[i]["source_apa"]]
    assert any(records[i]["source_apa"] for i in order)  # a story's original source is among them
    squeezed = re.sub(r"\s", "", sources)
    for text in expected:
        assert re.sub(r"\s", "", text) in squeezed, text
    assert foreign == [] and fresh.cookies() == []
    fresh.close()
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", str(pdf), str(ARTIFACTS / "werkmap-print")], check=True
    )

    # Wis alles, after a question: nothing of the werkmap is left in the browser.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.locator(".wp-wm-wipe-start").click()
    assert page.evaluate("document.activeElement.textContent") == "Annuleren"
    page.locator(".wp-wm-wipe-yes").click()
    page.wait_for_selector(READY)
    assert _titles(page) == [] and page.url == engine_url + "werkmap/"
    assert _storage_keys(page) == []
    assert page.locator(".wp-werkmap-link__count").inner_text() == "0"
    context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_copy_link_copies_what_the_field_shows_and_the_cover_and_first_slide_carry_it_as_qr(
    browser, site_url, kb, tmp_path
):
    """ux review 3: the copy kept the link of the last list change, without the title and date just typed."""
    import zxingcpp

    ids = ("presentie", "krachtstroom")
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    for n, entry_id in enumerate(ids, start=1):
        _add_from_page(page, site_url, entry_id, n, keyboard=False)
    page.goto(site_url + "werkmap/")
    page.wait_for_selector(READY)
    # The list is drawn first; the title and date change the link after that, as in the review.
    page.fill("#wp-wm-title", "Workshop eenzaamheid & één gezin")
    page.fill("#wp-wm-date", "2027-01-15")
    page.wait_for_selector(PRINT_READY)
    shown = page.locator("#wp-wm-link").input_value()
    assert shown == (
        site_url + "werkmap/?ids=presentie,krachtstroom&titel=Workshop%20eenzaamheid%20%26%20%C3%A9%C3%A9n%20gezin"
        "&datum=2027-01-15"
    )
    page.locator(".wp-wm-copy").click()
    page.wait_for_function("() => document.querySelector('.wp-wm-status').textContent.includes('klembord')")
    assert page.evaluate("navigator.clipboard.readText()") == shown
    # The printed cover: a QR code of that very link, next to the link in words.
    page.emulate_media(media="print")
    pdf = tmp_path / "werkmap.pdf"
    pdf.write_bytes(page.pdf(format="A4", print_background=True))
    assert _qr_codes(pdf, 1, tmp_path) == [shown]
    assert "Workshop eenzaamheid & één gezin" in _pdf_texts(pdf)[0]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(ARTIFACTS / "voorblad")],
        check=True,
    )
    page.emulate_media(media="screen")
    # The first slide: the same link as a QR code, large enough for the room.
    page.locator(".wp-wm-present-button").click()
    qr = page.locator("dialog.wp-wm-present[open] .wp-wm-slide--cover .wp-wm-slide__qr img")
    qr.wait_for()
    qr.evaluate("img => img.decode()")
    grey = base64.b64decode(qr.evaluate(QR_PIXELS))
    found = zxingcpp.read_barcodes(zxingcpp.ImageView(grey, 400, 400, zxingcpp.ImageFormat.Lum))
    assert [b.text for b in found] == [shown]
    assert qr.bounding_box()["width"] >= 200
    page.screenshot(path=str(ARTIFACTS / "presenteren-voorblad-1280.png"))
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.set_viewport_size({"width": 375, "height": 812})
    page.screenshot(path=str(ARTIFACTS / "presenteren-voorblad-375.png"))
    context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_presenting_one_entry_per_screen_with_keys_buttons_and_esc(browser, site_url, kb):
    import zxingcpp

    ids = ("presentie", "krachtstroom-wezep")
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "werkmap/?ids=" + ",".join(ids) + "&titel=Werksessie%20buurt")
    page.wait_for_selector(READY)
    opener = page.locator(".wp-wm-present-button")
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.wp-wm-present[open]")
    title = dialog.locator(".wp-wm-slide__title")
    assert title.inner_text() == "Werksessie buurt"  # the cover first
    assert dialog.locator(".wp-wm-slide__list li").all_inner_texts() == [kb.entries[i].model.title for i in ids]
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.keyboard.press("ArrowRight")
    assert title.inner_text() == kb.entries[ids[0]].model.title
    assert dialog.locator(".wp-wm-present__count").inner_text().startswith("2 / 3")
    qr = dialog.locator(".wp-wm-slide__qr img")
    qr.evaluate("img => img.decode()")
    grey = base64.b64decode(qr.evaluate(QR_PIXELS))
    found = zxingcpp.read_barcodes(zxingcpp.ImageView(grey, 400, 400, zxingcpp.ImageFormat.Lum))
    assert [b.text for b in found] == [f"https://wijkpraktijk.nl/kennisbank/{ids[0]}/"]
    assert qr.bounding_box()["width"] >= 200  # large enough to scan from the back of a room
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.wp-wm-slide__title')).fontSize)") >= 40
    page.screenshot(path=str(ARTIFACTS / "presenteren-1280.png"))
    violations = axe_violations(page)
    assert not violations, describe(violations)
    dialog.locator(".wp-wm-present__next").click()  # on-screen buttons
    assert title.inner_text() == kb.entries[ids[1]].model.title
    assert dialog.locator(".wp-wm-present__next").is_disabled()
    page.keyboard.press("Home")
    assert title.inner_text() == "Werksessie buurt"
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    assert title.inner_text() == kb.entries[ids[0]].model.title
    page.keyboard.press("Escape")
    page.locator("dialog.wp-wm-present").wait_for(state="detached", timeout=5000)
    assert page.evaluate("document.activeElement.classList.contains('wp-wm-present-button')")
    context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_a_shared_link_never_replaces_the_own_werkmap_unasked(browser, site_url, kb):
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="nl-NL")
    page = context.new_page()
    _add_from_page(page, site_url, "presentie", 1, keyboard=False)
    page.goto(site_url + "werkmap/?ids=krachtstroom,presentie&titel=Gedeeld")
    page.wait_for_selector(READY)
    assert page.locator("#wp-werkmap").get_attribute("data-mode") == "shared"
    assert "Je eigen werkmap heeft 1 pagina" in page.locator(".wp-wm-shared").inner_text()
    assert [i["id"] for i in json.loads(page.evaluate("localStorage.getItem('wp-werkmap')"))["items"]] == ["presentie"]
    page.screenshot(path=str(ARTIFACTS / "werkmap-gedeeld-375.png"), full_page=True)
    page.locator(".wp-wm-merge").click()
    page.wait_for_selector(READY)
    assert page.locator("#wp-werkmap").get_attribute("data-mode") == "own"
    titles = [kb.entries[i].model.title for i in ("presentie", "krachtstroom")]
    assert _titles(page) == titles  # own order first, then what was new; no duplicate
    assert page.url == site_url + "werkmap/?ids=presentie,krachtstroom&titel=Gedeeld"
    page.goto(site_url + "werkmap/?ids=krachtstroom-wezep")
    page.wait_for_selector(READY)
    page.locator(".wp-wm-replace").click()
    page.wait_for_selector(READY)
    assert _titles(page) == [kb.entries["krachtstroom-wezep"].model.title]
    assert page.locator(".md-header .wp-werkmap-link__count").inner_text() == "1"
    context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_unknown_ids_are_reported_in_dutch_not_dropped_silently(browser, site_url, kb):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "werkmap/?ids=presentie,bestaat-niet,..%2F..%2Fetc")
    page.wait_for_selector(READY)
    assert _titles(page) == [kb.entries["presentie"].model.title]
    note = page.locator(".wp-wm-note--warning").inner_text()
    assert note == (
        "Deze pagina's bestaan niet (meer) in de kennisbank: ‘bestaat-niet’ en ‘../../etc’. "
        "Ze zijn niet in deze werkmap opgenomen."
    )
    assert page.locator("#wp-wm-link").input_value().endswith("werkmap/?ids=presentie")
    # In the own werkmap the unknown page stays until the coach removes it.
    page.evaluate(
        """localStorage.setItem('wp-werkmap', JSON.stringify(
        {items: [{id: 'weg-pagina', title: 'Weg'}, {id: 'presentie', title: 'Presentie'}], title: '', date: ''}))"""
    )
    page.goto(site_url + "werkmap/")
    page.wait_for_selector(READY)
    assert (
        "Deze pagina bestaat niet (meer) in de kennisbank: ‘weg-pagina’." in page.locator(".wp-wm-notes").inner_text()
    )
    page.locator(".wp-wm-drop-missing").click()
    page.wait_for_selector(READY)
    assert page.locator(".wp-wm-notes").count() == 0
    assert [i["id"] for i in json.loads(page.evaluate("localStorage.getItem('wp-werkmap')"))["items"]] == ["presentie"]
    context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_a_shared_link_with_an_impossible_date_or_a_reversed_title_shows_neither(browser, site_url):
    """Security review 3, W1: datum=2024-13-45 showed as "45 undefined 2024" (I1); U+202E reversed the title (I6)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "werkmap/?ids=presentie&titel=%E2%80%AEgnirtS%20%3Cb%3Ex&datum=2024-13-45")
    page.wait_for_selector(READY)
    shown = page.locator("#wp-werkmap").inner_text()
    assert "undefined" not in shown and "\u202e" not in shown and "gnirtS <b>x" in shown
    checks = page.evaluate(
        "['2024-13-45', '2023-02-29', '2024-02-29', '2024-04-31', '2027-03-12', '0000-00-00', 'x']"
        ".map(d => window.wpWerkmap.validDate(d))"
    )
    assert checks == [False, False, True, False, True, False, False]
    context.close()
