"""The overview pages of the knowledge base: its index, one page per type, the themes, the timeline, the
contributors, the workshop cards, and the fragments the hand-written home page includes.

Each is a page maker ``(site) -> {path: text}`` (pages.py), listed in makers.py.
"""

from __future__ import annotations

from . import contributors, types
from .config import CARDS_NAME, CARDS_PAGE, FRAGMENT_DIR, OVERVIEW_DIR, page_file
from .knowledge import ValidEntry
from .pages import Site, writes


@writes("index.md")
def index_page(site: Site) -> dict[str, str]:
    return {"index.md": site.render("kennisbank.md.j2", "index.md")}


@writes(OVERVIEW_DIR)
def type_overviews(site: Site) -> dict[str, str]:
    """One page per type (types.py), its entries by title: as a list, or each with what mentions it."""
    pages = {}
    for entry_type in types.in_order():
        page = page_file(f"{OVERVIEW_DIR}/{entry_type.folder}")
        pages[page] = site.render(
            "type_overview.md.j2",
            page,
            t=entry_type,
            entries=site.kb.of_type(entry_type.name),
            graph=site.graph,
            refs=site.refs_of,
            grouped=site.grouped,
        )
    return pages


@writes(OVERVIEW_DIR)
def theme_pages(site: Site) -> dict[str, str]:
    """The themes (a taxonomy, as Hugo's: one list page, and one page per term)."""
    page = page_file(f"{OVERVIEW_DIR}/themas")
    pages = {page: site.render("themes.md.j2", page)}
    for theme_id, theme in site.kb.vocabulary.themes.items():
        page = page_file(f"{OVERVIEW_DIR}/thema/{theme_id}")
        pages[page] = site.render(
            "theme.md.j2", page, theme=theme, groups=site.grouped(site.graph.themes.get(theme_id, []))
        )
    return pages


def _source_title(site: Site):
    def title(entry_id: str, key: str) -> str:
        """'Author, title' of the source an event of ``entry_id`` cites (validation made sure it exists)."""
        found = next(s for s in site.kb.sources_of(site.kb.entries[entry_id]) if s.key == key)
        return f"{found.shown_author}, {found.title}" if found.shown_author else found.title

    return title


@writes(OVERVIEW_DIR)
def timeline_page(site: Site) -> dict[str, str]:
    page, years = page_file(f"{OVERVIEW_DIR}/tijdlijn"), site.graph.years
    ends = [m.end or m.start for moments in years.values() for m in moments]
    text = site.render(
        "timeline.md.j2",
        page,
        years=years,
        first=min(years, default=0),
        last=max(ends, default=0),
        source=_source_title(site),
        ref=site.refs,
        undated=site.refs_of(site.graph.undated),
    )
    return {page: text}


@writes(OVERVIEW_DIR)
def contributors_page(site: Site) -> dict[str, str]:
    page = page_file(f"{OVERVIEW_DIR}/bijdragers")
    return {page: site.render("contributors.md.j2", page, people=contributors.contributors(site.kb), refs=site.refs_of)}


def _home(site: Site, fragment: str) -> list[ValidEntry]:
    """The entries of the types a home page fragment lists (types.py: home)."""
    return [e for t in types.TYPES if t.home == fragment for e in site.kb.of_type(t.name)]


@writes(FRAGMENT_DIR)
def fragments(site: Site) -> dict[str, str]:
    """Lists for hand-written pages: the home page includes them with snippets, so links start at docs/."""
    latest = sorted(_home(site, "nieuwste"), key=lambda e: (e.model.reviewed, e.model.title), reverse=True)[:5]
    used = site.graph.used_in
    featured = sorted(_home(site, "uitgelicht"), key=lambda e: (-len(used(e.id)), e.model.title.lower()))[:6]
    pages = {}
    for name, items in (("nieuwste", latest), ("uitgelicht", featured)):
        page = f"{FRAGMENT_DIR}/{name}.md"
        pages[page] = site.render(
            "fragment_list.md.j2", page, items=[site.refs[e.id] for e in items], href=site.from_docs_root
        )
    page = f"{FRAGMENT_DIR}/themas.md"
    pages[page] = site.render("fragment_themes.md.j2", page, href=site.from_docs_root)
    return pages


@writes(CARDS_NAME)
def cards_page(site: Site) -> dict[str, str]:
    """Workshop cards: one printable card per entry of a type with cards (methods), on one page.

    Ordinary Markdown through the same templates, styled by docs/assets/handout.css to one card per A5
    sheet; downloads.py prints it to a single PDF after the site build.
    """
    cards = [m for t in types.TYPES if t.cards for m in site.kb.of_type(t.name) if m.id in site.extras]
    methods = [(m.model, site.extras[m.id], site.kb.sources_of(m)) for m in cards]
    return {CARDS_PAGE: site.render("cards.md.j2", CARDS_PAGE, methods=methods)}
