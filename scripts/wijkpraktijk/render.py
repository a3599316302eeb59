"""Knowledge base + graph → Markdown pages through Jinja2 templates: entries, overviews, workshop cards.

Pure: it returns {relative path: text} and touches no files, so tests can
render without a disk and the writer decides what actually changes.
Templates own the wording of pages; this module only prepares data, and the
small drawings (a place's locator map, an entry's neighbourhood) that the
templates place as raw HTML, with final relative URLs since MkDocs rewrites
only Markdown links.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from markdown.extensions.toc import slugify

from . import body as body_rules
from . import contributors as credit
from . import drawings, references
from .allowlist import SR_CLASS, BodyRenderer
from .config import CARDS_PAGE, CHECKOUT, FRAGMENT_DIR, GENERATED_SUBTREE, OVERVIEW_DIR, relative
from .graph import Graph
from .model import BASIS_LABELS, TYPE_FOLDERS, TYPE_LABELS
from .search_terms import Synonyms, search_meta
from .validate import KnowledgeBase, ValidEntry

if TYPE_CHECKING:
    from .citing import EntryExtras

TEMPLATES = Path(__file__).parent / "templates"
MAP_PAGE = f"{OVERVIEW_DIR}/kaart.md"
TYPE_ORDER = ("practice", "method", "tension", "concept", "place", "organisation")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

# Characters Python-Markdown (with tables) lets a backslash escape. '<' is not among
# them, so it becomes an entity instead; '~' needs nothing without pymdownx.tilde.
_MD_SPECIAL = re.compile(r"([\\`*_\[\](){}#+!|>])")


def md_text(value: object) -> str:
    """Front-matter text is data, not Markdown: escape what Markdown or HTML would act on."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("\n", " ")


def html_text(value: object) -> str:
    """Text for an HTML element's content (as in a raw ``<pre><code>`` block): &, < and > escaped, once."""
    return html.escape(str(value), quote=False)


def html_attribute(value: object) -> str:
    """A value for a quoted HTML attribute (a URL from a field goes in ``href``, never into Markdown)."""
    return html.escape(str(value), quote=True)


# "Geraadpleegd op [datum]" in a page's APA text (citing.py): the reader's day, not the build's. On the page
# the mark is a span that docs/assets/citeren.js fills with the day the page is read, printed or copied.
ACCESSED_MARK = "[datum]"
_ACCESSED_HTML = f"Geraadpleegd op {html.escape(ACCESSED_MARK)}, van "


def reader_dated(escaped: str) -> str:
    """An HTML-escaped APA text with its access date as the span the page's script fills in (the last one only:
    a title may hold the same words)."""
    before, found, after = escaped.rpartition(_ACCESSED_HTML)
    if not found:
        return escaped
    return f'{before}Geraadpleegd op <span class="wp-accessed">{html.escape(ACCESSED_MARK)}</span>, van {after}'


def own_anchor(anchor: str) -> bool:
    """Is this an id the site writes itself? The theme's (__config), the scripts' (wp-…), a source (bron-3)…"""
    return anchor.startswith(OWN_ANCHOR_PREFIXES) or OWN_ANCHOR_RE.fullmatch(anchor) is not None


def _heading(level: int, text: str) -> str:
    """A body heading as Markdown; one whose id the site uses itself gets 'kop-…' instead.

    A heading '### Bron 1' took id="bron-1", where every [1] marker jumps and its tooltip looks (F9).
    """
    line = "#" * level + " " + md_text(text)
    anchor = slugify(text, "-")
    if own_anchor(anchor):
        line += " { #kop-" + (anchor.lstrip("_") or "zonder-naam") + " }"
    return line


def nl_date(value: object) -> str:
    """'2014-10' → 'oktober 2014'; a date → '23 november 2026'."""
    if isinstance(value, dt.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


HTML_META = ("title", "description")


def front_matter(data: dict) -> str:
    """MkDocs page meta, written as JSON values so no title can break out of it.

    Themes print ``title`` and ``description`` into HTML without escaping
    (Material's ``<meta content="{{ page.meta.description }}">``), so those
    are HTML-escaped here; the browser shows them as the contributor wrote them.
    JSON is valid YAML; with ASCII escapes (\\uXXXX) no line separator can sneak
    in, and it is much faster than a YAML dump, which counts on large sites.
    """
    lines = [
        f"{key}: "
        + json.dumps(
            html.escape(value, quote=True) if key in HTML_META and isinstance(value, str) else value,
            ensure_ascii=True,
            default=str,
        )
        + "\n"
        for key, value in data.items()
    ]
    return "---\n" + "".join(lines) + "---\n"


SOURCE_ANCHOR = "bron-{}"  # the id of a source in a page's Bronnen list; markers link to it
# Text inside a marker for screen readers only (docs/assets/toegankelijkheid.css); allowlist.SR_CLASS.
SR_OPEN, SR_CLOSE = f'<span class="{SR_CLASS}">', "</span>"
CITE_ANCHOR = "citeren"  # the heading of "Zo citeer je deze pagina" (templates/_cite.md.j2)
YEAR_ANCHOR = "jaar-{}"  # a year on the timeline (templates/timeline.md.j2); entries link to it
OWN_ANCHOR_PREFIXES = ("_", "wp-")  # the theme's ids (__config, __drawer), the site's scripts' (wp-graph, …)
OWN_ANCHOR_RE = re.compile(
    "|".join(re.escape(a).replace(r"\{\}", ".+") for a in (SOURCE_ANCHOR, CITE_ANCHOR, YEAR_ANCHOR))
)


def source_label(source) -> str:
    """How a screen reader names a source in a marker, as a reader cites it: 'Woltring (2014)', 'Broekman (z.d.)'."""
    parts = source.name_parts()
    if parts is not None:
        family, _given, particle = parts
        who = f"{particle} {family}".strip()
    else:
        who = source.author or source.title
    return f"{who} ({source.date[:4] if source.date else 'z.d.'})"


def citation_marker(numbers: dict[str, int], citations: list[references.Citation], labels: dict[str, str]) -> str:
    """Numbered markers as Markdown links to the page's Bronnen list.

    Material shows the linked list item as a tooltip (content.footnote.tooltips) because the links
    carry its footnote class, and ties it to the link (aria-describedby) while it shows; the keys were
    checked against the page's sources when validating. A screen reader hears the source too: "Bron 1:
    Woltring (2014)", where the eye sees "1", from visually hidden text inside the link (``labels``,
    ``source_label``), so the name holds what is shown. The space the writer put before ``[@key]`` stays,
    and search skips the marker: glued to the word before it, '2' would turn 'wijkteams' into the
    unsearchable 'wijkteams2'.
    """
    marks = []
    for c in citations:
        number = numbers[c.key]
        label = md_text(labels[c.key])
        if c.locator:
            text = f"{SR_OPEN}Bron {SR_CLOSE}{number}: {md_text(c.locator)}{SR_OPEN}, {label}{SR_CLOSE}"
        else:
            text = f"{SR_OPEN}Bron {SR_CLOSE}{number}{SR_OPEN}: {label}{SR_CLOSE}"
        marks.append(f'[{text}](#{SOURCE_ANCHOR.format(number)}){{ .footnote-ref data-pagefind-ignore="all" }}')
    return "".join(marks)


def cited_text(numbers: dict[str, int], labels: dict[str, str]):
    """A front-matter text as Markdown: its words escaped once, its references as markers."""

    def cite(value: object) -> str:
        return "".join(
            md_text(piece) if isinstance(piece, str) else citation_marker(numbers, piece, labels)
            for piece in references.split(str(value))
        )

    return cite


def uncited(value: object) -> str:
    """A front-matter text without its references, where no Bronnen list is near (a workshop card)."""
    text = references.replace(str(value), lambda citations: "")
    return re.sub(r"\s+([.,;:!?])", r"\1", text).strip()


def entry_path(entry_id: str) -> str:
    return f"{entry_id}.md"


@dataclass(frozen=True)
class Ref:
    """What a template needs to link to an entry from anywhere."""

    id: str
    title: str
    type: str
    type_label: str
    summary: str
    path: str


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept in this process only, by their source's checksum: ``make serve`` compiles each once.

    Never on disk: Jinja's file cache unpickles whatever file it finds, and a checkout's folders are a pull
    request's to fill (security review 3, F1). Compiling every template costs about 0.17 s per process.
    """

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self._code.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = (bucket.checksum, bucket.code)


COMPILED = _CompiledTemplates()


@dataclass(frozen=True)
class RenderSettings:
    """What a build hands the renderer besides the knowledge base and its graph."""

    subtree: str = GENERATED_SUBTREE  # where the generated pages sit below docs/
    synonyms: Synonyms = field(default_factory=Synonyms)
    entry_extras: dict[str, EntryExtras] = field(default_factory=dict)  # citing.build: citations, QR codes, dates
    bodies: BodyRenderer = field(default_factory=lambda: BodyRenderer(CHECKOUT / "mkdocs.yml"))  # sanitised HTML


class Renderer:
    def __init__(self, kb: KnowledgeBase, graph: Graph, settings: RenderSettings | None = None):
        self.kb = kb
        self.graph = graph
        self.settings = settings or RenderSettings()
        self.env = Environment(
            loader=FileSystemLoader(str(TEMPLATES)),
            bytecode_cache=COMPILED,  # compiling the templates costs more than rendering a small site
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
        self.env.filters["reader_dated"] = reader_dated
        self.env.globals["front_matter"] = front_matter
        self.env.globals["contributor_anchor"] = credit.anchor
        self.env.globals.update(cite_anchor=CITE_ANCHOR, year_anchor=YEAR_ANCHOR)  # the ids own_anchor() knows
        self.refs = {
            e.id: Ref(e.id, e.model.title, e.type, TYPE_LABELS[e.type][0], e.model.summary, entry_path(e.id))
            for e in kb.entries.values()
        }
        self.titles = {i: r.title for i, r in self.refs.items()}
        self._texts: dict[str, str] = {}  # each body's Markdown as all_pages prepared it
        self.theme_labels = {k: t.label for k, t in kb.vocabulary.themes.items()}
        self.group_labels = {k: g.label for k, g in kb.vocabulary.target_groups.items()}
        self.env.filters["group_label"] = lambda group: self.group_labels.get(group, group)
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
            (TYPE_LABELS[kind][1], sorted((r for r in refs if r.type == kind), key=lambda r: r.title.lower()))
            for kind in TYPE_ORDER
            if any(r.type == kind for r in refs)
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

    def _source_numbers(self, entry: ValidEntry) -> dict[str, int]:
        return {s.key: i for i, s in enumerate(self.kb.sources_of(entry), start=1) if s.key}

    def _source_labels(self, entry: ValidEntry) -> dict[str, str]:
        return {s.key: source_label(s) for s in self.kb.sources_of(entry) if s.key}

    def _body_text(self, entry: ValidEntry, numbers: dict[str, int]) -> str:
        """The body's Markdown with its references as markers and its wikilinks as final relative URLs."""
        page = entry_path(entry.id)

        def target(entry_id: str) -> tuple[str, str]:
            return relative(page, entry_path(entry_id)), md_text(self.refs[entry_id].title)

        labels = self._source_labels(entry)
        text = references.replace(entry.body, lambda citations: citation_marker(numbers, citations, labels))
        return body_rules.replace_wikilinks(text, target)

    def _body(self, entry: ValidEntry, numbers: dict[str, int]) -> str:
        """The body as it goes on the page: headings as Markdown, everything else sanitised HTML.

        The body is rendered here with the site's own Markdown configuration and sanitised
        (allowlist.BodyRenderer), so the page never carries contributors' Markdown for MkDocs to
        interpret again. Wikilinks become final relative URLs first, as MkDocs would write them.
        """
        text = self._texts.get(entry.id) or self._body_text(entry, numbers)
        pieces = self.settings.bodies.pieces(text)
        blocks = [text if level == 0 else _heading(level, text) for level, text in pieces]
        return "\n\n".join(blocks)

    # -- pages ----------------------------------------------------------------------
    def entry_page(self, entry: ValidEntry) -> str:
        page = entry_path(entry.id)
        href = self.linker(page)
        template = self.env.get_template(f"{entry.type}.md.j2")
        sources = self.kb.sources_of(entry)
        source_numbers = self._source_numbers(entry)
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
                "wp_search": search_meta(
                    entry, self.titles, self.theme_labels, self.settings.synonyms, entry.body, self.group_labels
                ),
            },
            type_label=TYPE_LABELS[entry.type][0],
            basis=[BASIS_LABELS[b] for b in getattr(entry.model, "basis", [])],
            body=self._body(entry, source_numbers),
            sources=sources,
            source_numbers=source_numbers,
            source_anchor=SOURCE_ANCHOR,
            cite=cited_text(source_numbers, self._source_labels(entry)),
            has_citation=references.has_citation,
            href=href,
            ref=self.refs,
            refs=self.refs_of,
            used_in=self.refs_of(self.graph.used_in(entry.id)) if entry.type == "method" else [],
            mentioned_in=self.grouped(self.graph.mentioned_in(entry.id)),
            themes=[self.kb.vocabulary.themes[t] for t in entry.model.themes],
            overview=OVERVIEW_DIR,
            extras=self.settings.entry_extras.get(entry.id),
        )

    def overview_pages(self) -> dict[str, str]:
        pages: dict[str, str] = {}
        counts = {kind: len(self.kb.of_type(kind)) for kind in TYPE_ORDER}
        common = dict(
            labels=TYPE_LABELS,
            folders=TYPE_FOLDERS,
            order=TYPE_ORDER,
            counts=counts,
            themes=self.kb.vocabulary.themes,
            theme_members=self.graph.themes,
            overview=OVERVIEW_DIR,
        )

        page = "index.md"
        pages[page] = self.env.get_template("kennisbank.md.j2").render(href=self.linker(page), **common)

        for kind in TYPE_ORDER:
            page = f"{OVERVIEW_DIR}/{TYPE_FOLDERS[kind]}.md"
            entries = self.kb.of_type(kind)
            pages[page] = self.env.get_template("type_overview.md.j2").render(
                kind=kind,
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
        practices = self.kb.of_type("practice")
        latest = sorted(practices, key=lambda e: (e.model.reviewed, e.model.title), reverse=True)[:5]
        methods = sorted(
            self.kb.of_type("method"), key=lambda e: (-len(self.graph.used_in(e.id)), e.model.title.lower())
        )[:6]
        for name, items in (("nieuwste", latest), ("uitgelicht", methods)):
            page = f"{FRAGMENT_DIR}/{name}.md"
            pages[page] = self.env.get_template("fragment_list.md.j2").render(
                items=[self.refs[e.id] for e in items],
                href=self._from_docs_root,
                **common,
            )
        page = f"{FRAGMENT_DIR}/themas.md"
        pages[page] = self.env.get_template("fragment_themes.md.j2").render(href=self._from_docs_root, **common)
        return pages

    def cards_page(self) -> dict[str, str]:
        """Workshop cards: one printable card per method, on one page.

        Ordinary Markdown through the same templates, styled by docs/assets/print.css
        to one method per A5 sheet; downloads.py prints it to a single PDF after the site build.
        """
        extras = self.settings.entry_extras
        methods = [m for m in self.kb.of_type("method") if m.id in extras]
        text = self.env.get_template("cards.md.j2").render(
            methods=[(m.model, extras[m.id], self.kb.sources_of(m)) for m in methods],
            href=self.linker(CARDS_PAGE),
        )
        return {CARDS_PAGE: text}

    def all_pages(self) -> dict[str, str]:
        """Every entry page, the overviews and the workshop cards, keyed by path inside the subtree."""
        pages = self.overview_pages()
        pages.update(self.cards_page())
        # Bodies the cache does not know yet: rendered in one batch, on every core (allowlist.BodyRenderer).
        self._texts = {e.id: self._body_text(e, self._source_numbers(e)) for e in self.kb.entries.values()}
        self.settings.bodies.prepare(list(self._texts.values()))
        for entry in self.kb.entries.values():
            pages[entry_path(entry.id)] = self.entry_page(entry)
        return pages


def render_all(kb: KnowledgeBase, graph: Graph, settings: RenderSettings | None = None) -> dict[str, str]:
    """Every page ``Renderer.all_pages`` makes."""
    return Renderer(kb, graph, settings).all_pages()
