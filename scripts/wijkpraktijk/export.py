"""Knowledge base → open data files: JSON, CSV, link list, JSON Schema, Atom feed.

Why: researchers and other sites should be able to reuse the knowledge base
without scraping pages, and editors should be able to validate front matter
against the same schema the pipeline uses. Every build publishes these next
to the pages (docs/kennisbank/data/), derived from the validated models, so
they never drift from practices/. The codebook on the Open data page comes
from the same schema.

JSON is written with orjson: the standard library's encoder falls back to
pure Python as soon as it indents, which is slow for the big files.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import functools
import io
import json
from typing import Annotated, Union

import orjson
from feedgen.feed import FeedGenerator
from pydantic import Field, TypeAdapter

from .config import DATA_DIR, entry_url
from .graph import Graph
from .model import ENTRY_MODELS, TYPE_FOLDERS, TYPE_LABELS
from .validate import KnowledgeBase

LICENCE = "CC BY-SA 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/deed.nl"
FEED_SIZE = 30
EXTRA_COLUMNS = ("body", "url", "file")  # not front matter: the text, the page and the source file


def pretty(value: object) -> str:
    """UTF-8 JSON (no \\u escapes), indented by two spaces, keys in insertion order, with a final newline."""
    return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode("utf-8")


def compact(value: object) -> str:
    return orjson.dumps(value).decode("utf-8")


def entry_record(kb: KnowledgeBase, entry_id: str, site_url: str, subtree: str) -> dict:
    """All front-matter fields (defaults included), plus body, public URL and source file."""
    entry = kb.entries[entry_id]
    record = entry.model.model_dump(mode="json")
    record["body"] = entry.body
    record["url"] = entry_url(site_url, entry.id, subtree)
    record["file"] = entry.source_path
    return record


def columns() -> list[str]:
    """Every front-matter field of every type, common fields first, in model order."""
    names: list[str] = []
    for model in ENTRY_MODELS.values():
        for name in model.model_fields:
            if name not in names:
                names.append(name)
    return names + list(EXTRA_COLUMNS)


@functools.cache
def _union_schema() -> dict:
    """The JSON Schema of every entry type at once, chosen by ``type``."""
    union = Annotated[Union[tuple(ENTRY_MODELS.values())], Field(discriminator="type")]  # noqa: UP007
    return TypeAdapter(union).json_schema()


def model_properties(kind: str) -> dict:
    """The JSON Schema properties of one entry type (the same as its own ``model_json_schema``)."""
    return _union_schema()["$defs"][ENTRY_MODELS[kind].__name__]["properties"]


@functools.cache
def _text_fields(kind: str) -> frozenset[str]:
    """Fields stored as plain text in CSV; all others are JSON (numbers, lists, objects)."""
    props = model_properties(kind)
    out = set(EXTRA_COLUMNS)
    for name, prop in props.items():
        options = prop.get("anyOf", [prop])
        if all(o.get("type") in ("string", "null") for o in options) and any(
            o.get("type") == "string" for o in options
        ):
            out.add(name)
    return frozenset(out)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run as a formula
INVISIBLE_START = "\u200b\u200c\u200d\u2060\ufeff"  # zero-width characters a spreadsheet may skip (I4)


def to_csv_cell(value: object, as_text: bool) -> str:
    """A cell; text that a spreadsheet would take for a formula gets a leading apostrophe (OWASP's advice)."""
    if value is None:
        return ""
    text = str(value) if as_text else compact(value)
    return "'" + text if text.lstrip(INVISIBLE_START).startswith(FORMULA_START) else text


def from_csv_cell(cell: str) -> str:
    """The inverse of ``to_csv_cell``'s apostrophe."""
    return cell[1:] if cell.startswith("'") and cell[1:].lstrip(INVISIBLE_START).startswith(FORMULA_START) else cell


def entries_csv(records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    cols = columns()
    writer.writerow(cols)
    for record in records:
        text = _text_fields(record["type"])
        writer.writerow([to_csv_cell(record[c], c in text) if c in record else "" for c in cols])
    return buffer.getvalue()


def read_entries_csv(text: str) -> list[dict]:
    """The inverse of ``entries_csv``: rows back to records (fields a type lacks are left out)."""
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        kind = row["type"]
        fields = set(ENTRY_MODELS[kind].model_fields) | set(EXTRA_COLUMNS)
        text_fields = _text_fields(kind)
        record = {}
        for name in fields:
            cell = from_csv_cell(row[name])
            if name in EXTRA_COLUMNS:
                record[name] = cell  # always text; an empty body stays empty
            elif name in text_fields:
                record[name] = cell if cell != "" else None
            else:
                record[name] = json.loads(cell) if cell != "" else None
        rows.append(record)
    return rows


def links_csv(graph: Graph) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["source", "target", "via"])
    for entry_id in sorted(graph.forward):
        for link in graph.forward[entry_id]:
            writer.writerow([link.source, link.target, link.via])
    return buffer.getvalue()


def front_matter_schema(site_url: str, subtree: str) -> dict:
    """One JSON Schema for every entry type, chosen by the ``type`` field."""
    schema = copy.deepcopy(_union_schema())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{site_url}{subtree}/{DATA_DIR}/schema.json",
        "title": "Wijkpraktijk: front matter van een pagina in practices/",
        "description": "Kies met 'type' het soort pagina: "
        + ", ".join(f"{k} ({TYPE_LABELS[k][0].lower()}, map practices/{TYPE_FOLDERS[k]}/)" for k in ENTRY_MODELS)
        + ".",
        **schema,
    }


def feed_items(kb: KnowledgeBase, site_url: str, subtree: str) -> dict:
    """Everything the Atom feed shows, as plain data: new and recently reviewed entries, newest first."""
    latest = sorted(kb.entries.values(), key=lambda e: (e.model.reviewed, e.id), reverse=True)[:FEED_SIZE]
    return {
        "base": site_url + subtree + "/",
        "updated": max((e.model.reviewed for e in latest), default=dt.date(2000, 1, 1)).isoformat(),
        "entries": [
            {
                "url": entry_url(site_url, e.id, subtree),
                "title": e.model.title,
                "summary": e.model.summary,
                "updated": e.model.reviewed.isoformat(),
                "type": e.type,
                "label": TYPE_LABELS[e.type][0],
                "authors": [c.name for c in e.model.credits if c.role == "tekst"],
            }
            for e in latest
        ],
    }


def atom_feed(kb: KnowledgeBase, site_url: str, subtree: str) -> str:
    """The feed of ``feed_items``; dates come from ``reviewed``."""
    return _atom(feed_items(kb, site_url, subtree))


def _atom(items: dict) -> str:
    base = items["base"]
    fg = FeedGenerator()
    fg.id(base)
    fg.title("Wijkpraktijk: nieuw en opnieuw gecontroleerd")
    fg.subtitle("Praktijkverhalen, methoden en begrippen van sociale wijkteams.")
    fg.link(href=base, rel="alternate")
    fg.link(href=f"{base}{DATA_DIR}/feed.xml", rel="self")
    fg.language("nl")
    fg.rights(f"Inhoud onder {LICENCE} ({LICENCE_URL})")
    fg.author({"name": "Redactie Wijkpraktijk"})

    def stamp(day: str) -> dt.datetime:
        return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(), tzinfo=dt.UTC)

    fg.updated(stamp(items["updated"]))
    for entry in reversed(items["entries"]):  # feedgen prepends: add oldest first
        item = fg.add_entry()
        item.id(entry["url"])
        item.title(entry["title"])
        item.link(href=entry["url"])
        item.summary(entry["summary"])
        item.updated(stamp(entry["updated"]))
        item.category(term=entry["type"], label=entry["label"])
        for name in entry["authors"]:
            item.author({"name": name})
    return fg.atom_str(pretty=True).decode("utf-8")


def export_files(kb: KnowledgeBase, graph: Graph, site_url: str, subtree: str) -> dict[str, str]:
    """{path in the generated subtree: text} for every open data file."""
    records = [entry_record(kb, i, site_url, subtree) for i in sorted(kb.entries)]
    document = {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "schema": f"{site_url}{subtree}/{DATA_DIR}/schema.json",
        "entries": records,
        "sources": {key: s.model_dump(mode="json") for key, s in sorted(kb.vocabulary.sources.items())},
        "links": [
            {"source": link.source, "target": link.target, "via": link.via}
            for i in sorted(graph.forward)
            for link in graph.forward[i]
        ],
    }
    return {
        f"{DATA_DIR}/entries.json": pretty(document),
        f"{DATA_DIR}/entries.csv": entries_csv(records),
        f"{DATA_DIR}/links.csv": links_csv(graph),
        f"{DATA_DIR}/schema.json": pretty(front_matter_schema(site_url, subtree)),
        f"{DATA_DIR}/feed.xml": atom_feed(kb, site_url, subtree),
    }


# -- the codebook on the Open data page -------------------------------------------------------


def field_rows(kind: str) -> list[dict]:
    """The codebook of one entry type: each field, whether it is required, its kind in Dutch, its description."""
    model = ENTRY_MODELS[kind]
    props = model_properties(kind)
    rows = []
    for name, info in model.model_fields.items():
        prop = props.get(name, {})
        rows.append(
            {
                "name": name,
                "required": info.is_required(),
                "kind": _kind_of(prop),
                "description": info.description or prop.get("description") or "",
            }
        )
    return rows


def _kind_of(prop: dict) -> str:
    """A short Dutch type name from a JSON Schema property."""
    options = [o for o in prop.get("anyOf", [prop]) if o.get("type") != "null"]
    names = []
    for o in options:
        if "enum" in o or "const" in o:
            names.append("keuze: " + ", ".join(map(str, o.get("enum", [o.get("const")]))))
        elif o.get("type") == "array":
            item = o.get("items", {})
            inner = "id" if item.get("pattern") else _kind_of(item)
            names.append(f"lijst van {inner}")
        elif "$ref" in o:
            names.append("object " + o["$ref"].rsplit("/", 1)[-1])
        elif o.get("format") == "date":
            names.append("datum")
        elif o.get("type") == "string" and o.get("pattern", "").startswith("^[a-z0-9]"):
            names.append("id")
        else:
            names.append(
                {"string": "tekst", "integer": "geheel getal", "number": "getal", "boolean": "ja/nee"}.get(
                    o.get("type"), "waarde"
                )
            )
    return " of ".join(dict.fromkeys(names)) or "waarde"
