"""The allowlist of HTML a body may produce, checked on the body rendered exactly as the site renders it.

``body.py`` refuses risky Markdown with precise line numbers. Parsers have
corner cases no pattern list foresees, so every body is also rendered with
the Markdown extensions MkDocs uses (its built-in toc, tables and
fenced_code, then mkdocs.yml's), and every element, attribute, class, id and
URL in the result must be on a short allowlist. Rendering is the slow part,
so results are kept in .cache/ by the body's text (``BodyChecker``).
Python-Markdown is quadratic on long runs of '[', so a body with more than
MAX_BRACKETS of them is refused before it is rendered.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pymdownx

from .cache import DiskCache
from .config import mkdocs_config

CHECK_VERSION = "3"  # bump when the rules below change: cached results are keyed by it
MAX_BRACKETS = 1000
MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")  # MkDocs adds these to every site's extensions
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
# Material's admonition types, and the classes Python-Markdown itself writes. A class the theme
# styles (md-dialog, md-button) would let a body dress up as the site.
ADMONITION_TYPES = frozenset(
    [
        "note",
        "abstract",
        "summary",
        "tldr",
        "info",
        "todo",
        "tip",
        "hint",
        "important",
        "success",
        "check",
        "done",
        "question",
        "help",
        "faq",
        "warning",
        "caution",
        "attention",
        "failure",
        "fail",
        "missing",
        "danger",
        "error",
        "bug",
        "example",
        "quote",
        "cite",
    ]
)
ALLOWED_CLASSES = ADMONITION_TYPES | {"admonition", "admonition-title", "headerlink"}
LANGUAGE_CLASS_RE = re.compile(r"^language-[\w+#.-]+$")  # a fenced code block's language
TABLE_ALIGN_RE = re.compile(r"^text-align: (left|right|center);$")
SAFE_URL_RE = re.compile(r"^(https?:|mailto:|#|[^:]*$)", re.IGNORECASE)
# Links inside the site come from [[id]] (and headings' own #anchors); a relative path could leave the tree.
RELATIVE_HREF_RE = re.compile(r"^(https?:|mailto:|#)", re.IGNORECASE)
SKIPPED_EXTENSIONS = {"pymdownx.snippets"}  # reads other files; refused in bodies anyway


def _extensions(site_config: Path) -> tuple[list[str], dict]:
    """MkDocs' built-in extensions, then mkdocs.yml's markdown_extensions, as MkDocs merges them."""
    names, configs = list(MKDOCS_BUILTINS), {}
    for item in mkdocs_config(site_config).get("markdown_extensions") or []:
        name, options = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        if name in SKIPPED_EXTENSIONS:
            continue
        if name not in names:
            names.append(name)
        configs[name] = options or {}
    return names, configs


@functools.lru_cache(maxsize=4)
def _markdown(site_config: Path) -> markdown.Markdown:
    """A Markdown converter configured like the site."""
    names, configs = _extensions(site_config)
    usable = []
    for name in names:
        try:  # an extension that does not load here cannot be checked, but must not break the check
            markdown.Markdown(extensions=[name], extension_configs={name: configs.get(name, {})})
        except Exception:  # noqa: BLE001
            continue
        usable.append(name)
    return markdown.Markdown(extensions=usable, extension_configs={n: configs.get(n, {}) for n in usable})


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
            elif name == "id" and value.startswith("__"):
                self.problems.append(f"id '{value}' (die gebruikt de site zelf)")
            elif name == "class":
                for token in value.split():
                    if token not in ALLOWED_CLASSES and not (tag == "code" and LANGUAGE_CLASS_RE.match(token)):
                        self.problems.append(f"opmaakklasse '{token}' op <{tag}>")
            elif name in ("href", "src") and not SAFE_URL_RE.match(re.sub(r"[\s\x00-\x20]", "", value)):
                self.problems.append(f"adres {value!r}")
            elif name == "href" and not RELATIVE_HREF_RE.match(value):
                self.problems.append(f"adres {value!r} (een andere pagina van deze site: schrijf [[id]])")
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


def _render_problems(body: str, site_config: Path) -> list[str]:
    if body.count("[") > MAX_BRACKETS:
        return [f"meer dan {MAX_BRACKETS} vierkante haken ([), te veel om veilig te lezen"]
    md = _markdown(site_config)
    md.reset()
    try:
        output = md.convert(body)
    except Exception as exc:  # noqa: BLE001  (a parser crash on hostile input is a finding, not a traceback)
        return [f"de tekst kon niet als Markdown worden gelezen ({type(exc).__name__})"]
    finally:
        md.reset()
    checker = _Allowlist()
    checker.feed(output)
    checker.close()
    return list(dict.fromkeys(checker.problems))


def rendered_problems(body: str, site_config: Path) -> list[str]:
    """What in the rendered body is not on the allowlist (empty: safe)."""
    return _render_problems(body, site_config)


class BodyChecker:
    """``rendered_problems`` for every body of a run, read back from .cache/ when the body was seen before.

    The key holds the body, the site's Markdown configuration, the library versions and
    CHECK_VERSION, so a changed rule or extension renders every body again.
    """

    def __init__(self, site_config: Path, cache_folder: Path | None = None):
        self.site_config = site_config
        self.cache = DiskCache(cache_folder, CHECK_VERSION) if cache_folder else None
        self._setup = [_extensions(site_config), markdown.__version__, pymdownx.__version__]

    def problems(self, body: str) -> list[str]:
        if self.cache is None:
            return _render_problems(body, self.site_config)
        key = [self._setup, body]
        found = self.cache.lookup("body", key)
        if found is not None:
            return found.split("\n") if found else []
        problems = _render_problems(body, self.site_config)
        self.cache.put("body", key, "\n".join(problems))
        return problems

    def close(self) -> None:
        """Forget the bodies this run did not see, then close the cache."""
        if self.cache is not None:
            self.cache.prune()
