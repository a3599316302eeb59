"""Rules for the Markdown body: fixed headings, wikilinks, no raw HTML.

Bodies are untrusted. Raw HTML and non-web link targets are refused at
validation time with precise lines, and a body that could still produce markup
is rendered and checked against an allowlist (allowlist.py), so nothing a
contributor writes can place a script, frame, style or event handler on a page.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass

from . import allowlist

WIKILINK_RE = re.compile(r"\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]")
HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*)$")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE_RE = re.compile(r"`[^`]*`")
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
MAX_LINE = 10_000  # characters; a real paragraph is a few hundred
# Tables: a page shows a few columns of key figures. 8 bodies with 4,900-column tables made a build 7× slower.
MAX_TABLE_COLUMNS = 30
MAX_TABLE_CELLS = 500
MAX_LINK_TARGETS = 100  # distinct pages one body links to with [[id]] (the real ones: at most 23)
# The line under a table's header (Python-Markdown's tables): cells of dashes, with optional ':' and outer '|'.
TABLE_SEPARATOR_RE = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
QUOTE_OR_INDENT_RE = re.compile(r"^[ \t>]*")  # a table inside a quote or a list item
# Python-Markdown scans the rest of a paragraph for every backtick run it cannot close: runs of many lengths
# made one paragraph take a second. Up to three backticks stay linear; a fence line keeps its own marker.
LONG_BACKTICKS_RE = re.compile(r"`{4,}")
FENCE_LINE_RE = re.compile(r"^\s*`{3,}[^`]*$")
# Lists and quotes nested this deep: Python-Markdown takes seconds (and recurses) on hundreds of levels; a real
# body has two or three. Counted on the line's start: each '>' and every 4 columns of indentation (a tab is 4).
MAX_DEPTH = 20
LINE_START_RE = re.compile(r"^[ \t>]+")
SNIPPET_RE = re.compile(r"-{1,}8<-{1,}")

# Fixed body headings per type: (required, optional), each in page order; an optional heading
# listed in OPTIONAL_AFTER goes right after the given required one. "Bronnen" is always
# generated from front matter, so it may not appear in a body.
BODY_SECTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "practice": (("Aanleiding", "Aanpak", "Wat het opleverde", "Lessen"), ("Wat moeilijk was",)),
    "method": (("Achtergrond",), ("Zo werkt het", "In de praktijk", "Kanttekeningen")),
    "concept": (("Betekenis",), ("Achtergrond", "In de praktijk")),
    "place": ((), ("Over deze plaats", "Wijken", "In de praktijk")),
    "organisation": ((), ("Over deze organisatie", "In de praktijk")),
    "tension": (("Waar het schuurt",), ()),
}
OPTIONAL_AFTER = {"Wat moeilijk was": "Wat het opleverde"}


def _page_order(required: tuple[str, ...], optional: tuple[str, ...]) -> tuple[str, ...]:
    order = list(required)
    for heading in optional:
        after = OPTIONAL_AFTER.get(heading)
        order.insert(order.index(after) + 1 if after in order else len(order), heading)
    return tuple(order)


@dataclass(frozen=True)
class BodyIssue:
    line: int  # 1-based within the body
    message: str
    hint: str


@dataclass(frozen=True)
class Wikilink:
    target: str
    text: str | None
    line: int


def prose_lines(body: str):
    """Lines outside fenced code blocks, with inline code removed: code may show HTML."""
    in_fence = False
    for number, line in enumerate(body.split("\n"), start=1):
        if FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        yield number, INLINE_CODE_RE.sub("", line) if "`" in line else line


def headings(body: str) -> list[tuple[int, int, str]]:
    """(line, level, text); the text without a closing run of '#' (string methods: no regex can backtrack)."""
    return [
        (number, len(m.group(1)), m.group(2).rstrip().rstrip("#").rstrip())
        for number, line in prose_lines(body)
        if (m := HEADING_RE.match(line))
    ]


def wikilinks(body: str) -> list[Wikilink]:
    return [
        Wikilink(m.group(1).strip(), (m.group(2) or "").strip() or None, number)
        for number, line in prose_lines(body)
        for m in WIKILINK_RE.finditer(line)
    ]


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


class _Lines:
    """Offset → line number, by bisection: counting from the start for every finding would be quadratic."""

    def __init__(self, body: str):
        self.breaks = [m.start() for m in re.finditer("\n", body)]

    def __call__(self, offset: int) -> int:
        return bisect.bisect_left(self.breaks, offset) + 1


def _once_per_line(issues: list[BodyIssue]) -> list[BodyIssue]:
    """The first finding of each kind on each line: a hostile line can hold thousands."""
    return list({(i.line, i.message): i for i in reversed(issues)}.values())[::-1]


def _tables(lines: list[str]) -> list[tuple[int, int, int]]:
    """(header line, columns, cells) of every table: a header with '|', its separator, rows up to a blank line."""
    plain = [QUOTE_OR_INDENT_RE.sub("", line) for line in lines]
    found = []
    for i in range(1, len(plain)):
        if "|" in plain[i - 1] and "-" in plain[i] and TABLE_SEPARATOR_RE.match(plain[i]):
            columns = len(plain[i].strip().strip("|").split("|"))
            rows = 1
            while i + rows < len(plain) and plain[i + rows].strip():
                rows += 1
            found.append((i, columns, columns * rows))  # header and body rows; a row never has more cells
    return found


def _table_issues(lines: list[str]) -> list[BodyIssue]:
    hint = "Een tabel is voor een paar kolommen kerngegevens: zet de rest in zinnen of lijsten, of maak twee tabellen."
    issues = []
    for number, columns, cells in _tables(lines):
        if columns > MAX_TABLE_COLUMNS:
            message = f"Deze tabel heeft {columns} kolommen; maximaal {MAX_TABLE_COLUMNS}."
        elif cells > MAX_TABLE_CELLS:
            message = f"Deze tabel heeft {cells} cellen; maximaal {MAX_TABLE_CELLS}."
        else:
            continue
        issues.append(BodyIssue(number, message, hint))
    return issues


def _depth(start: str) -> int:
    """Quote markers plus indentation levels at the start of a line (the deepest it can nest)."""
    columns = 0
    for char in start.replace(">", ""):
        columns = columns + 4 - columns % 4 if char == "\t" else columns + 1
    return start.count(">") + columns // 4


def unsafe_markup(body: str) -> list[BodyIssue]:
    """Everything that could put markup, scripts or trackers on a page.

    Checked on the raw body, code blocks included: a contributor never needs HTML,
    not even as an example. One finding per line and kind; a line longer than
    MAX_LINE, or a table wider or larger than its limits, is refused before
    anything renders it (allowlist.py counts the rendered cells again).
    """
    issues: list[BodyIssue] = []
    _line_at = _Lines(body)
    lines = body.split("\n")
    issues.extend(_table_issues(lines))
    too_deep = False
    for number, line in enumerate(lines, start=1):
        if "````" in line and not FENCE_LINE_RE.match(line) and LONG_BACKTICKS_RE.search(line):
            issues.append(
                BodyIssue(
                    number,
                    "Meer dan drie backticks (`) achter elkaar zijn niet toegestaan.",
                    "Tekst tussen backticks wordt code; gewone tekst heeft dat niet nodig. Haal de backticks weg.",
                )
            )
        start = LINE_START_RE.match(line) if not too_deep else None
        if start and _depth(start.group()) > MAX_DEPTH:
            too_deep = True  # the first such line says it; the lines below it are as deep
            issues.append(
                BodyIssue(
                    number,
                    f"Deze regel zit te diep in lijsten of citaten (meer dan {MAX_DEPTH} niveaus).",
                    "Schrijf lijsten hooguit een paar niveaus diep; zet de rest in gewone alinea's.",
                )
            )
        if len(line) > MAX_LINE:
            issues.append(
                BodyIssue(
                    number,
                    f"Deze regel is te lang ({len(line)} tekens; maximaal {MAX_LINE}).",
                    "Verdeel de tekst over alinea's, met een witregel ertussen.",
                )
            )
    link_hint = "Links beginnen met https://, http:// of mailto:, of zijn een [[id]] naar een andere pagina."
    for m in TAG_START_RE.finditer(body):
        if not SAFE_AUTOLINK_RE.match(body, m.start()):
            issues.append(
                BodyIssue(
                    _line_at(m.start()),
                    "HTML is niet toegestaan in de tekst.",
                    "Gebruik Markdown: **vet**, *schuin*, [linktekst](https://...), lijsten met '- '. "
                    "Een los '<' schrijf je als 'kleiner dan'.",
                )
            )
    for m in ATTR_LIST_RE.finditer(body):
        issues.append(
            BodyIssue(
                _line_at(m.start()),
                "Opmaakcodes tussen accolades ({: ... }) zijn niet toegestaan.",
                "Haal het stuk tussen { en } weg; de opmaak van de site is overal gelijk.",
            )
        )
    for m in SNIPPET_RE.finditer(body):
        issues.append(
            BodyIssue(
                _line_at(m.start()),
                "De code '--8<--' (een ander bestand invoegen) is niet toegestaan.",
                "Schrijf de tekst zelf uit, of verwijs met [[id]] naar de andere pagina.",
            )
        )
    for regex in (INLINE_LINK_RE, AUTOLINK_RE, REF_DEF_RE):
        for m in regex.finditer(body):
            if _unsafe_target(m.group(1)):
                shown = re.sub(r"\s+", " ", m.group(1)).strip()
                issues.append(BodyIssue(_line_at(m.start()), f"Deze link is niet toegestaan: {shown!r}.", link_hint))
    for m in IMAGE_RE.finditer(body):
        line = _line_at(m.start())
        if not m.group(1).strip():
            issues.append(
                BodyIssue(
                    line,
                    "Deze afbeelding heeft geen beschrijving (alt-tekst).",
                    "Schrijf tussen de vierkante haken wat er te zien is: "
                    "![Bewoners aan tafel in het buurthuis](foto.jpg).",
                )
            )
        if _external_target(m.group(2)):
            issues.append(
                BodyIssue(
                    line,
                    "Afbeeldingen van een andere website zijn niet toegestaan.",
                    "Zo'n afbeelding laat bezoekers ongemerkt contact maken met die website (privacy). "
                    "Link er liever naar: [beschrijving](https://...).",
                )
            )
    return _once_per_line(issues)


def check(
    body: str, required: tuple[str, ...], optional: tuple[str, ...], unsafe: list[BodyIssue] | None = None
) -> list[BodyIssue]:
    """Every problem of one body; ``unsafe`` is ``unsafe_markup(body)`` when the caller has it already."""
    issues: list[BodyIssue] = []
    allowed = _page_order(required, optional)
    issues.extend(unsafe_markup(body) if unsafe is None else unsafe)
    seen: list[str] = []
    for number, level, text in headings(body):
        if level == 1:
            issues.append(
                BodyIssue(
                    number,
                    "Een kop met één # is niet toegestaan; de titel komt uit het veld 'title'.",
                    "Gebruik '## ' voor hoofdstukken en '### ' voor tussenkopjes.",
                )
            )
        elif level == 2:
            if text == "Bronnen":
                issues.append(
                    BodyIssue(
                        number,
                        "De kop 'Bronnen' wordt automatisch gemaakt.",
                        "Haal deze kop weg en zet de bronnen in het veld 'sources'.",
                    )
                )
            elif text not in allowed:
                choices = ", ".join(f"'## {h}'" for h in allowed) or "geen"
                issues.append(
                    BodyIssue(
                        number,
                        f"Onbekende kop '## {text}'.",
                        f"Toegestane koppen voor dit soort pagina: {choices}. Gebruik '### ' voor een tussenkopje.",
                    )
                )
            elif text in seen:
                issues.append(
                    BodyIssue(
                        number,
                        f"De kop '## {text}' staat er twee keer in.",
                        "Voeg de twee stukken samen onder één kop.",
                    )
                )
            else:
                seen.append(text)
    missing = [h for h in required if h not in seen]
    if missing:
        issues.append(
            BodyIssue(
                1,
                "Verplichte kop(pen) ontbreken: " + ", ".join(f"'## {h}'" for h in missing) + ".",
                "Elk soort pagina heeft vaste koppen, in deze volgorde: "
                + ", ".join(f"'## {h}'" for h in allowed)
                + ".",
            )
        )
    order = [h for h in allowed if h in seen]
    if not missing and seen != order:
        issues.append(
            BodyIssue(
                1,
                "De koppen staan niet in de vaste volgorde.",
                "Volgorde: " + ", ".join(f"'## {h}'" for h in order) + ".",
            )
        )
    targets: set[str] = set()
    for link in wikilinks(body):
        targets.add(link.target)
        if len(targets) == MAX_LINK_TARGETS + 1:
            issues.append(
                BodyIssue(
                    link.line,
                    f"De tekst linkt naar meer dan {MAX_LINK_TARGETS} verschillende pagina's.",
                    "Link naar de pagina's die er het meest toe doen; elke link staat ook op de andere pagina.",
                )
            )
        if not link.target:
            issues.append(
                BodyIssue(
                    link.line,
                    "Lege wikilink [[ ]].",
                    "Schrijf de id van de pagina: [[presentie]] of [[presentie|presentiebenadering]].",
                )
            )
    return issues


def check_body(body: str, kind: str, checker: allowlist.BodyChecker) -> tuple[list[BodyIssue], list[str]]:
    """Everything a body can tell on its own: the issues of ``check`` (lines 1-based within the body),
    and what its rendered HTML holds that is not on the allowlist."""
    required, optional = BODY_SECTIONS[kind]
    unsafe = unsafe_markup(body)
    issues = check(body, required, optional, unsafe)
    if unsafe:  # refused already, with lines: no need to render it
        return issues, []
    return issues, checker.problems(body)


def replace_wikilinks(body: str, href_for) -> str:
    """Turn [[id]] and [[id|tekst]] into Markdown links; ``href_for(id)`` gives (href, title)."""

    def sub(m: re.Match) -> str:
        href, title = href_for(m.group(1).strip())
        text = (m.group(2) or "").strip() or title
        return f"[{text}]({href})"

    out, in_fence = [], False
    for line in body.split("\n"):
        if FENCE_RE.match(line):
            in_fence = not in_fence
        out.append(line if in_fence else WIKILINK_RE.sub(sub, line))
    return "\n".join(out)
