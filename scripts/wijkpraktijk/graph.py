"""The link graph: forward links, backlinks and taxonomy terms.

Kept apart from rendering so overview pages, entry pages, exports and tests
all read one resolved structure instead of re-deriving links from fields.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from . import body as body_rules
from .model import reference_targets
from .validate import KnowledgeBase

BODY_LINK = "tekst"  # the 'via' of a [[wikilink]] in the body text


@dataclass(frozen=True, order=True)
class Link:
    source: str
    target: str
    via: str  # the front-matter field, or BODY_LINK


@dataclass
class Graph:
    forward: dict[str, list[Link]] = field(default_factory=dict)
    backward: dict[str, list[Link]] = field(default_factory=dict)
    themes: dict[str, list[str]] = field(default_factory=dict)
    years: dict[int, list[str]] = field(default_factory=dict)
    undated: list[str] = field(default_factory=list)

    def targets(self, entry_id: str) -> list[str]:
        """Distinct ids this entry links to, in first-mention order."""
        return list(dict.fromkeys(link.target for link in self.forward.get(entry_id, [])))

    def mentioned_in(self, entry_id: str) -> list[str]:
        """Distinct ids that link here: the 'Genoemd in' list."""
        return list(dict.fromkeys(link.source for link in self.backward.get(entry_id, [])))

    def used_in(self, method_id: str) -> list[str]:
        """Practices that list this method in their ``methods`` field: 'Gebruikt in'."""
        return [link.source for link in self.backward.get(method_id, []) if link.via == "methods"]


def build_graph(kb: KnowledgeBase) -> Graph:
    forward: dict[str, list[Link]] = {}
    backward: dict[str, list[Link]] = defaultdict(list)
    for entry_id, entry in sorted(kb.entries.items()):
        links: list[Link] = []
        for name, _, target, _ in reference_targets(entry.model):
            links.append(Link(entry_id, target, name))
        for wikilink in body_rules.wikilinks(entry.body):
            if wikilink.target in kb.entries and wikilink.target != entry_id:
                links.append(Link(entry_id, wikilink.target, BODY_LINK))
        unique = list(dict.fromkeys(links))
        forward[entry_id] = unique
        for link in unique:
            backward[link.target].append(link)

    themes: dict[str, list[str]] = {theme: [] for theme in kb.vocabulary.themes}
    years: dict[int, list[str]] = defaultdict(list)
    undated: list[str] = []
    for entry in sorted(kb.entries.values(), key=lambda e: e.model.title.lower()):
        for theme in entry.model.themes:
            themes.setdefault(theme, []).append(entry.id)
        period = getattr(entry.model, "period", None)
        if period is not None and (period.start or period.end):
            years[period.start or period.end].append(entry.id)
        elif entry.type == "practice":
            undated.append(entry.id)
    return Graph(forward, dict(backward), themes, dict(sorted(years.items())), undated)
