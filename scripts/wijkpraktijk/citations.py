"""The grammar of inline source references, Pandoc style: ``[@key]``, ``[@a; @b]``, ``[@key, "vindplaats"]``.

Why a module of its own: the same small syntax is read in a body (body.py finds the groups, once per
entry) and in front-matter texts such as method steps (``split``), and it must be read the same way in
both. Validation (rules.py) turns what is found into diagnostics; rendering turns readable groups into
numbered markers that link to the page's *Bronnen* list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import ID_PATTERN, Source
from .text import md_text

# A group: '[' '@' ... ']' on one line, no nested brackets. The inside is split on ';'.
GROUP_RE = re.compile(r"\[(@[^\[\]\n]{0,500})\]")
# Matched on a stripped item, so the locator ends at the end: a lazy (.*?) before \s*$ was quadratic in the spaces
# of a locator (400 spaces: 80,000 steps an item; security review 3, R5).
ITEM_RE = re.compile(r"^@(" + ID_PATTERN.strip("^$") + r")\s*(?:,\s*(.*))?$")
QUOTES = "\"'„“”‘’"


@dataclass(frozen=True)
class Citation:
    key: str
    locator: str | None
    line: int  # 1-based within the text it was read from


@dataclass(frozen=True)
class Unreadable:
    text: str
    line: int


def items(inside: str, line: int) -> tuple[list[Citation], list[Unreadable]]:
    """The citations of one group's inside (``@a; @b, "p. 3"``), and the parts that could not be read."""
    found, bad = [], []
    for part in inside.split(";"):
        m = ITEM_RE.match(part.strip())
        if not m:
            bad.append(Unreadable(part.strip(), line))
            continue
        locator = (m.group(2) or "").strip().strip(QUOTES).strip() or None
        found.append(Citation(m.group(1), locator, line))
    return found, bad


def split(text: str) -> list[str | list[Citation]]:
    """A front-matter text as plain pieces and citation groups, in order (for escaping each piece once)."""
    parts: list[str | list[Citation]] = []
    at = 0
    for m in GROUP_RE.finditer(text):
        good, bad = items(m.group(1), 1)
        if bad or not good:
            continue
        parts.append(text[at : m.start()])
        parts.append(good)
        at = m.end()
    parts.append(text[at:])
    return [p for p in parts if p != ""]


SOURCE_ANCHOR = "bron-{}"  # the id of a source in a page's Bronnen list; markers link to it
# Text inside a marker for screen readers only (docs/assets/toegankelijkheid.css); allowlist.SR_CLASS.
SR_CLASS = "wp-sr"
SR_OPEN, SR_CLOSE = f'<span class="{SR_CLASS}">', "</span>"


def source_label(source: Source) -> str:
    """How a screen reader names a source in a marker, as a reader cites it: 'Woltring (2014)', 'Broekman (z.d.)'."""
    parts = source.name_parts()
    if parts is not None:
        family, _given, particle = parts
        who = f"{particle} {family}".strip()
    else:
        who = source.author or source.title
    return f"{who} ({source.date[:4] if source.date else 'z.d.'})"


def source_labels(sources: list[Source]) -> dict[str, str]:
    """``source_label`` of each keyed source of a page, by key."""
    return {s.key: source_label(s) for s in sources if s.key}


def marker(numbers: dict[str, int], found: list[Citation], labels: dict[str, str]) -> str:
    """Numbered markers as Markdown links to the page's Bronnen list.

    Material shows the linked list item as a tooltip (content.footnote.tooltips) because the links
    carry its footnote class, and ties it to the link (aria-describedby) while it shows; the keys were
    checked against the page's sources when validating. A screen reader hears the source too: "Bron 1:
    Woltring (2014)", where the eye sees "1", from visually hidden text inside the link (``labels``,
    ``source_label``), so the name holds what is shown. The space the writer put before ``[@key]`` stays,
    and search skips the marker: glued to the word before it, '2' would turn 'wijkteams' into the
    unsearchable 'wijkteams2'.
    """
    marks = []
    for c in found:
        number = numbers.get(c.key, "?")  # only a page with errors cites a key it does not list
        label = md_text(labels.get(c.key, "?"))
        if c.locator:
            text = f"{SR_OPEN}Bron {SR_CLOSE}{number}: {md_text(c.locator)}{SR_OPEN}, {label}{SR_CLOSE}"
        else:
            text = f"{SR_OPEN}Bron {SR_CLOSE}{number}{SR_OPEN}: {label}{SR_CLOSE}"
        marks.append(f'[{text}](#{SOURCE_ANCHOR.format(number)}){{ .footnote-ref data-pagefind-ignore="all" }}')
    return "".join(marks)
