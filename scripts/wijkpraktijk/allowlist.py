"""The allowlist of HTML a body may produce: checked when validating, and enforced when building.

``body.py`` refuses risky Markdown with precise line numbers. Parsers have
corner cases no pattern list foresees, so every body is also rendered with
the Markdown extensions MkDocs uses (its built-in toc, tables and
fenced_code, then mkdocs.yml's), and every element, attribute, class, id and
URL in the result must be on a short allowlist (``BodyChecker``: what is not
on it becomes a Dutch message). The build does not trust that check either:
it renders each body the same way and sanitises the HTML with nh3 (ammonia)
using the same allowlist (``BodyRenderer``), and the pages carry that HTML.
Rendering is the slow part, so both keep their results in the per-user cache
(cache.py) by the body's text; the build sanitises what it reads back from
there again, so no cached value reaches a page without passing nh3.
Python-Markdown is quadratic on long runs of '[', so a body with more than
MAX_BRACKETS of them is refused before it is rendered.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import nh3
import orjson
import pymdownx

from .cache import DiskCache, pmap
from .config import mkdocs_config

CHECK_VERSION = "8"  # bump when the rules below change: cached results are keyed by it
MAX_BRACKETS = 1000
# Elements of one rendered body (the real ones: at most 70). Every page's HTML is parsed again by MkDocs, twice
# (the site and the offline copy), by the scan and by Pagefind: markup, not text, is what costs there.
MAX_ELEMENTS = 1000
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
        "span",
    }
)
# data-pagefind-ignore: set by the generator on its reference markers (render.citation_marker) only;
# contributors cannot write attributes (body.py refuses attribute lists).
ALLOWED_ATTRS = frozenset({"href", "src", "alt", "title", "id", "class", "data-pagefind-ignore"})
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
# footnote-ref and SR_CLASS (a span of text for screen readers only, inside them): the generator's own reference
# markers ([@key] → render.citation_marker); contributors cannot write classes or HTML (body.py refuses attribute
# lists and HTML), so only those markers carry them.
SR_CLASS = "wp-sr"
ALLOWED_CLASSES = ADMONITION_TYPES | {"admonition", "admonition-title", "headerlink", "footnote-ref", SR_CLASS}
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
        self.tables: list[list[int]] = []  # per open table: [cells, cells in the current row]
        self.elements = 0

    def _count(self, tag: str) -> None:
        """Table size as rendered (body.py's limits, counted on the real output as well)."""
        from .body import MAX_TABLE_CELLS, MAX_TABLE_COLUMNS

        if tag == "table":
            self.tables.append([0, 0])
        elif self.tables and tag == "tr":
            self.tables[-1][1] = 0
        elif self.tables and tag in ("td", "th"):
            table = self.tables[-1]
            table[0] += 1
            table[1] += 1
            if table[1] == MAX_TABLE_COLUMNS + 1:
                self.problems.append(f"een tabel met meer dan {MAX_TABLE_COLUMNS} kolommen")
            if table[0] == MAX_TABLE_CELLS + 1:
                self.problems.append(f"een tabel met meer dan {MAX_TABLE_CELLS} cellen")

    def handle_endtag(self, tag):
        if tag == "table" and self.tables:
            self.tables.pop()

    def handle_starttag(self, tag, attrs):
        self._count(tag)
        self.elements += 1
        if self.elements == MAX_ELEMENTS + 1:
            self.problems.append(f"meer dan {MAX_ELEMENTS} stukken opmaak (alinea's, links, cellen, nadruk)")
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


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    """nh3's per-attribute rule, the same as the check's: allowed classes only, no theme ids, table alignment."""
    if name == "class":
        kept = [t for t in value.split() if t in ALLOWED_CLASSES or (tag == "code" and LANGUAGE_CLASS_RE.match(t))]
        return " ".join(kept) or None
    if name == "id":
        return None if value.startswith("__") else value
    if name == "style":
        return value if tag in ("th", "td") and TABLE_ALIGN_RE.match(value) else None
    return value


SANITISER = {
    "tags": set(ALLOWED_TAGS),
    "attributes": {
        "*": {"id", "class", "title"},
        "a": {"href", "data-pagefind-ignore"},
        "img": {"src", "alt"},
        "th": {"style"},
        "td": {"style"},
    },
    "attribute_filter": _keep_attribute,
    "url_schemes": {"http", "https", "mailto"},
    "link_rel": None,
    "strip_comments": True,
}


def sanitise(html: str) -> str:
    """Only what is on the allowlist survives: the HTML the build puts on a page."""
    return nh3.clean(html, **SANITISER)


def _render(text: str, site_config: Path) -> str:
    md = _markdown(site_config)
    md.reset()
    try:
        return md.convert(text)
    finally:
        md.reset()


def rendered_problems(body: str, site_config: Path) -> list[str]:
    """What in the rendered body is not on the allowlist (empty: safe)."""
    if body.count("[") > MAX_BRACKETS:
        return [f"meer dan {MAX_BRACKETS} vierkante haken ([), te veel om veilig te lezen"]
    try:
        output = _render(body, site_config)
    except RecursionError:
        return ["lijsten of citaten zijn te diep in elkaar genest om te lezen"]
    except Exception as exc:  # noqa: BLE001  (a parser crash on hostile input is a finding, not a traceback)
        return [f"de tekst kon niet als Markdown worden gelezen ({type(exc).__name__})"]
    checker = _Allowlist()
    checker.feed(output)
    checker.close()
    return list(dict.fromkeys(checker.problems))


# Bodies not in the cache are rendered on every core (cache.pmap) once there is this much text to render: below
# it, starting the worker processes costs more than they save (real content: 0.3 MB; a hostile tree: 60 MB).
PARALLEL_BYTES = 4 * 1024 * 1024


def _problems_job(job: tuple[str, str]) -> str:
    """``rendered_problems`` in a worker process (module level, so cache.pmap's workers can import it)."""
    body, site_config = job
    return "\n".join(rendered_problems(body, Path(site_config)))


def _pieces_job(job: tuple[str, str]) -> str:
    """A body's rendered, sanitised pieces as BodyRenderer caches them, in a worker process."""
    text, site_config = job
    return orjson.dumps(split_at_headings(sanitise(_render(text, Path(site_config))))).decode("utf-8")


def _in_parallel(job, texts: list[str], site_config: Path) -> list[str]:
    jobs = [(text, str(site_config)) for text in texts]
    if sum(len(text) for text in texts) < PARALLEL_BYTES:
        return [job(j) for j in jobs]
    return pmap(job, jobs)


class BodyChecker:
    """``rendered_problems`` for every body of a run, read back from the cache when the body was seen before.

    The key holds the body, the site's Markdown configuration, the library versions and
    CHECK_VERSION, so a changed rule or extension renders every body again. ``prepare`` renders the bodies
    the cache does not know yet in one batch, on every core.
    """

    def __init__(self, site_config: Path, cache_folder: Path | None = None):
        self.site_config = site_config
        self.cache = DiskCache(cache_folder, CHECK_VERSION) if cache_folder else None
        self._setup = [_extensions(site_config), markdown.__version__, pymdownx.__version__]
        self._made: dict[str, str] = {}  # this run's results, by body

    def _found(self, body: str) -> str | None:
        if body in self._made:
            return self._made[body]
        return None if self.cache is None else self.cache.lookup("body", [self._setup, body])

    def _keep(self, body: str, found: str) -> None:
        self._made[body] = found
        if self.cache is not None:
            self.cache.put("body", [self._setup, body], found)

    def prepare(self, bodies: list[str]) -> None:
        missing = [body for body in dict.fromkeys(bodies) if self._found(body) is None]
        if self.cache is not None:
            with self.cache.batch():
                for body, found in zip(missing, _in_parallel(_problems_job, missing, self.site_config), strict=True):
                    self._keep(body, found)
        else:
            for body, found in zip(missing, _in_parallel(_problems_job, missing, self.site_config), strict=True):
                self._keep(body, found)

    def problems(self, body: str) -> list[str]:
        found = self._found(body)
        if found is None:
            found = _problems_job((body, str(self.site_config)))
            self._keep(body, found)
        return found.split("\n") if found else []

    def close(self) -> None:
        """Forget the bodies this run did not see, then close the cache."""
        if self.cache is not None:
            self.cache.prune()


class BodyRenderer:
    """A body (wikilinks and references already links) → sanitised HTML split at its headings.

    The split is cached by the body's text (rendering is the slow part); the HTML of every piece read back is
    sanitised again (nh3 leaves its own output as it is, in about 30 µs a piece), and a cached value of any
    other shape is made anew, so the cache can make a page slower, never unsafe.
    """

    def __init__(self, site_config: Path, cache_folder: Path | None = None):
        self.site_config = site_config
        self.cache = DiskCache(cache_folder, CHECK_VERSION) if cache_folder else None
        self._setup = [_extensions(site_config), markdown.__version__, pymdownx.__version__, nh3.__version__]

    def prepare(self, texts: list[str]) -> None:
        """Render the texts the cache does not know yet in one batch, on every core."""
        if self.cache is None:
            return
        missing = [t for t in dict.fromkeys(texts) if self.cache.lookup("pieces", [self._setup, t]) is None]
        with self.cache.batch():
            for text, value in zip(missing, _in_parallel(_pieces_job, missing, self.site_config), strict=True):
                self.cache.put("pieces", [self._setup, text], value)

    def pieces(self, text: str) -> list[tuple[int, str]]:
        """``split_at_headings`` of the sanitised HTML: (level, heading text) and (0, HTML between)."""

        def make() -> str:
            return _pieces_job((text, str(self.site_config)))

        if self.cache is None:
            return _checked_pieces(make()) or []
        found = _checked_pieces(self.cache.get("pieces", [self._setup, text], make))
        if found is None:
            value = make()
            self.cache.put("pieces", [self._setup, text], value)
            found = _checked_pieces(value) or []
        return found

    def close(self) -> None:
        """Forget the bodies this run did not render, then close the cache."""
        if self.cache is not None:
            self.cache.prune()


def _checked_pieces(value: str | bytes) -> list[tuple[int, str]] | None:
    """Cached pieces as the page takes them: headings as (1–6, text), everything else sanitised; None if malformed."""
    try:
        pieces = orjson.loads(value)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(pieces, list):
        return None
    checked = []
    for piece in pieces:
        if not (isinstance(piece, list) and len(piece) == 2 and type(piece[0]) is int and isinstance(piece[1], str)):
            return None
        level, text = piece
        if not 0 <= level <= 6:
            return None
        checked.append((level, sanitise(text) if level == 0 else text))
    return checked


# -- splitting the sanitised HTML at its headings ------------------------------------------------

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
VOID = frozenset({"br", "hr", "img", "col", "wbr"})


class _TopLevelHeadings(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.depth = 0
        self.heading: tuple[int, int, list[str]] | None = None
        self.permalink = 0
        self.found: list[tuple[int, int, int, str]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.depth == 0 and tag in HEADINGS:
            self.heading = (self._offset(), int(tag[1]), [])
        elif self.heading is not None and tag == "a" and "headerlink" in (dict(attrs).get("class") or "").split():
            self.permalink += 1
        if tag not in VOID:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self.depth = max(0, self.depth - 1)
        if tag == "a" and self.permalink:
            self.permalink -= 1
        if self.depth == 0 and self.heading is not None and tag in HEADINGS:
            start, level, texts = self.heading
            self.found.append((start, self._offset() + len(f"</{tag}>"), level, "".join(texts).strip()))
            self.heading = None

    def handle_data(self, data):
        if self.heading is not None and not self.permalink:
            self.heading[2].append(data)


def split_at_headings(html: str) -> list[tuple[int, str]]:
    """The top-level headings as (level, text) and the HTML between them as (0, html), in order.

    Why: headings go back into the page as Markdown, so MkDocs gives them their ids, permalinks and
    place in the table of contents, as for any page; everything else stays the sanitised HTML.
    """
    parser = _TopLevelHeadings(html)
    parser.feed(html)
    parser.close()
    pieces: list[tuple[int, str]] = []
    at = 0
    for start, end, level, text in parser.found:
        if html[at:start].strip():
            pieces.append((0, html[at:start].strip()))
        pieces.append((level, text))
        at = end
    if html[at:].strip():
        pieces.append((0, html[at:].strip()))
    return pieces
