"""Inline source references, Pandoc style: ``[@key]``, ``[@a; @b]``, ``[@key, "locator"]``.

Why a module of its own: the same small syntax is read in three places (a body,
front-matter texts such as method steps, and the coverage rules that say which
paragraphs need one), and it must be read the same way in all three. Pure
functions over text; validate.py turns their findings into diagnostics and
render.py turns citations into numbered markers that link to the page's
*Bronnen* list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .body import FENCE_RE, INLINE_CODE_RE, prose_lines
from .model import ID_PATTERN

# A group: '[' '@' ... ']' on one line, no nested brackets. The inside is split on ';'.
GROUP_RE = re.compile(r"\[(@[^\[\]\n]{0,500})\]")
# Matched on a stripped item, so the locator ends at the end: a lazy (.*?) before \s*$ was quadratic in the spaces
# of a locator (400 spaces: 80,000 steps an item; security review 3, R5).
ITEM_RE = re.compile(r"^@(" + ID_PATTERN.strip("^$") + r")\s*(?:,\s*(.*))?$")
QUOTES = "\"'„“”‘’"
EDITORS_TITLE = "Advies van de redactie"
ADMONITION_RE = re.compile(r'^!!!\s+[\w-]+(?:\s+"(.*)")?\s*$')
LIST_ITEM_RE = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+\S")
HEADING_RE = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
RULE_RE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")


@dataclass(frozen=True)
class Citation:
    key: str
    locator: str | None
    line: int  # 1-based within the text it was read from


@dataclass(frozen=True)
class Unreadable:
    text: str
    line: int


def _items(inside: str, line: int) -> tuple[list[Citation], list[Unreadable]]:
    found, bad = [], []
    for part in inside.split(";"):
        m = ITEM_RE.match(part.strip())
        if not m:
            bad.append(Unreadable(part.strip(), line))
            continue
        locator = (m.group(2) or "").strip().strip(QUOTES).strip() or None
        found.append(Citation(m.group(1), locator, line))
    return found, bad


def read(text: str) -> tuple[list[Citation], list[Unreadable]]:
    """Every citation in a body or a front-matter text, and the groups that could not be read."""
    found: list[Citation] = []
    bad: list[Unreadable] = []
    for number, line in prose_lines(text):  # `[@x]` in code is an example, not a reference
        if "[@" not in line:
            continue
        for m in GROUP_RE.finditer(line):
            good, wrong = _items(m.group(1), number)
            found.extend(good)
            bad.extend(wrong)
    return found, bad


def has_citation(text: str | None) -> bool:
    return bool(text) and bool(read(text)[0])


def replace(text: str, marker) -> str:
    """Each readable group → ``marker(citations)`` (Markdown); code and unreadable groups stay as they are."""

    def sub(m: re.Match) -> str:
        good, bad = _items(m.group(1), 0)
        return m.group(0) if bad or not good else marker(good)

    out, in_fence = [], False
    for line in text.split("\n"):
        if FENCE_RE.match(line):
            in_fence = not in_fence
        if in_fence or "[@" not in line:
            out.append(line)
            continue
        pieces, at = [], 0
        for code in INLINE_CODE_RE.finditer(line):  # leave inline code alone
            pieces.append(GROUP_RE.sub(sub, line[at : code.start()]))
            pieces.append(code.group(0))
            at = code.end()
        pieces.append(GROUP_RE.sub(sub, line[at:]))
        out.append("".join(pieces))
    return "\n".join(out)


def split(text: str) -> list[str | list[Citation]]:
    """A front-matter text as plain pieces and citation groups, in order (for escaping each piece once)."""
    parts: list[str | list[Citation]] = []
    at = 0
    for m in GROUP_RE.finditer(text):
        good, bad = _items(m.group(1), 1)
        if bad or not good:
            continue
        parts.append(text[at : m.start()])
        parts.append(good)
        at = m.end()
    parts.append(text[at:])
    return [p for p in parts if p != ""]


# -- coverage: which blocks of a body carry no citation -------------------------------------------


@dataclass(frozen=True)
class Block:
    line: int  # first line, 1-based within the body
    kind: str  # "alinea", "lijstpunt", "tabel", "citaat"
    text: str
    editorial: bool  # inside an "Advies van de redactie" block


def _kind(line: str) -> str:
    stripped = line.lstrip()
    if LIST_ITEM_RE.match(line):
        return "lijstpunt"
    if stripped.startswith("|"):
        return "tabel"
    if stripped.startswith(">"):
        return "citaat"
    return "alinea"


def blocks(body: str) -> list[Block]:
    """Paragraphs, list items, tables and quotes of a body, each with its first line.

    Line-based on purpose: this decides only *where* a reference is missing, never what
    reaches a page (the real renderer and the allowlist do that). An admonition's
    indented content belongs to it; one titled "Advies van de redactie" is the editors' own.
    """
    found: list[Block] = []
    current: list[str] = []
    start, kind, editorial = 0, "alinea", False
    in_admonition, admonition_editorial = False, False
    in_fence = False

    def close() -> None:
        nonlocal current
        if current:
            found.append(Block(start, kind, "\n".join(current), editorial))
        current = []

    for number, line in enumerate(body.split("\n"), start=1):
        if FENCE_RE.match(line):
            in_fence = not in_fence
            close()
            continue
        if in_fence:
            continue
        if in_admonition and line.strip() and not line.startswith(("    ", "\t")):
            in_admonition = False
            close()
        content = line
        if in_admonition and line.strip():
            content = line[4:] if line.startswith("    ") else line[1:]
        if not content.strip():
            close()
            continue
        m = ADMONITION_RE.match(line)
        if m:
            close()
            in_admonition = True
            admonition_editorial = (m.group(1) or "").strip() == EDITORS_TITLE
            continue
        if HEADING_RE.match(content) or RULE_RE.match(content):
            close()
            continue
        new_kind = _kind(content)
        starts_item = new_kind == "lijstpunt"
        if current and (starts_item or (kind in ("tabel", "citaat")) != (new_kind in ("tabel", "citaat"))):
            close()
        if not current:
            start, kind, editorial = number, new_kind, in_admonition and admonition_editorial
        current.append(content)
    close()
    return found


def uncovered(body: str) -> list[Block]:
    """Blocks outside the editors' blocks that cite no source."""
    return [b for b in blocks(body) if not b.editorial and not has_citation(b.text)]
