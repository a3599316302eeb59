"""The offline download, made from the site that was just built: no second build.

A browser opens a page from disk (file://) without a web server, so two things of the online site do not work
there, and this module changes them in a copy of the built pages:

- **Folder links.** Online ``../kennisbank/`` shows that folder's ``index.html``; from disk it shows a folder
  listing. ``rewrite_links`` points every internal link of a page at the file (``../kennisbank/index.html``),
  keeping ``?query`` and ``#fragment``, in ``href``, ``src``, ``srcset``, ``action`` and a redirect page's meta
  refresh. It parses and writes the page with lxml (an HTML parser, already a dependency for the citations), never
  a regular expression over HTML. External links and same-page ``#x`` links stay as they are.
- **Search.** Pagefind fetches its index, which a browser refuses from disk. ``index_script`` writes what the
  search needs (the word list of search_index.py, and each page's address, title, summary and text, read from
  Pagefind's own fragments) as one JavaScript file, which a ``<script src>`` may load from disk;
  docs/assets/wp-search.js uses it when it runs from file://, with the same word rules (wp-woorden.js), for the
  dialog and for Verkennen's filters (the facets and each page's sort title come along).
- **The Verbanden graph.** verbanden.js fetches graph.json online; from disk ``graph_script`` holds the same data
  as a script, and the page that draws the graph gets a ``<script src>`` for it before its own (``rewrite_links``).
- **The download link.** The zip holds no copy of itself: the sentence that links to it says that this is the
  offline copy instead.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import lxml.html

from .config import DATA_DIR, GENERATED_SUBTREE
from .search_index import OUTPUT_SUBDIR, _fragments, word_index

INDEX_SCRIPT = "assets/wp-zoekindex.js"  # wp-search.js loads it from file:// (OFFLINE_INDEX there)
INDEX_GLOBAL = "WP_ZOEKINDEX"
# The Verbanden graph's data (views.py writes it as kennisbank/data/graph.json; verbanden.js reads the global).
GRAPH_JSON = f"{GENERATED_SUBTREE}/{DATA_DIR}/graph.json"
GRAPH_SCRIPT = "assets/wp-verbanden-data.js"
GRAPH_GLOBAL = "WP_VERBANDEN"
GRAPH_ELEMENT = "wp-graph"  # the element the graph is drawn in (templates/connections.md.j2)
ALREADY_OFFLINE = (
    "Dit is de offline versie van de kennisbank: links, zoeken, Verkennen en Verbanden werken zonder internet."
)
DOCTYPE = "<!doctype html>"
# The attributes that hold one address; srcset holds several, and a meta refresh one after 'url='.
LINK_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data-src")


def file_url(url: str, page: str) -> str:
    """``url`` as written on the page at ``page`` (its path inside the site, 'a/b/index.html'), for file://.

    A link to a folder gets its ``index.html``; a link from the site's root ('/assets/x.css', as the 404 page
    writes them) becomes relative. Anything with a scheme or host, and a page's own '#x' or '?q', stays.
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return url
    path = parts.path
    if path.startswith("/"):
        path = posixpath.relpath(path.lstrip("/") or ".", posixpath.dirname(page) or ".")
        if parts.path.endswith("/") and not path.endswith("/"):
            path += "/"
    last = path.rsplit("/", 1)[-1]
    if path.endswith("/") or last in (".", ".."):
        path = path.rstrip("/") + "/index.html" if path.rstrip("/") else "index.html"
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def _srcset(value: str, page: str) -> str:
    """Each candidate of a srcset ('a.png 1x, b.png 2x') with its address rewritten."""
    candidates = []
    for candidate in value.split(","):
        address, _, descriptor = candidate.strip().partition(" ")
        candidates.append(f"{file_url(address, page)} {descriptor}".strip())
    return ", ".join(candidates)


def _refresh(content: str, page: str) -> str:
    """A meta refresh's content ('0; url=../x/'): the address after 'url=' rewritten."""
    delay, sep, rest = content.partition(";")
    key, eq, address = rest.strip().partition("=")
    if not sep or not eq or key.strip().lower() != "url":
        return content
    address = address.strip().strip("'\"")
    return f"{delay}; url={file_url(address, page)}"


def rewrite_links(html: str, page: str, zip_name: str | None = None) -> str:
    """The page ``html`` (at ``page`` inside the site) with every internal link pointing at a file; a link to
    the offline zip ``zip_name`` becomes a sentence, and a graph gets its data as a script."""
    doc = lxml.html.document_fromstring(html)
    if zip_name:
        _say_already_offline(doc, zip_name)
    _add_graph_script(doc, page)
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        for name in LINK_ATTRIBUTES:
            value = element.get(name)
            if value is not None:
                element.set(name, file_url(value.strip(), page))
        if element.get("srcset") is not None:
            element.set("srcset", _srcset(element.get("srcset"), page))
        if element.tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            element.set("content", _refresh(element.get("content") or "", page))
    return lxml.html.tostring(doc, encoding="unicode", doctype=DOCTYPE)


def _say_already_offline(doc, zip_name: str) -> None:
    """Each link to the zip (dead inside it): the sentence around it becomes ALREADY_OFFLINE, as text."""
    for link in list(doc.iter("a")):
        if urlsplit(link.get("href") or "").path.rsplit("/", 1)[-1] != zip_name:
            continue
        holder = link.getparent()
        if holder is None or holder.tag not in ("li", "p"):
            holder = link
        tail = holder.tail
        holder.clear()  # the link and the sentence around it, attributes too
        holder.text, holder.tail = ALREADY_OFFLINE, tail
        holder.set("class", "wp-offline-copy")


def _add_graph_script(doc, page: str) -> None:
    """The page that draws the graph loads GRAPH_SCRIPT first: deferred like verbanden.js, and before it in the
    page, so the data is there when verbanden.js runs (it fetches nothing then)."""
    graph = doc.get_element_by_id(GRAPH_ELEMENT, None)
    if graph is None or graph.get("data-src") is None:
        return
    script = lxml.html.Element("script", src=posixpath.relpath(GRAPH_SCRIPT, posixpath.dirname(page) or "."))
    script.set("defer", "")
    graph.addnext(script)


def rewrite_site(site: Path, zip_name: str | None = None) -> None:
    """Every HTML page of ``site`` (a copy), rewritten in place for file://."""
    for path in site.rglob("*.html"):
        page = path.relative_to(site).as_posix()
        path.write_text(rewrite_links(path.read_text(encoding="utf-8"), page, zip_name), encoding="utf-8")


def index_data(fragments: list[tuple[str, dict]], help_data: dict | None = None) -> dict:
    """What the search from disk needs, as data: the word list and the facets (search_index.word_index), each
    page's address (relative to the site, to a file), title, sort title, type, summary and text, and the help for
    a search without results. Verkennen filters on the facets, page by page in the word list's order."""
    words = word_index(fragments)
    chunks = words["chunks"]
    documents = []
    for _, fragment in fragments:
        meta = fragment.get("meta", {})
        documents.append(
            {
                "url": file_url(fragment.get("url", "/").lstrip("/") or "./", "index.html"),
                "title": meta.get("title", ""),
                "sort": fragment.get("sort", {}).get("titel", meta.get("title", "")),
                "type": meta.get("type", ""),
                "summary": meta.get("summary", ""),
                # What a page is found by beyond its text: names and synonyms (the word list reads them too).
                "names": " ".join(meta.get(key, "") for key in ("aliassen", "verwant", "synoniemen")),
                "text": fragment.get("content", ""),
            }
        )
    return {
        "index": words["index"],
        "chunks": chunks,
        "facets": words["facets"],
        "pages": documents,
        "help": help_data or {},
    }


def data_script(data: dict, name: str, what: str) -> str:
    """``data`` as a script that sets the global ``name``: JSON is JavaScript, and in a file of its own no
    '</script>' in a page's text can end anything."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"/* Generated by wijkpraktijk (offline.py): {what} for use from disk. */\nwindow.{name} = {payload};\n"


def index_script(data: dict) -> str:
    """The search index as a script (INDEX_GLOBAL)."""
    return data_script(data, INDEX_GLOBAL, "the search index")


def write_graph(built: Path, offline: Path) -> None:
    """graph.json of ``built`` as ``offline``/GRAPH_SCRIPT (GRAPH_GLOBAL), if the site has the Verbanden page."""
    source = built / GRAPH_JSON
    if source.exists():
        target = offline / GRAPH_SCRIPT
        target.parent.mkdir(parents=True, exist_ok=True)
        data = json.loads(source.read_text(encoding="utf-8"))
        target.write_text(data_script(data, GRAPH_GLOBAL, "the Verbanden graph"), encoding="utf-8")


def write_index(built: Path, offline: Path) -> None:
    """The search index of ``built`` (Pagefind's fragments and the search help) as ``offline``/INDEX_SCRIPT."""
    fragments = list(_fragments(built / OUTPUT_SUBDIR))
    help_file = built / "kennisbank" / "zoekhulp.json"
    help_data = json.loads(help_file.read_text(encoding="utf-8")) if help_file.exists() else {}
    target = offline / INDEX_SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(index_script(index_data(fragments, help_data)), encoding="utf-8")
