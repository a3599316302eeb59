"""A Markdown body parsed once: its lines with their fence state, headings, wikilinks, citations and blocks.

Why one parse: validation rules, the link graph, search and rendering all need to know which lines are
code and where the links and references are. Each used to scan the text on its own (four fence scanners,
three wikilink scans per entry); now ``parse`` runs once per entry, the validated entry keeps the
``Body``, and every stage reads its fields. Line-based on purpose: this decides what the *contributor*
wrote (where a reference is missing, which id a link names), never what reaches a page: the real
renderer and the allowlist (allowlist.py) decide that.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import citations
from .citations import Citation, Unreadable

WIKILINK_RE = re.compile(r"\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]")
HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*)$")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE_RE = re.compile(r"`[^`]*`")
# What the coverage rules see (Block): admonitions, list items, headings and rules in the CommonMark sense.
EDITORS_TITLE = "Advies van de redactie"
ADMONITION_RE = re.compile(r'^!!!\s+[\w-]+(?:\s+"(.*)")?\s*$')
LIST_ITEM_RE = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+\S")
BLOCK_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
RULE_RE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
QUOTED_KINDS = ("tabel", "citaat")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based within the body
    text: str
    fenced: bool  # a fence line or inside a fenced code block: code, never prose
    code: tuple[tuple[int, int], ...] = ()  # spans of inline code

    def segments(self) -> list[tuple[int, int]]:
        """The prose spans of the line, between its inline code (none for a fenced line)."""
        if self.fenced:
            return []
        spans, at = [], 0
        for start, end in self.code:
            spans.append((at, start))
            at = end
        spans.append((at, len(self.text)))
        return spans

    @property
    def prose(self) -> str:
        """The line without its inline code: code may show HTML, brackets or links as examples."""
        return "".join(self.text[a:b] for a, b in self.segments())


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str


@dataclass(frozen=True)
class Wikilink:
    target: str
    text: str | None
    line: int
    start: int = 0  # offsets in the line's text
    end: int = 0


@dataclass(frozen=True)
class CitationGroup:
    """One ``[@...]`` in prose; ``readable`` when every item in it could be read (only those become markers)."""

    line: int
    start: int
    end: int
    citations: tuple[Citation, ...]
    readable: bool


@dataclass(frozen=True)
class Block:
    line: int  # first line, 1-based within the body
    kind: str  # "alinea", "lijstpunt", "tabel", "citaat"
    text: str
    editorial: bool  # inside an "Advies van de redactie" block
    lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Body:
    text: str
    lines: tuple[Line, ...]
    headings: tuple[Heading, ...]
    wikilinks: tuple[Wikilink, ...]
    groups: tuple[CitationGroup, ...]
    unreadable: tuple[Unreadable, ...]
    blocks: tuple[Block, ...]

    @property
    def citations(self) -> list[Citation]:
        """Every readable citation, in order (also those in a group with an unreadable item)."""
        return [c for group in self.groups for c in group.citations]

    def cited_lines(self) -> set[int]:
        return {group.line for group in self.groups if group.citations}

    def uncovered(self) -> list[Block]:
        """Blocks outside the editors' blocks that cite no source."""
        cited = self.cited_lines()
        return [b for b in self.blocks if not b.editorial and not cited.intersection(b.lines)]

    def substitute(
        self,
        wikilink: Callable[[Wikilink], str] | None = None,
        citations: Callable[[list[Citation]], str] | None = None,
    ) -> str:
        """The text with each wikilink and each readable reference group replaced; code stays as it is."""
        spans: dict[int, list[tuple[int, int, str]]] = {}
        if citations is not None:
            for group in self.groups:
                if group.readable:
                    spans.setdefault(group.line, []).append((group.start, group.end, citations(list(group.citations))))
        if wikilink is not None:
            for link in self.wikilinks:
                taken = spans.get(link.line, [])
                if not any(start < link.end and link.start < end for start, end, _ in taken):
                    spans.setdefault(link.line, []).append((link.start, link.end, wikilink(link)))
        if not spans:
            return self.text
        out = []
        for line in self.lines:
            text, at, pieces = line.text, 0, []
            for start, end, new in sorted(spans.get(line.number, [])):
                pieces += [text[at:start], new]
                at = end
            out.append("".join(pieces) + text[at:])
        return "\n".join(out)


def _lines(text: str) -> list[Line]:
    found, in_fence = [], False
    for number, line in enumerate(text.split("\n"), start=1):
        if FENCE_RE.match(line):
            in_fence = not in_fence
            found.append(Line(number, line, True))
        elif in_fence:
            found.append(Line(number, line, True))
        else:
            code = tuple(m.span() for m in INLINE_CODE_RE.finditer(line)) if "`" in line else ()
            found.append(Line(number, line, False, code))
    return found


def _links_and_groups(lines: list[Line]) -> tuple[list[Wikilink], list[CitationGroup], list[Unreadable]]:
    links, groups, bad = [], [], []
    for line in lines:
        for start, end in line.segments():
            for m in WIKILINK_RE.finditer(line.text, start, end):
                target, text = m.group(1).strip(), (m.group(2) or "").strip() or None
                links.append(Wikilink(target, text, line.number, m.start(), m.end()))
            if "[@" not in line.text[start:end]:
                continue
            for m in citations.GROUP_RE.finditer(line.text, start, end):
                good, wrong = citations.items(m.group(1), line.number)
                groups.append(CitationGroup(line.number, m.start(), m.end(), tuple(good), bool(good) and not wrong))
                bad += wrong
    return links, groups, bad


def _headings(lines: list[Line]) -> list[Heading]:
    """The text without a closing run of '#' (string methods: no regex can backtrack)."""
    return [
        Heading(line.number, len(m.group(1)), m.group(2).rstrip().rstrip("#").rstrip())
        for line in lines
        if not line.fenced and (m := HEADING_RE.match(line.prose))
    ]


def _kind(line: str) -> str:
    stripped = line.lstrip()
    if LIST_ITEM_RE.match(line):
        return "lijstpunt"
    if stripped.startswith("|"):
        return "tabel"
    if stripped.startswith(">"):
        return "citaat"
    return "alinea"


class _Blocks:
    """Paragraphs, list items, tables and quotes, each with its lines.

    An admonition's indented content belongs to it; one titled "Advies van de redactie" is the editors' own.
    """

    def __init__(self) -> None:
        self.found: list[Block] = []
        self.current: list[tuple[int, str]] = []
        self.kind, self.editorial = "alinea", False
        self.in_admonition = self.admonition_editorial = False

    def close(self) -> None:
        if self.current:
            numbers = tuple(n for n, _ in self.current)
            text = "\n".join(t for _, t in self.current)
            self.found.append(Block(numbers[0], self.kind, text, self.editorial, numbers))
        self.current = []

    def add(self, line: Line) -> None:
        if line.fenced:
            if FENCE_RE.match(line.text):  # a fence line ends the block before it
                self.close()
            return
        content = self._content(line.text)
        if (
            not content.strip()
            or self._admonition(line.text)
            or BLOCK_HEADING_RE.match(content)
            or RULE_RE.match(content)
        ):
            self.close()
            return
        kind = _kind(content)
        if self.current and (kind == "lijstpunt" or (kind in QUOTED_KINDS) != (self.kind in QUOTED_KINDS)):
            self.close()
        if not self.current:
            self.kind, self.editorial = kind, self.in_admonition and self.admonition_editorial
        self.current.append((line.number, content))

    def _content(self, text: str) -> str:
        """The line as its block reads it: without an admonition's indentation; a line that is not indented
        ends the admonition."""
        if self.in_admonition and text.strip() and not text.startswith(("    ", "\t")):
            self.in_admonition = False
            self.close()
        if self.in_admonition and text.strip():
            return text[4:] if text.startswith("    ") else text[1:]
        return text

    def _admonition(self, text: str) -> bool:
        m = ADMONITION_RE.match(text)
        if m:
            self.in_admonition = True
            self.admonition_editorial = (m.group(1) or "").strip() == EDITORS_TITLE
        return bool(m)


def parse(text: str) -> Body:
    """The one parse of a body (or of a front-matter text that may carry references)."""
    lines = _lines(text)
    links, groups, bad = _links_and_groups(lines)
    blocks = _Blocks()
    for line in lines:
        blocks.add(line)
    blocks.close()
    return Body(
        text, tuple(lines), tuple(_headings(lines)), tuple(links), tuple(groups), tuple(bad), tuple(blocks.found)
    )


def has_citation(text: str | None) -> bool:
    """Does a front-matter text cite a source (readable, outside code)?"""
    return bool(text) and bool(parse(text).citations)


def uncited(value: object) -> str:
    """A front-matter text without its references, where no Bronnen list is near (a workshop card)."""
    text = parse(str(value)).substitute(citations=lambda found: "")
    return re.sub(r"\s+([.,;:!?])", r"\1", text).strip()
