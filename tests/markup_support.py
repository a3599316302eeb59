"""Helpers for tests of hostile contributions: what in HTML could run, and pages as the site renders them.

"Inert" is judged on the generated page rendered by the site's own Markdown configuration
(allowlist._markdown), not on our own patterns; the built site is scanned again by safety.py.
"""

from __future__ import annotations

from html.parser import HTMLParser

from conftest import REPO, problems_of, replace_in
from wijkpraktijk import allowlist
from wijkpraktijk.diagnostics import Diagnostic

METHOD = "methoden/huisbezoek.md"
PRACTICE = "praktijken/buurtteam-voorbeeld.md"
ORGANISATION = "organisaties/voorbeeldorganisatie.md"
BODY_TEXT = "Een methode uit de test."


class _Active(HTMLParser):
    """What in HTML could run: script elements, event handlers, script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name} on <{tag}>")
            if name in ("href", "src") and (value or "").strip().lower().startswith(("javascript:", "data:")):
                self.found.append(f"{name}={value}")


def active_content(html: str) -> list[str]:
    parser = _Active()
    parser.feed(html)
    parser.close()
    return parser.found


def site_html(markdown_text: str) -> str:
    """Markdown as the site's own configuration makes it HTML."""
    md = allowlist._markdown(REPO / "mkdocs.yml")
    md.reset()
    return md.convert(markdown_text)


def rendered_page(tree, rel: str) -> str:
    """A generated page as the site's Markdown makes it HTML (front matter left out)."""
    return site_html((tree.generated / rel).read_text(encoding="utf-8").split("\n---\n", 1)[1])


def refused(tree, *words: str) -> Diagnostic:
    """The first problem of ``make check`` that holds every one of ``words``."""
    problems = problems_of(tree)
    hits = [p for p in problems if all(w in p.format() for w in words)]
    assert hits, "\n".join(p.format() for p in problems)
    return hits[0]


def with_body(tree, text: str) -> None:
    """``text`` as paragraphs of their own in the method's body (the fixture's reference follows them)."""
    replace_in(tree, METHOD, BODY_TEXT, BODY_TEXT + "\n\n" + text + "\n\n")
