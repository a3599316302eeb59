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

from feedgen.feed import FeedGenerator
from pydantic import Field, TypeAdapter

from . import types
from .config import DATA_DIR, GENERATED_SUBTREE, entry_url
from .graph import Graph
from .knowledge import KnowledgeBase
from .text import compact, pretty

LICENCE = "CC BY-SA 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/deed.nl"
FEED_SIZE = 30
EXTRA_COLUMNS = ("body", "url", "file")  # not front matter: the text, the page and the source file


def entry_record(kb: KnowledgeBase, entry_id: str, site_url: str) -> dict:
    """All front-matter fields (defaults included), plus body, public URL and source file."""
    entry = kb.entries[entry_id]
    record = entry.model.model_dump(mode="json")
    record["body"] = entry.text
    record["url"] = entry_url(site_url, entry.id)
    record["file"] = entry.source_path
    return record


def columns() -> list[str]:
    """Every front-matter field of every type, common fields first, in model order."""
    names: list[str] = []
    for model in types.models():
        for name in model.model_fields:
            if name not in names:
                names.append(name)
    return names + list(EXTRA_COLUMNS)


def type_description() -> str:
    """What the ``type`` field says in the schema, the form and the codebook: every type's name."""
    return f"Soort pagina: {types.spoken(types.names())}."


def union_schema() -> dict:
    """The JSON Schema of every entry type at once, chosen by ``type``."""
    return _union_schema(types.models())


@functools.cache
def _union_schema(models: tuple) -> dict:
    union = Annotated[Union[models], Field(discriminator="type")]  # noqa: UP007
    schema = TypeAdapter(union).json_schema()
    for model in models:  # the models leave it to this table (a type added later is named too)
        prop = schema["$defs"][model.__name__]["properties"]["type"]
        prop.clear()
        prop.update(const=model.model_fields["type"].annotation.__args__[0], description=type_description())
        prop.update(title="Type", type="string")
    _name_types(schema)
    return schema


def _name_types(node: object) -> None:
    """Descriptions that name a type as {place.words} or {place.folder} get its words from types.py."""
    if isinstance(node, dict):
        text = node.get("description")
        if isinstance(text, str) and "{" in text:
            node["description"] = text.format(**{t.name: t for t in types.TYPES})
        for value in node.values():
            _name_types(value)
    elif isinstance(node, list):
        for value in node:
            _name_types(value)


def model_properties(kind: str) -> dict:
    """The JSON Schema properties of one entry type (the same as its own ``model_json_schema``)."""
    return union_schema()["$defs"][types.get(kind).model.__name__]["properties"]


def _text_fields(kind: str) -> frozenset[str]:
    """Fields stored as plain text in CSV; all others are JSON (numbers, lists, objects)."""
    return _text_fields_of(types.get(kind).model)


@functools.cache
def _text_fields_of(model: type) -> frozenset[str]:
    props = union_schema()["$defs"][model.__name__]["properties"]
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
        fields = set(types.get(kind).model.model_fields) | set(EXTRA_COLUMNS)
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


def front_matter_schema(site_url: str) -> dict:
    """One JSON Schema for every entry type, chosen by the ``type`` field."""
    schema = copy.deepcopy(union_schema())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{site_url}{GENERATED_SUBTREE}/{DATA_DIR}/schema.json",
        "title": "Wijkpraktijk: front matter van een pagina in practices/",
        "description": "Kies met 'type' het soort pagina: "
        + ", ".join(f"{t.name} ({t.label}, map practices/{t.folder}/)" for t in types.TYPES)
        + ".",
        **schema,
    }


def feed_items(kb: KnowledgeBase, site_url: str) -> dict:
    """Everything the Atom feed shows, as plain data: new and recently reviewed entries, newest first."""
    latest = sorted(kb.entries.values(), key=lambda e: (e.model.reviewed, e.id), reverse=True)[:FEED_SIZE]
    return {
        "base": site_url + GENERATED_SUBTREE + "/",
        "updated": max((e.model.reviewed for e in latest), default=dt.date(2000, 1, 1)).isoformat(),
        "entries": [
            {
                "url": entry_url(site_url, e.id),
                "title": e.model.title,
                "summary": e.model.summary,
                "updated": e.model.reviewed.isoformat(),
                "type": e.type,
                "label": types.get(e.type).singular,
                "authors": [c.name for c in e.model.credits if c.role == "tekst"],
            }
            for e in latest
        ],
    }


def atom_feed(kb: KnowledgeBase, site_url: str) -> str:
    """The feed of ``feed_items``; dates come from ``reviewed``."""
    return _atom(feed_items(kb, site_url))


def _atom(items: dict) -> str:
    base = items["base"]
    fg = FeedGenerator()
    fg.id(base)
    fg.title("Wijkpraktijk: nieuw en opnieuw gecontroleerd")
    fg.subtitle(f"{types.spoken([t.plural for t in types.in_order()], 'en').capitalize()} van sociale wijkteams.")
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


def export_files(kb: KnowledgeBase, graph: Graph, site_url: str) -> dict[str, str]:
    """{path in the generated subtree: text} for every open data file."""
    records = [entry_record(kb, i, site_url) for i in sorted(kb.entries)]
    document = {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "schema": f"{site_url}{GENERATED_SUBTREE}/{DATA_DIR}/schema.json",
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
        f"{DATA_DIR}/schema.json": pretty(front_matter_schema(site_url)),
        f"{DATA_DIR}/feed.xml": atom_feed(kb, site_url),
    }


# -- the codebook on the Open data page -------------------------------------------------------


def field_rows(kind: str) -> list[dict]:
    """The codebook of one entry type: each field, whether it is required, its kind in Dutch, its description."""
    model = types.get(kind).model
    props = model_properties(kind)
    rows = []
    for name, info in model.model_fields.items():
        prop = props.get(name, {})
        rows.append(
            {
                "name": name,
                "required": info.is_required(),
                "kind": _kind_of(prop),
                "description": prop.get("description") or info.description or "",
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
