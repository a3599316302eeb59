"""Property-based fuzzing: whatever a contributor sends, the checker answers, never crashes.

Three generators: valid-ish entries with random values and types per field,
raw random front-matter text, and raw random bytes. For each, the checker
must either accept the file (and then the page must render) or return
diagnostics that name the file and say what is wrong. Bodies that are
accepted are rendered with the site's Markdown settings and must hold no
script, event handler or script URL: an oracle independent of body.py.

Then the real build path: generated bodies and field values go through the
generator into a page (also when the check refused only the body, as if it
had missed something), that page through the site's Markdown, and the HTML
is judged by the build's own scanner (safety.py); a few go all the way
through MkDocs, whose built site must pass that scanner too.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from unittest import mock

import pytest
import yaml
from conftest import FIXTURE, REPO, render_all
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from sitecheck import copy_repo
from wijkpraktijk import allowlist, rules, safety
from wijkpraktijk.allowlist import Bodies
from wijkpraktijk.config import Settings
from wijkpraktijk.diagnostics import Diagnostic
from wijkpraktijk.graph import build_graph
from wijkpraktijk.makers import reserved_ids
from wijkpraktijk.pipeline import generate
from wijkpraktijk.read import decode, parse
from wijkpraktijk.site import build_site
from wijkpraktijk.validate import validate
from wijkpraktijk.vocabulary import load_vocabulary

pytestmark = pytest.mark.slow  # hundreds of generated entries per test: seconds each
REL = "practices/methoden/fuzz.md"
VOCAB, _ = load_vocabulary(FIXTURE / "practices", FIXTURE)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SETTINGS = Settings.read(REPO / "mkdocs.yml")
BODIES = Bodies(SETTINGS)

BASE = {
    "id": "fuzz",
    "type": "method",
    "title": "Fuzz",
    "summary": "Een pagina die de fuzzer maakt.",
    "themes": ["eenzaamheid"],
    "sources": ["testbron"],
    "credits": [{"name": "Test"}],
    "reviewed": "2026-11-01",
    "status": "concept",
    "purpose": "Testen.",
    "level": ["individu"],
    "basis": ["ervaring"],
}
# A concept needs one reference in its body, not one per paragraph: random bodies can then pass the check
# and go all the way through MkDocs.
CONCEPT_BASE = {k: v for k, v in BASE.items() if k not in ("purpose", "level", "basis")} | {"type": "concept"}
CONCEPT_BODY = "## Betekenis\n\nUit de bron [@testbron].\n\n"
COVERAGE = ("noemt geen bron", "nergens een bron")
FIELDS = [
    *BASE,
    "aliases",
    "steps",
    "workshop",
    "related",
    "former_ids",
    "origin",
    "facts",
    "period",
    "website",
    "places",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.sampled_from(["eenzaamheid", "testbron", "2026-02-30", "javascript:alert(1)", "../x", "huisbezoеk", ""]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(["name", "role", "title", "text", "url", "start", "end", "x"]), inner, max_size=4
        ),
    ),
    max_leaves=12,
)

MARKDOWN_PIECES = [
    "## Achtergrond\n",
    "## Zo werkt het\n",
    "# Titel\n",
    "\n",
    "<",
    ">",
    "&",
    "#",
    "{",
    "}",
    ":",
    "[",
    "]",
    "(",
    ")",
    "!",
    "`",
    "```\n",
    "javascript:",
    "on",
    "click=",
    "script",
    "&#58;",
    "[[",
    "]]",
    "|",
    "*",
    "-",
    " ",
    "\t",
    "\\",
    "https://example.org",
    "--8<--",
    "![",
    "![a](",
    "[x](",
    "[1]: ",
    "[@testbron]",
    '!!! tip "Advies van de redactie"\n    ',
    "    ",
    "{: ",
    ".cls",
    "\u0435",
    "\ufeff",
    "é",
]
bodies = st.lists(st.one_of(st.sampled_from(MARKDOWN_PIECES), st.text(max_size=8)), max_size=40).map("".join)


def check(raw_bytes: bytes) -> list[Diagnostic]:
    """The checker on one file, as the CLI runs it; renders the page when it is accepted.

    A paragraph without a reference is left out of the verdict: these tests are about markup, and a
    contributor adds a reference to such a paragraph without changing its markup.
    """
    text, problem = decode(raw_bytes, REL)
    if problem:
        return [problem]
    entry, problems = parse(text, REL)
    if entry is None:
        return problems
    kb, problems = validate([entry], VOCAB, BODIES, reserved_ids())
    problems = [p for p in problems if not any(c in p.message for c in COVERAGE) and not p.warning]
    if not problems:
        pages = render_all(kb, build_graph(kb))
        assert "fuzz/index.md" in pages
    return problems


def assert_clear(problems: list[Diagnostic]) -> None:
    for p in problems:
        assert isinstance(p, Diagnostic) and p.file == REL and p.message.strip(), p
        assert "Traceback" not in p.format()


def document(front: dict, body: str) -> bytes:
    return ("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body).encode("utf-8", "surrogatepass")


@FUZZ
@given(
    st.dictionaries(st.sampled_from(FIELDS), values, max_size=5),
    st.sets(st.sampled_from(list(BASE)), max_size=3),
    bodies,
)
def test_structured_entries(overrides, dropped, body):
    front = {k: v for k, v in {**BASE, **overrides}.items() if k not in dropped}
    try:
        data = document(front, "## Achtergrond\n\n" + body)
    except UnicodeEncodeError:
        return  # lone surrogates cannot be saved as a file at all
    assert_clear(check(data))


@FUZZ
@given(st.text(max_size=300), bodies)
def test_raw_front_matter_text(front, body):
    try:
        data = ("---\n" + front + "\n---\n" + body).encode("utf-8")
    except UnicodeEncodeError:
        return
    assert_clear(check(data))


@FUZZ
@given(st.binary(max_size=400))
def test_raw_bytes(data):
    assert_clear(check(data))
    assert_clear(check(b"---\nid: fuzz\ntype: method\n---\n" + data))


DANGER_RE = re.compile(
    r"<(script|iframe|style|object|embed)|\son[a-z]+\s*=|(href|src)\s*=\s*[\"']?\s*(javascript|data|vbscript):",
    re.IGNORECASE,
)


@FUZZ
@given(bodies)
def test_accepted_bodies_render_no_active_content(body):
    text = "## Achtergrond\n\n" + body
    problems = check(document(BASE, text))
    assert_clear(problems)
    if not problems:
        rendered = html.unescape(allowlist.render_markdown(text, SETTINGS))
        assert not DANGER_RE.search(re.sub(r"[\x00-\x20]+", " ", rendered)), rendered


# -- the real build path -----------------------------------------------------------------------------

field_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "</div><img src=x onerror=alert(1)>",
            "<script>alert(1)</script>",
            "[x](javascript:alert(1))",
            '"><svg onload=alert(1)>',
            "{: onclick=alert(1) }",
            "=HYPERLINK(1)",
            "`<b>`",
            "\\",
            "https://a.nl/[W](javascript:alert(1))",
        ]
    ),
)
hostile_fields = st.fixed_dictionaries(
    {},
    optional={
        "title": field_text,
        "summary": field_text.map(lambda t: "Een samenvatting van tien tekens of meer: " + t),
        "aliases": st.lists(field_text, max_size=2),
        "credits": st.lists(st.fixed_dictionaries({"name": field_text}), min_size=1, max_size=2),
        "website": field_text.map(lambda t: "https://example.org/" + t),
    },
)


def page_html(front: dict, body: str) -> tuple[list[Diagnostic], str | None]:
    """The generated page of one entry as the site's Markdown renders it; None if the entry is not valid at all."""
    text, problem = decode(document(front, body), REL)
    if problem:
        return [problem], None
    entry, problems = parse(text, REL)
    if entry is None:
        return problems, None
    with mock.patch.object(rules, "unsafe_markup", lambda body: iter(())):  # as if the patterns missed it
        kb, problems = validate([entry], VOCAB, BODIES, reserved_ids())
    if "fuzz" not in kb.entries or any(p.field for p in problems):
        return problems, None  # a field error: the entry never reaches a page
    page = render_all(kb, build_graph(kb))["fuzz/index.md"].split("\n---\n", 1)[1]
    return problems, allowlist.render_markdown(page, SETTINGS)


@FUZZ
@given(hostile_fields, bodies)
def test_bodies_and_fields_through_the_page_come_out_inert(fields, body):
    try:
        problems, html_out = page_html({**BASE, **fields}, "## Achtergrond\n\n" + body)
    except UnicodeEncodeError:
        return
    assert_clear(problems)
    if html_out is not None:
        assert safety.scan(f"<article>{html_out}</article>").findings == [], html_out


@pytest.mark.slow
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_fields, bodies)
@example({"title": "</div><img src=x onerror=alert(1)>", "credits": [{"name": "<script>x</script>"}]}, "Tekst.")
@example({}, "![[")  # once accepted, then refused by the build's leak scan (leaks.py)
@example({"summary": "Zie {{ titel }}."}, "Tekst.")
def test_accepted_entries_build_a_site_that_passes_the_scan(tmp_path_factory, fields, body):
    """Through MkDocs itself: whatever the check accepts builds, and the built pages pass safety.py."""
    try:
        data = document({**CONCEPT_BASE, **fields}, CONCEPT_BODY + body)
    except UnicodeEncodeError:
        return
    paths = copy_repo(tmp_path_factory.mktemp("fuzz-site"), practices=FIXTURE / "practices")
    (paths.practices / "begrippen" / "fuzz.md").write_bytes(data)
    loaded, report = generate(paths)
    assume(report is not None)
    assert build_site(paths, downloads=False) == 0
    for page in paths.site.rglob("*.html"):
        assert safety.scan(page.read_text(encoding="utf-8")).findings == [], page


class _Events(HTMLParser):
    """An HTML fragment as its elements, attributes and text, whatever the serialisation."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, tuple(sorted((k, v or "") for k, v in attrs))))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_data(self, data):
        if data.strip():
            self.events.append(("text", " ".join(data.split())))


def events(fragment: str) -> list[tuple]:
    parser = _Events()
    parser.feed(fragment)
    parser.close()
    return [e for e in parser.events if e[:2] not in (("end", "br"), ("end", "hr"), ("end", "img"))]
