"""The validated knowledge base: entries with their typed front matter and parsed body, and the vocabularies.

Data only, as Material keeps its ``structure/`` apart from its renderer: validation (validate.py) builds
these, and every later stage (graph, citations, pages, exports, the form) reads them without going back
to the module that checked them.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import types
from .body import Body, Wikilink
from .citations import marker
from .config import entry_path, relative
from .model import EntryBase, Source
from .text import md_text
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class ValidEntry:
    model: EntryBase
    body: Body  # parsed once, when validating (body.py)
    path: str
    pieces: tuple[tuple[int, str], ...] = ()  # the body rendered once and sanitised (allowlist.Bodies)

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def type(self) -> str:
        return self.model.type

    @property
    def text(self) -> str:
        """The body as the contributor wrote it."""
        return self.body.text

    @property
    def source_numbers(self) -> dict[str, int]:
        """The number of each keyed source in the page's Bronnen list: its place among the sources."""
        keys = [s if isinstance(s, str) else s.key for s in self.model.sources]
        return {key: i for i, key in enumerate(keys, start=1) if key}

    def sources_in(self, registry: dict[str, Source]) -> list[Source]:
        """The entry's sources, registry keys resolved; a key the registry lacks is left out (a rule reports it)."""
        return [
            s if isinstance(s, Source) else registry[s]
            for s in self.model.sources
            if isinstance(s, Source) or s in registry
        ]

    def page_markdown(self, titles: dict[str, str], labels: dict[str, str]) -> tuple[str, frozenset[str]]:
        """The body as its page renders it, and the links that puts in it.

        References become numbered markers (citations.marker, with ``labels``, what a screen reader hears of
        each source: citations.source_labels); wikilinks become links to the pages they
        name, as MkDocs would write them (relative, so the site works under any base path), with the
        page's title (``titles``) where the contributor gave no text. Only those links may point inside
        the site (allowlist.sanitise).
        """
        page, numbers, links = entry_path(self.id), self.source_numbers, set()

        def link(wikilink: Wikilink) -> str:
            href = relative(page, entry_path(wikilink.target))
            links.add(href)
            return f"[{wikilink.text or md_text(titles.get(wikilink.target, wikilink.target))}]({href})"

        text = self.body.substitute(wikilink=link, citations=lambda found: marker(numbers, found, labels))
        return text, frozenset(links)

    @property
    def source_path(self) -> str:
        """The file's path from the repository root, as edit links and exports show it.

        Built from the type's folder and the validated id (validation refuses any other path), so no
        folder name a contributor chose can reach a link.
        """
        return f"practices/{types.get(self.type).folder}/{self.id}.md"


@dataclass(frozen=True)
class KnowledgeBase:
    entries: dict[str, ValidEntry]
    vocabulary: Vocabulary

    def sources_of(self, entry: ValidEntry) -> list[Source]:
        """Registry keys resolved to full sources, in the entry's own order."""
        return entry.sources_in(self.vocabulary.sources)

    def of_type(self, kind: str) -> list[ValidEntry]:
        return sorted((e for e in self.entries.values() if e.type == kind), key=lambda e: e.model.title.lower())
