"""`make new`: a new entry file from the commented template, with a safe, unused id.

Contributors should not have to invent a file name, an id or a date format.
The id is a slug of the title (python-slugify), so it is plain ASCII; it is
refused when an entry already uses it, or once used it (former_ids), because
an id is a permanent address.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from slugify import slugify

from . import types
from .config import CHECKOUT, Paths
from .diagnostics import Diagnostic
from .leftovers import Placeholders
from .makers import reserved_ids
from .model import ID_MAX, ID_PATTERN
from .read import RawEntry, entry_files, parse, read_all, read_text

TEMPLATE_DIR = "_sjablonen"


def type_names() -> dict[str, str]:
    """What a contributor may type for a type: the English name, the Dutch label, the folder or an alias."""
    names: dict[str, str] = {}
    for t in types.TYPES:
        for name in (t.name, t.label, t.folder, *t.aliases):
            names.setdefault(name, t.name)
    return names


FILLED_KEYS = ("id", "title", "reviewed")  # what ``fill`` writes into a copy


def template_file(paths: Paths, kind: str) -> Path:
    """The type's template; a knowledge base without its own templates (the tests' fixture) uses the checkout's."""
    name = types.get(kind).new_file
    own = paths.practices / TEMPLATE_DIR / name
    return own if os.path.lexists(own) else CHECKOUT / "practices" / TEMPLATE_DIR / name


def read_template(paths: Paths, kind: str) -> tuple[str | None, RawEntry | None, list[Diagnostic]]:
    """(text, front matter and body, problems) of the type's template, read as an entry is read.

    The form publishes a template's body in site/admin/config.yml and ``make new`` copies it: the same
    reader as for entries (no symlink, the size limit, UTF-8, fences, safe YAML), then the keys the model knows.
    """
    path = template_file(paths, kind)
    root = paths.root if path.is_relative_to(paths.root) else CHECKOUT
    rel = path.relative_to(root).as_posix()
    text, problem = read_text(path, rel)
    if problem:
        return None, None, [problem]
    raw, problems = parse(text, rel)
    if raw is None:
        return text, None, problems
    fields = types.get(kind).model.model_fields
    for key in raw.data:
        if key not in fields:
            problems.append(
                Diagnostic(
                    rel,
                    raw.lines.get(str(key)),
                    str(key),
                    f"Het sjabloon heeft een veld dat een {types.get(kind).label} niet kent: '{key}'.",
                    "Haal het weg, of zet het als uitleg achter '# '. De velden staan in model.py.",
                )
            )
    if raw.data.get("type") != kind:
        problems.append(
            Diagnostic(rel, raw.lines.get("type"), "type", f"Het sjabloon hoort 'type: {kind}' te hebben.", None)
        )
    for key in FILLED_KEYS:
        if key not in raw.data:
            problems.append(Diagnostic(rel, 2, key, f"Het sjabloon mist het veld '{key}'; make new vult dat in.", None))
    return text, raw, problems


def read_templates(paths: Paths) -> tuple[list[RawEntry], list[Diagnostic]]:
    """Every type's template read once: (the ones that could be read, the problems of all), in type order.

    ``load`` needs both (the placeholders no page may keep, and make check's problems): one reading, not two.
    """
    raws: list[RawEntry] = []
    problems: list[Diagnostic] = []
    for t in types.TYPES:
        _, raw, found = read_template(paths, t.name)
        if raw is not None:
            raws.append(raw)
        problems += found
    return raws, problems


def placeholders(paths: Paths) -> Placeholders:
    """What every type's template says, which no page may keep (leftovers.py, rules.no_template_text)."""
    return Placeholders.of(read_templates(paths)[0])


class NewEntryError(Exception):
    """A Dutch message for the contributor; the CLI prints it and exits 1."""


@dataclass(frozen=True)
class Created:
    path: Path
    entry_id: str


def resolve_type(name: str) -> str:
    kind = type_names().get(name.strip().lower())
    if kind is None:
        choices = ", ".join(f"{t.label} ({t.name})" for t in types.TYPES)
        raise NewEntryError(f"Onbekend soort pagina: {name!r}. Kies uit: {choices}.")
    return kind


def make_id(title: str) -> str:
    entry_id = slugify(title, max_length=ID_MAX, word_boundary=True)
    if not entry_id or not re.match(ID_PATTERN, entry_id):
        raise NewEntryError(
            f"Van de titel {title!r} kan geen id worden gemaakt. Gebruik letters of cijfers in de titel."
        )
    return entry_id


def used_ids(paths: Paths) -> dict[str, str]:
    """Every id in use or once used, with the file that holds it (also from files with errors)."""
    raws, _ = read_all(paths.practices, paths.root)
    used: dict[str, str] = {}
    for raw in raws:
        if isinstance(raw.data.get("id"), str):
            used.setdefault(raw.data["id"], raw.path)
        former = raw.data.get("former_ids")
        for old in former if isinstance(former, list) else []:
            if isinstance(old, str):
                used.setdefault(old, f"{raw.path} (former_ids)")
    for path in entry_files(paths.practices):  # files too broken to read still hold their name
        used.setdefault(path.stem, path.relative_to(paths.root).as_posix())
    return used


def fill(template: str, entry_id: str, title: str, today: dt.date) -> str:
    """Replace the three values make new knows; every comment stays for the contributor."""
    values = {"id": entry_id, "title": json.dumps(title, ensure_ascii=False), "reviewed": today.isoformat()}
    for key, value in values.items():
        template, count = re.subn(rf"(?m)^{key}: .*$", lambda _m, k=key, v=value: f"{k}: {v}", template, count=1)
        if count != 1:
            raise NewEntryError(f"Het sjabloon mist het veld '{key}'.")
    return template


def create(paths: Paths, type_name: str, title: str, today: dt.date | None = None) -> Created:
    kind = resolve_type(type_name)
    title = " ".join(title.split())
    if not title:
        example = types.get("method").label  # 'methode'
        raise NewEntryError(f'Geef een titel op, bijvoorbeeld: make new TYPE={example} TITLE="Buurtcirkel".')
    entry_id = make_id(title)
    if entry_id in reserved_ids():
        raise NewEntryError(f"De id '{entry_id}' is gereserveerd voor de site zelf. Kies een andere titel.")
    target = paths.practices / types.get(kind).folder / f"{entry_id}.md"
    if target.exists() or target.is_symlink():
        raise NewEntryError(
            f"{target.relative_to(paths.root)} bestaat al; er is niets overschreven. Kies een andere titel."
        )
    used = used_ids(paths)
    if entry_id in used:
        raise NewEntryError(
            f"De id '{entry_id}' is al in gebruik of was eerder in gebruik ({used[entry_id]}). "
            "Kies een andere titel, bijvoorbeeld met de plaatsnaam erbij."
        )
    template, _, problems = read_template(paths, kind)
    if problems:
        raise NewEntryError("\n".join(problem.format() for problem in problems))
    text = fill(template, entry_id, title, today or dt.date.today())
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return Created(target, entry_id)
