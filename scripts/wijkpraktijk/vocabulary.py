"""The shared lists every entry draws from: themes, target groups and the source registry.

Both are plain YAML files in practices/ so contributors can extend them in a
pull request, next to the entries that need the new value.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .diagnostics import Diagnostic, validation_diagnostics
from .model import EntryId, ShortText, Source, Strict
from .read import read_yaml_list

THEMES_FILE = "themas.yml"
TARGET_GROUPS_FILE = "doelgroepen.yml"
SOURCES_FILE = "bronnen.yml"


class Theme(Strict):
    id: EntryId
    label: ShortText
    description: ShortText | None = None


class TargetGroup(Strict):
    """One entry of the short list of target groups: a filter on Verkennen, so free text would split it."""

    id: EntryId
    label: ShortText
    description: ShortText | None = None


@dataclass(frozen=True)
class Vocabulary:
    themes: dict[str, Theme]
    sources: dict[str, Source]
    target_groups: dict[str, TargetGroup]


def _load_list(path: Path, root: Path, model: type[Strict], key: str) -> tuple[dict, list[Diagnostic]]:
    items, lines, problems = read_yaml_list(path, root)
    if items is None:
        return {}, problems
    rel = path.relative_to(root).as_posix()
    result: dict = {}
    for i, item in enumerate(items):
        try:
            obj = model.model_validate(item)
        except ValidationError as exc:
            problems.extend(validation_diagnostics(exc, rel, lines, prefix=(i,)))
            continue
        ident = getattr(obj, key)
        if ident is None:
            problems.append(
                Diagnostic(
                    rel,
                    lines.get(str(i)),
                    key,
                    "Elke bron in dit bestand heeft een 'key' nodig.",
                    "Voorbeeld: key: achternaam-onderwerp",
                )
            )
            continue
        if ident in result:
            problems.append(
                Diagnostic(
                    rel,
                    lines.get(str(i)),
                    key,
                    f"'{ident}' staat twee keer in de lijst.",
                    "Geef elke regel een eigen, unieke naam.",
                )
            )
            continue
        result[ident] = obj
    return result, problems


def load_vocabulary(practices: Path, root: Path) -> tuple[Vocabulary, list[Diagnostic]]:
    themes, p1 = _load_list(practices / THEMES_FILE, root, Theme, "id")
    sources, p2 = _load_list(practices / SOURCES_FILE, root, Source, "key")
    groups, p3 = _load_list(practices / TARGET_GROUPS_FILE, root, TargetGroup, "id")
    return Vocabulary(themes, sources, groups), p1 + p2 + p3
