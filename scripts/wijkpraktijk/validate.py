"""Raw entries → typed, cross-checked knowledge base, or a list of diagnostics.

Single-file rules come from the pydantic models; this module adds what only
the whole collection can tell: unique ids, ids that never return, references
that resolve to an entry of the right type, themes from the vocabulary.
All problems of a run are collected, never only the first.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from pydantic import ValidationError

from . import body as body_rules
from .allowlist import BodyChecker
from .config import CHECKOUT
from .diagnostics import Diagnostic, validation_diagnostics
from .model import (
    ENTRY_MODELS,
    REFERENCE_FIELDS,
    TYPE_FOLDERS,
    TYPE_LABELS,
    Entry,
    Source,
)
from .read import RawEntry
from .vocabulary import Vocabulary

# Generated overview pages live next to entries; their names can never be ids.
RESERVED_IDS = frozenset(
    {"index", "overzicht", "assets", "search", "zoeken", "kennisbank", "cite", "qr", "werkkaarten", "downloads"}
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
    for entry in entries.values():
        raw = raws[entry.path]
        model = entry.model
        for field, allowed_types in REFERENCE_FIELDS.items():
            value = getattr(model, field, None)
            targets = [value] if isinstance(value, str) else list(value or [])
            for i, target in enumerate(targets):
                loc = (field, i) if not isinstance(value, str) else (field,)
                if target in known and target not in entries:
                    continue
                if target not in entries:
                    pool = [e.id for e in entries.values() if allowed_types is None or e.type in allowed_types]
                    kinds = "/".join(TYPE_FOLDERS[t] for t in allowed_types) if allowed_types else "practices"
                    hint = (
                        _suggest(target, pool)
                        or f"Gebruik de id (bestandsnaam zonder .md) van een pagina in practices/{kinds}/."
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
                allowed = ", ".join(sorted(vocab.themes))
                hint = (
                    _suggest(theme, vocab.themes) + " " if _suggest(theme, vocab.themes) else ""
                ) + f"Toegestane thema's: {allowed}. Een nieuw thema voeg je toe in practices/themas.yml."
                problems.append(
                    Diagnostic(
                        entry.path,
                        raw.line_of(("themes", i)),
                        "themes",
                        f"'{theme}' staat niet in de themalijst.",
                        hint,
                    )
                )
        keys = set()
        for i, source in enumerate(model.sources):
            if isinstance(source, str):
                if source not in vocab.sources:
                    hint = (
                        _suggest(source, vocab.sources)
                        or f"Bekende bronnen: {', '.join(sorted(vocab.sources))}. "
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
        for link in body_rules.wikilinks(entry.body):
            if link.target and link.target not in known:
                hint = (
                    _suggest(link.target, entries)
                    or "Gebruik de id (bestandsnaam zonder .md) van een bestaande pagina."
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
