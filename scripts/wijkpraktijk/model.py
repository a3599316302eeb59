"""Typed entry models: the one place that says what a valid front matter is.

Pydantic models serve validation, the exported JSON Schema and the rest of
the pipeline alike, so a field is described exactly once. Cross-entry rules
(ids exist, themes come from the vocabulary) live in ``validate.py``; these
models only check what a single file can tell on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_MAX = 80

EntryId = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=ID_MAX),
]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]

_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _check_partial_date(value: str) -> str:
    """Sources are often dated by year or month only; accept those, reject the rest."""
    if not _DATE_RE.match(value):
        raise ValueError("partial_date")
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise ValueError("partial_date") from exc
    return value


def _date_to_text(value: object) -> object:
    """YAML reads 2019-07-23 as a date and 2014 as a number; a partial date is kept as text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


PartialDate = Annotated[str, BeforeValidator(_date_to_text), AfterValidator(_check_partial_date)]


def _check_http_url(value: str) -> str:
    """Only web links: a javascript: or data: URL in front matter would reach a page."""
    if not re.match(r"^https?://[^\s/$.?#][^\s<>\"']*$", value, re.IGNORECASE):
        raise ValueError("http_url")
    return value


HttpUrl = Annotated[str, AfterValidator(_check_http_url)]


class Strict(BaseModel):
    """Unknown fields are errors: a typo like ``summery`` must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(Strict):
    """A publication an entry draws on; ``key`` lets facts point at it."""

    key: EntryId | None = None
    author: ShortText = Field(description="Auteur, of 'onbekend' als de bron het niet zegt.")
    title: ShortText
    publication: ShortText = Field(description="Waar het verscheen: blog, tijdschrift met jaargang en nummer, nieuwsbericht.")
    kind: ShortText | None = Field(default=None, description="Soort bron: blog, column, artikel, nieuwsbericht.")
    date: PartialDate | None = Field(default=None, description="JJJJ, JJJJ-MM of JJJJ-MM-DD; leeg als onbekend.")
    date_note: ShortText | None = Field(default=None, description="Toelichting als de datum onbekend of bij benadering is.")
    url: HttpUrl | None = None


class Credit(Strict):
    name: ShortText
    role: Literal["tekst", "redactie", "review", "bronnenonderzoek"] = "tekst"


class Period(Strict):
    start: int | None = Field(default=None, ge=1800, le=2100)
    end: int | None = Field(default=None, ge=1800, le=2100)
    note: ShortText | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError("period_order")
        return self


class Fact(Strict):
    """A key figure: shown as a table on the page, always traceable to a source."""

    label: ShortText
    value: ShortText
    source: EntryId = Field(description="De 'key' van een bron uit bronnen.yml of uit 'sources' van dit bestand.")
    year: int | None = Field(default=None, ge=1800, le=2100)


class Coordinates(Strict):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Step(Strict):
    title: ShortText
    text: LongText | None = None


class Workshop(Strict):
    """For coaches who run the method with a group; unknown parts stay empty."""

    time: ShortText | None = None
    group_size: ShortText | None = None
    materials: list[ShortText] = []


SourceRef = EntryId | Source


class EntryBase(Strict):
    id: EntryId
    type: str
    title: ShortText
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=400)]
    aliases: list[ShortText] = []
    themes: list[EntryId] = Field(min_length=1)
    sources: list[SourceRef] = Field(min_length=1)
    credits: list[Credit] = Field(min_length=1)
    reviewed: dt.date
    status: Literal["concept", "gedeeltelijk", "compleet"]
    former_ids: list[EntryId] = []
    related: list[EntryId] = []
    concepts: list[EntryId] = []


class Practice(EntryBase):
    type: Literal["practice"]
    places: list[EntryId] = []
    period: Period | None = None
    organisations: list[EntryId] = []
    methods: list[EntryId] = []
    roles: list[ShortText] = []
    target_groups: list[ShortText] = []
    facts: list[Fact] = []


Level = Literal["individu", "huishouden", "groep", "buurt", "organisatie"]


class Method(EntryBase):
    type: Literal["method"]
    purpose: LongText
    target_groups: list[ShortText] = []
    level: list[Level] = Field(min_length=1)
    use_when: list[ShortText] = []
    avoid_when: list[ShortText] = []
    steps: list[Step] = []
    active_elements: list[ShortText] = []
    preconditions: list[ShortText] = []
    pitfalls: list[ShortText] = []
    origin: LongText | None = None
    workshop: Workshop | None = None
    recognition: ShortText | None = Field(default=None, description="Erkenning door Movisie/NJi, als die er is.")
    organisations: list[EntryId] = []
    places: list[EntryId] = []


class Concept(EntryBase):
    type: Literal["concept"]
    period: Period | None = None


class Place(EntryBase):
    type: Literal["place"]
    kind: Literal["gemeente", "stad", "dorp", "wijk", "buurt", "provincie"]
    municipality: ShortText
    province: ShortText
    part_of: EntryId | None = None
    coordinates: Coordinates | None = None
    population: ShortText | None = None


class Organisation(EntryBase):
    type: Literal["organisation"]
    kind: ShortText
    places: list[EntryId] = []
    website: HttpUrl | None = None
    founded: int | None = Field(default=None, ge=1800, le=2100)
    part_of: EntryId | None = None


ENTRY_MODELS: dict[str, type[EntryBase]] = {
    "practice": Practice,
    "method": Method,
    "concept": Concept,
    "place": Place,
    "organisation": Organisation,
}

Entry = Practice | Method | Concept | Place | Organisation

# Contributor-facing names: folder in practices/, Dutch label, plural for overviews.
TYPE_FOLDERS = {
    "practice": "praktijken",
    "method": "methoden",
    "concept": "begrippen",
    "place": "plaatsen",
    "organisation": "organisaties",
}
TYPE_LABELS = {
    "practice": ("Praktijkverhaal", "Praktijkverhalen"),
    "method": ("Methode", "Methoden"),
    "concept": ("Begrip", "Begrippen"),
    "place": ("Plaats", "Plaatsen"),
    "organisation": ("Organisatie", "Organisaties"),
}

# Fixed body headings per type: (required, optional). "Bronnen" is always
# generated from front matter, so it may not appear in a body.
BODY_SECTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "practice": (("Aanleiding", "Aanpak", "Wat het opleverde", "Lessen"), ()),
    "method": (("Achtergrond",), ("Zo werkt het", "In de praktijk", "Kanttekeningen")),
    "concept": (("Betekenis",), ("Achtergrond", "In de praktijk")),
    "place": ((), ("Over deze plaats", "Wijken", "In de praktijk")),
    "organisation": ((), ("Over deze organisatie", "In de praktijk")),
}

# Reference fields and the entry types they may point at (None: any type).
REFERENCE_FIELDS: dict[str, tuple[str, ...] | None] = {
    "places": ("place",),
    "organisations": ("organisation",),
    "methods": ("method",),
    "concepts": ("concept",),
    "related": None,
    "part_of": None,
}
