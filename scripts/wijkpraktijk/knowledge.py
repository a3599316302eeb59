"""The validated knowledge base: entries with their typed front matter and parsed body, and the vocabularies.

Data only, as Material keeps its ``structure/`` apart from its renderer: validation (validate.py) builds
these, and every later stage (graph, citations, pages, exports, the form) reads them without going back
to the module that checked them.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import types
from .body import Body
from .model import EntryBase, Source
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class ValidEntry:
    model: EntryBase
    body: Body  # parsed once, when validating (body.py)
    path: str

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
        return [s if isinstance(s, Source) else self.vocabulary.sources[s] for s in entry.model.sources]

    def of_type(self, kind: str) -> list[ValidEntry]:
        return sorted((e for e in self.entries.values() if e.type == kind), key=lambda e: e.model.title.lower())
