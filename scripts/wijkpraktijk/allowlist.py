"""The allowlist of HTML a body may produce, checked on the body rendered as the site would render it.

``body.py`` refuses risky Markdown with precise line numbers. Parsers have
corner cases no pattern list foresees, so a body that holds one of the
characters markup needs ('<', '{', '&') or an image is also rendered with the
Markdown extensions from mkdocs.yml, and every element, attribute and URL in
the result must be on a short allowlist. Bodies without those characters (most
of them) skip the render, which keeps ``make check`` fast.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown

from .config import mkdocs_config

TRIGGER_RE = re.compile(r"[<{&]|!\[")
ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "em",
        "strong",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "img",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "dl",
        "dt",
        "dd",
        "div",
    }
)
ALLOWED_ATTRS = frozenset({"href", "src", "alt", "title", "id", "class"})
TABLE_ALIGN_RE = re.compile(r"^text-align: (left|right|center);$")
SAFE_URL_RE = re.compile(r"^(https?:|mailto:|#|[^:]*$)", re.IGNORECASE)
SKIPPED_EXTENSIONS = {"pymdownx.snippets"}  # reads other files; refused in bodies anyway


@functools.lru_cache(maxsize=4)
def _markdown(site_config: Path) -> markdown.Markdown:
    """A Markdown converter configured like the site (mkdocs.yml's markdown_extensions)."""
    config = mkdocs_config(site_config)
    names, configs = [], {}
    for item in config.get("markdown_extensions") or []:
        name, options = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        if name in SKIPPED_EXTENSIONS:
            continue
        try:  # an extension that does not load here cannot be checked, but must not break the check
            markdown.Markdown(extensions=[name], extension_configs={name: options or {}})
        except Exception:  # noqa: BLE001
            continue
        names.append(name)
        configs[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


class _Allowlist(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"element <{tag}>")
            return
        for name, value in attrs:
            value = value or ""
            if name == "style" and tag in ("th", "td") and TABLE_ALIGN_RE.match(value):
                continue
            if name not in ALLOWED_ATTRS:
                self.problems.append(f"attribuut '{name}' op <{tag}>")
            elif name in ("href", "src") and not SAFE_URL_RE.match(re.sub(r"[\s\x00-\x20]", "", value)):
                self.problems.append(f"adres {value!r}")
            elif name == "src" and re.match(r"^\s*(//|[a-z][a-z0-9+.-]*:)", value, re.IGNORECASE):
                self.problems.append(f"afbeelding van een andere website ({value!r})")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.problems.append("HTML-commentaar")

    def handle_decl(self, decl):
        self.problems.append("HTML-declaratie")

    def handle_pi(self, data):
        self.problems.append("HTML-instructie")

    def unknown_decl(self, data):
        self.problems.append("HTML-declaratie")


def rendered_problems(body: str, site_config: Path) -> list[str]:
    """What in the rendered body is not on the allowlist (empty: safe)."""
    if not TRIGGER_RE.search(body):
        return []
    md = _markdown(site_config)
    md.reset()
    try:
        output = md.convert(body)
    except Exception as exc:  # noqa: BLE001  (a parser crash on hostile input is a finding, not a traceback)
        return [f"de tekst kon niet als Markdown worden gelezen ({type(exc).__name__})"]
    checker = _Allowlist()
    checker.feed(output)
    checker.close()
    return list(dict.fromkeys(checker.problems))
