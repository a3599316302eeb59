"""Text from a template left in a page: the explanations of practices/_sjablonen/ that `make new` copies and
the form starts with ("Verplichte kop. Vertel in je eigen woorden …", "Vervang deze zin door …").

Such a page passes every other rule, because the templates are written to (ux review 3: an unedited `make new`
passed `make check`). So the templates themselves say what to refuse: every sentence of a template's body and
every text value of its front matter (of two words or more: 'concept' or a theme id is a real choice) is a
placeholder, and a page whose text repeats one, with its references left out and its spacing and case ignored,
is refused. Nothing here names a sentence: a template edited tomorrow is refused the day after.

The rule itself is ``rules.no_template_text``; what the templates say (``Placeholders``) is read once per run
by ``new.placeholders`` and handed to the rules in their ``Context``. The form at /admin/ runs the same rule
before saving (docs/assets/cms/wijkpraktijk-rules.js, with the sentences from ``form_data``);
tests/fixtures/body_rules.yml holds examples both implementations must agree on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from .body import Body, parse
from .diagnostics import Diagnostic
from .read import RawEntry

BODY_MESSAGE = "Hier staat nog uitleg uit het sjabloon."
BODY_HINT = (
    "Vervang de uitleg uit het sjabloon (zoals ‘Verplichte kop.’ en ‘Mag weg.’) door je eigen tekst, "
    "of haal het stuk weg."
)
FIELD_MESSAGE = "Hier staat nog de voorbeeldtekst uit het sjabloon."
FIELD_HINT = "Schrijf hier je eigen tekst, of haal het voorbeeld weg."
# Front-matter keys whose values are choices or names of other things, never prose a template suggests.
NOT_PROSE = frozenset({"id", "type", "themes", "sources", "status", "basis", "level", "role", "former_ids", "key"})
_GROUP_RE = re.compile(r"\[@[^\[\]\n]*\]")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+")


def normalise(text: str) -> str:
    """A text as it is compared: without references, Markdown emphasis or admonition syntax; spacing and case folded."""
    text = unicodedata.normalize("NFC", _GROUP_RE.sub("", text))
    text = re.sub(r"[*_`>]", "", text)
    return re.sub(r" ([.,;:!?])", r"\1", " ".join(text.split())).casefold()


def sentences(text: str) -> list[str]:
    """The sentences of a block of text, normalised; pieces of one word are no evidence."""
    found = [normalise(s) for s in _SENTENCE_END_RE.split(normalise(text))]
    return [s for s in found if len(s.split()) >= 2]


def _leaves(data: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, text) of every string in the front matter that is prose, not a choice or an id."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_PROSE:
                yield from _leaves(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _leaves(value, (*path, i))
    elif isinstance(data, str) and len(data.split()) >= 2:
        yield path, data


@dataclass(frozen=True)
class Placeholders:
    """What the templates say: their bodies' sentences and their front matters' texts, normalised. All templates
    together: a method that starts from the practice template's text has template text in it too."""

    body: frozenset[str] = field(default_factory=frozenset)
    fields: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, templates: list[RawEntry]) -> Placeholders:
        """From the templates as read (new.read_templates reads them; one that cannot be read adds nothing)."""
        body: set[str] = set()
        values: set[str] = set()
        for raw in templates:
            body |= {s for block in parse(raw.body).blocks for s in sentences(block.text)}
            values |= {normalise(text) for _, text in _leaves(raw.data)}
        return cls(frozenset(body), frozenset(values))

    def form_data(self) -> dict[str, list[str]]:
        """What the form needs to apply the same rule: the placeholders, sorted."""
        return {"body": sorted(self.body), "fields": sorted(self.fields)}


def found(raw: RawEntry, body: Body, known: Placeholders) -> Iterator[Diagnostic]:
    """Every front-matter text and every block of the body that repeats a template (one finding each)."""
    if not known.body and not known.fields:
        return
    for loc, text in _leaves(raw.data):
        if normalise(text) in known.fields:
            yield raw.problem(loc, FIELD_MESSAGE, FIELD_HINT)
    for block in body.blocks:
        if any(s in known.body for s in sentences(block.text)):
            yield raw.in_body(block.line, BODY_MESSAGE, BODY_HINT)
