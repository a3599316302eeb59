"""Entry pages: each entry through its type's template, with its body as rendered when validating.

Pure: page makers return {relative path: text} and touch no files, so tests can render without a disk
and the writer decides what actually changes. Templates own the wording of pages; this module only
prepares data: the body (sanitised HTML, headings back as Markdown), references as numbered markers that
link to the page's Bronnen list, and the page meta the theme and search read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown.extensions.toc import slugify

from . import types
from .body import has_citation
from .citations import SOURCE_ANCHOR, source_labels, split
from .citations import marker as citation_marker
from .config import entry_path
from .knowledge import ValidEntry
from .model import BASIS_LABELS
from .pages import ENTRY_PAGES, Ref, Refs, Site, own_anchor, writes
from .search_terms import search_meta
from .text import md_text


def _heading(level: int, text: str) -> str:
    """A body heading as Markdown; one whose id the site uses itself gets 'kop-...' instead.

    A heading '### Bron 1' took id="bron-1", where every [1] marker jumps and its tooltip looks (F9).
    """
    line = "#" * level + " " + md_text(text)
    anchor = slugify(text, "-")
    if own_anchor(anchor):
        line += " { #kop-" + (anchor.lstrip("_") or "zonder-naam") + " }"
    return line


def cited_text(numbers: dict[str, int], labels: dict[str, str]):
    """A front-matter text as Markdown: its words escaped once, its references as markers (``labels``: what a
    screen reader hears of each source, citations.source_labels)."""

    def cite(value: object) -> str:
        return "".join(
            md_text(piece) if isinstance(piece, str) else citation_marker(numbers, piece, labels)
            for piece in split(str(value))
        )

    return cite


def body_markdown(entry: ValidEntry) -> str:
    """The body as it goes on the page: headings as Markdown, everything else sanitised HTML.

    The body was rendered once when validating, with the site's own Markdown configuration, and sanitised
    (allowlist.Bodies), so the page never carries contributors' Markdown for MkDocs to interpret again; the
    headings go back as Markdown so MkDocs gives them ids and a place in the table of contents.
    """
    return "\n\n".join(text if level == 0 else _heading(level, text) for level, text in entry.pieces)


def page_meta(site: Site, entry: ValidEntry) -> dict:
    return {
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
            entry,
            site.titles,
            {k: t.label for k, t in site.kb.vocabulary.themes.items()},
            site.synonyms,
            site.group_labels,
        ),
    }


def entry_page(site: Site, entry: ValidEntry) -> str:
    numbers = entry.source_numbers
    sources = site.kb.sources_of(entry)
    return site.render(
        types.get(entry.type).template,
        entry_path(entry.id),
        e=entry.model,
        page_meta=page_meta(site, entry),
        type_label=types.get(entry.type).singular,
        basis=[BASIS_LABELS[b] for b in getattr(entry.model, "basis", [])],
        body=body_markdown(entry),
        sources=sources,
        source_numbers=numbers,
        source_anchor=SOURCE_ANCHOR,
        cite=cited_text(numbers, source_labels(sources)),
        has_citation=has_citation,
        ref=site.refs,
        refs=site.refs_of,
        used_in=site.refs_of(site.graph.used_in(entry.id)),
        mentioned_in=site.grouped(site.graph.mentioned_in(entry.id)),
        themes=[site.kb.vocabulary.themes[t] for t in entry.model.themes],
        extras=site.extras.get(entry.id),
    )


def _own_inputs(site: Site, entry: ValidEntry) -> tuple:
    """What an entry page reads besides other entries' refs: the entry itself (front matter, body and its
    rendered pieces), its citations and dates, its links both ways, its sources."""
    return (
        entry,
        site.extras.get(entry.id),
        site.graph.forward.get(entry.id),
        site.graph.backward.get(entry.id),
        site.kb.sources_of(entry),
    )


def _shared_inputs(site: Site) -> tuple:
    """What every entry page may read: which entries exist (the counts), the vocabularies, the synonyms,
    the themes' members, the settings. When one of these changes, every page is rendered."""
    return (
        {i: e.type for i, e in site.kb.entries.items()},
        site.kb.vocabulary,
        site.synonyms,
        site.graph.themes,
        site.settings,
    )


@dataclass
class PageMemo:
    """The previous run's entry pages with what each one read, for make serve.

    A page is rendered again only when its own inputs changed, or one of the refs (title, summary, type)
    it read while rendering (pages.Refs records them), or anything every page shares. So after an edit of
    one entry's title, exactly the pages that show it are rendered again; the others are taken from here.
    """

    shared: tuple | None = None
    pages: dict[str, tuple[tuple, dict[str, Ref | None], str]] = field(default_factory=dict)
    rendered: int = 0  # entry pages rendered in the last run (the rest came from the memo)

    def fresh(self, site: Site, entry_id: str, own: tuple) -> str | None:
        """The remembered page, if nothing it read has changed since."""
        found = self.pages.get(entry_id)
        if found is None or found[0] != own:
            return None
        refs = dict.get  # not Refs.get: checking must not count as reading
        if any(key == Refs.ALL or refs(site.refs, key) != ref for key, ref in found[1].items()):
            return None
        return found[2]


def _entry_page_remembered(site: Site, memo: PageMemo, entry: ValidEntry) -> str:
    own = _own_inputs(site, entry)
    page = memo.fresh(site, entry.id, own)
    if page is None:
        seen = site.refs.reading()
        page = entry_page(site, entry)
        site.refs.seen = None
        memo.pages[entry.id] = (own, {key: dict.get(site.refs, key) for key in seen}, page)
        memo.rendered += 1
    return page


@writes(ENTRY_PAGES)
def entry_pages(site: Site) -> dict[str, str]:
    """One page per entry, at kennisbank/<id>/index.md: its URL is /kennisbank/<id>/.

    With a ``site.memo`` (make serve), pages whose inputs did not change are taken from the previous run.
    """
    memo = site.memo
    if memo is None:
        return {entry_path(entry.id): entry_page(site, entry) for entry in site.kb.entries.values()}
    shared = _shared_inputs(site)
    if memo.shared != shared:
        memo.shared, memo.pages = shared, {}
    memo.rendered = 0
    pages = {entry_path(entry.id): _entry_page_remembered(site, memo, entry) for entry in site.kb.entries.values()}
    for gone in set(memo.pages) - set(site.kb.entries):
        del memo.pages[gone]
    return pages
