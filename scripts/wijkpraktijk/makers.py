"""The page makers, in order, and what follows from them: the reserved ids and the overviews' navigation.

Adding a kind of page is adding a maker to PAGES (as Pelican lists its generators). Each maker declares the
top-level names it writes under the subtree (pages.writes); the writer refuses any other, so those names are
exactly the ids no entry may take: an entry 'data' would be the open-data folder's address.
"""

from __future__ import annotations

from . import citing, meedoen, overviews, redirects, render, search_terms, types, views
from .config import CITE_FOLDER, GENERATED_SUBTREE, OVERVIEW_DIR, QR_FOLDER, WERKMAP_FOLDER, entry_path, page_file
from .pages import ENTRY_PAGES, Site, writes
from .write import Collector


@writes(CITE_FOLDER, QR_FOLDER, WERKMAP_FOLDER)
def citation_files(site: Site) -> dict[str, str | bytes]:
    """Reference-manager files and QR codes per entry, and the werkmap's record (citing.py)."""
    return citing.files(site.extras)


@writes(search_terms.SEARCH_HELP_FILE)
def search_help(site: Site) -> dict[str, str]:
    """What the search dialog offers when nothing matches: the themes with pages, the national databanks."""
    return search_terms.search_help(site.kb.vocabulary.themes, site.graph.themes)


PAGES = (
    render.entry_pages,
    overviews.index_page,
    overviews.type_overviews,
    overviews.theme_pages,
    overviews.timeline_page,
    overviews.contributors_page,
    overviews.fragments,
    overviews.cards_page,
    views.map_page,
    views.connections_pages,
    views.open_data_pages,
    views.type_styles,
    views.werkmap_files,
    citation_files,
    search_help,
    meedoen.routes,
    redirects.redirect_pages,
)
# The overviews after the types' own, in the navigation's order (each page's title names it there).
NAV_AFTER_TYPES = ("themas", "tijdlijn", "kaart", "verbanden", "open-data", "bijdragers")


def reserved_ids() -> frozenset[str]:
    """Every top-level name a page maker writes under the subtree ('data', 'overzicht', 'index', ...)."""
    dynamic = (ENTRY_PAGES, redirects.FORMER_PAGES)
    names = {name.removesuffix(".md") for maker in PAGES for name in maker.writes if name not in dynamic}
    return frozenset(name for name in names if "." not in name)  # not 'zoekhulp.json': no id has a dot


def collect(site: Site) -> dict[str, str | bytes]:
    """Every page of the subtree, each made by one maker, under a name that maker declared."""
    entries = {entry_path(entry_id) for entry_id in site.kb.entries}
    collector = Collector(entries=entries, former=set(redirects.pages_of(site)))
    for maker in PAGES:
        collector.add(maker.__name__, maker.writes, maker(site))
    return collector.pages


def overview_nav() -> list[str]:
    """The overview pages in navigation order, as paths below docs/ (mkdocs.yml marks where they go)."""
    own = [t.folder for t in types.in_order()]
    return [f"{GENERATED_SUBTREE}/{page_file(f'{OVERVIEW_DIR}/{name}')}" for name in (*own, *NAV_AFTER_TYPES)]
