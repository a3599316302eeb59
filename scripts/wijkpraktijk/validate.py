"""Raw entries → typed, cross-checked knowledge base, or a list of diagnostics.

Single-file rules come from the pydantic models (model.py), then from ``rules.FILE_RULES``; what only the
whole collection can tell (unique ids, ids that never return, links that resolve to an entry of the right
type, themes from the vocabulary, references to the page's own sources) from ``rules.RULES``. All problems
of a run are collected, never only the first.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pydantic import ValidationError

from . import leaks, rules, types
from .allowlist import Bodies
from .body import WIKILINK_RE, parse
from .citations import GROUP_RE as CITATION_RE
from .citations import source_labels
from .diagnostics import Diagnostic, validation_diagnostics
from .knowledge import KnowledgeBase, ValidEntry
from .leftovers import Placeholders
from .model import Source
from .read import RawEntry
from .vocabulary import Vocabulary

ALLOWLIST_HINT = (
    "Gebruik alleen gewone Markdown: kopjes, **vet**, *schuin*, lijsten, tabellen en [linktekst](https://...)."
)
SYNTAX_HINT = (
    "Een link naar een andere pagina schrijf je als [[id]], een bron als [@sleutel]; '{{', '{%' en "
    "'{ .' horen niet in de tekst. Bedoel je de tekens zelf, zet ze dan tussen backticks: `[[`."
)


def _typed(raw: RawEntry) -> tuple[ValidEntry | None, list[Diagnostic]]:
    """The front matter through its type's model; the body parsed once, here."""
    kind = raw.data.get("type")
    if not types.known(kind):
        hint = "Kies uit: " + ", ".join(f"{t.name} ({t.label})" for t in types.TYPES) + "."
        what = "Het veld 'type' ontbreekt." if kind is None else f"Onbekend type {kind!r}."
        return None, [Diagnostic(raw.path, raw.line_of("type") if kind is not None else 2, "type", what, hint)]
    try:
        model = types.get(kind).model.model_validate(raw.data)
    except ValidationError as exc:
        return None, validation_diagnostics(exc, raw.path, raw.lines, default_line=1)
    return ValidEntry(model, parse(raw.body), raw.path), []


def _rendered(entry: ValidEntry, raw: RawEntry, bodies: Bodies, markdown: tuple[str, frozenset]) -> tuple[tuple, list]:
    """The body rendered once, as its page shows it (allowlist.Bodies), and what the sanitiser had to remove
    from it: at most five problems, each on the first line that holds what it names."""
    rendered = bodies.render(*markdown)
    problems = [
        raw.in_body(
            _line_in_body(entry.text, found),
            f"De tekst levert opmaak op die niet is toegestaan: {found}.",
            ALLOWLIST_HINT,
        )
        for found in rendered.problems[:5]
    ]
    return rendered.pieces, problems + _syntax_as_text(entry, raw, rendered.pieces)


def _syntax_as_text(entry: ValidEntry, raw: RawEntry, pieces: tuple) -> list[Diagnostic]:
    """Source syntax the page would print as text (a '[[' without ']]', a '{{'), found in what the renderer
    made of the body: the build refuses it on the page (leaks.py), so the check says it first, with a line."""
    html = "".join(text if level == 0 else f"<h{level}>{text}</h{level}>" for level, text in pieces)
    return [
        raw.in_body(
            _line_with(entry, syntax),
            f"Op de pagina zou '{syntax}' als gewone tekst staan: „…{around}…”.",
            SYNTAX_HINT,
        )
        for syntax, around in leaks.found_in_html(html)[:5]
    ]


def _line_with(entry: ValidEntry, needle: str) -> int:
    """The first body line whose text, without its wikilinks, references and backslash escapes, holds
    ``needle`` (the rendered HTML has no line numbers); else line 1."""
    for line in entry.body.lines:
        text = CITATION_RE.sub("", WIKILINK_RE.sub("", line.prose)).replace("\\", "")
        if needle in text:
            return line.number
    return 1


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


def _one_file(raw: RawEntry, ctx: rules.Context) -> tuple[ValidEntry | None, list[Diagnostic]]:
    entry, problems = _typed(raw)
    if entry is None:
        return None, problems
    for rule in rules.FILE_RULES:
        problems.extend(rule(entry, raw, ctx))
    return entry, problems


class FileChecks:
    """Each file's own checks (its type's model, the body parsed, rules.FILE_RULES) from the previous run, for
    make serve: they depend on the file alone, the vocabularies and the templates' text, and the Reader hands
    back the very same RawEntry for a file that did not change. Half of a preview's validation at 1,000 entries."""

    def __init__(self) -> None:
        self.vocab: Vocabulary | None = None
        self.reserved: frozenset[str] = frozenset()
        self.placeholders: Placeholders | None = None
        self.known: dict[str, tuple[RawEntry, ValidEntry | None, list[Diagnostic]]] = {}

    def check(self, raw: RawEntry, ctx: rules.Context) -> tuple[ValidEntry | None, list[Diagnostic]]:
        if (self.vocab, self.reserved, self.placeholders) != (ctx.vocabulary, ctx.reserved, ctx.placeholders):
            self.vocab, self.reserved, self.placeholders = ctx.vocabulary, ctx.reserved, ctx.placeholders
            self.known = {}
        found = self.known.get(raw.path)
        if found is not None and found[0] is raw:
            return found[1], list(found[2])
        entry, problems = _one_file(raw, ctx)
        self.known[raw.path] = (raw, entry, list(problems))
        return entry, problems

    def forget_others(self, raws: list[RawEntry]) -> None:
        wanted = {raw.path for raw in raws}
        self.known = {path: found for path, found in self.known.items() if path in wanted}


def _render_all(
    entries: dict[str, ValidEntry], raws: dict[str, RawEntry], bodies: Bodies, registry: dict[str, Source]
) -> list[Diagnostic]:
    """Render every body once, keeping the result on its entry; a body refused for its markup already (with its
    lines) is not rendered. ``registry``: the shared sources, which the markers name for a screen reader."""
    problems, titles = [], {i: e.model.title for i, e in entries.items()}
    safe = {i: e for i, e in entries.items() if not any(True for _ in rules.unsafe_markup(e.body))}
    markdown = {i: e.page_markdown(titles, source_labels(e.sources_in(registry))) for i, e in safe.items()}
    bodies.prepare(list(markdown.values()))  # the cache's misses, in one batch
    for entry_id, entry in safe.items():
        pieces, found = _rendered(entry, raws[entry.path], bodies, markdown[entry_id])
        entries[entry_id] = replace(entry, pieces=pieces)
        problems.extend(found)
    return problems


def validate(
    raws: list[RawEntry],
    vocab: Vocabulary,
    bodies: Bodies,
    reserved: frozenset[str],
    placeholders: Placeholders | None = None,
    checks: FileChecks | None = None,
) -> tuple[KnowledgeBase, list[Diagnostic]]:
    """``bodies`` renders each body once (allowlist.Bodies): the page's HTML, and the allowlist's verdict;
    ``reserved``: the names the generator writes beside the entries (makers.reserved_ids), never an id;
    ``placeholders``: the templates' text, which no page may keep (new.placeholders);
    ``checks``: the previous run's single-file checks (make serve), reused for the files that did not change."""
    problems: list[Diagnostic] = []
    valid: list[ValidEntry] = []
    placeholders = placeholders or Placeholders()
    alone = rules.Context({}, frozenset(), vocab, reserved, placeholders)
    for raw in raws:
        entry, diags = _one_file(raw, alone) if checks is None else checks.check(raw, alone)
        problems.extend(diags)
        if entry is not None:
            valid.append(entry)
    if checks is not None:
        checks.forget_others(raws)
    by_path = {raw.path: raw for raw in raws}
    for id_rule in rules.ID_RULES:
        problems.extend(id_rule(valid, by_path))
    entries: dict[str, ValidEntry] = {}
    for entry in valid:
        entries.setdefault(entry.id, entry)
    claimed = {r.data.get("id") for r in raws if isinstance(r.data.get("id"), str)}
    ctx = rules.Context(entries, frozenset(set(entries) | claimed), vocab, reserved, placeholders)
    for entry in entries.values():
        for rule in rules.RULES:
            problems.extend(rule(entry, by_path[entry.path], ctx))
    problems.extend(_render_all(entries, by_path, bodies, vocab.sources))
    return KnowledgeBase(entries, vocab), sorted(
        set(problems), key=lambda d: (d.file, d.line or 0, d.message, d.field or "")
    )
