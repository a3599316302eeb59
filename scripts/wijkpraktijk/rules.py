"""What validation checks beyond the models: a list of small rules, each ``(entry, raw, ctx) -> diagnostics``.

Why a list: each rule says one thing a contributor can get wrong, with its Dutch message next to it, and
adding one is adding an item. Single-file rules (``FILE_RULES``) need only the entry itself; the rest
(``RULES``) see the whole collection through ``Context``: which ids exist, the themes and the source
registry. Rules read the parsed body (body.py) and report through ``raw.problem`` / ``raw.in_body``,
which fill in the file, the line and the field.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import html
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import PurePosixPath

from . import leaks, types
from .allowlist import MAX_TABLE_CELLS, MAX_TABLE_COLUMNS
from .body import EDITORS_TITLE, Body, has_citation, parse
from .citations import GROUP_RE as CITATION_RE
from .citations import Citation, Unreadable
from .diagnostics import Diagnostic
from .knowledge import ValidEntry
from .leftovers import Placeholders
from .leftovers import found as template_text
from .model import BASIS_LABELS, Source, link_targets
from .read import RawEntry
from .vocabulary import Vocabulary

EDITORS_BLOCK_EXAMPLE = '!!! tip "Advies van de redactie"'
SYNTAX_HINT = (
    'Schrijf [@key], [@key1; @key2] of [@key, "vindplaats"]; een key bestaat uit kleine letters, '
    "cijfers en koppeltekens, zoals [@woltring-leeuwarden]."
)


# 'Bedoelde je' compares a name with every id or key: only for the first few unknown names of a file, so
# thousands of them stay quick; a hint lists at most SHOWN_CHOICES known themes or keys.
SUGGESTIONS_PER_FILE = 10
SHOWN_CHOICES = 40


def _suggest(value: str, choices) -> str:
    close = difflib.get_close_matches(value, list(choices), n=3, cutoff=0.6)
    return f"Bedoelde je: {', '.join(close)}?" if close else ""


def listed(choices) -> str:
    """The first SHOWN_CHOICES, sorted, and how many more there are."""
    names = sorted(choices)
    more = f" (en nog {len(names) - SHOWN_CHOICES})" if len(names) > SHOWN_CHOICES else ""
    return ", ".join(names[:SHOWN_CHOICES]) + more


@dataclass(frozen=True)
class Context:
    """What the cross-file rules know of the collection."""

    entries: dict[str, ValidEntry]  # the valid entries by id (empty for the single-file rules)
    known: frozenset[str]  # every id a file claims, also files with errors of their own
    vocabulary: Vocabulary
    reserved: frozenset[str] = frozenset()  # what the generator writes beside the entries (makers.reserved_ids)
    placeholders: Placeholders = dataclass_field(default_factory=Placeholders)  # the templates' text (leftovers.py)
    _suggested: Counter = dataclass_field(default_factory=Counter, compare=False, repr=False)  # per file

    def suggest(self, entry: ValidEntry, value: str, choices: Callable[[], object]) -> str:
        """'Bedoelde je: ...?' for the first SUGGESTIONS_PER_FILE unknown names of the entry's file, '' after."""
        if self._suggested[entry.path] >= SUGGESTIONS_PER_FILE:
            return ""
        self._suggested[entry.path] += 1
        return _suggest(value, choices())

    @functools.cached_property
    def themes_listed(self) -> str:
        return listed(self.vocabulary.themes)

    @functools.cached_property
    def sources_listed(self) -> str:
        return listed(self.vocabulary.sources)


Rule = Callable[[ValidEntry, RawEntry, Context], Iterator[Diagnostic]]


def _keys(entry: ValidEntry) -> list[str | None]:
    """The keys of the entry's sources, in order: a registry key, an inline source's key, or None."""
    return [s if isinstance(s, str) else s.key for s in entry.model.sources]


def _example(entry: ValidEntry) -> str:
    return f"[@{next((k for k in _keys(entry) if k), 'woltring-leeuwarden')}]"


# -- single-file rules ----------------------------------------------------------------------------------


def id_is_the_file_name(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    name = PurePosixPath(raw.path).name
    if PurePosixPath(raw.path).stem != entry.id:
        yield raw.problem(
            "id",
            f"De id '{entry.id}' is anders dan de bestandsnaam '{name}'.",
            f"Noem het bestand '{entry.id}.md', of maak de id gelijk aan de bestandsnaam.",
        )


def in_the_types_folder(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    """Exactly practices/<folder>/<file>: every folder name of the path ends up in the edit link."""
    path, folder = PurePosixPath(raw.path), types.get(entry.type).folder
    if path.parent != PurePosixPath("practices", folder):
        yield raw.problem(
            "type",
            f"Een pagina van type '{entry.type}' hoort in de map practices/{folder}/.",
            f"Verplaats het bestand naar practices/{folder}/{path.name}.",
        )


def not_a_reserved_id(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    """An id names a page at kennisbank/<id>/: it may not be a folder or page of the generator's own (such as
    kennisbank/data/, the open data). A redirect from a reserved former id would replace one."""
    if entry.id in ctx.reserved:
        yield raw.problem("id", f"De id '{entry.id}' is gereserveerd voor de site zelf.", "Kies een andere id.")
    for i, old in enumerate(entry.model.former_ids):
        if old in ctx.reserved:
            yield raw.problem(
                ("former_ids", i),
                f"De oude id '{old}' is gereserveerd voor de site zelf.",
                "Haal deze oude id weg; de site heeft zelf een pagina op dat adres.",
            )


# -- the body on its own: headings, links, nothing that becomes markup ------------------------------------

MAX_LINE = 10_000  # characters; a real paragraph is a few hundred
# Link targets are matched over the whole body, not per line: Markdown lets a
# target or a reference definition continue on the next line.
INLINE_LINK_RE = re.compile(r"\]\(\s*<?([^()<>\]]*)")
REF_DEF_RE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\n?[ \t]*<?([^\s>]+)", re.MULTILINE)
AUTOLINK_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>")
IMAGE_RE = re.compile(r"!\[([^\[\]]*)\]\(\s*<?([^()\s<>]*)")
SAFE_SCHEMES = ("http:", "https:", "mailto:")
# Anything that starts a tag, comment or processing instruction, even when the
# closing '>' is on another line; safe web autolinks (<https://...>) are allowed.
TAG_START_RE = re.compile(r"<[A-Za-z/!?]")
SAFE_AUTOLINK_RE = re.compile(r"<(?:(?:https?://|mailto:)[^<>\s]*|[^<>\s@:/]+@[^<>\s@:/]+)>", re.IGNORECASE)
# attr_list (enabled in mkdocs.yml) turns '{: onclick=... }' or '{ .class }' after
# a block or inline element into HTML attributes; contributors never need them.
ATTR_LIST_RE = re.compile(r"\{:|\{[ \t]*(?:[.#][\w-]|[\w:-]+[ \t]*=)")
SNIPPET_RE = re.compile(r"-{1,}8<-{1,}")
LINK_HINT = "Links beginnen met https://, http:// of mailto:, of zijn een [[id]] naar een andere pagina."
HTML_HINT = (
    "Gebruik Markdown: **vet**, *schuin*, [linktekst](https://...), lijsten met '- '. "
    "Een los '<' schrijf je als 'kleiner dan'."
)


def _normalise_target(target: str) -> str:
    """What a browser would see: entities decoded, whitespace and control characters gone."""
    for _ in range(3):  # &amp;#58; → &#58; → ':'
        target = html.unescape(target)
    return re.sub(r"[\s\x00-\x20\x7f]", "", target).lower()


def _unsafe_target(target: str) -> bool:
    target = _normalise_target(target)
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", target)
    return bool(scheme) and not target.startswith(SAFE_SCHEMES)


def _external_target(target: str) -> bool:
    """Images must come from this site: a third-party image would track visitors."""
    target = _normalise_target(target)
    return target.startswith("//") or bool(re.match(r"^[a-z][a-z0-9+.-]*:", target))


class _Offsets:
    """Offset → body line, by bisection: counting from the start for every finding would be quadratic."""

    def __init__(self, body: Body):
        self.starts, at = [], 0
        for line in body.lines:
            self.starts.append(at)
            at += len(line.text) + 1

    def __call__(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


def unsafe_markup(body: Body) -> Iterator[tuple[int, str, str]]:
    """(line, message, hint) for everything that could put markup, scripts or trackers on a page.

    Checked on the raw body, code blocks included: a contributor never needs HTML, not even as an example.
    Patterns stay linear on a 256 KB line; a line longer than MAX_LINE is refused before anything renders it.
    """
    text, line_at = body.text, _Offsets(body)
    for line in body.lines:
        if len(line.text) > MAX_LINE:
            yield (
                line.number,
                f"Deze regel is te lang ({len(line.text)} tekens; maximaal {MAX_LINE}).",
                ("Verdeel de tekst over alinea's, met een witregel ertussen."),
            )
    for m in TAG_START_RE.finditer(text):
        if not SAFE_AUTOLINK_RE.match(text, m.start()):
            yield line_at(m.start()), "HTML is niet toegestaan in de tekst.", HTML_HINT
    for m in ATTR_LIST_RE.finditer(text):
        yield (
            line_at(m.start()),
            "Opmaakcodes tussen accolades ({: ... }) zijn niet toegestaan.",
            ("Haal het stuk tussen { en } weg; de opmaak van de site is overal gelijk."),
        )
    for m in SNIPPET_RE.finditer(text):
        yield (
            line_at(m.start()),
            "De code '--8<--' (een ander bestand invoegen) is niet toegestaan.",
            ("Schrijf de tekst zelf uit, of verwijs met [[id]] naar de andere pagina."),
        )
    for regex in (INLINE_LINK_RE, AUTOLINK_RE, REF_DEF_RE):
        for m in regex.finditer(text):
            if _unsafe_target(m.group(1)):
                shown = re.sub(r"\s+", " ", m.group(1)).strip()
                yield line_at(m.start()), f"Deze link is niet toegestaan: {shown!r}.", LINK_HINT
    yield from _images(body, line_at)
    yield from _tables_too_large(body)
    yield from _slow_to_read(body)


def _images(body: Body, line_at: _Offsets) -> Iterator[tuple[int, str, str]]:
    for m in IMAGE_RE.finditer(body.text):
        line = line_at(m.start())
        if not m.group(1).strip():
            yield (
                line,
                "Deze afbeelding heeft geen beschrijving (alt-tekst).",
                (
                    "Schrijf tussen de vierkante haken wat er te zien is: "
                    "![Bewoners aan tafel in het buurthuis](foto.jpg)."
                ),
            )
        if _external_target(m.group(2)):
            yield (
                line,
                "Afbeeldingen van een andere website zijn niet toegestaan.",
                (
                    "Zo'n afbeelding laat bezoekers ongemerkt contact maken met die website (privacy). "
                    "Link er liever naar: [beschrijving](https://...)."
                ),
            )


# -- what Python-Markdown reads slowly: refused on the lines, before anything renders ------------------------

# The line under a table's header (Python-Markdown's tables): cells of dashes, with optional ':' and outer '|'.
TABLE_SEPARATOR_RE = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
QUOTE_OR_INDENT_RE = re.compile(r"^[ \t>]*")  # a table inside a quote or a list item
TABLE_HINT = (
    "Een tabel is voor een paar kolommen kerngegevens: zet de rest in zinnen of lijsten, of maak twee tabellen."
)
# Python-Markdown scans the rest of a paragraph for every backtick run it cannot close: runs of many lengths
# made one paragraph take a second. Up to three backticks stay linear; a fence line keeps its own marker.
LONG_BACKTICKS_RE = re.compile(r"`{4,}")
FENCE_LINE_RE = re.compile(r"^\s*`{3,}[^`]*$")
# Lists and quotes nested this deep: Python-Markdown takes seconds (and recurses) on hundreds of levels; a real
# body has two or three. Counted on the line's start: each '>' and every 4 columns of indentation (a tab is 4).
MAX_DEPTH = 20
LINE_START_RE = re.compile(r"^[ \t>]+")


def tables(body: Body) -> Iterator[tuple[int, int, int]]:
    """(header line, columns, cells) of every table: a header with '|', its separator, rows up to a blank line."""
    plain = [QUOTE_OR_INDENT_RE.sub("", line.text) for line in body.lines]
    for i in range(1, len(plain)):
        if "|" in plain[i - 1] and "-" in plain[i] and TABLE_SEPARATOR_RE.match(plain[i]):
            columns, rows = len(plain[i].strip().strip("|").split("|")), 1
            while i + rows < len(plain) and plain[i + rows].strip():
                rows += 1
            yield i, columns, columns * rows  # header and body rows; a row never has more cells


def _tables_too_large(body: Body) -> Iterator[tuple[int, str, str]]:
    """Tables wider or larger than allowlist's limits (which counts the rendered cells again)."""
    for line, columns, cells in tables(body):
        if columns > MAX_TABLE_COLUMNS:
            yield line, f"Deze tabel heeft {columns} kolommen; maximaal {MAX_TABLE_COLUMNS}.", TABLE_HINT
        elif cells > MAX_TABLE_CELLS:
            yield line, f"Deze tabel heeft {cells} cellen; maximaal {MAX_TABLE_CELLS}.", TABLE_HINT


def _depth(start: str) -> int:
    """Quote markers plus indentation levels at the start of a line (the deepest it can nest)."""
    columns = 0
    for char in start.replace(">", ""):
        columns = columns + 4 - columns % 4 if char == "\t" else columns + 1
    return start.count(">") + columns // 4


def _slow_to_read(body: Body) -> Iterator[tuple[int, str, str]]:
    """Long backtick runs on any line; the first line nested too deep (the lines below it are as deep)."""
    too_deep = False
    for line in body.lines:
        text = line.text
        if "````" in text and not FENCE_LINE_RE.match(text) and LONG_BACKTICKS_RE.search(text):
            yield (
                line.number,
                "Meer dan drie backticks (`) achter elkaar zijn niet toegestaan.",
                "Tekst tussen backticks wordt code; gewone tekst heeft dat niet nodig. Haal de backticks weg.",
            )
        start = None if too_deep else LINE_START_RE.match(text)
        if start and _depth(start.group()) > MAX_DEPTH:
            too_deep = True
            yield (
                line.number,
                f"Deze regel zit te diep in lijsten of citaten (meer dan {MAX_DEPTH} niveaus).",
                "Schrijf lijsten hooguit een paar niveaus diep; zet de rest in gewone alinea's.",
            )


def no_unsafe_markup(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    for line, message, hint in dict.fromkeys(unsafe_markup(entry.body)):  # one finding of a kind per line
        yield raw.in_body(line, message, hint)


def headings_of_the_type(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    """Only the type's own `## ` headings, each once; 'Bronnen' is made from front matter."""
    allowed, seen = types.get(entry.type).sections, []
    for heading in entry.body.headings:
        if heading.level == 1:
            yield raw.in_body(
                heading.line,
                "Een kop met één # is niet toegestaan; de titel komt uit het veld 'title'.",
                "Gebruik '## ' voor hoofdstukken en '### ' voor tussenkopjes.",
            )
        elif heading.level == 2 and heading.text == "Bronnen":
            yield raw.in_body(
                heading.line,
                "De kop 'Bronnen' wordt automatisch gemaakt.",
                "Haal deze kop weg en zet de bronnen in het veld 'sources'.",
            )
        elif heading.level == 2 and heading.text not in allowed:
            choices = ", ".join(f"'## {h}'" for h in allowed) or "geen"
            yield raw.in_body(
                heading.line,
                f"Onbekende kop '## {heading.text}'.",
                f"Toegestane koppen voor dit soort pagina: {choices}. Gebruik '### ' voor een tussenkopje.",
            )
        elif heading.level == 2 and heading.text in seen:
            yield raw.in_body(
                heading.line,
                f"De kop '## {heading.text}' staat er twee keer in.",
                "Voeg de twee stukken samen onder één kop.",
            )
        elif heading.level == 2:
            seen.append(heading.text)


def sections_complete_and_in_order(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    entry_type = types.get(entry.type)
    seen = list(dict.fromkeys(h.text for h in entry.body.headings if h.level == 2 and h.text in entry_type.sections))
    missing = [h for h in entry_type.required if h not in seen]
    if missing:
        yield raw.in_body(
            1,
            "Verplichte kop(pen) ontbreken: " + ", ".join(f"'## {h}'" for h in missing) + ".",
            "Elk soort pagina heeft vaste koppen, in deze volgorde: "
            + ", ".join(f"'## {h}'" for h in entry_type.sections)
            + ".",
        )
    order = [h for h in entry_type.sections if h in seen]
    if not missing and seen != order:
        yield raw.in_body(
            1,
            "De koppen staan niet in de vaste volgorde.",
            "Volgorde: " + ", ".join(f"'## {h}'" for h in order) + ".",
        )


def no_empty_wikilinks(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    for link in entry.body.wikilinks:
        if not link.target:
            yield raw.in_body(
                link.line,
                "Lege wikilink [[ ]].",
                "Schrijf de id van de pagina: [[presentie]] of [[presentie|presentiebenadering]].",
            )


MAX_LINK_TARGETS = 100  # distinct pages one body links to with [[id]] (the real ones: at most 23)


def links_to_a_few_pages(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    """Every link is a backlink on the other page too: a body linking to hundreds multiplies into every page."""
    targets: set[str] = set()
    for link in entry.body.wikilinks:
        targets.add(link.target)
        if len(targets) == MAX_LINK_TARGETS + 1:
            yield raw.in_body(
                link.line,
                f"De tekst linkt naar meer dan {MAX_LINK_TARGETS} verschillende pagina's.",
                "Link naar de pagina's die er het meest toe doen; elke link staat ook op de andere pagina.",
            )


# Links per field of one page (the real ones name at most 10): every link is a backlink on another page too.
MAX_LINKS_PER_FIELD = 50


def fields_link_to_a_few_pages(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    for name, count in Counter(name for name, *_ in link_targets(entry.model)).items():
        if count > MAX_LINKS_PER_FIELD:
            yield raw.problem(
                (name,),
                f"Dit veld noemt {count} pagina's; maximaal {MAX_LINKS_PER_FIELD}.",
                "Noem de pagina's die er het meest toe doen; die andere pagina's tonen de link ook terug.",
            )


def no_template_text(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    """An unedited `make new` page passes every other rule: the templates' own sentences are refused."""
    yield from template_text(raw, entry.body, ctx.placeholders)


def no_source_syntax_in_fields(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    """A field's text is shown as it is (no wikilinks; references only as markers): '[[', '{{' or '{ .' in it
    would be printed on the page, which the build refuses (leaks.py), so the check says so first."""
    for loc, text in _front_matter_texts(raw.data):
        if m := leaks.LEAK_RE.search(CITATION_RE.sub("", text)):
            yield raw.problem(
                loc,
                f"In dit veld zou '{m.group(0)}' als gewone tekst op de pagina staan.",
                "Een veld kent geen [[id]]-links of opmaakcodes: schrijf de naam van de pagina uit, en haal "
                "'{{', '{%' en accolades met een punt weg.",
            )


FILE_RULES: tuple[Rule, ...] = (
    id_is_the_file_name,
    in_the_types_folder,
    not_a_reserved_id,
    no_unsafe_markup,
    headings_of_the_type,
    sections_complete_and_in_order,
    no_empty_wikilinks,
    links_to_a_few_pages,
    fields_link_to_a_few_pages,
    no_template_text,
    no_source_syntax_in_fields,
)


# -- links between entries --------------------------------------------------------------------------------


def links_resolve(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    """Each link names an entry of the right type, not itself; one with errors of its own is not reported twice."""
    for field, loc, target, allowed in link_targets(entry.model):
        if target in ctx.known and target not in ctx.entries:
            continue
        if target not in ctx.entries:
            where = " of ".join(f"practices/{types.get(t).folder}/" for t in allowed or ())
            pool = lambda allowed=allowed: [e.id for e in ctx.entries.values() if allowed is None or e.type in allowed]  # noqa: E731
            hint = ctx.suggest(entry, target, pool) or (
                f"Gebruik de id (bestandsnaam zonder .md) van een pagina in {where}."
                if where
                else "Gebruik de id (bestandsnaam zonder .md) van een bestaande pagina in practices/."
            )
            yield raw.problem(loc, f"Er is geen pagina met id '{target}'.", hint, field=field)
        elif allowed and ctx.entries[target].type not in allowed:
            found, wanted = types.get(ctx.entries[target].type).label, types.get(allowed[0]).label
            yield raw.problem(
                loc,
                f"'{target}' is een {found}, geen {wanted}.",
                f"Zet '{target}' in het veld dat bij dat soort pagina hoort.",
                field=field,
            )
        elif target == entry.id:
            yield raw.problem(
                loc, "Een pagina kan niet naar zichzelf verwijzen.", "Haal deze verwijzing weg.", field=field
            )


def wikilinks_resolve(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    for link in entry.body.wikilinks:
        if link.target and link.target not in ctx.known:
            yield raw.in_body(
                link.line,
                f"De wikilink [[{link.target}]] wijst naar een pagina die niet bestaat.",
                ctx.suggest(entry, link.target, lambda: ctx.entries)
                or "Gebruik de id (bestandsnaam zonder .md) van een bestaande pagina.",
            )


def themes_exist(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    themes = ctx.vocabulary.themes
    for i, theme in enumerate(entry.model.themes):
        if theme not in themes:
            suggestion = ctx.suggest(entry, theme, lambda: themes)
            yield raw.problem(
                ("themes", i),
                f"'{theme}' staat niet in de themalijst.",
                (suggestion + " " if suggestion else "") + f"Toegestane thema's: {ctx.themes_listed}. "
                "Een nieuw thema voeg je toe in practices/themas.yml.",
            )


def target_groups_exist(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    """Doelgroep is a short controlled list (practices/doelgroepen.yml): a facet on Verkennen, which free text
    would split into as many values as there are writers."""
    groups = ctx.vocabulary.target_groups
    for i, group in enumerate(getattr(entry.model, "target_groups", [])):
        if group not in groups:
            suggestion = ctx.suggest(entry, group, lambda: groups)
            yield raw.problem(
                ("target_groups", i),
                f"'{group}' staat niet in de lijst met doelgroepen (practices/doelgroepen.yml).",
                (suggestion + " " if suggestion else "") + f"Toegestane doelgroepen: {listed(groups) or '(geen)'}. "
                "Staat de jouwe er niet bij, voeg haar dan toe in practices/doelgroepen.yml.",
            )


# -- sources and the claims that rest on them --------------------------------------------------------------


def sources_exist(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    registry = ctx.vocabulary.sources
    for i, source in enumerate(entry.model.sources):
        if isinstance(source, str) and source not in registry:
            yield raw.problem(
                ("sources", i),
                f"Er is geen bron met key '{source}' in practices/bronnen.yml.",
                ctx.suggest(entry, source, lambda: registry)
                or f"Bekende bronnen: {ctx.sources_listed}. "
                "Een nieuwe bron zet je in practices/bronnen.yml of uitgeschreven in dit bestand.",
            )


def facts_and_events_cite_the_page(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    """A key figure and a timeline event each name one of the page's own sources."""
    keys = {k for k in _keys(entry) if k}
    choices = f"Gebruik een van de bronnen van deze pagina: {', '.join(sorted(keys)) or '(geen bron met een key)'}."
    for i, fact in enumerate(getattr(entry.model, "facts", []) or []):
        if fact.source not in keys:
            yield raw.problem(
                ("facts", i, "source"),
                f"Het kerncijfer '{fact.label}' verwijst naar bron '{fact.source}', die deze pagina niet noemt.",
                choices,
            )
    for i, event in enumerate(entry.model.events):
        if event.source not in keys:
            yield raw.problem(
                ("events", i, "source"),
                f"De gebeurtenis '{event.label}' verwijst naar bron '{event.source}', die deze pagina niet noemt.",
                choices,
            )


# Texts in front matter that may carry inline references: (field, subfield or None).
CITED_FIELDS = (
    ("steps", "title"),
    ("steps", "text"),
    ("origin", None),
    ("positions", "summary"),
    ("use_when", None),
    ("avoid_when", None),
    ("active_elements", None),
    ("preconditions", None),
    ("pitfalls", None),
)


def cited_texts(model) -> Iterator[tuple[tuple, str]]:
    """(location, text) of the front-matter texts that may carry inline references."""
    for name, sub in CITED_FIELDS:
        value = getattr(model, name, None)
        items = value if isinstance(value, list) else [] if value is None else [value]
        for i, item in enumerate(items):
            text = getattr(item, sub) if sub else item
            if text:
                yield ((name, i, sub) if sub else ((name, i) if isinstance(value, list) else (name,))), text


def citations(entry: ValidEntry, raw: RawEntry) -> tuple[list[tuple[int, Citation]], list[tuple[int, Unreadable]]]:
    """Every reference of the page with its file line, body and front matter; and those that could not be read."""
    found = [(raw.body_line + c.line - 1, c) for c in entry.body.citations]
    bad = [(raw.body_line + u.line - 1, u) for u in entry.body.unreadable]
    for loc, text in cited_texts(entry.model):
        parsed, line = parse(text), raw.line_of(loc)
        found += [(line, c) for c in parsed.citations]
        bad += [(line, u) for u in parsed.unreadable]
    return found, bad


def references_can_be_read(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    for line, unreadable in citations(entry, raw)[1]:
        message = f"Deze verwijzing kan niet worden gelezen: '[{unreadable.text}]'."
        yield Diagnostic(entry.path, line, None, message, SYNTAX_HINT)


def references_name_the_pages_sources(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    own, registry, known = {k for k in _keys(entry) if k}, ctx.vocabulary.sources, ""
    for line, c in citations(entry, raw)[0]:
        if c.key in own:
            continue
        if c.key in registry:
            message = f"De verwijzing [@{c.key}] noemt een bron die niet onder 'sources:' van deze pagina staat."
            yield Diagnostic(entry.path, line, None, message, f"Zet '- {c.key}' onder sources: bovenaan het bestand.")
            continue
        known = known or listed(own | set(registry))  # once per file
        suggestion = ctx.suggest(entry, c.key, lambda: own | set(registry))
        yield Diagnostic(
            entry.path,
            line,
            None,
            f"Er is geen bron met key '{c.key}' (in de verwijzing [@{c.key}]).",
            (suggestion + " " if suggestion else "")
            + f"Bekende keys: {known}. Een nieuwe bron zet je in practices/bronnen.yml.",
        )


def claims_carry_a_reference(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    """Full coverage (types.py): every block outside the editors' blocks; otherwise one in the body."""
    example = _example(entry)
    if types.get(entry.type).full_coverage:
        for block in entry.body.uncovered():
            yield raw.in_body(
                block.line,
                f"{'Dit' if block.kind in ('lijstpunt', 'citaat') else 'Deze'} {block.kind} noemt geen bron.",
                f"Zet er een verwijzing achter naar een bron van deze pagina, zoals {example}. Is het eigen "
                f"advies van de redactie, zet het dan ingesprongen onder {EDITORS_BLOCK_EXAMPLE}.",
            )
    elif entry.text.strip() and not entry.body.citations:
        yield raw.in_body(
            1,
            "De tekst noemt nergens een bron.",
            f"Zet achter de zinnen die uit een bron komen een verwijzing, zoals {example}.",
        )


def steps_origin_and_positions_are_sourced(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    model, example = entry.model, _example(entry)
    for i, step in enumerate(getattr(model, "steps", []) or []):
        if not step.editorial and not (has_citation(step.title) or has_citation(step.text)):
            yield raw.problem(
                ("steps", i),
                f"Stap {i + 1} ('{step.title}') noemt geen bron en is niet gemarkeerd als advies van de redactie.",
                f"Zet in de text een verwijzing, zoals {example}, of zet 'editorial: true' bij de stap "
                "als het eigen advies van de redactie is.",
            )
    origin = getattr(model, "origin", None)
    if origin and not has_citation(origin):
        yield raw.problem(
            "origin",
            f"De herkomst van de {types.get(entry.type).label} noemt geen bron.",
            f"Zet er een verwijzing achter, zoals {example}, of laat het veld weg als de bronnen het niet zeggen.",
        )
    for i, position in enumerate(getattr(model, "positions", []) or []):
        if not has_citation(position.summary):
            yield raw.problem(
                ("positions", i, "summary"),
                f"Het standpunt '{position.title}' noemt geen bron.",
                f"Zet in de summary een verwijzing naar de bron van dit standpunt, zoals {example}.",
            )


def every_source_is_used(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    """Warnings only: a source nothing refers to (not a reference, a fact or an event) is probably a leftover."""
    used = {c.key for _, c in citations(entry, raw)[0]} | {e.source for e in entry.model.events}
    used |= {f.source for f in getattr(entry.model, "facts", []) or []}
    for i, key in enumerate(_keys(entry)):
        if key is None:
            yield raw.problem(
                ("sources", i),
                "Deze bron heeft geen key, dus geen verwijzing kan ernaar wijzen.",
                "Geef de bron een 'key' (kleine letters en koppeltekens) en verwijs ernaar met [@key].",
                warning=True,
            )
        elif key not in used:
            yield raw.problem(
                ("sources", i),
                f"De bron '{key}' staat onder sources:, maar geen zin verwijst ernaar.",
                f"Zet [@{key}] achter de zinnen die uit deze bron komen, of haal de bron weg.",
                warning=True,
            )


# -- advice kept apart from practice ------------------------------------------------------------------------
# The third content review found authors' advice written up as described practice, and editors' boxes citing a
# source as if it were evidence. Whether a sentence is advice is mostly a reader's judgement (CONTRIBUTING.md,
# Redactieregels); these rules catch what the front matter makes visible. The kind of each source is its
# ``basis`` in practices/bronnen.yml; a source without one is left out of the comparison rather than guessed.


def _source_kinds(entry: ValidEntry, ctx: Context) -> dict[str, frozenset[str]]:
    """key → the kinds of support that source offers, for the page's sources that say so."""
    kinds = {}
    for ref in entry.model.sources:
        source = ref if isinstance(ref, Source) else ctx.vocabulary.sources.get(ref)
        if source is not None and source.key and source.basis:
            kinds[source.key] = frozenset(source.basis)
    return kinds


def _basis_labels(values) -> str:
    return ", ".join(f"'{v}' ({BASIS_LABELS[v].lower()})" for v in sorted(values))


def editors_advice_cites_no_source(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    """The editors' own advice (their box, or a step marked editorial) cannot borrow a source's authority."""
    cited = entry.body.cited_lines()
    for block in entry.body.blocks:
        if block.editorial and cited.intersection(block.lines):
            yield raw.in_body(
                block.line,
                f"Een kader '{EDITORS_TITLE}' verwijst naar een bron.",
                "Het kader is eigen advies van de redactie; een bron kan het niet onderbouwen. Zet wat de bron "
                "zegt buiten het kader, met de verwijzing erachter, en houd in het kader alleen het advies.",
            )
    for i, step in enumerate(getattr(entry.model, "steps", []) or []):
        if step.editorial and (has_citation(step.title) or has_citation(step.text)):
            yield raw.problem(
                ("steps", i, "editorial"),
                f"Stap {i + 1} ('{step.title}') heet advies van de redactie (editorial: true), maar verwijst naar "
                "een bron.",
                "Komt de stap uit de bron, haal dan 'editorial: true' weg. Is het eigen advies van de redactie, "
                "haal dan de verwijzing weg.",
                field="steps",
            )


def basis_offered_by_the_sources(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    """A page that cites only a column cannot rest on 'ervaring'."""
    basis, kinds = set(getattr(entry.model, "basis", []) or []), _source_kinds(entry, ctx)
    if not basis or len(kinds) < len(entry.model.sources):
        return  # not every source says what it is: nothing to compare with
    offered = frozenset().union(*kinds.values())
    if missing := basis - offered:
        yield raw.problem(
            "basis",
            f"De pagina zegt te steunen op {_basis_labels(missing)}, maar geen van haar bronnen is dat volgens "
            "practices/bronnen.yml.",
            f"De bronnen van deze pagina bieden {_basis_labels(offered)}. Haal uit basis weg wat ze niet bieden, "
            "of voeg een bron toe die het wel beschrijft.",
        )


def steps_within_the_basis(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    """A step from a 'pleidooi' on a page that says it was practised is advice written up as practice."""
    basis, kinds = set(getattr(entry.model, "basis", []) or []), _source_kinds(entry, ctx)
    for i, step in enumerate(getattr(entry.model, "steps", []) or []):
        cited = {c.key for text in (step.title, step.text or "") for c in parse(text).citations}
        if step.editorial or not cited or not cited <= kinds.keys():
            continue
        offered = frozenset().union(*(kinds[key] for key in cited))
        if offered and not offered & basis:
            yield raw.problem(
                ("steps", i),
                f"Stap {i + 1} ('{step.title}') steunt alleen op een bron die {_basis_labels(offered)} is, maar de "
                f"pagina zegt te steunen op {_basis_labels(basis)}.",
                "Is de stap een aanbeveling van de auteur, schrijf hem dan als advies („Wijland raadt aan …”) en "
                "zet die soort onderbouwing ook in basis. Beschrijft een andere bron dat het zo gebeurde, verwijs "
                "dan naar die bron.",
            )


# -- writing: residents stay unrecognisable, quotations close as they open ----------------------------------

# An age next to a person makes a resident recognisable ("69-jarige", "69 jaar oud", "een vrouw van 69").
AGE_RE = re.compile(
    r"\b\d{1,3}\s?-?\s?jarigen?\b|\b\d{1,3} jaar oud\b|"
    r"\b(?:vrouw|man|bewoner|bewoonster|meneer|mevrouw|jongen|meisje|moeder|vader|oudere|weduwe|weduwnaar)"
    r" van (?:rond |ruim |bijna )?\d{1,3}(?: jaar)?\b",
    re.IGNORECASE,
)
# A Dutch quotation opens with „ and closes with ”: „…" with a straight quote is a typing slip.
STRAIGHT_CLOSE_RE = re.compile(r"„[^„”“\"\n]{0,400}\"")


def _front_matter_texts(data: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(location, text) of every string in the front matter, for rules that hold for every field."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _front_matter_texts(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _front_matter_texts(value, (*path, i))


def residents_unrecognisable_and_quotes_closed(entry: ValidEntry, raw: RawEntry, ctx: Context) -> Iterator[Diagnostic]:
    """Ages of people and straight closing quotes, in the body and in every front-matter text."""
    texts = [(raw.line_of(loc), ".".join(map(str, loc)), text) for loc, text in _front_matter_texts(raw.data)]
    texts += [(raw.body_line + line.number - 1, None, line.text) for line in entry.body.lines]
    for line, field, text in texts:
        if age := AGE_RE.search(text):
            yield Diagnostic(
                entry.path,
                line,
                field,
                f"Hier staat een leeftijd bij een persoon ({age.group(0)!r}).",
                "Noem geen leeftijden, gezondheid, overlijden of gezinsgebeurtenissen van bewoners: zo blijven "
                "ze onherkenbaar. Schrijf bijvoorbeeld 'een oudere bewoner'. Gaat het niet om een persoon "
                "(een 25-jarig bestaan), schrijf dan '25 jaar'.",
            )
        if STRAIGHT_CLOSE_RE.search(text):
            yield Diagnostic(
                entry.path,
                line,
                field,
                'Een citaat opent met „ maar sluit met een recht aanhalingsteken (").',
                "Sluit af met ” (Nederlands: „zo”). Op een toetsenbord zonder die tekens: kopieer ze hiervandaan.",
            )


RULES: tuple[Rule, ...] = (
    links_resolve,
    wikilinks_resolve,
    themes_exist,
    target_groups_exist,
    sources_exist,
    facts_and_events_cite_the_page,
    references_can_be_read,
    references_name_the_pages_sources,
    claims_carry_a_reference,
    steps_origin_and_positions_are_sourced,
    every_source_is_used,
    residents_unrecognisable_and_quotes_closed,
    editors_advice_cites_no_source,
    basis_offered_by_the_sources,
    steps_within_the_basis,
)


# -- across files: an id is a permanent address -----------------------------------------------------------


def unique_ids(valid: list[ValidEntry], raws: dict[str, RawEntry]) -> Iterator[Diagnostic]:
    owner: dict[str, ValidEntry] = {}
    for entry in sorted(valid, key=lambda e: e.path):
        if entry.id in owner:
            yield raws[entry.path].problem(
                "id",
                f"De id '{entry.id}' wordt al gebruikt door {owner[entry.id].path}.",
                "Kies een andere, unieke id (en hernoem het bestand mee).",
            )
        else:
            owner[entry.id] = entry


def former_ids_never_return(valid: list[ValidEntry], raws: dict[str, RawEntry]) -> Iterator[Diagnostic]:
    owner = {e.id: e for e in sorted(valid, key=lambda e: e.path)[::-1]}  # the first file of an id owns it
    former: dict[str, ValidEntry] = {}
    for entry in sorted(valid, key=lambda e: e.path):
        for i, old in enumerate(entry.model.former_ids):
            if old in owner:
                yield raws[owner[old].path].problem(
                    "id",
                    f"De id '{old}' is eerder gebruikt (zie former_ids in {entry.path}) "
                    "en mag niet opnieuw worden uitgegeven.",
                    "Kies een nieuwe id; oude adressen blijven naar de oude pagina wijzen.",
                )
            elif old in former:
                yield raws[entry.path].problem(
                    ("former_ids", i),
                    f"De oude id '{old}' staat ook bij {former[old].path}.",
                    ("Een oude id hoort bij precies één pagina."),
                )
            else:
                former[old] = entry


ID_RULES = (unique_ids, former_ids_never_return)
