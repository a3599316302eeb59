"""Raw entries → typed, cross-checked knowledge base, or a list of diagnostics.

Single-file rules come from the pydantic models; this module adds what only
the whole collection can tell: unique ids, ids that never return, references
that resolve to an entry of the right type, themes from the vocabulary.
All problems of a run are collected, never only the first.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath

from pydantic import ValidationError

from . import body as body_rules
from . import references
from .allowlist import BodyChecker
from .config import CHECKOUT, SUBTREE_NAMES
from .diagnostics import Diagnostic, validation_diagnostics
from .model import (
    ENTRY_MODELS,
    TYPE_FOLDERS,
    TYPE_LABELS,
    Entry,
    Source,
    reference_targets,
)
from .read import RawEntry
from .vocabulary import Vocabulary

# What the generator writes next to the entries (config.SUBTREE_NAMES: overviews, open data, citations, QR
# codes, werkmap records, ...) and the site's own top-level names: never an id, nor a former id.
RESERVED_IDS = frozenset(
    {name.removesuffix(".md") for name in SUBTREE_NAMES} | {"index", "search", "zoeken", "kennisbank", "downloads"}
)


@dataclass(frozen=True)
class ValidEntry:
    model: Entry
    body: str
    path: str

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def type(self) -> str:
        return self.model.type

    @property
    def source_path(self) -> str:
        """The file's path from the repository root, as edit links and exports show it.

        Built from the type's folder and the validated id (validation refuses any other path), so no
        folder name a contributor chose can reach a link.
        """
        return f"practices/{TYPE_FOLDERS[self.type]}/{self.id}.md"


@dataclass(frozen=True)
class KnowledgeBase:
    entries: dict[str, ValidEntry]
    vocabulary: Vocabulary

    def sources_of(self, entry: ValidEntry) -> list[Source]:
        """Registry keys resolved to full sources, in the entry's own order."""
        return [s if isinstance(s, Source) else self.vocabulary.sources[s] for s in entry.model.sources]

    def of_type(self, kind: str) -> list[ValidEntry]:
        return sorted((e for e in self.entries.values() if e.type == kind), key=lambda e: e.model.title.lower())


def _suggest(value: str, choices) -> str:
    close = difflib.get_close_matches(value, list(choices), n=3, cutoff=0.6)
    return f"Bedoelde je: {', '.join(close)}?" if close else ""


# Links per field of one page (the real ones name at most 10): every link is a backlink on another page too.
MAX_LINKS_PER_FIELD = 50
SUGGESTIONS_PER_FILE = 10  # each compares a name with every id or key: thousands of unknown names stay quick
SHOWN_CHOICES = 40  # known themes or keys listed in one hint


class _Suggester:
    """``_suggest`` for the first SUGGESTIONS_PER_FILE unknown names of one file, '' after that."""

    def __init__(self) -> None:
        self.left = SUGGESTIONS_PER_FILE

    def __call__(self, value: str, choices) -> str:
        if self.left <= 0:
            return ""
        self.left -= 1
        return _suggest(value, choices() if callable(choices) else choices)


def _listed(choices) -> str:
    """The first SHOWN_CHOICES, sorted, and how many more there are."""
    names = sorted(choices)
    more = f" (en nog {len(names) - SHOWN_CHOICES})" if len(names) > SHOWN_CHOICES else ""
    return ", ".join(names[:SHOWN_CHOICES]) + more


def _validate_one(raw: RawEntry, checker: BodyChecker) -> tuple[ValidEntry | None, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    kind = raw.data.get("type")
    if not isinstance(kind, str) or kind not in ENTRY_MODELS:
        hint = "Kies uit: " + ", ".join(f"{k} ({TYPE_LABELS[k][0].lower()})" for k in ENTRY_MODELS) + "."
        what = "Het veld 'type' ontbreekt." if kind is None else f"Onbekend type {kind!r}."
        return None, [Diagnostic(raw.path, raw.line_of("type") if kind is not None else 2, "type", what, hint)]
    model = ENTRY_MODELS[kind]
    try:
        entry = model.model_validate(raw.data)
    except ValidationError as exc:
        return None, validation_diagnostics(exc, raw.path, raw.lines, default_line=1)

    path = PurePosixPath(raw.path)
    if path.stem != entry.id:
        problems.append(
            Diagnostic(
                raw.path,
                raw.line_of("id"),
                "id",
                f"De id '{entry.id}' is anders dan de bestandsnaam '{path.name}'.",
                f"Noem het bestand '{entry.id}.md', of maak de id gelijk aan de bestandsnaam.",
            )
        )
    folder = TYPE_FOLDERS[entry.type]
    # Exactly practices/<folder>/<file>: every folder name of the path ends up in the edit link.
    if path.parent != PurePosixPath("practices", folder):
        problems.append(
            Diagnostic(
                raw.path,
                raw.line_of("type"),
                "type",
                f"Een pagina van type '{entry.type}' hoort in de map practices/{folder}/.",
                f"Verplaats het bestand naar practices/{folder}/{path.name}.",
            )
        )
    if entry.id in RESERVED_IDS:
        problems.append(
            Diagnostic(
                raw.path,
                raw.line_of("id"),
                "id",
                f"De id '{entry.id}' is gereserveerd voor de site zelf.",
                "Kies een andere id.",
            )
        )
    for i, old in enumerate(entry.former_ids):
        if old in RESERVED_IDS:  # a redirect from there would replace a page of the site itself
            problems.append(
                Diagnostic(
                    raw.path,
                    raw.line_of(("former_ids", i)),
                    "former_ids",
                    f"De oude id '{old}' is gereserveerd voor de site zelf.",
                    "Haal deze oude id weg; de site heeft zelf een pagina op dat adres.",
                )
            )
    issues, rendered = body_rules.check_body(raw.body, entry.type, checker)
    for issue in issues:
        problems.append(Diagnostic(raw.path, raw.body_line + issue.line - 1, None, issue.message, issue.hint))
    for found in rendered[:5]:
        problems.append(
            Diagnostic(
                raw.path,
                raw.body_line + _line_in_body(raw.body, found) - 1,
                None,
                f"De tekst levert opmaak op die niet is toegestaan: {found}.",
                "Gebruik alleen gewone Markdown: kopjes, **vet**, *schuin*, lijsten, tabellen en [linktekst](https://...).",
            )
        )
    return ValidEntry(entry, raw.body, raw.path), problems


def _line_in_body(body: str, found: str) -> int:
    """The first body line that holds what the allowlist named ('onfocus', 'md-dialog', a URL); else line 1.

    The rendered HTML has no line numbers, so this is a pointer for the contributor, not a judgement.
    """
    quoted = re.search(r"'([^']+)'|<(\w+)>", found)
    needle = (quoted.group(1) or quoted.group(2)) if quoted else ""
    for number, line in enumerate(body.split("\n"), start=1):
        if needle and needle.lower() in line.lower():
            return number
    return 1


def _check_references(entries: dict[str, ValidEntry], raws: dict[str, RawEntry], vocab: Vocabulary) -> list[Diagnostic]:
    """Links to a file that exists but has its own errors are not reported twice."""
    problems: list[Diagnostic] = []
    known = set(entries) | {r.data.get("id") for r in raws.values() if isinstance(r.data.get("id"), str)}
    themes_shown, sources_shown = _listed(vocab.themes), _listed(vocab.sources)
    for entry in entries.values():
        raw = raws[entry.path]
        model = entry.model
        suggest = _Suggester()
        targets = reference_targets(model)
        for field, count in Counter(field for field, *_ in targets).items():
            if count > MAX_LINKS_PER_FIELD:
                problems.append(
                    Diagnostic(
                        entry.path,
                        raw.line_of((field,)),
                        field,
                        f"Dit veld noemt {count} pagina's; maximaal {MAX_LINKS_PER_FIELD}.",
                        "Noem de pagina's die er het meest toe doen; die andere pagina's tonen de link ook terug.",
                    )
                )
        for field, loc, target, allowed_types in targets:
            if target in known and target not in entries:
                continue
            if target not in entries:
                where = " of ".join(f"practices/{TYPE_FOLDERS[t]}/" for t in allowed_types or ())
                pool = lambda types=allowed_types: [e.id for e in entries.values() if types is None or e.type in types]  # noqa: E731
                hint = suggest(target, pool) or (
                    f"Gebruik de id (bestandsnaam zonder .md) van een pagina in {where}."
                    if where
                    else "Gebruik de id (bestandsnaam zonder .md) van een bestaande pagina in practices/."
                )
                problems.append(
                    Diagnostic(entry.path, raw.line_of(loc), field, f"Er is geen pagina met id '{target}'.", hint)
                )
            elif allowed_types and entries[target].type not in allowed_types:
                problems.append(
                    Diagnostic(
                        entry.path,
                        raw.line_of(loc),
                        field,
                        f"'{target}' is een {TYPE_LABELS[entries[target].type][0].lower()}, "
                        f"geen {TYPE_LABELS[allowed_types[0]][0].lower()}.",
                        f"Zet '{target}' in het veld dat bij dat soort pagina hoort.",
                    )
                )
            elif target == entry.id:
                problems.append(
                    Diagnostic(
                        entry.path,
                        raw.line_of(loc),
                        field,
                        "Een pagina kan niet naar zichzelf verwijzen.",
                        "Haal deze verwijzing weg.",
                    )
                )
        for i, theme in enumerate(model.themes):
            if theme not in vocab.themes:
                close = suggest(theme, vocab.themes)
                hint = (close + " " if close else "") + (
                    f"Toegestane thema's: {themes_shown}. Een nieuw thema voeg je toe in practices/themas.yml."
                )
                problems.append(
                    Diagnostic(
                        entry.path,
                        raw.line_of(("themes", i)),
                        "themes",
                        f"'{theme}' staat niet in de themalijst.",
                        hint,
                    )
                )
        for i, group in enumerate(getattr(model, "target_groups", [])):
            if group not in vocab.target_groups:
                close = suggest(group, vocab.target_groups)
                hint = (close + " " if close else "") + (
                    f"Toegestane doelgroepen: {_listed(vocab.target_groups) or '(geen)'}. "
                    "Staat de jouwe er niet bij, voeg haar dan toe in practices/doelgroepen.yml."
                )
                problems.append(
                    Diagnostic(
                        entry.path,
                        raw.line_of(("target_groups", i)),
                        "target_groups",
                        f"'{group}' staat niet in de lijst met doelgroepen (practices/doelgroepen.yml).",
                        hint,
                    )
                )
        keys = set()
        for i, source in enumerate(model.sources):
            if isinstance(source, str):
                if source not in vocab.sources:
                    hint = (
                        suggest(source, vocab.sources)
                        or f"Bekende bronnen: {sources_shown}. "
                        "Een nieuwe bron zet je in practices/bronnen.yml of uitgeschreven in dit bestand."
                    )
                    problems.append(
                        Diagnostic(
                            entry.path,
                            raw.line_of(("sources", i)),
                            "sources",
                            f"Er is geen bron met key '{source}' in practices/bronnen.yml.",
                            hint,
                        )
                    )
                keys.add(source)
            elif source.key:
                keys.add(source.key)
        for i, fact in enumerate(getattr(model, "facts", []) or []):
            if fact.source not in keys:
                hint = (
                    "Gebruik een van de bronnen van deze pagina: "
                    f"{', '.join(sorted(keys)) or '(geen bron met een key)'}."
                )
                problems.append(
                    Diagnostic(
                        entry.path,
                        raw.line_of(("facts", i, "source")),
                        "facts.source",
                        f"Het kerncijfer '{fact.label}' verwijst naar bron '{fact.source}', "
                        "die deze pagina niet noemt.",
                        hint,
                    )
                )
        for i, event in enumerate(model.events):
            if event.source not in keys:
                problems.append(
                    Diagnostic(
                        entry.path,
                        raw.line_of(("events", i, "source")),
                        "events.source",
                        f"De gebeurtenis '{event.label}' verwijst naar bron '{event.source}', "
                        "die deze pagina niet noemt.",
                        "Gebruik een van de bronnen van deze pagina: "
                        f"{', '.join(sorted(keys)) or '(geen bron met een key)'}.",
                    )
                )
        problems.extend(_check_citations(entry, raw, vocab, suggest))
        problems.extend(_check_writing(entry, raw))
        for link in body_rules.wikilinks(entry.body):
            if link.target and link.target not in known:
                hint = (
                    suggest(link.target, entries) or "Gebruik de id (bestandsnaam zonder .md) van een bestaande pagina."
                )
                problems.append(
                    Diagnostic(
                        entry.path,
                        raw.body_line + link.line - 1,
                        None,
                        f"De wikilink [[{link.target}]] wijst naar een pagina die niet bestaat.",
                        hint,
                    )
                )
    return problems


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
# Where every paragraph and list item of the body needs a reference (the rest: one in the body).
FULL_COVERAGE = frozenset({"practice", "method", "tension"})
EDITORS_BLOCK_EXAMPLE = '!!! tip "Advies van de redactie"'
SYNTAX_HINT = (
    'Schrijf [@key], [@key1; @key2] of [@key, "vindplaats"]; een key bestaat uit kleine letters, '
    "cijfers en koppeltekens, zoals [@woltring-leeuwarden]."
)
# An age next to a person makes a resident recognisable ("69-jarige", "69 jaar oud", "een vrouw van 69").
AGE_RE = re.compile(
    r"\b\d{1,3}\s?-?\s?jarigen?\b|\b\d{1,3} jaar oud\b|"
    r"\b(?:vrouw|man|bewoner|bewoonster|meneer|mevrouw|jongen|meisje|moeder|vader|oudere|weduwe|weduwnaar)"
    r" van (?:rond |ruim |bijna )?\d{1,3}(?: jaar)?\b",
    re.IGNORECASE,
)
# A Dutch quotation opens with „ and closes with ”: „…" with a straight quote is a typing slip.
STRAIGHT_CLOSE_RE = re.compile(r"„[^„”“\"\n]{0,400}\"")


def _front_matter_texts(data: object, path: tuple = ()):
    """(location, text) of every string in the front matter, for rules that hold for every field."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _front_matter_texts(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _front_matter_texts(value, (*path, i))


def _cited_texts(model) -> list[tuple[tuple, str]]:
    """(location, text) of the front-matter texts that may carry inline references."""
    found = []
    for name, sub in CITED_FIELDS:
        value = getattr(model, name, None)
        if value is None:
            continue
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            text = getattr(item, sub) if sub else item
            if text:
                loc = (name, i, sub) if sub else ((name, i) if isinstance(value, list) else (name,))
                found.append((loc, text))
    return found


def _check_writing(entry: ValidEntry, raw: RawEntry) -> list[Diagnostic]:
    """Ages of people and straight closing quotes, in the body and in every front-matter text."""
    problems: list[Diagnostic] = []
    texts = [(raw.line_of(loc), ".".join(str(p) for p in loc), text) for loc, text in _front_matter_texts(raw.data)]
    for number, line in enumerate(entry.body.split("\n"), start=1):
        texts.append((raw.body_line + number - 1, None, line))
    for line, field, text in texts:
        if AGE_RE.search(text):
            problems.append(
                Diagnostic(
                    entry.path,
                    line,
                    field,
                    f"Hier staat een leeftijd bij een persoon ({AGE_RE.search(text).group(0)!r}).",
                    "Noem geen leeftijden, gezondheid, overlijden of gezinsgebeurtenissen van bewoners: zo blijven "
                    "ze onherkenbaar. Schrijf bijvoorbeeld 'een oudere bewoner'. Gaat het niet om een persoon "
                    "(een 25-jarig bestaan), schrijf dan '25 jaar'.",
                )
            )
        if STRAIGHT_CLOSE_RE.search(text):
            problems.append(
                Diagnostic(
                    entry.path,
                    line,
                    field,
                    'Een citaat opent met „ maar sluit met een recht aanhalingsteken (").',
                    "Sluit af met ” (Nederlands: „zo”). Op een toetsenbord zonder die tekens: kopieer ze hiervandaan.",
                )
            )
    return problems


def _check_citations(entry: ValidEntry, raw: RawEntry, vocab: Vocabulary, suggest: _Suggester) -> list[Diagnostic]:
    """Inline references resolve to this page's sources; claims carry one; every source is used."""
    problems: list[Diagnostic] = []
    model = entry.model
    keys = [s if isinstance(s, str) else s.key for s in model.sources]
    listed = {k for k in keys if k}
    example = f"[@{next(iter(k for k in keys if k), 'woltring-leeuwarden')}]"
    found: list[tuple[int, references.Citation]] = []
    body_citations, unreadable = references.read(entry.body)
    found += [(raw.body_line + c.line - 1, c) for c in body_citations]
    bad = [(raw.body_line + u.line - 1, u) for u in unreadable]
    for loc, text in _cited_texts(model):
        citations, wrong = references.read(text)
        found += [(raw.line_of(loc), c) for c in citations]
        bad += [(raw.line_of(loc), u) for u in wrong]
    for line, u in bad:
        problems.append(
            Diagnostic(entry.path, line, None, f"Deze verwijzing kan niet worden gelezen: '[{u.text}]'.", SYNTAX_HINT)
        )
    known = ""
    for line, c in found:
        if c.key in listed:
            continue
        if c.key in vocab.sources:
            problems.append(
                Diagnostic(
                    entry.path,
                    line,
                    None,
                    f"De verwijzing [@{c.key}] noemt een bron die niet onder 'sources:' van deze pagina staat.",
                    f"Zet '- {c.key}' onder sources: bovenaan het bestand.",
                )
            )
        else:
            known = known or _listed(listed | set(vocab.sources))  # once per file
            suggestion = suggest(c.key, lambda: listed | set(vocab.sources))
            problems.append(
                Diagnostic(
                    entry.path,
                    line,
                    None,
                    f"Er is geen bron met key '{c.key}' (in de verwijzing [@{c.key}]).",
                    (suggestion + " " if suggestion else "")
                    + f"Bekende keys: {known}. Een nieuwe bron zet je in practices/bronnen.yml.",
                )
            )
    if entry.type in FULL_COVERAGE:
        for block in references.uncovered(entry.body):
            problems.append(
                Diagnostic(
                    entry.path,
                    raw.body_line + block.line - 1,
                    None,
                    f"{'Dit' if block.kind in ('lijstpunt', 'citaat') else 'Deze'} {block.kind} noemt geen bron.",
                    f"Zet er een verwijzing achter naar een bron van deze pagina, zoals {example}. Is het eigen "
                    f"advies van de redactie, zet het dan ingesprongen onder {EDITORS_BLOCK_EXAMPLE}.",
                )
            )
    elif entry.body.strip() and not body_citations:
        problems.append(
            Diagnostic(
                entry.path,
                raw.body_line,
                None,
                "De tekst noemt nergens een bron.",
                f"Zet achter de zinnen die uit een bron komen een verwijzing, zoals {example}.",
            )
        )
    for i, step in enumerate(getattr(model, "steps", []) or []):
        if not step.editorial and not (references.has_citation(step.title) or references.has_citation(step.text)):
            problems.append(
                Diagnostic(
                    entry.path,
                    raw.line_of(("steps", i)),
                    "steps",
                    f"Stap {i + 1} ('{step.title}') noemt geen bron en is niet gemarkeerd als advies van de redactie.",
                    f"Zet in de text een verwijzing, zoals {example}, of zet 'editorial: true' bij de stap "
                    "als het eigen advies van de redactie is.",
                )
            )
    origin = getattr(model, "origin", None)
    if origin and not references.has_citation(origin):
        problems.append(
            Diagnostic(
                entry.path,
                raw.line_of("origin"),
                "origin",
                "De herkomst van de methode noemt geen bron.",
                f"Zet er een verwijzing achter, zoals {example}, of laat het veld weg als de bronnen het niet zeggen.",
            )
        )
    for i, position in enumerate(getattr(model, "positions", []) or []):
        if not references.has_citation(position.summary):
            problems.append(
                Diagnostic(
                    entry.path,
                    raw.line_of(("positions", i, "summary")),
                    "positions.summary",
                    f"Het standpunt '{position.title}' noemt geen bron.",
                    f"Zet in de summary een verwijzing naar de bron van dit standpunt, zoals {example}.",
                )
            )
    used = {c.key for _, c in found} | {f.source for f in getattr(model, "facts", []) or []}
    used |= {e.source for e in model.events}
    for i, key in enumerate(keys):
        if key is None:
            problems.append(
                Diagnostic(
                    entry.path,
                    raw.line_of(("sources", i)),
                    "sources",
                    "Deze bron heeft geen key, dus geen verwijzing kan ernaar wijzen.",
                    "Geef de bron een 'key' (kleine letters en koppeltekens) en verwijs ernaar met [@key].",
                    warning=True,
                )
            )
        elif key not in used:
            problems.append(
                Diagnostic(
                    entry.path,
                    raw.line_of(("sources", i)),
                    "sources",
                    f"De bron '{key}' staat onder sources:, maar geen zin verwijst ernaar.",
                    f"Zet [@{key}] achter de zinnen die uit deze bron komen, of haal de bron weg.",
                    warning=True,
                )
            )
    return problems


def _check_ids(valid: list[ValidEntry], raws: dict[str, RawEntry]) -> list[Diagnostic]:
    """An id is a permanent URL: unique now, and never handed to another entry later."""
    problems: list[Diagnostic] = []
    owner: dict[str, ValidEntry] = {}
    for entry in sorted(valid, key=lambda e: e.path):
        if entry.id in owner:
            other = owner[entry.id]
            problems.append(
                Diagnostic(
                    entry.path,
                    raws[entry.path].line_of("id"),
                    "id",
                    f"De id '{entry.id}' wordt al gebruikt door {other.path}.",
                    "Kies een andere, unieke id (en hernoem het bestand mee).",
                )
            )
        else:
            owner[entry.id] = entry
    former: dict[str, ValidEntry] = {}
    for entry in sorted(valid, key=lambda e: e.path):
        for i, old in enumerate(entry.model.former_ids):
            line = raws[entry.path].line_of(("former_ids", i))
            if old in owner:
                problems.append(
                    Diagnostic(
                        owner[old].path,
                        raws[owner[old].path].line_of("id"),
                        "id",
                        f"De id '{old}' is eerder gebruikt (zie former_ids in {entry.path}) "
                        "en mag niet opnieuw worden uitgegeven.",
                        "Kies een nieuwe id; oude adressen blijven naar de oude pagina wijzen.",
                    )
                )
            elif old in former:
                problems.append(
                    Diagnostic(
                        entry.path,
                        line,
                        "former_ids",
                        f"De oude id '{old}' staat ook bij {former[old].path}.",
                        "Een oude id hoort bij precies één pagina.",
                    )
                )
            else:
                former[old] = entry
    return problems


def validate(
    raws: list[RawEntry],
    vocab: Vocabulary,
    checker: BodyChecker | None = None,
) -> tuple[KnowledgeBase, list[Diagnostic]]:
    """``checker`` renders bodies for the allowlist check (default: with this checkout's mkdocs.yml, no cache)."""
    checker = checker or BodyChecker(CHECKOUT / "mkdocs.yml")
    # The bodies check_body will render (those the line rules do not refuse already), in one batch on every core.
    checker.prepare([raw.body for raw in raws if not body_rules.unsafe_markup(raw.body)])
    problems: list[Diagnostic] = []
    valid: list[ValidEntry] = []
    for raw in raws:
        entry, diags = _validate_one(raw, checker)
        problems.extend(diags)
        if entry is not None:
            valid.append(entry)
    by_path = {raw.path: raw for raw in raws}
    problems.extend(_check_ids(valid, by_path))
    entries = {}
    for entry in valid:
        entries.setdefault(entry.id, entry)
    problems.extend(_check_references(entries, by_path, vocab))
    return KnowledgeBase(entries, vocab), sorted(set(problems), key=lambda d: (d.file, d.line or 0, d.message))
