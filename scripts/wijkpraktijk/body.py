"""Rules for the Markdown body: fixed headings, wikilinks, no raw HTML.

Bodies are untrusted. Rather than sanitising HTML after the fact, raw HTML and
non-web link targets are refused at validation time, so nothing a contributor
writes can place a script, frame, style or event handler on a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WIKILINK_RE = re.compile(r"\[\[([^\]|\n]*)(?:\|([^\]\n]*))?\]\]")
HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^>]*)?/?>|<!--|<!\w|<\?")
INLINE_LINK_RE = re.compile(r"\]\(\s*<?([^)\s>]*)")
REF_DEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
AUTOLINK_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")
IMAGE_RE = re.compile(r"!\[([^\]]*)\]\(")
SAFE_SCHEMES = ("http:", "https:", "mailto:")


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


def _prose_lines(body: str):
    """Lines outside fenced code blocks, with inline code removed: code may show HTML."""
    in_fence = False
    for number, line in enumerate(body.split("\n"), start=1):
        if FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        yield number, re.sub(r"`[^`]*`", "", line)


def headings(body: str) -> list[tuple[int, int, str]]:
    return [
        (number, len(m.group(1)), m.group(2))
        for number, line in _prose_lines(body)
        if (m := HEADING_RE.match(line))
    ]


def wikilinks(body: str) -> list[Wikilink]:
    return [
        Wikilink(m.group(1).strip(), (m.group(2) or "").strip() or None, number)
        for number, line in _prose_lines(body)
        for m in WIKILINK_RE.finditer(line)
    ]


def _unsafe_target(target: str) -> bool:
    target = target.strip().lower()
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", re.sub(r"[\s\x00-\x1f]", "", target))
    return bool(scheme) and not target.startswith(SAFE_SCHEMES)


def check(body: str, required: tuple[str, ...], optional: tuple[str, ...]) -> list[BodyIssue]:
    issues: list[BodyIssue] = []
    allowed = required + optional
    for number, line in _prose_lines(body):
        if HTML_TAG_RE.search(line):
            issues.append(BodyIssue(number, "HTML is niet toegestaan in de tekst.", "Gebruik Markdown: **vet**, *schuin*, [linktekst](https://...), lijsten met '- '."))
        for target in INLINE_LINK_RE.findall(line) + AUTOLINK_RE.findall(line):
            if _unsafe_target(target):
                issues.append(BodyIssue(number, f"Deze link is niet toegestaan: {target!r}.", "Links beginnen met https://, http:// of mailto:, of zijn een [[id]] naar een andere pagina."))
        ref = REF_DEF_RE.match(line)
        if ref and _unsafe_target(ref.group(1)):
            issues.append(BodyIssue(number, f"Deze link is niet toegestaan: {ref.group(1)!r}.", "Links beginnen met https://, http:// of mailto:."))
        for alt in IMAGE_RE.findall(line):
            if not alt.strip():
                issues.append(BodyIssue(number, "Deze afbeelding heeft geen beschrijving (alt-tekst).", "Schrijf tussen de vierkante haken wat er te zien is: ![Bewoners aan tafel in het buurthuis](foto.jpg)."))
    seen: list[str] = []
    for number, level, text in headings(body):
        if level == 1:
            issues.append(BodyIssue(number, "Een kop met één # is niet toegestaan; de titel komt uit het veld 'title'.", "Gebruik '## ' voor hoofdstukken en '### ' voor tussenkopjes."))
        elif level == 2:
            if text == "Bronnen":
                issues.append(BodyIssue(number, "De kop 'Bronnen' wordt automatisch gemaakt.", "Haal deze kop weg en zet de bronnen in het veld 'sources'."))
            elif text not in allowed:
                choices = ", ".join(f"'## {h}'" for h in allowed) or "geen"
                issues.append(BodyIssue(number, f"Onbekende kop '## {text}'.", f"Toegestane koppen voor dit soort pagina: {choices}. Gebruik '### ' voor een tussenkopje."))
            elif text in seen:
                issues.append(BodyIssue(number, f"De kop '## {text}' staat er twee keer in.", "Voeg de twee stukken samen onder één kop."))
            else:
                seen.append(text)
    missing = [h for h in required if h not in seen]
    if missing:
        issues.append(BodyIssue(1, "Verplichte kop(pen) ontbreken: " + ", ".join(f"'## {h}'" for h in missing) + ".", "Elk soort pagina heeft vaste koppen, in deze volgorde: " + ", ".join(f"'## {h}'" for h in allowed) + "."))
    order = [h for h in allowed if h in seen]
    if not missing and seen != order:
        issues.append(BodyIssue(1, "De koppen staan niet in de vaste volgorde.", "Volgorde: " + ", ".join(f"'## {h}'" for h in order) + "."))
    for link in wikilinks(body):
        if not link.target:
            issues.append(BodyIssue(link.line, "Lege wikilink [[ ]].", "Schrijf de id van de pagina: [[presentie]] of [[presentie|presentiebenadering]]."))
    return issues


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
