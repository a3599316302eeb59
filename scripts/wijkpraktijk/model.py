"""Typed entry models: the one place that says what a valid front matter is.

Pydantic models serve validation, the exported JSON Schema and the rest of
the pipeline alike, so a field is described exactly once. Cross-entry rules
(ids exist, themes come from the vocabulary) live in ``rules.py``; these
models only check what a single file can tell on its own. A rule that fails
raises ``refused(...)``: pydantic's error then carries the Dutch message and
hint a contributor sees, right next to the rule (diagnostics.describe shows them).
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
from pydantic_core import PydanticCustomError


def refused(code: str, message: str, hint: str | None = None, **values: object) -> PydanticCustomError:
    """A validation error in Dutch. ``{name}`` in the message takes ``values``; ``{input}`` is the value as
    the contributor wrote it (filled in by diagnostics.describe); without a hint, the field's example shows."""
    return PydanticCustomError(code, message, {"hint": hint, **values})


ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_MAX = 80

EntryId = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=ID_MAX),
]
# Control characters: line breaks split a RIS record or a page's structure, ESC rewrites a terminal,
# and XML (the feed) cannot hold most of them at all. Single-line fields take none; long texts take \n.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# Embeddings, overrides and isolates reorder what is shown ('Zorg\u202emijder' reads backwards), in pages, exports
# and select lists alike; Dutch text never needs them (security review 3, I6).
BIDI_RE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def _reversing() -> PydanticCustomError:
    return refused(
        "bidi_control",
        "In deze tekst staat een teken dat de leesrichting omdraait (U+202A–U+202E of U+2066–U+2069).",
        "Typ de tekst opnieuw of plak hem als platte tekst; zo'n teken laat de tekst anders zien dan hij is.",
    )


def _single_line(value: str) -> str:
    if "\n" in value or _CONTROL_RE.search(value):
        raise refused(
            "single_line",
            "Dit veld is één regel tekst: er staat een regelovergang of een onzichtbaar stuurteken in.",
            "Zet de tekst op één regel en haal tekens weg die je niet ziet (vaak meegekopieerd uit een ander "
            "programma). Zet lange uitleg in de hoofdtekst.",
        )
    if BIDI_RE.search(value):
        raise _reversing()
    return value


def _no_control_characters(value: str) -> str:
    if _CONTROL_RE.search(value):
        raise refused(
            "control_character",
            "In deze tekst staat een onzichtbaar stuurteken.",
            "Typ de tekst opnieuw of plak hem als platte tekst; stuurtekens komen vaak mee uit een ander programma.",
        )
    if BIDI_RE.search(value):
        raise _reversing()
    return value


ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), AfterValidator(_single_line)
]
LongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
    AfterValidator(_no_control_characters),
]

_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _check_partial_date(value: str) -> str:
    """Sources are often dated by year or month only; accept those, reject the rest."""
    problem = refused(
        "partial_date",
        "Dit is geen geldige datum: {input}.",
        "Schrijf de datum als JJJJ, JJJJ-MM of JJJJ-MM-DD, bijvoorbeeld 2014-10.",
    )
    if not _DATE_RE.match(value):
        raise problem
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise problem from exc
    return value


def _date_to_text(value: object) -> object:
    """YAML reads 2019-07-23 as a date and 2014 as a number; a partial date is kept as text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


PartialDate = Annotated[str, BeforeValidator(_date_to_text), AfterValidator(_check_partial_date)]


# Also the pattern of the CMS form's URL fields (cms.py), so the form refuses what the check refuses.
HTTP_URL_PATTERN = r"^[hH][tT][tT][pP][sS]?://[^\s/$.?#][^\s<>\"'\[\]()\\`\x00-\x1f\x7f]*$"


def _check_http_url(value: str) -> str:
    """Only plain web links: a javascript: or data: URL in front matter would reach a page.

    Brackets, parentheses, quotes, backslashes, backticks, spaces and control characters are refused
    too (a real address writes them percent-encoded): they are what Markdown or HTML act on.
    """
    if not re.match(HTTP_URL_PATTERN, value, re.IGNORECASE):
        raise refused(
            "http_url",
            "Dit is geen geldig webadres: {input}.",
            "Alleen adressen die beginnen met https:// of http:// zijn toegestaan; schrijf spaties, haakjes en "
            "aanhalingstekens in het adres zoals de browser ze laat zien (%20, %28, %29, %22).",
        )
    return value


HttpUrl = Annotated[str, AfterValidator(_check_http_url)]


# Descriptions may name entry types as {place.words} or {place.folder}: the published schema (export.py)
# fills them in from types.py, so a renamed folder or label is renamed here too.


class Strict(BaseModel):
    """Unknown fields are errors: a typo like ``summery`` must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


UNKNOWN_AUTHORS = frozenset({"onbekend", "onbekende auteur", "anoniem", "unknown"})


Basis = Literal["plan", "ervaring", "pleidooi", "verslag", "evaluatie"]
BASIS_LABELS = {
    "plan": "Plan of verwachting",
    "ervaring": "Ervaring van betrokkenen",
    "pleidooi": "Pleidooi of mening",
    "verslag": "Verslag van een gebeurtenis",
    "evaluatie": "Gemeten resultaten",
}
_BASIS_FIELD = Field(
    min_length=1,
    description=(
        "Soort onderbouwing: plan (voornemen of verwachting), ervaring (wat betrokkenen zeggen dat er gebeurde), "
        "pleidooi (argument of mening), verslag (van een gebeurtenis), evaluatie (gemeten resultaten). Eén of meer."
    ),
)


def _unique(values: list) -> list:
    if len(set(values)) != len(values):
        raise refused("duplicate", "Een waarde staat twee keer in deze lijst.", "Haal de dubbele waarde weg.")
    return values


class Source(Strict):
    """A publication an entry draws on; ``key`` lets facts point at it."""

    key: EntryId | None = Field(
        default=None, description="Korte naam waarmee kerncijfers (facts.source) naar deze bron verwijzen."
    )
    author: ShortText | None = Field(
        default=None,
        description=(
            "Auteur als 'Achternaam, Voornaam' (tussenvoegsel achteraan: 'Velden, Kim van der'), zonder functie "
            "of organisatie; weglaten als de bron het niet zegt."
        ),
    )
    title: ShortText = Field(description="Titel van de bron.")
    publication: ShortText | None = Field(
        default=None,
        description=(
            "Het tijdschrift, de website of de uitgever waar het verscheen, met jaargang en nummer; "
            "weglaten als dat onbekend is."
        ),
    )
    kind: ShortText | None = Field(default=None, description="Soort bron: blog, column, artikel, nieuwsbericht.")
    date: PartialDate | None = Field(default=None, description="JJJJ, JJJJ-MM of JJJJ-MM-DD; leeg als onbekend.")
    date_note: ShortText | None = Field(
        default=None, description="Toelichting als de datum onbekend of bij benadering is."
    )
    url: HttpUrl | None = Field(default=None, description="Webadres van de bron (https://...).")
    basis: Annotated[list[Basis], AfterValidator(_unique)] = Field(
        default=[],
        description=(
            "Wat voor bron het is: plan, ervaring, pleidooi, verslag of evaluatie (zoals 'basis' van een pagina). "
            "make check vergelijkt het met de basis van de pagina's die de bron aanhalen."
        ),
    )

    @model_validator(mode="after")
    def _author_is_a_name(self) -> Source:
        """'onbekend' in the author field reads like a name on a page and in every export."""
        if self.author is not None and self.author.strip().lower() in UNKNOWN_AUTHORS:
            raise refused(
                "unknown_author",
                "Schrijf geen 'onbekend' als auteur: op de pagina en in de export leest dat als een naam.",
                "Laat het veld 'author' weg als de bron geen auteur noemt.",
            )
        return self

    def name_parts(self) -> tuple[str, str, str] | None:
        """('Velden', 'Kim', 'van der') from 'Velden, Kim van der'; None without an author or a comma.

        The particle is what trails the given names in lower case, so no list of Dutch particles is needed.
        """
        if not self.author or "," not in self.author:
            return None
        family, rest = (part.strip() for part in self.author.split(",", 1))
        words = rest.split()
        cut = len(words)
        while cut > 1 and words[cut - 1].islower():
            cut -= 1
        return family, " ".join(words[:cut]), " ".join(words[cut:])

    @property
    def shown_author(self) -> str | None:
        """The author as a reader writes the name: 'Kim van der Velden'."""
        parts = self.name_parts()
        if parts is None:
            return self.author
        family, given, particle = parts
        return " ".join(p for p in (given, particle, family) if p)


class Credit(Strict):
    name: ShortText = Field(description="Naam van de persoon.")
    role: Literal["tekst", "redactie", "review", "bronnenonderzoek"] = Field(
        default="tekst", description="Rol: tekst, redactie, review of bronnenonderzoek."
    )


BACKWARDS = "Het eindjaar ligt vóór het beginjaar."


class Period(Strict):
    start: int | None = Field(default=None, ge=1800, le=2100, description="Beginjaar.")
    end: int | None = Field(default=None, ge=1800, le=2100, description="Eindjaar (leeg als onbekend of nog bezig).")
    note: ShortText | None = Field(default=None, description="Toelichting bij de periode.")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise refused("period_order", BACKWARDS)
        return self


class Fact(Strict):
    """A key figure: shown as a table on the page, always traceable to a source."""

    label: ShortText = Field(description="Wat het cijfer meet.")
    value: ShortText = Field(description="Het cijfer, als tekst zoals de bron het geeft.")
    source: EntryId = Field(description="De 'key' van een bron uit bronnen.yml of uit 'sources' van dit bestand.")
    year: int | None = Field(default=None, ge=1800, le=2100, description="Jaar waarop het cijfer slaat.")


class Event(Strict):
    """A dated fact from the text (a start, a period, an election), so the timeline can show it in its year."""

    year: int = Field(ge=1800, le=2100, description="Jaar van de gebeurtenis, of het beginjaar van een periode.")
    end: int | None = Field(default=None, ge=1800, le=2100, description="Eindjaar, als het een periode is.")
    label: ShortText = Field(description="Wat er gebeurde, in een korte zin.")
    source: EntryId = Field(description="De 'key' van een bron uit bronnen.yml of uit 'sources' van dit bestand.")

    @model_validator(mode="after")
    def _ordered(self) -> Event:
        if self.end is not None and self.end < self.year:
            raise refused("period_order", BACKWARDS)
        return self


# European Netherlands (lon_min, lat_min, lon_max, lat_max): places are drawn
# on a map of it (drawings.py), so coordinates elsewhere are a typo.
NL_BOUNDS = (3.3, 50.7, 7.25, 53.7)


class Coordinates(Strict):
    lat: float = Field(ge=-90, le=90, description="Breedtegraad in graden, bijvoorbeeld 52.25.")
    lon: float = Field(ge=-180, le=180, description="Lengtegraad in graden, bijvoorbeeld 6.16.")

    @model_validator(mode="wrap")
    @classmethod
    def _in_netherlands(cls, data: object, handler) -> Coordinates:
        model = handler(data)
        lon_min, lat_min, lon_max, lat_max = NL_BOUNDS
        if not (lat_min <= model.lat <= lat_max and lon_min <= model.lon <= lon_max):
            got = f" (gekregen: lat {data.get('lat')}, lon {data.get('lon')})" if isinstance(data, dict) else ""
            raise refused(
                "nl_bounds",
                "Deze coördinaten liggen niet in Nederland{got}.",
                "Gebruik lat tussen 50.7 en 53.7 en lon tussen 3.3 en 7.25, zoals lat: 52.25, lon: 6.16 voor "
                "Deventer. Staan lat en lon misschien omgedraaid, of ontbreekt een decimaalpunt?",
                got=got,
            )
        return model


class Step(Strict):
    title: ShortText = Field(description="Korte naam van de stap.")
    text: LongText | None = Field(
        default=None, description="Uitleg bij de stap, met een verwijzing [@key] naar de bron."
    )
    editorial: bool = Field(
        default=False,
        description="true als de stap advies van de redactie is, niet uit een bron; anders een verwijzing [@key].",
    )


class Workshop(Strict):
    """For coaches who run the method with a group; unknown parts stay empty."""

    time: ShortText | None = Field(default=None, description="Benodigde tijd.")
    group_size: ShortText | None = Field(default=None, description="Geschikte groepsgrootte.")
    materials: list[ShortText] = Field(default=[], description="Benodigde materialen.")


SourceRef = EntryId | Source


class EntryBase(Strict):
    id: EntryId = Field(
        description=(
            "Vaste id van de pagina: kleine letters, cijfers en koppeltekens, gelijk aan de bestandsnaam. "
            "Bepaalt ook het vaste adres van de pagina."
        )
    )
    type: str  # each model narrows it to its own Literal; the schema's description comes from types.py
    title: ShortText = Field(description="Titel van de pagina.")
    summary: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=10, max_length=400), AfterValidator(_single_line)
    ] = Field(description="Eén of twee zinnen die zeggen waar de pagina over gaat (10 tot 400 tekens).")
    aliases: list[ShortText] = Field(default=[], description="Andere namen waaronder dit bekend is; helpen bij zoeken.")
    themes: list[EntryId] = Field(min_length=1, description="Thema's uit practices/themas.yml (minstens één).")
    sources: list[SourceRef] = Field(
        min_length=1, description="Bronnen: een key uit practices/bronnen.yml of een uitgeschreven bron (minstens één)."
    )
    credits: list[Credit] = Field(min_length=1, description="Wie aan de pagina werkte, met rol (minstens één).")
    reviewed: dt.date = Field(description="Datum waarop de inhoud het laatst is gecontroleerd (JJJJ-MM-DD).")
    status: Literal["concept", "gedeeltelijk", "compleet"] = Field(
        description="Hoe af de pagina is: concept, gedeeltelijk of compleet."
    )
    former_ids: list[EntryId] = Field(
        default=[],
        description=(
            "Ids die deze pagina eerder had; oude adressen blijven zo herkenbaar en worden nooit opnieuw uitgegeven."
        ),
    )
    related: list[EntryId] = Field(default=[], description="Ids van verwante pagina's van elk soort ('Zie ook').")
    concepts: list[EntryId] = Field(
        default=[], description="Ids van {concept.words} die op deze pagina een rol spelen."
    )
    events: list[Event] = Field(
        default=[],
        description=(
            "Gebeurtenissen met een jaartal uit de tekst (year, end, label, source); elk staat op de tijdlijn."
        ),
    )


class Practice(EntryBase):
    type: Literal["practice"]
    places: list[EntryId] = Field(
        default=[], description="Ids van {place.words} (practices/{place.folder}/) waar dit speelt."
    )
    period: Period | None = Field(
        default=None, description="Jaren waarin het speelde (start, end, note); bepaalt de plek op de tijdlijn."
    )
    organisations: list[EntryId] = Field(
        default=[], description="Ids van betrokken {organisation.words} (practices/{organisation.folder}/)."
    )
    methods: list[EntryId] = Field(
        default=[], description="Ids van {method.words} (practices/{method.folder}/) die het team gebruikte."
    )
    roles: list[ShortText] = Field(
        default=[], description="Beroepen of rollen die in het verhaal voorkomen, zoals wijkverpleegkundige."
    )
    target_groups: list[ShortText] = Field(
        default=[], description="Voor wie het bedoeld is: doelgroepen uit practices/doelgroepen.yml (nul of meer)."
    )
    facts: list[Fact] = Field(default=[], description="Kerncijfers, elk met een bron van deze pagina.")
    basis: Annotated[list[Basis], AfterValidator(_unique)] = _BASIS_FIELD

    @model_validator(mode="after")
    def _plan_is_not_complete(self) -> Practice:
        """A story that only tells what was planned cannot be complete: what happened is missing."""
        if self.status == "compleet" and set(self.basis) == {"plan"}:
            raise refused(
                "plan_complete",
                "Een praktijkverhaal dat alleen op een plan steunt (basis: [plan]) kan niet 'compleet' zijn.",
                "Zet status op 'gedeeltelijk', of vul basis aan als de bron ook zegt wat er gebeurde "
                "(ervaring, verslag of evaluatie).",
            )
        return self


Level = Literal["individu", "huishouden", "groep", "buurt", "organisatie"]


class Method(EntryBase):
    type: Literal["method"]
    basis: Annotated[list[Basis], AfterValidator(_unique)] = _BASIS_FIELD
    purpose: LongText = Field(description="Waartoe de methode dient.")
    target_groups: list[ShortText] = Field(
        default=[], description="Voor wie de methode is: doelgroepen uit practices/doelgroepen.yml (nul of meer)."
    )
    level: list[Level] = Field(
        min_length=1, description="Op welk niveau de methode werkt: individu, huishouden, groep, buurt of organisatie."
    )
    use_when: list[ShortText] = Field(default=[], description="Situaties waarin de methode past.")
    avoid_when: list[ShortText] = Field(default=[], description="Situaties waarin de methode niet past.")
    steps: list[Step] = Field(default=[], description="De stappen van de methode, in volgorde.")
    active_elements: list[ShortText] = Field(default=[], description="Werkzame elementen: wat de methode laat werken.")
    preconditions: list[ShortText] = Field(default=[], description="Wat nodig is voordat je begint.")
    pitfalls: list[ShortText] = Field(default=[], description="Valkuilen bij het toepassen.")
    origin: LongText | None = Field(default=None, description="Waar de methode vandaan komt.")
    workshop: Workshop | None = Field(
        default=None, description="Voor een werksessie met de methode: tijd, groepsgrootte, materialen."
    )
    recognition: ShortText | None = Field(default=None, description="Erkenning door Movisie/NJi, als die er is.")
    organisations: list[EntryId] = Field(
        default=[], description="Ids van {organisation.words} die de methode ontwikkelden of aanbieden."
    )
    places: list[EntryId] = Field(
        default=[], description="Ids van {place.words} waar de methode is ontwikkeld of veel gebruikt wordt."
    )


class Concept(EntryBase):
    type: Literal["concept"]
    period: Period | None = Field(
        default=None,
        description=(
            "Jaren waarin het begrip ontstond of speelde, zoals een wet of gebeurtenis; bepaalt de plek op de tijdlijn."
        ),
    )


class Place(EntryBase):
    type: Literal["place"]
    kind: Literal["gemeente", "stad", "dorp", "wijk", "buurt", "provincie"] = Field(
        description="Soort plaats: gemeente, stad, dorp, wijk, buurt of provincie."
    )
    municipality: ShortText = Field(description="Gemeente waar de plaats bij hoort.")
    province: ShortText = Field(description="Provincie.")
    part_of: EntryId | None = Field(default=None, description="Id van de plaats waar deze wijk of buurt onder valt.")
    coordinates: Coordinates | None = Field(
        default=None, description="Ligging (lat, lon) in Europees Nederland; zet de plaats op de kaart."
    )
    population: ShortText | None = Field(
        default=None, description="Aantal inwoners, met jaar of bron, zoals de bron het noemt."
    )


class Organisation(EntryBase):
    type: Literal["organisation"]
    kind: ShortText = Field(description="Soort organisatie, zoals welzijnsorganisatie of gemeente.")
    places: list[EntryId] = Field(default=[], description="Ids van {place.words} waar de organisatie werkt.")
    website: HttpUrl | None = Field(default=None, description="Website van de organisatie (https://...).")
    founded: int | None = Field(default=None, ge=1800, le=2100, description="Jaar van oprichting.")
    part_of: EntryId | None = Field(default=None, description="Id van de organisatie waar deze onder valt.")


class Position(Strict):
    """One side of a tension: what a source argues, and the pages it comes from."""

    title: ShortText = Field(description="Korte naam van het standpunt, met wie het inneemt.")
    summary: LongText = Field(description="Het standpunt in één tot drie zinnen, met een verwijzing [@key].")
    entries: list[EntryId] = Field(min_length=1, description="Ids van de pagina's waarop dit standpunt steunt.")


class Tension(EntryBase):
    """Where the sources disagree: positions side by side, and questions for a team."""

    type: Literal["tension"]
    positions: list[Position] = Field(min_length=2, description="De standpunten naast elkaar (minstens twee).")
    questions: list[ShortText] = Field(min_length=1, description="Vragen die een team kan bespreken (minstens één).")


# Link fields and the entry types they may point at (None: any type).
LINK_FIELDS: dict[str, tuple[str, ...] | None] = {
    "places": ("place",),
    "organisations": ("organisation",),
    "methods": ("method",),
    "concepts": ("concept",),
    "related": None,
    "part_of": None,
}


def link_targets(model: EntryBase) -> list[tuple[str, tuple, str, tuple[str, ...] | None]]:
    """(field, location, target id, allowed types) of every link in a front matter, nested ones included."""
    found: list[tuple[str, tuple, str, tuple[str, ...] | None]] = []
    for name, allowed in LINK_FIELDS.items():
        value = getattr(model, name, None)
        if isinstance(value, str):
            found.append((name, (name,), value, allowed))
        else:
            found.extend((name, (name, i), target, allowed) for i, target in enumerate(value or []))
    for i, position in enumerate(getattr(model, "positions", None) or []):
        found.extend(
            ("positions", ("positions", i, "entries", j), target, None) for j, target in enumerate(position.entries)
        )
    return found
