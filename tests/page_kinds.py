"""One table of every kind of page the site has, for the browser quality gates.

The accessibility, privacy and layout gates all run over ``PAGE_KINDS``. When
a feature adds a new kind of page (a map, a graph, an explore page), add one
row here and every gate covers it. Rows marked ``optional`` are only checked
when the page exists in the built site, so this table can name pages that
other branches are still building; a required row whose page is missing fails.

Entry pages are not fixed paths: one entry of each type is picked from the
knowledge base that was built (a preferred id when it exists, otherwise the
first id of that type), so the gates keep working on the test fixtures and on
the real content alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wijkpraktijk.config import Paths
from wijkpraktijk.pipeline import load


@dataclass(frozen=True)
class PageKind:
    name: str
    # URL path below the site root; "{practice}" etc. stand for an entry of that type.
    path: str
    optional: bool = False
    # "print" checks the page as it prints (CSS @media print), i.e. the print view.
    media: str = "screen"
    # A search query typed into the header search box once the page is open.
    search: str | None = None
    # A page that builds itself with script: wait for this selector before checking it.
    ready: str | None = None


# The werkmap page (docs/assets/werkmap-pagina.js) has drawn its list and its printed handout.
WERKMAP_READY = "#wp-werkmap[data-state=ready][data-print=ready]"

PAGE_KINDS: tuple[PageKind, ...] = (
    PageKind("home", ""),
    PageKind("kennisbank", "kennisbank/"),
    PageKind("praktijkverhaal", "{practice}"),
    PageKind("methode", "{method}"),
    PageKind("begrip", "{concept}"),
    PageKind("plaats", "{place}"),
    PageKind("organisatie", "{organisation}"),
    PageKind("spanningsveld", "{tension}"),
    PageKind("overzicht-praktijken", "kennisbank/overzicht/praktijken/"),
    PageKind("overzicht-methoden", "kennisbank/overzicht/methoden/"),
    PageKind("overzicht-begrippen", "kennisbank/overzicht/begrippen/"),
    PageKind("overzicht-plaatsen", "kennisbank/overzicht/plaatsen/"),
    PageKind("overzicht-organisaties", "kennisbank/overzicht/organisaties/"),
    PageKind("overzicht-spanningsvelden", "kennisbank/overzicht/spanningsvelden/"),
    PageKind("overzicht-themas", "kennisbank/overzicht/themas/"),
    PageKind("thema", "{theme}"),
    PageKind("tijdlijn", "kennisbank/overzicht/tijdlijn/"),
    PageKind("kaart", "kennisbank/overzicht/kaart/"),
    PageKind("verbanden", "kennisbank/overzicht/verbanden/"),
    PageKind("open-data", "kennisbank/overzicht/open-data/"),
    PageKind("werkkaarten", "kennisbank/werkkaarten/"),
    PageKind("bijdragers", "kennisbank/overzicht/bijdragers/"),
    PageKind("verkennen", "verkennen/"),
    PageKind("over", "over/"),
    PageKind("meedoen", "meedoen/"),
    PageKind("niet-gevonden", "404.html"),
    PageKind("zoekresultaten", "{practice}", search="wijkteam"),
    PageKind("afdrukken-praktijk", "{practice}", media="print"),
    PageKind("afdrukken-methode", "{method}", media="print"),
    # The werkmap with a practice and a method in it (from the address, as a shared link opens it).
    PageKind("werkmap", "{werkmap}", ready=WERKMAP_READY),
    PageKind("werkmap-leeg", "werkmap/", ready=WERKMAP_READY),
    PageKind("afdrukken-werkmap", "{werkmap}", media="print", ready=WERKMAP_READY),
    # A page that is not built (yet) is skipped when optional; a new feature can list its
    # page here before it lands, e.g. PageKind("zoeken", "zoeken/", optional=True).
)

# Preferred examples: long, realistic pages from the real content.
PREFERRED = {"practice": "wijkteam-nijlan-huizum", "method": "presentie"}


def examples(paths: Paths) -> dict[str, str]:
    """'{practice}' → URL path of one entry of that type; '{theme}' → one theme page."""
    kb = load(paths).kb
    assert kb is not None, "the knowledge base does not validate"
    found: dict[str, str] = {}
    for kind in ("practice", "method", "concept", "place", "organisation", "tension"):
        ids = sorted(e.id for e in kb.of_type(kind))
        if ids:
            chosen = PREFERRED[kind] if PREFERRED.get(kind) in ids else ids[0]
            found["{" + kind + "}"] = f"kennisbank/{chosen}/"
    if "{practice}" in found and "{method}" in found:
        ids = [found["{" + kind + "}"].split("/")[1] for kind in ("practice", "method")]
        found["{werkmap}"] = "werkmap/?ids=" + ",".join(ids)
    themes = sorted({t for e in kb.entries.values() for t in getattr(e.model, "themes", None) or ()})
    if themes:
        found["{theme}"] = f"kennisbank/overzicht/thema/{themes[0]}/"
    return found


def resolve(kind: PageKind, paths: Paths, found: dict[str, str]) -> str | None:
    """The URL path of ``kind`` in the built site, or None when an optional page is absent."""
    path = found.get(kind.path, kind.path)
    if path.startswith("{"):
        assert kind.optional, f"{kind.name}: the knowledge base has no page for {kind.path}"
        return None
    target = paths.site / path.split("?")[0].split("#")[0]
    if not (target / "index.html").is_file() and not target.is_file():
        assert kind.optional, f"{kind.name}: {path} is missing from the built site"
        return None
    return path


def resolved(paths: Paths) -> dict[str, tuple[PageKind, str | None]]:
    found = examples(paths)
    return {kind.name: (kind, resolve(kind, paths, found)) for kind in PAGE_KINDS}


def names() -> list[str]:
    return [kind.name for kind in PAGE_KINDS]


def artifact_dir(*parts: str) -> Path:
    """test-artifacts/… (git-ignored), created on demand."""
    path = Path(__file__).resolve().parent.parent.joinpath("test-artifacts", *parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


# The header search: Pagefind's dialog (docs/assets/wp-search.js), or Material's own search in
# a variant that turns it back on. "/" opens either, on every screen width.
SEARCH_INPUT = ".wp-search__input, .md-search__input"
SEARCH_RESULT = ".wp-search__result, .md-search-result__item"
# Present once the search can take keys (wp-search.js binds them after finding the index).
SEARCH_READY = ".wp-search-button, .md-search__input"


def visit(page, site_url: str, kind: PageKind, path: str):
    """Open ``path`` as ``kind`` asks (print media, a typed search) and return the response."""
    page.emulate_media(media=kind.media)
    response = page.goto(site_url + path, wait_until="load")
    assert response is not None and response.ok, f"{kind.name}: {path} → {response and response.status}"
    if kind.search:
        page.locator(SEARCH_READY).first.wait_for(state="attached", timeout=10_000)
        page.keyboard.press("/")
        page.locator(SEARCH_INPUT).locator("visible=true").first.fill(kind.search)
        page.locator(SEARCH_RESULT).first.wait_for(state="visible", timeout=15_000)
    if kind.ready:
        page.locator(kind.ready).wait_for(state="attached", timeout=15_000)
    return response
