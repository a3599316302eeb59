"""Errors as values, and how they reach a person: Dutch messages with file, line, field and a hint.

Every stage reports problems as Diagnostics, never raises, so the command line, the tests and CI
annotations share one list, and a contributor sees every problem of a run at once. Pydantic's own
texts ("Input should be a valid string") are for developers; contributors get what is wrong and an
example of what would be right.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from pydantic import ValidationError


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int | None
    field: str | None
    message: str
    hint: str | None = None
    warning: bool = False  # shown, but nothing is refused for it

    def format(self) -> str:
        """For a terminal: control characters from contributors' files (ESC, CR) are shown, not obeyed."""
        where = _shown(self.file) + (f":{self.line}" if self.line else "")
        field = f" [{_shown(self.field)}]" if self.field else ""
        text = f"{where}{field}: {'waarschuwing: ' if self.warning else ''}{_shown(self.message)}"
        if self.hint:
            text += f"\n    → {_shown(self.hint)}"
        return text

    def github_annotation(self) -> str:
        """One line GitHub Actions turns into an inline comment on the pull request.

        Escaped as the Actions toolkit escapes workflow commands, so a file name or a message cannot
        end the command early or start another one.
        """
        line = f",line={self.line}" if self.line else ""
        text = self.message + (f" {self.hint}" if self.hint else "")
        level = "warning" if self.warning else "error"
        return f"::{level} file={_command_property(self.file)}{line}::{_command_data(text)}"


_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _shown(text: str) -> str:
    """``text`` with control characters written out (\\x1b), so a terminal shows them instead of obeying."""
    return _CONTROL_RE.sub(lambda m: repr(m.group())[1:-1], text)


def _command_data(text: str) -> str:
    return _shown(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _command_property(text: str) -> str:
    return _command_data(text).replace(":", "%3A").replace(",", "%2C")


def print_problems(problems: list[Diagnostic], stream: TextIO | None = None) -> None:
    """Every problem, counted, on stderr; on GitHub Actions also as annotations on the pull request.

    Warnings are printed with the errors; the closing count speaks of errors only when there are any.
    """
    stream = stream or sys.stderr
    for problem in problems:
        print(problem.format(), file=stream)
    errors = [p for p in problems if not p.warning]
    warnings = len(problems) - len(errors)
    if errors:
        files = len({p.file for p in errors})
        also = f" (en {warnings} waarschuwing(en))" if warnings else ""
        print(
            f"\n{len(errors)} fout(en) in {files} bestand(en){also}. Er is niets gebouwd of overschreven.", file=stream
        )
    elif warnings:
        print(f"\n{warnings} waarschuwing(en); de pagina's worden wel gebouwd.", file=stream)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.github_annotation(), file=sys.stdout)


def line_of(lines: dict[str, int], loc: Iterable, default: int | None = None) -> int | None:
    """The line of the deepest known key along ``loc`` ('sources.0.url', then 'sources.0', ...),
    so errors land close.
    """
    parts = [str(p) for p in loc]
    while parts:
        key = ".".join(parts)
        if key in lines:
            return lines[key]
        parts.pop()
    return default


def _clean_loc(loc: tuple) -> tuple:
    """Pydantic's location without its internal steps (validator functions, union branches)."""
    return tuple(
        p for p in loc if not (isinstance(p, str) and p.startswith(("function-", "constrained-str"))) and p != "Source"
    )


def validation_diagnostics(
    exc: ValidationError,
    file: str,
    lines: dict[str, int],
    prefix: tuple = (),
    default_line: int | None = None,
    hints: dict[str, str] | None = None,
) -> list[Diagnostic]:
    """A pydantic ValidationError as Dutch diagnostics, each on the line of its field.

    ``prefix``: where the validated object sits in the file (an item's index in a YAML list);
    ``hints``: a hint per pydantic error type, where the caller knows a better one.
    """
    out: list[Diagnostic] = []
    seen: set[tuple] = set()
    for err in exc.errors():
        raw_loc = tuple(p for p in err["loc"] if not str(p).startswith("function-"))
        # A source may be a key or an object; report the object branch only once.
        if (
            raw_loc[:1] == ("sources",)
            and len(raw_loc) > 2
            and raw_loc[2] in ("str", "function-after[_check_http_url(), str]")
        ):
            continue
        message, hint = describe(err)
        if hints and err["type"] in hints:
            hint = hints[err["type"]]
        loc = _clean_loc(raw_loc)
        diagnostic = Diagnostic(
            file, line_of(lines, (*prefix, *loc), default_line), ".".join(map(str, loc)) or None, message, hint
        )
        if (diagnostic.line, diagnostic.field, diagnostic.message) not in seen:
            seen.add((diagnostic.line, diagnostic.field, diagnostic.message))
            out.append(diagnostic)
    return out


# -- pydantic errors → Dutch ---------------------------------------------------------------------

FIELD_EXAMPLES = {
    "id": "id: presentie  (kleine letters, cijfers en koppeltekens; gelijk aan de bestandsnaam)",
    "reviewed": "reviewed: 2026-11-23",
    "date": "date: 2014-10  (JJJJ, JJJJ-MM of JJJJ-MM-DD)",
    "url": "url: https://www.voorbeeld.nl/artikel",
    "website": "website: https://www.voorbeeld.nl",
    "summary": "summary: Eén of twee zinnen die zeggen waar de pagina over gaat.",
    "themes": "themes: [eenzaamheid, preventie]",
    "sources": "sources: [woltring-leeuwarden]",
    "credits": "credits:\n      - name: Jan Jansen\n        role: tekst",
    "status": "status: concept",
    "level": "level: [individu, buurt]",
    "target_groups": "target_groups: [eenzame-bewoners, wijkteams]",
    "period": "period:\n      start: 2007\n      end: 2014",
    "coordinates": "coordinates:\n      lat: 52.25\n      lon: 6.16",
    "facts": 'facts:\n      - label: Inwoners\n        value: "98.400"\n        source: broekman-deventer',
    "steps": "steps:\n      - title: Kennismaken\n        text: Wat je doet in deze stap [@woltring-leeuwarden].",
    "basis": "basis: [ervaring, plan]",
    "positions": (
        "positions:\n      - title: Loslaten (Deventer)\n        summary: Het standpunt [@broekman-deventer].\n"
        "        entries: [sociale-teams-deventer]"
    ),
    "questions": "questions:\n      - Wanneer laat je los, en wanneer blijf je dichtbij?",
    "events": "events:\n      - year: 2005\n        end: 2010\n        label: Herstructurering van de wijk\n"
    "        source: broekman-deventer",
}


def _example(field: str | None) -> str | None:
    if not field:
        return None
    for part in reversed(field.split(".")):
        if part in FIELD_EXAMPLES:
            return "Voorbeeld: " + FIELD_EXAMPLES[part]
    return None


@dataclass(frozen=True)
class Message:
    """Pydantic's error type in Dutch. ``{input}``: the value as written; ``{expected}``, ``{max_length}``: from
    pydantic's context. Without a hint the field's example shows, or ``fallback`` when it has none."""

    text: str
    hint: str | None = None
    fallback: str | None = None


_DATE = Message(
    "Dit is geen geldige datum: {input}.", fallback="Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-23."
)
_FIELDS = Message("Hier horen velden te staan (naam: waarde).")
_RANGE = Message("Dit getal valt buiten het toegestane bereik (gekregen: {input}).")
_SOURCE = Message("Onbekend soort bron.")
MESSAGES = {
    "missing": Message("Dit verplichte veld ontbreekt.", fallback="Vul het veld in."),
    "extra_forbidden": Message(
        "Dit veld bestaat niet voor dit soort pagina.",
        "Controleer de spelling van de veldnaam, of haal het veld weg. "
        "Zie de sjabloonbestanden in practices/_sjablonen/.",
    ),
    "literal_error": Message("Deze waarde is niet toegestaan (gekregen: {input}).", "Kies uit: {expected}."),
    "string_pattern_mismatch": Message(
        "Dit is geen geldige id: {input}.",
        "Gebruik alleen kleine letters a-z, cijfers en koppeltekens, bijvoorbeeld 'een-gezin-een-plan'.",
    ),
    "too_short": Message("Deze lijst mag niet leeg zijn.", fallback="Vul minstens één waarde in."),
    "string_too_short": Message("Dit veld is leeg of te kort."),
    "string_too_long": Message(
        "Dit veld is te lang (maximaal {max_length} tekens).",
        "Maak de tekst korter; lange uitleg hoort in de hoofdtekst.",
    ),
    "string_type": Message(
        "Hier hoort tekst te staan (gekregen: {input}).",
        "Zet de tekst tussen aanhalingstekens als hij met een getal of teken begint.",
    ),
    "list_type": Message(
        "Hier hoort een lijst te staan.", fallback="Schrijf een lijst als [a, b] of met '- ' op elke regel."
    ),
    "model_type": _FIELDS,
    "dict_type": _FIELDS,
    "model_attributes_type": _FIELDS,
    "greater_than_equal": _RANGE,
    "less_than_equal": _RANGE,
    "greater_than": _RANGE,
    "less_than": _RANGE,
    "union_tag_invalid": _SOURCE,
    "union_tag_not_found": _SOURCE,
}
MESSAGES["too_long"] = MESSAGES["string_too_long"]
# Families of error types that share one message: date_parsing, date_type, int_parsing, int_from_float...
FAMILIES = {
    "date": _DATE,
    "int": Message("Hier hoort een heel getal te staan (gekregen: {input})."),
    "float": Message("Hier hoort een getal te staan (gekregen: {input})."),
}


def describe(error: dict) -> tuple[str, str | None]:
    """(message, hint) for one pydantic error dict: our own rules carry theirs (model.refused), the rest
    comes from MESSAGES."""
    ctx = error.get("ctx") or {}
    field = ".".join(str(p) for p in error["loc"] if not str(p).startswith("function-"))
    example = _example(field)
    shown = repr(error.get("input"))
    if "hint" in ctx:  # model.refused: the message was formatted by pydantic, all but the value as written
        return error["msg"].replace("{input}", shown), ctx["hint"] or example
    found = MESSAGES.get(error["type"]) or FAMILIES.get(error["type"].split("_")[0])
    if found is None:
        return f"Ongeldige waarde ({error.get('msg', '')}).", example
    values = {"input": shown, "max_length": ctx.get("max_length"), "expected": _expected(ctx)}
    hint = found.hint.format(**values) if found.hint else example or found.fallback
    return found.text.format(**values), hint


def _expected(ctx: dict) -> str:
    return str(ctx.get("expected", "")).replace(" or ", " of ")
