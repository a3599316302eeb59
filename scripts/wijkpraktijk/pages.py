"""What every page maker shares: one ``Site`` per run, and the declaration of a page maker.

As in Pelican, making pages has two phases. The context (``Site``) is built once: the validated knowledge
base, its graph, the settings read from mkdocs.yml, the citations and QR codes (citing.py), how to link to
any entry, and the template environment. Then each page maker, a function ``(site) -> {path: content}``,
returns its pages, and one writer collects them (write.Collector), refusing a path two makers want, or a
top-level name a maker did not declare. The makers are listed in makers.py; the names they declare are
exactly what ids may never be.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket

from . import contributors, drawings, types
from .body import uncited
from .citations import SOURCE_ANCHOR
from .citing import ACCESSED_MARK, EntryExtras
from .config import GENERATED_SUBTREE, MAP_PAGE, OVERVIEW_DIR, Paths, Settings, entry_path, page_file, relative
from .graph import Graph
from .knowledge import KnowledgeBase
from .search_terms import Synonyms
from .text import front_matter, html_attribute, html_text, md_text, nl_date
from .write import Collector

TEMPLATES = Path(__file__).parent / "templates"
ENTRY_PAGES = Collector.ENTRY_PAGES  # what the entry pages maker declares: one page per entry, at the top

# Ids the site writes on its pages itself, beside the ones MkDocs gives a body's headings (render._heading):
CITE_ANCHOR = "citeren"  # the heading of "Zo citeer je deze pagina" (templates/_cite.md.j2)
YEAR_ANCHOR = "jaar-{}"  # a year on the timeline (templates/timeline.md.j2); entries link to it
OWN_ANCHOR_PREFIXES = ("_", "wp-")  # the theme's ids (__config, __drawer), the site's scripts' (wp-graph, ...)
OWN_ANCHOR_RE = re.compile(
    "|".join(re.escape(a).replace(r"\{\}", ".+") for a in (SOURCE_ANCHOR, CITE_ANCHOR, YEAR_ANCHOR))
)


def own_anchor(anchor: str) -> bool:
    """Is this an id the site writes itself? The theme's (__config), the scripts' (wp-...), a source (bron-3)..."""
    return anchor.startswith(OWN_ANCHOR_PREFIXES) or OWN_ANCHOR_RE.fullmatch(anchor) is not None


@dataclass(frozen=True)
class Ref:
    """What a template needs to link to an entry from anywhere."""

    id: str
    title: str
    type: str
    type_label: str
    summary: str
    path: str


PageMaker = Callable[["Site"], dict[str, str | bytes]]


class Refs(dict):
    """Site.refs, which can remember the ids a page reads (``reading``): the dependencies of an entry page,
    so that make serve renders it again only when one of those refs changed (render.PageMemo).

    Looking over all of them (iterating, len) is recorded as depending on every entry (``ALL``).
    """

    ALL = "*"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.seen: set[str] | None = None

    def reading(self) -> set[str]:
        """Start recording; the set fills as the page reads, until the next ``reading``."""
        self.seen = set()
        return self.seen

    def _note(self, key) -> None:
        if self.seen is not None:
            self.seen.add(key)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def __contains__(self, key) -> bool:
        self._note(key)
        return super().__contains__(key)

    def _everything(self) -> None:
        self._note(self.ALL)

    def __iter__(self):
        self._everything()
        return super().__iter__()

    def __len__(self) -> int:
        self._everything()
        return super().__len__()

    def keys(self):
        self._everything()
        return super().keys()

    def values(self):
        self._everything()
        return super().values()

    def items(self):
        self._everything()
        return super().items()


class Titles(Mapping):
    """id → title, read through ``Refs`` (so a page's use of a title is one of its dependencies)."""

    def __init__(self, refs: Refs):
        self.refs = refs

    def __getitem__(self, key: str) -> str:
        return self.refs[key].title

    def __contains__(self, key) -> bool:
        return key in self.refs

    def __iter__(self):
        return iter(self.refs)

    def __len__(self) -> int:
        return len(self.refs)


def writes(*names: str) -> Callable[[PageMaker], PageMaker]:
    """Declares the top-level names under the subtree a page maker writes (``makers.reserved_ids``)."""

    def declare(maker: PageMaker) -> PageMaker:
        maker.writes = names
        return maker

    return declare


def template_folders() -> list[str]:
    """templates/, then the folder of any type that brings its own page template."""
    extra = [str(t.template_folder) for t in types.TYPES if t.template_folder is not None]
    return [str(TEMPLATES), *dict.fromkeys(extra)]


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept in this process only, by their source's checksum: ``make serve`` and the tests
    compile each template once, and an edited template is compiled again.

    Never on disk: Jinja's file cache unpickles whatever file it finds, and a checkout's folders are a pull
    request's to fill (security review 3, F1). Compiling every template costs about 0.2 s.
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
_ACCESSED_HTML = f"Geraadpleegd op {html.escape(ACCESSED_MARK)}, van "


def reader_dated(escaped: str) -> str:
    """An HTML-escaped APA text with its access date as the span docs/assets/citeren.js fills in with the
    reader's day (citing.ACCESSED_MARK; the last one only: a title may hold the same words)."""
    before, found, after = escaped.rpartition(_ACCESSED_HTML)
    if not found:
        return escaped
    return f'{before}Geraadpleegd op <span class="wp-accessed">{html.escape(ACCESSED_MARK)}</span>, van {after}'


def environment() -> Environment:
    """Jinja2 for Markdown pages: text is escaped by the filters (md, html, attr), never by guessing."""
    env = Environment(
        loader=FileSystemLoader(template_folders()),
        bytecode_cache=COMPILED,  # compiling the templates costs more than rendering a small site
        auto_reload=False,  # one environment per run: no need to stat every template on every page
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # output is Markdown; text is escaped with the md filter
    )
    env.filters.update(md=md_text, html=html_text, attr=html_attribute, nl_date=nl_date, spoken=types.spoken)
    env.filters.update(uncited=uncited, reader_dated=reader_dated)
    env.globals.update(front_matter=front_matter, contributor_anchor=contributors.anchor)
    env.globals.update(page_url=relative, page_file=page_file)
    env.globals.update(cite_anchor=CITE_ANCHOR, year_anchor=YEAR_ANCHOR)  # the ids own_anchor() knows
    return env


@dataclass
class Site:
    """The context every page maker reads; built once per run (``Site.of``)."""

    kb: KnowledgeBase
    graph: Graph
    paths: Paths
    synonyms: Synonyms = field(default_factory=Synonyms)
    extras: dict[str, EntryExtras] = field(default_factory=dict)  # citing.build: citations, QR codes, dates
    env: Environment = field(default_factory=environment)
    memo: object = None  # render.PageMemo: the previous run's entry pages (make serve); None renders all
    refs: Refs = field(init=False)
    counts: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.refs = Refs(
            (e.id, Ref(e.id, e.model.title, e.type, types.get(e.type).singular, e.model.summary, entry_path(e.id)))
            for e in self.kb.entries.values()
        )
        self.env.filters["group_label"] = lambda group: self.group_labels.get(group, group)
        # Once per run, not per page: counted per page it was quadratic (8 s of a preview at 1,000 entries).
        self.counts = {t.name: len(self.kb.of_type(t.name)) for t in types.TYPES}

    @property
    def settings(self) -> Settings:
        return self.paths.settings

    @property
    def group_labels(self) -> dict[str, str]:
        """Each target group's label (practices/doelgroepen.yml), by id: pages and Verkennen show labels."""
        return {k: g.label for k, g in self.kb.vocabulary.target_groups.items()}

    @property
    def titles(self) -> Titles:
        return Titles(self.refs)

    # -- links -----------------------------------------------------------------------------------
    def linker(self, page: str) -> Callable[[str], str]:
        """Relative links from ``page`` to an entry id or a path; all targets sit below the subtree root."""
        here = posixpath.dirname(page)
        up = "../" * (here.count("/") + 1) if here else ""

        def href(target: str) -> str:
            path = self.refs[target].path if target in self.refs else target
            if here and path.startswith(here + "/"):
                return path[len(here) + 1 :]
            return up + path

        return href

    def from_docs_root(self, target: str) -> str:
        """Links for fragments, which hand-written pages at the docs/ root include."""
        path = self.refs[target].path if target in self.refs else target
        return posixpath.join(GENERATED_SUBTREE, path)

    def refs_of(self, ids) -> list[Ref]:
        return [self.refs[i] for i in ids if i in self.refs]

    def grouped(self, ids) -> list[tuple[str, list[Ref]]]:
        """Ids grouped by type in the site's order, each group sorted by title."""
        refs = self.refs_of(ids)
        return [
            (t.plural, sorted((r for r in refs if r.type == t.name), key=lambda r: r.title.lower()))
            for t in types.in_order()
            if any(r.type == t.name for r in refs)
        ]

    # -- templates -------------------------------------------------------------------------------
    def render(self, template: str, page: str, **values) -> str:
        """``template`` for ``page``: its values, links relative to the page, and what every page may use."""
        context = {
            "href": self.linker(page),
            "types": types.in_order(),
            "counts": self.counts,
            "themes": self.kb.vocabulary.themes,
            "theme_members": self.graph.themes,
            "overview": OVERVIEW_DIR,
            "place_map": self.place_map,
            "neighbourhood": self.neighbourhood,
        }
        return self.env.get_template(template).render({**context, **values})

    def place_map(self, entry_id: str) -> str:
        """A place's small locator map (raw HTML), linking to the Kaart page; '' without coordinates."""
        model = self.kb.entries[entry_id].model
        if getattr(model, "coordinates", None) is None:
            return ""
        svg = drawings.small_map(model.coordinates.lat, model.coordinates.lon, model.title)
        link = relative(entry_path(entry_id), MAP_PAGE)
        words = types.get(model.type).words
        return self.env.get_template("place_map.html.j2").render(svg=svg, link=link, words=words)

    def neighbourhood(self, entry_id: str) -> str:
        """An entry's neighbourhood in the link graph (raw HTML); '' for an entry without links."""
        svg = drawings.neighbourhood_svg(
            entry_id, self.graph, self.refs, lambda target: relative(entry_path(entry_id), entry_path(target))
        )
        return f'<div class="wp-hood-box">{svg}</div>' if svg else ""
