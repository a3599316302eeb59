"""Knowledge base + graph → Markdown pages through Jinja2 templates: entries, overviews, workshop cards.

Pure: it returns {relative path: text} and touches no files, so tests can
render without a disk and the writer decides what actually changes.
Templates own the wording of pages; this module only prepares data, and the
small drawings (a place's locator map, an entry's neighbourhood) that the
templates place as raw HTML, with final relative URLs since MkDocs rewrites
only Markdown links.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markdown.extensions.toc import slugify

from . import contributors as credit
from . import drawings, types
from .body import has_citation, parse
from .citations import SOURCE_ANCHOR, split
from .citations import marker as citation_marker
from .config import CARDS_PAGE, FRAGMENT_DIR, GENERATED_SUBTREE, MAP_PAGE, OVERVIEW_DIR, entry_path, relative
from .graph import Graph
from .knowledge import KnowledgeBase, ValidEntry
from .model import BASIS_LABELS
from .search_terms import Synonyms, search_meta
from .text import front_matter, html_attribute, html_text, md_text, nl_date

if TYPE_CHECKING:
    from .citing import EntryExtras

TEMPLATES = Path(__file__).parent / "templates"
# The overviews after the types' own, in the navigation's order (each page's title names it there).
OVERVIEW_PAGES = ("themas.md", "tijdlijn.md", "kaart.md", "verbanden.md", "open-data.md", "bijdragers.md")


def overview_nav() -> list[str]:
    """The overview pages in navigation order, as paths below docs/ (mkdocs.yml marks where they go)."""
    own = [f"{t.folder}.md" for t in types.in_order()]
    return [f"{GENERATED_SUBTREE}/{OVERVIEW_DIR}/{page}" for page in (*own, *OVERVIEW_PAGES)]


def _heading(level: int, text: str) -> str:
    """A body heading as Markdown; one whose id would start with '_' (the theme's own, like __config) gets another."""
    line = "#" * level + " " + md_text(text)
    anchor = slugify(text, "-")
    if anchor.startswith("_"):
        line += " { #kop-" + (anchor.lstrip("_") or "zonder-naam") + " }"
    return line


def cited_text(numbers: dict[str, int]):
    """A front-matter text as Markdown: its words escaped once, its references as markers."""

    def cite(value: object) -> str:
        return "".join(
            md_text(piece) if isinstance(piece, str) else citation_marker(numbers, piece) for piece in split(str(value))
        )

    return cite


def uncited(value: object) -> str:
    """A front-matter text without its references, where no Bronnen list is near (a workshop card)."""
    text = parse(str(value)).substitute(citations=lambda found: "")
    return re.sub(r"\s+([.,;:!?])", r"\1", text).strip()


@dataclass(frozen=True)
class Ref:
    """What a template needs to link to an entry from anywhere."""

    id: str
    title: str
    type: str
    type_label: str
    summary: str
    path: str


@dataclass(frozen=True)
class RenderSettings:
    """What a build hands the renderer besides the knowledge base and its graph."""

    subtree: str = GENERATED_SUBTREE  # where the generated pages sit below docs/
    synonyms: Synonyms = field(default_factory=Synonyms)
    entry_extras: dict[str, EntryExtras] = field(default_factory=dict)  # citing.build: citations, QR codes, dates
    bytecode_cache: Path | None = None  # compiled templates, kept between runs


class Renderer:
    def __init__(self, kb: KnowledgeBase, graph: Graph, settings: RenderSettings | None = None):
        self.kb = kb
        self.graph = graph
        self.settings = settings or RenderSettings()
        bytecode = self.settings.bytecode_cache  # compiling the templates costs more than rendering a small site
        if bytecode:
            Path(bytecode).mkdir(parents=True, exist_ok=True)
        self.env = Environment(
            loader=FileSystemLoader(template_folders()),
            bytecode_cache=FileSystemBytecodeCache(str(bytecode)) if bytecode else None,
            auto_reload=False,  # one Renderer per run: no need to stat every template on every page
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            autoescape=False,  # output is Markdown; text is escaped with the md filter
        )
        self.env.filters["md"] = md_text
        self.env.filters["html"] = html_text
        self.env.filters["attr"] = html_attribute
        self.env.filters["nl_date"] = nl_date
        self.env.filters["uncited"] = uncited
        self.env.filters["spoken"] = types.spoken
        self.env.globals["front_matter"] = front_matter
        self.env.globals["contributor_anchor"] = credit.anchor
        self.refs = {
            e.id: Ref(e.id, e.model.title, e.type, types.get(e.type).singular, e.model.summary, entry_path(e.id))
            for e in kb.entries.values()
        }
        self.titles = {i: r.title for i, r in self.refs.items()}
        self.theme_labels = {k: t.label for k, t in kb.vocabulary.themes.items()}
        self.env.globals.update(place_map=self.place_map, neighbourhood=self.neighbourhood, page_url=relative)

    # -- helpers for templates and the other page makers (views.py) ------------------------------
    def linker(self, page: str):
        """Relative links from ``page``; all targets sit below the subtree root, so a prefix does."""
        here = posixpath.dirname(page)
        up = "../" * (here.count("/") + 1) if here else ""

        def href(target: str) -> str:
            path = self.refs[target].path if target in self.refs else target
            if here and path.startswith(here + "/"):
                return path[len(here) + 1 :]
            return up + path

        return href

    def _from_docs_root(self, target: str) -> str:
        """Links for fragments, which hand-written pages at the docs/ root include."""
        path = self.refs[target].path if target in self.refs else target
        return posixpath.join(self.settings.subtree, path)

    def refs_of(self, ids) -> list[Ref]:
        return [self.refs[i] for i in ids if i in self.refs]

    def grouped(self, ids) -> list[tuple[str, list[Ref]]]:
        """Ids grouped by type in a fixed order, each group sorted by title."""
        refs = self.refs_of(ids)
        return [
            (t.plural, sorted((r for r in refs if r.type == t.name), key=lambda r: r.title.lower()))
            for t in types.in_order()
            if any(r.type == t.name for r in refs)
        ]

    def place_map(self, entry_id: str) -> str:
        """A place's small locator map (raw HTML), linking to the Kaart page; '' without coordinates."""
        model = self.kb.entries[entry_id].model
        if getattr(model, "coordinates", None) is None:
            return ""
        svg = drawings.small_map(model.coordinates.lat, model.coordinates.lon, model.title)
        link = relative(f"{entry_id}.md", MAP_PAGE)
        return (
            f'<div class="wp-map-box wp-map-locator">{svg}<p><a href="{link}">Alle plaatsen op de kaart</a></p></div>'
        )

    def neighbourhood(self, entry_id: str) -> str:
        """An entry's neighbourhood in the link graph (raw HTML); '' for an entry without links."""
        svg = drawings.neighbourhood_svg(
            entry_id, self.graph, self.refs, lambda target: relative(f"{entry_id}.md", f"{target}.md")
        )
        return f'<div class="wp-hood-box">{svg}</div>' if svg else ""

    def _source_title(self, entry_id: str, key: str) -> str:
        """'Author, title' of the source an event of ``entry_id`` cites (validation made sure it exists)."""
        found = next(s for s in self.kb.sources_of(self.kb.entries[entry_id]) if s.key == key)
        return f"{found.shown_author}, {found.title}" if found.shown_author else found.title

    @staticmethod
    def _body(entry: ValidEntry) -> str:
        """The body as it goes on the page: headings as Markdown, everything else sanitised HTML.

        The body was rendered once when validating, with the site's own Markdown configuration, and
        sanitised (allowlist.Bodies), so the page never carries contributors' Markdown for MkDocs to
        interpret again; the headings go back as Markdown so MkDocs gives them ids and a place in the
        table of contents.
        """
        return "\n\n".join(text if level == 0 else _heading(level, text) for level, text in entry.pieces)

    # -- pages ----------------------------------------------------------------------
    def entry_page(self, entry: ValidEntry) -> str:
        page = entry_path(entry.id)
        href = self.linker(page)
        template = self.env.get_template(types.get(entry.type).template)
        sources = self.kb.sources_of(entry)
        source_numbers = {s.key: i for i, s in enumerate(sources, start=1) if s.key}
        return template.render(
            e=entry.model,
            page_meta={
                "title": entry.model.title,
                "description": entry.model.summary,
                "wp_id": entry.id,
                "wp_type": entry.type,
                "wp_source": entry.source_path,
                # Entries are not in the navigation, whose column would stay empty beside them: the article
                # takes that width on a wide screen (on a phone the menu is a drawer and stays as it is).
                "hide": ["navigation"],
                # Search index and explore facets (search_terms.py, overrides/partials/wp-search-data.html).
                "wp_search": search_meta(entry, self.titles, self.theme_labels, self.settings.synonyms),
            },
            type_label=types.get(entry.type).singular,
            basis=[BASIS_LABELS[b] for b in getattr(entry.model, "basis", [])],
            body=self._body(entry),
            sources=sources,
            source_numbers=source_numbers,
            source_anchor=SOURCE_ANCHOR,
            cite=cited_text(source_numbers),
            has_citation=has_citation,
            href=href,
            ref=self.refs,
            refs=self.refs_of,
            used_in=self.refs_of(self.graph.used_in(entry.id)),
            mentioned_in=self.grouped(self.graph.mentioned_in(entry.id)),
            themes=[self.kb.vocabulary.themes[t] for t in entry.model.themes],
            overview=OVERVIEW_DIR,
            extras=self.settings.entry_extras.get(entry.id),
        )

    def overview_pages(self) -> dict[str, str]:
        pages: dict[str, str] = {}
        counts = {t.name: len(self.kb.of_type(t.name)) for t in types.TYPES}
        common = dict(
            types=types.in_order(),
            counts=counts,
            themes=self.kb.vocabulary.themes,
            theme_members=self.graph.themes,
            overview=OVERVIEW_DIR,
        )

        page = "index.md"
        pages[page] = self.env.get_template("kennisbank.md.j2").render(href=self.linker(page), **common)

        for entry_type in types.in_order():
            page = f"{OVERVIEW_DIR}/{entry_type.folder}.md"
            entries = self.kb.of_type(entry_type.name)
            pages[page] = self.env.get_template("type_overview.md.j2").render(
                t=entry_type,
                entries=entries,
                href=self.linker(page),
                graph=self.graph,
                refs=self.refs_of,
                grouped=self.grouped,
                **common,
            )

        page = f"{OVERVIEW_DIR}/themas.md"
        pages[page] = self.env.get_template("themes.md.j2").render(href=self.linker(page), **common)
        for theme_id, theme in self.kb.vocabulary.themes.items():
            page = f"{OVERVIEW_DIR}/thema/{theme_id}.md"
            pages[page] = self.env.get_template("theme.md.j2").render(
                theme=theme,
                groups=self.grouped(self.graph.themes.get(theme_id, [])),
                href=self.linker(page),
                **common,
            )

        page = f"{OVERVIEW_DIR}/tijdlijn.md"
        years = self.graph.years
        ends = [m.end or m.start for moments in years.values() for m in moments]
        pages[page] = self.env.get_template("timeline.md.j2").render(
            years=years,
            first=min(years, default=0),
            last=max(ends, default=0),
            source=self._source_title,
            ref=self.refs,
            undated=self.refs_of(self.graph.undated),
            href=self.linker(page),
            **common,
        )

        page = f"{OVERVIEW_DIR}/bijdragers.md"
        pages[page] = self.env.get_template("contributors.md.j2").render(
            people=credit.contributors(self.kb),
            refs=self.refs_of,
            href=self.linker(page),
            **common,
        )

        # Fragments for hand-written pages (the home page includes them with snippets).
        latest = sorted(self._home("nieuwste"), key=lambda e: (e.model.reviewed, e.model.title), reverse=True)[:5]
        featured = sorted(
            self._home("uitgelicht"), key=lambda e: (-len(self.graph.used_in(e.id)), e.model.title.lower())
        )[:6]
        for name, items in (("nieuwste", latest), ("uitgelicht", featured)):
            page = f"{FRAGMENT_DIR}/{name}.md"
            pages[page] = self.env.get_template("fragment_list.md.j2").render(
                items=[self.refs[e.id] for e in items],
                href=self._from_docs_root,
                **common,
            )
        page = f"{FRAGMENT_DIR}/themas.md"
        pages[page] = self.env.get_template("fragment_themes.md.j2").render(href=self._from_docs_root, **common)
        return pages

    def _home(self, fragment: str) -> list[ValidEntry]:
        """The entries of the types a home page fragment lists."""
        return [e for t in types.TYPES if t.home == fragment for e in self.kb.of_type(t.name)]

    def cards_page(self) -> dict[str, str]:
        """Workshop cards: one printable card per method, on one page.

        Ordinary Markdown through the same templates, styled by docs/assets/print.css
        to one method per A5 sheet; downloads.py prints it to a single PDF after the site build.
        """
        extras = self.settings.entry_extras
        methods = [m for t in types.TYPES if t.cards for m in self.kb.of_type(t.name) if m.id in extras]
        text = self.env.get_template("cards.md.j2").render(
            methods=[(m.model, extras[m.id], self.kb.sources_of(m)) for m in methods],
            href=self.linker(CARDS_PAGE),
        )
        return {CARDS_PAGE: text}

    def all_pages(self) -> dict[str, str]:
        """Every entry page, the overviews and the workshop cards, keyed by path inside the subtree."""
        pages = self.overview_pages()
        pages.update(self.cards_page())
        for entry in self.kb.entries.values():
            pages[entry_path(entry.id)] = self.entry_page(entry)
        return pages


def template_folders() -> list[str]:
    """templates/, then the folder of any type that brings its own page template."""
    extra = [str(t.template_folder) for t in types.TYPES if t.template_folder is not None]
    return [str(TEMPLATES), *dict.fromkeys(extra)]


def render_all(kb: KnowledgeBase, graph: Graph, settings: RenderSettings | None = None) -> dict[str, str]:
    """Every page ``Renderer.all_pages`` makes."""
    return Renderer(kb, graph, settings).all_pages()
