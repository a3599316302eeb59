"""The link graph: forward links, backlinks and taxonomy terms.

Kept apart from rendering so overview pages, entry pages, exports and tests
all read one resolved structure instead of re-deriving links from fields.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from . import types
from .knowledge import KnowledgeBase
from .model import link_targets

BODY_LINK = "tekst"  # the 'via' of a [[wikilink]] in the body text


@dataclass(frozen=True, order=True)
class Link:
    source: str
    target: str
    via: str  # the front-matter field, or BODY_LINK


@dataclass(frozen=True)
class Moment:
    """One dated item on the timeline: an entry's own period or founding year, or an event from its front matter.

    An event that several entries hold with the same years and words (a restructuring of two neighbourhoods,
    told on both their pages) is one moment with all of them in ``entries``.
    """

    start: int
    end: int | None  # later than start for a range
    entries: tuple[str, ...]
    kind: str  # "period", "founded" or "event"
    label: str | None = None  # the event's words; None: the entry itself
    note: str | None = None  # the period's note
    source: str | None = None  # the event's source key


@dataclass
class Graph:
    forward: dict[str, list[Link]] = field(default_factory=dict)
    backward: dict[str, list[Link]] = field(default_factory=dict)
    themes: dict[str, list[str]] = field(default_factory=dict)
    years: dict[int, list[Moment]] = field(default_factory=dict)  # the timeline: only years that hold something
    undated: list[str] = field(default_factory=list)  # entries of a dated type (stories) whose own years are unknown

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
        for name, _, target, _ in link_targets(entry.model):
            links.append(Link(entry_id, target, name))
        for wikilink in entry.body.wikilinks:
            if wikilink.target in kb.entries and wikilink.target != entry_id:
                links.append(Link(entry_id, wikilink.target, BODY_LINK))
        unique = list(dict.fromkeys(links))
        forward[entry_id] = unique
        for link in unique:
            backward[link.target].append(link)

    themes: dict[str, list[str]] = {theme: [] for theme in kb.vocabulary.themes}
    undated: list[str] = []
    for entry in sorted(kb.entries.values(), key=lambda e: e.model.title.lower()):
        for theme in entry.model.themes:
            themes.setdefault(theme, []).append(entry.id)
        period = getattr(entry.model, "period", None)
        if types.get(entry.type).dated and not (period and (period.start or period.end)):
            undated.append(entry.id)
    return Graph(forward, dict(backward), themes, timeline(kb), undated)


def timeline(kb: KnowledgeBase) -> dict[int, list[Moment]]:
    """Every year an entry holds, by the year it starts: periods, founding years and events."""
    moments: list[Moment] = []
    events: dict[tuple, list[str]] = {}
    for entry in sorted(kb.entries.values(), key=lambda e: e.model.title.lower()):
        model = entry.model
        period = getattr(model, "period", None)
        if period is not None and (period.start or period.end):
            start = period.start or period.end
            moments.append(Moment(start, period.end, (entry.id,), "period", note=period.note))
        founded = getattr(model, "founded", None)
        if founded:
            moments.append(Moment(founded, None, (entry.id,), "founded"))
        for event in model.events:
            events.setdefault((event.year, event.end, event.label, event.source), []).append(entry.id)
    for (start, end, label, source), ids in events.items():
        moments.append(Moment(start, end, tuple(ids), "event", label=label, source=source))
    years: dict[int, list[Moment]] = defaultdict(list)
    for moment in sorted(moments, key=lambda m: (m.start, -(m.end or m.start), m.kind != "event")):
        years[moment.start].append(moment)
    return dict(sorted(years.items()))
