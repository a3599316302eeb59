"""The one allowlist of the HTML a body may produce, and ``Bodies``: render once, sanitise, report what went.

``rules.py`` refuses risky Markdown with precise line numbers. Parsers have corner cases no pattern list
foresees, so every body is also rendered with the Markdown extensions MkDocs uses (its built-in toc, tables
and fenced_code, then mkdocs.yml's; config.Settings) and sanitised with nh3 (ammonia) under the rules
below: elements, attributes per element, classes, ids and URLs. The page carries that sanitised HTML, and
whatever the sanitiser removed is a Dutch problem for the contributor, so the check and the page can never
disagree: there is one rule set, applied once.

Rendering is the slow part, so what came of a body is cached by its text, its links and a digest of the
Markdown set-up and the rules (no version to bump by hand); the HTML read back passes nh3 again, after the
cache, so no cached value reaches a page without passing the sanitiser. Python-Markdown is quadratic on long
runs of '[', so a body with more than MAX_BRACKETS of them is refused before it is rendered.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown
import nh3
import orjson
import pymdownx

from .cache import DiskCache, digest, pmap
from .citations import SR_CLASS
from .config import Settings

MAX_BRACKETS = 1000
# Tables: a page shows a few columns of key figures. 8 bodies with 4,900-column tables made a build 7x slower.
# rules.py counts them on the body's lines before anything renders; the rendered HTML is counted again here.
MAX_TABLE_COLUMNS = 30
MAX_TABLE_CELLS = 500
# Elements of one rendered body (the real ones: at most 70). Every page's HTML is parsed again by MkDocs, twice
# (the site and the offline copy), by the scan and by Pagefind: markup, not text, is what costs there.
MAX_ELEMENTS = 1000
SKIPPED_EXTENSIONS = {"pymdownx.snippets"}  # reads other files; refused in bodies anyway

# -- the rules ------------------------------------------------------------------------------------------

ALLOWED_TAGS = frozenset(
    [
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
    ]
)
# data-pagefind-ignore: set by the generator on its reference markers (citations.marker) only;
# contributors cannot write attributes (rules.py refuses attribute lists).
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title"},
    "a": {"href", "data-pagefind-ignore"},
    "img": {"src", "alt"},
    "th": {"style"},
    "td": {"style"},
}
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
# markers ([@key] → citations.marker); contributors cannot write classes or HTML (rules.py refuses attribute
# lists and HTML), so only those markers carry them.
ALLOWED_CLASSES = ADMONITION_TYPES | {"admonition", "admonition-title", "headerlink", "footnote-ref", SR_CLASS}
LANGUAGE_CLASS_RE = re.compile(r"^language-[\w+#.-]+$")  # a fenced code block's language
TABLE_ALIGN_RE = re.compile(r"^text-align: (left|right|center);$")
URL_SCHEMES = frozenset({"http", "https", "mailto"})
SAFE_URL_RE = re.compile(r"^(https?:|mailto:|#|[^:]*$)", re.IGNORECASE)
# Links inside the site come from [[id]] (and headings' own #anchors); any other relative path could leave the tree.
OWN_HREF_RE = re.compile(r"^(https?:|mailto:|#)", re.IGNORECASE)
EXTERNAL_SRC_RE = re.compile(r"^\s*(//|[a-z][a-z0-9+.-]*:)", re.IGNORECASE)
RULES_DIGEST = digest(
    sorted(ALLOWED_TAGS),
    {k: sorted(v) for k, v in ALLOWED_ATTRIBUTES.items()},
    sorted(ALLOWED_CLASSES),
    [r.pattern for r in (LANGUAGE_CLASS_RE, TABLE_ALIGN_RE, SAFE_URL_RE, OWN_HREF_RE, EXTERNAL_SRC_RE)],
    sorted(URL_SCHEMES),
    [MAX_BRACKETS, MAX_TABLE_COLUMNS, MAX_TABLE_CELLS, MAX_ELEMENTS, sorted(SKIPPED_EXTENSIONS)],
)


def _kept_class(tag: str, value: str) -> str | None:
    kept = [t for t in value.split() if t in ALLOWED_CLASSES or (tag == "code" and LANGUAGE_CLASS_RE.match(t))]
    return " ".join(kept) or None


def _attribute_rule(links: frozenset[str]):
    """nh3's per-attribute rule: allowed classes only, no theme ids, table alignment, links inside the site
    only where the generator wrote them (``links``: the wikilinks' targets), no images from elsewhere."""

    def keep(tag: str, name: str, value: str) -> str | None:
        if name == "class":
            return _kept_class(tag, value)
        if name == "id":
            return None if value.startswith("__") else value
        if name == "style":
            return value if TABLE_ALIGN_RE.match(value) else None
        if name == "href":
            return value if OWN_HREF_RE.match(value) or value in links else None
        if name == "src":
            return None if EXTERNAL_SRC_RE.match(value) else value
        return value

    return keep


def sanitise(html: str, links: frozenset[str] = frozenset()) -> str:
    """Only what is on the allowlist survives: the HTML the build puts on a page."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_rule(links),
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


# -- what the sanitiser removed, in Dutch -------------------------------------------------------------


class _Elements(HTMLParser):
    """Start tags with their attributes, in order, and whatever else HTML holds (comments, declarations);
    and the size of each table, as rendered."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str]]]] = []
        self.other: list[str] = []
        self.tables: list[list[int]] = []  # per open table: [cells, cells in the current row]

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, [(name, value or "") for name, value in attrs]))
        if len(self.elements) == MAX_ELEMENTS + 1:
            self.other.append(f"meer dan {MAX_ELEMENTS} stukken opmaak (alinea's, links, cellen, nadruk)")
        if tag == "table":
            self.tables.append([0, 0])
        elif self.tables and tag == "tr":
            self.tables[-1][1] = 0
        elif self.tables and tag in ("td", "th"):
            self.tables[-1][0] += 1
            self.tables[-1][1] += 1
            if self.tables[-1][1] == MAX_TABLE_COLUMNS + 1:
                self.other.append(f"een tabel met meer dan {MAX_TABLE_COLUMNS} kolommen")
            if self.tables[-1][0] == MAX_TABLE_CELLS + 1:
                self.other.append(f"een tabel met meer dan {MAX_TABLE_CELLS} cellen")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "table" and self.tables:
            self.tables.pop()

    def handle_comment(self, data):
        self.other.append("HTML-commentaar")

    def handle_decl(self, decl):
        self.other.append("HTML-declaratie")

    unknown_decl = handle_decl

    def handle_pi(self, data):
        self.other.append("HTML-instructie")


def _parsed(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def _removed_attribute(tag: str, name: str, value: str) -> str:
    if name == "id" and value.startswith("__"):
        return f"id '{value}' (die gebruikt de site zelf)"
    if name in ("href", "src") and not SAFE_URL_RE.match(re.sub(r"[\s\x00-\x20]", "", value)):
        return f"adres {value!r}"
    if name == "href" and name in ALLOWED_ATTRIBUTES.get(tag, ()):
        return f"adres {value!r} (een andere pagina van deze site: schrijf [[id]])"
    if name == "src" and name in ALLOWED_ATTRIBUTES.get(tag, ()):
        return f"afbeelding van een andere website ({value!r})"
    return f"attribuut '{name}' op <{tag}>"


def _attribute_changes(tag: str, before: list[tuple[str, str]], after: dict[str, str]) -> list[str]:
    found = []
    for name, value in before:
        if name not in after:
            found.append(_removed_attribute(tag, name, value))
        elif name == "class":
            kept = set(after[name].split())
            found += [f"opmaakklasse '{t}' op <{tag}>" for t in value.split() if t not in kept]
    return found


def removed(html: str, clean: str) -> list[str]:
    """What ``clean`` (the sanitised ``html``) no longer holds, in words a contributor can act on.

    Elements are matched in order; one the sanitiser took out with its content (inside a disallowed element)
    is covered by that element's own finding.
    """
    before, after = _parsed(html), _parsed(clean)
    found, at = list(before.other), 0
    for tag, attrs in before.elements:
        if tag not in ALLOWED_TAGS:
            found.append(f"element <{tag}>")
            continue
        match = next((i for i in range(at, len(after.elements)) if after.elements[i][0] == tag), None)
        if match is not None:
            found += _attribute_changes(tag, attrs, dict(after.elements[match][1]))
            at = match + 1
    return list(dict.fromkeys(found))


# -- rendering once, with the site's Markdown ------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _markdown(setup: str) -> markdown.Markdown:
    """A Markdown converter configured like the site (``setup``: the JSON of config.Settings.markdown)."""
    usable, configs = [], {}
    for name, options in json.loads(setup):
        if name in SKIPPED_EXTENSIONS:
            continue
        try:  # an extension that does not load here cannot be checked, but must not break the check
            markdown.Markdown(extensions=[name], extension_configs={name: options})
        except Exception:  # noqa: BLE001
            continue
        usable.append(name)
        configs[name] = options
    return markdown.Markdown(extensions=usable, extension_configs=configs)


def render_markdown(text: str, settings: Settings) -> str:
    md = _markdown(json.dumps(settings.markdown, sort_keys=True))
    md.reset()
    try:
        return md.convert(text)
    except BaseException:
        # A converter that failed half-way keeps parser state reset() does not clear (a RecursionError leaves
        # its list states behind, and every later body lost its paragraphs): the next body gets a new one.
        _markdown.cache_clear()
        raise
    finally:
        md.reset()


def _rendered(text: str, settings: Settings) -> tuple[str, str | None]:
    """(HTML, None), or ('', the reason it could not be read)."""
    if text.count("[") > MAX_BRACKETS:
        return "", f"meer dan {MAX_BRACKETS} vierkante haken ([), te veel om veilig te lezen"
    try:
        return render_markdown(text, settings), None
    except RecursionError:
        return "", "lijsten of citaten zijn te diep in elkaar genest om te lezen"
    except Exception as exc:  # noqa: BLE001  (a parser crash on hostile input is a finding, not a traceback)
        return "", f"de tekst kon niet als Markdown worden gelezen ({type(exc).__name__})"


@dataclass(frozen=True)
class Rendered:
    """A body as the page carries it: sanitised HTML split at its top-level headings; and what the sanitiser
    removed (empty: the body is on the allowlist)."""

    pieces: tuple[tuple[int, str], ...] = ()
    problems: tuple[str, ...] = ()


# Bodies not in the cache are rendered on every core (cache.pmap) once there is this much text to render: below
# it, starting the worker processes costs more than they save (real content: 0.3 MB; a hostile tree: 60 MB).
PARALLEL_BYTES = 4 * 1024 * 1024


def _made(text: str, links: frozenset[str], settings: Settings) -> Rendered:
    html, problem = _rendered(text, settings)
    if problem:
        return Rendered((), (problem,))
    clean = sanitise(html, links)
    return Rendered(tuple(split_at_headings(clean)), tuple(removed(html, clean)))


def _encoded(found: Rendered) -> str:
    return orjson.dumps([found.pieces, found.problems]).decode("utf-8")


def _bodies_job(job: tuple[str, tuple[str, ...], Settings]) -> str:
    """One body rendered and sanitised in a worker process (module level, so cache.pmap's workers import it)."""
    text, links, settings = job
    return _encoded(_made(text, frozenset(links), settings))


@dataclass
class Bodies:
    """Every body of a run rendered once; what came of it kept in the cache between runs.

    The cache key holds the body, the wikilinks' targets and a digest of the Markdown set-up, the libraries'
    versions and the rules above (RULES_DIGEST): a changed rule renders every body again. What is read back is
    never taken on trust (the cache is a folder on disk): its HTML passes nh3 again (about 30 µs a piece, nh3
    leaves its own output as it is), and a value of any other shape is made anew, so the cache can make a run
    slower, never a page unsafe.
    """

    settings: Settings
    cache: DiskCache | None = None
    _setup: str = field(init=False)

    def __post_init__(self) -> None:
        versions = (markdown.__version__, pymdownx.__version__, nh3.__version__)
        self._setup = digest(self.settings.markdown, versions, RULES_DIGEST)

    def _key(self, text: str, links: frozenset[str]) -> list:
        return [self._setup, text, sorted(links)]

    def _lookup(self, text: str, links: frozenset[str]) -> Rendered | None:
        return None if self.cache is None else _checked(self.cache.lookup("body", self._key(text, links)), links)

    def prepare(self, bodies: list[tuple[str, frozenset[str]]]) -> None:
        """Render the (text, links) the cache does not know yet in one batch: on every core once there is
        PARALLEL_BYTES of text, so a cold check of a large tree uses the whole machine."""
        if self.cache is None:
            return
        missing = [(t, links) for t, links in dict.fromkeys(bodies) if self._lookup(t, links) is None]
        jobs = [(t, tuple(sorted(links)), self.settings) for t, links in missing]
        if sum(len(t) for t, _ in missing) < PARALLEL_BYTES:
            made = [_bodies_job(job) for job in jobs]
        else:
            made = pmap(_bodies_job, jobs)
        with self.cache.batch():
            for (t, links), value in zip(missing, made, strict=True):
                self.cache.put("body", self._key(t, links), value)

    def render(self, text: str, links: frozenset[str] = frozenset()) -> Rendered:
        """``text``: the body with its wikilinks and references already Markdown links; ``links``: the
        wikilinks' targets, the only site-internal hrefs the page may carry."""
        found = self._lookup(text, links)
        if found is None:
            found = _made(text, links, self.settings)
            if self.cache is not None:
                self.cache.put("body", self._key(text, links), _encoded(found))
        return found

    def close(self) -> None:
        """Forget the bodies this run did not render, then close the cache."""
        if self.cache is not None:
            self.cache.prune()


def _checked(value: str | bytes | None, links: frozenset[str]) -> Rendered | None:
    """A cached body as the page takes it: headings as (1–6, text), all else sanitised again; None if malformed."""
    try:
        pieces, problems = orjson.loads(value) if value is not None else (None, None)
    except (orjson.JSONDecodeError, TypeError, ValueError):
        return None
    if not (isinstance(pieces, list) and isinstance(problems, list) and all(isinstance(p, str) for p in problems)):
        return None
    checked = []
    for piece in pieces:
        if not (isinstance(piece, list) and len(piece) == 2 and type(piece[0]) is int and isinstance(piece[1], str)):
            return None
        level, text = piece
        if not 0 <= level <= 6:
            return None
        checked.append((level, sanitise(text, links) if level == 0 else text))
    return Rendered(tuple(checked), tuple(problems))


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
