"""Source syntax that reached a reader: attribute lists such as ``{ .wp-card-sources }`` printed as text.

Python-Markdown's attr_list turns ``{ .class }`` into an attribute only where it stands alone on the line
after a block, or right after an inline element; anywhere else it stays text. A template that loses a line
break (Jinja's ``trim_blocks`` after a tag) prints it on the page, on every card, in the PDF. The same goes
for the other syntax only the generator turns into HTML: a reference ``[@key]``, a wikilink ``[[id]]``,
Jinja's ``{{`` and ``{%``. Code (``<code>``, ``<pre>``) may show any of it: there it is an example.

Contributors cannot put any of it on a page as text: ``make check`` refuses it where the rendered body
(validate.py) or a field (rules.no_source_syntax_in_fields) would show it. So a hit on a built page is the
generator's own: the build fails on it, with the page and the text around it, before anything reaches site/.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

# '{ .x', '{: ...', '{ #x', '{#x .y' or '{ key="..."': what attr_list reads as attributes; then references,
# wikilinks and template tags.
LEAK_RE = re.compile(r"\{:|\{[ \t]*[.#][\w-]|\{[ \t]*[\w-]+=\"|\[@[\w-]|\[\[|\{\{|\{%")
NOT_TEXT = frozenset({"script", "style", "template", "code", "pre"})


class _Text(HTMLParser):
    """The text a reader sees (or a screen reader reads), one string per text node."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in NOT_TEXT:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in NOT_TEXT and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.texts.append(data)


def found_in_html(html: str) -> list[tuple[str, str]]:
    """(the syntax, the text around it) for each leak in ``html``."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = "".join(parser.texts)
    return [(m.group(0), " ".join(text[max(0, m.start() - 40) : m.end() + 30].split())) for m in LEAK_RE.finditer(text)]


def in_html(html: str) -> list[str]:
    """Each leak in ``html``, as the text around it."""
    return [around for _, around in found_in_html(html)]


def in_site(site: Path) -> list[str]:
    """``page: …text…`` for every leak on every HTML page of ``site`` (the cards PDF is printed from one)."""
    return [
        f"{path.relative_to(site).as_posix()}: …{found}…"
        for path in sorted(site.rglob("*.html"))
        for found in in_html(path.read_text(encoding="utf-8"))
    ]
