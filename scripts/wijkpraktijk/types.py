"""The entry types: one frozen declaration per type, and the only place that names them.

Why: every fact about a type (its model, folder, labels, body headings, coverage rule, templates, place in
the graph, colour) used to live in its own table in its own module, and the tables drifted. As in Hugo,
where a section folder, an archetype and a layout of one name make a content type, a type here is one
``EntryType``; validation, rendering, the overviews, ``make new``, the command line, the form's config,
the navigation and ``graph.json`` all iterate ``TYPES``. A new type is a model in ``model.py``, one
declaration below, a page template in ``templates/`` and a commented template in
``practices/_sjablonen/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .model import Concept, EntryBase, Method, Organisation, Place, Practice, Tension


@dataclass(frozen=True)
class EntryType:
    name: str  # the `type` value in front matter, and the model's Literal
    model: type[EntryBase]
    folder: str  # practices/<folder>/, the overview page overzicht/<folder>.md, the form's collection
    singular: str
    plural: str
    order: int  # place in the navigation, the overviews and every list grouped by type
    sections: tuple[str, ...]  # the body's `## ` headings, in page order
    new_file: str  # the commented template in practices/_sjablonen/ that `make new` and the form start from
    graph_column: int  # Verbanden: 0 left (names to the left), 1 middle (names below), 2 right
    colour: str  # in the graph, the neighbourhood drawings and the timeline
    intro: str  # the first paragraph of the type's overview page
    optional: frozenset[str] = frozenset()  # sections a page may leave out
    full_coverage: bool = False  # every paragraph, list item, table and quote cites a source (else: one in the body)
    overview: Literal["list", "sections"] = "list"  # "sections": each entry with the pages that mention it
    dated: bool = False  # its years matter: shown on its overview, and listed on the timeline when unknown
    hub: bool = True  # on Verbanden's list, with the pages that mention it
    facet: int | None = None  # its position among the facets on Verkennen (its titles filter search results)
    search_tier: int = 0  # equal search matches rank lower tiers last (places, organisations: 1; search_index.py)
    home: Literal["nieuwste", "uitgelicht"] | None = None  # the home page fragment that lists it
    cards: bool = False  # one workshop card per entry (werkkaarten)
    aliases: tuple[str, ...] = ()  # more words `make new TYPE=...` accepts (besides name, label and folder)
    template: str = ""  # the page template (default: <name>.md.j2 in templates/)
    template_folder: Path | None = field(default=None, compare=False)  # where that template is, if not templates/

    def __post_init__(self) -> None:
        declared = self.model.model_fields["type"].annotation
        if getattr(declared, "__args__", None) != (self.name,):
            raise TypeError(f"{self.model.__name__}.type must be Literal[{self.name!r}]")
        if not self.template:
            object.__setattr__(self, "template", f"{self.name}.md.j2")

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(s for s in self.sections if s not in self.optional)

    @property
    def optional_sections(self) -> tuple[str, ...]:
        return tuple(s for s in self.sections if s in self.optional)

    @property
    def label(self) -> str:
        """The singular in running text: 'methode'."""
        return self.singular.lower()

    @property
    def words(self) -> str:
        """The plural in running text: 'methoden'."""
        return self.plural.lower()


# Declaration order is that of the schema, the form's collections and messages that list the types;
# `order` is that of the site.
TYPES: tuple[EntryType, ...] = (
    EntryType(
        name="practice",
        model=Practice,
        folder="praktijken",
        singular="Praktijkverhaal",
        plural="Praktijkverhalen",
        order=0,
        sections=("Aanleiding", "Aanpak", "Wat het opleverde", "Wat moeilijk was", "Lessen"),
        optional=frozenset({"Wat moeilijk was"}),
        full_coverage=True,
        new_file="praktijkverhaal.md",
        graph_column=1,
        colour="#00897b",
        intro=(
            "Verhalen uit de praktijk van sociale (wijk)teams: wat de aanleiding was, hoe ze het aanpakten, "
            "wat het opleverde en wat anderen ervan kunnen leren."
        ),
        dated=True,
        hub=False,
        home="nieuwste",
        aliases=("praktijk",),
    ),
    EntryType(
        name="method",
        model=Method,
        folder="methoden",
        singular="Methode",
        plural="Methoden",
        order=1,
        sections=("Achtergrond", "Zo werkt het", "In de praktijk", "Kanttekeningen"),
        optional=frozenset({"Zo werkt het", "In de praktijk", "Kanttekeningen"}),
        full_coverage=True,
        new_file="methode.md",
        graph_column=0,
        colour="#ef6c00",
        intro=(
            "Werkwijzen die teams gebruiken, met doel, stappen, werkzame elementen en de praktijkverhalen "
            "waarin ze voorkomen."
        ),
        facet=3,
        home="uitgelicht",
        cards=True,
    ),
    EntryType(
        name="concept",
        model=Concept,
        folder="begrippen",
        singular="Begrip",
        plural="Begrippen",
        order=3,
        sections=("Betekenis", "Achtergrond", "In de praktijk"),
        optional=frozenset({"Achtergrond", "In de praktijk"}),
        new_file="begrip.md",
        graph_column=2,
        colour="#5e35b1",
        intro=(
            "De woorden die je tegenkomt in het sociaal domein, kort uitgelegd. Dit is de woordenlijst van "
            "Wijkpraktijk."
        ),
    ),
    EntryType(
        name="place",
        model=Place,
        folder="plaatsen",
        singular="Plaats",
        plural="Plaatsen",
        order=4,
        sections=("Over deze plaats", "Wijken", "In de praktijk"),
        optional=frozenset({"Over deze plaats", "Wijken", "In de praktijk"}),
        new_file="plaats.md",
        graph_column=2,
        colour="#1e88e5",
        intro="Gemeenten en wijken waar de verhalen zich afspelen.",
        overview="sections",
        facet=1,
        search_tier=1,
    ),
    EntryType(
        name="organisation",
        model=Organisation,
        folder="organisaties",
        singular="Organisatie",
        plural="Organisaties",
        order=5,
        sections=("Over deze organisatie", "In de praktijk"),
        optional=frozenset({"Over deze organisatie", "In de praktijk"}),
        new_file="organisatie.md",
        graph_column=0,
        colour="#6d4c41",
        intro="Organisaties die in de verhalen een rol spelen.",
        overview="sections",
        facet=2,
        search_tier=1,
    ),
    EntryType(
        name="tension",
        model=Tension,
        folder="spanningsvelden",
        singular="Spanningsveld",
        plural="Spanningsvelden",
        order=2,
        sections=("Waar het schuurt",),
        full_coverage=True,
        new_file="spanningsveld.md",
        graph_column=1,
        colour="#c2185b",
        intro=(
            "Waar de bronnen het oneens zijn: de standpunten naast elkaar, elk met zijn bron, en vragen die "
            "een team kan bespreken."
        ),
    ),
)


# -- looking types up; every caller goes through these, so a test can add a type to TYPES ----------------


def get(name: str) -> EntryType:
    return next(t for t in TYPES if t.name == name)


def known(name: object) -> bool:
    return any(t.name == name for t in TYPES)


def names() -> list[str]:
    """Every type's name in declaration order."""
    return [t.name for t in TYPES]


def in_order() -> list[EntryType]:
    """The types in the site's order (navigation, overviews, groups)."""
    return sorted(TYPES, key=lambda t: t.order)


def columns() -> list[list[EntryType]]:
    """Verbanden's columns, left to right, each in the site's order."""
    count = max((t.graph_column for t in TYPES), default=-1) + 1
    return [[t for t in in_order() if t.graph_column == c] for c in range(count)]


def facets() -> list[EntryType]:
    return sorted((t for t in TYPES if t.facet is not None), key=lambda t: t.facet)


def models() -> tuple[type[EntryBase], ...]:
    return tuple(t.model for t in TYPES)


def spoken(values: list[str], last: str = "of") -> str:
    """'a, b of c': a list of type words in a Dutch sentence."""
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + f" {last} " + values[-1]
