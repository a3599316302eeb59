"""The contributors' form at /admin/: Decap CMS, configured from the schema.

Why generated: the form must never drift from ``model.py`` and the vocabularies, so its
``config.yml`` is derived from the JSON Schema of every entry type (the one ``export.py``
publishes), from ``themas.yml``, ``doelgroepen.yml`` and ``bronnen.yml``, from the templates in
``practices/_sjablonen/`` (key order, body and its guidance) and from ``mkdocs.yml``
(``repo_url``, the branch in ``edit_uri``, the OAuth proxy under ``extra.cms``).

The generator writes the page (templates/admin.html), its config and Decap's files (copied from
node_modules, like cytoscape) into ``docs/admin/``, a generated folder MkDocs copies as it is, so the
same ``/admin/`` works under ``make serve`` (with ``make cms``: the local route) and in ``site/``. The
form's own scripts and styles live with the site's others, in ``docs/assets/cms/``.
The page carries its own Content-Security-Policy: the site's policy plus GitHub's API.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import leftovers, new, types
from .body import EDITORS_TITLE
from .config import NODE_MODULES, Paths
from .diagnostics import Diagnostic
from .export import model_properties, union_schema
from .knowledge import KnowledgeBase
from .makers import reserved_ids
from .model import HTTP_URL_PATTERN, ID_PATTERN, LINK_FIELDS, NL_BOUNDS
from .new import read_template
from .rules import EDITORS_BLOCK_EXAMPLE, SYNTAX_HINT

TEMPLATES = Path(__file__).parent / "templates"
DECAP_DIST = NODE_MODULES / ".vendored" / "decap-cms" / "dist"  # scripts/setup/decap.py
YAML_DIST = NODE_MODULES / "yaml" / "browser" / "dist"
FORMAT = "wijkpraktijk"  # the custom format registered by wijkpraktijk-format.js
SOURCE_TYPE_KEY = "soort"  # sources: a key from bronnen.yml, or a source written out (see wijkpraktijk-format.js)
REGISTRY_SOURCE, INLINE_SOURCE = "bronnenlijst", "uitgeschreven"
DEFAULT_PROXY_PORT = 8081
GITHUB_API = "https://api.github.com"
GITHUB_AVATARS = "https://avatars.githubusercontent.com"

# Dutch labels, one per field name of every model (tests/test_cms.py fails on a field without one). A link to
# one type is labelled with that type's plural (types.py); a model can also give a field its own title.
FIELD_LABELS = {
    "id": "Id (vast webadres)",
    "type": "Soort pagina",
    "title": "Titel",
    "summary": "Samenvatting",
    "aliases": "Andere namen",
    "themes": "Thema's",
    "sources": "Bronnen",
    "credits": "Wie werkte eraan",
    "reviewed": "Laatst gecontroleerd",
    "status": "Status",
    "former_ids": "Eerdere ids",
    "related": "Zie ook",
    "basis": "Onderbouwing",
    "period": "Periode",
    "roles": "Rollen",
    "target_groups": "Doelgroepen",
    "facts": "Kerncijfers",
    "events": "Gebeurtenissen (voor de tijdlijn)",
    "purpose": "Doel",
    "level": "Niveau",
    "use_when": "Gebruik als",
    "avoid_when": "Niet gebruiken als",
    "steps": "Stappen",
    "active_elements": "Werkzame elementen",
    "preconditions": "Voorwaarden",
    "pitfalls": "Valkuilen",
    "origin": "Herkomst",
    "workshop": "Werksessie",
    "recognition": "Erkenning",
    "kind": "Soort",
    "municipality": "Gemeente",
    "province": "Provincie",
    "part_of": "Valt onder",
    "coordinates": "Ligging",
    "population": "Inwoners",
    "website": "Website",
    "founded": "Opgericht",
    "positions": "Standpunten",
    "questions": "Vragen voor een team",
    # nested models
    "key": "Key (korte naam)",
    "author": "Auteur",
    "publication": "Verschenen in",
    "date": "Datum",
    "date_note": "Toelichting bij de datum",
    "url": "Webadres",
    "name": "Naam",
    "role": "Rol",
    "start": "Beginjaar",
    "end": "Eindjaar",
    "note": "Toelichting",
    "label": "Omschrijving",  # of a key figure (facts) and of an event (events); the hint says which
    "value": "Cijfer",
    "source": "Bron",
    "year": "Jaar",
    "lat": "Breedtegraad",
    "lon": "Lengtegraad",
    "text": "Uitleg",
    "editorial": "Advies van de redactie",
    "time": "Tijd",
    "group_size": "Groepsgrootte",
    "materials": "Materialen",
    "entries": "Pagina's waarop het steunt",
    "body": "Tekst",
}
ID_PATTERN_HINT = "Alleen kleine letters a-z, cijfers en koppeltekens, zoals buurtcirkel-zwolle."
DATE_WIDGET = {
    "widget": "datetime",
    "format": "YYYY-MM-DD",
    "date_format": "DD-MM-YYYY",
    "time_format": False,
    "picker_utc": True,
}
PARTIAL_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


# -- mkdocs.yml: repository, branch and OAuth proxy (config.Settings) ----------------------------


def problems(paths: Paths) -> list[Diagnostic]:
    """A repo_url that is not a GitHub repository leaves the form without a backend: say so in Dutch."""
    if paths.settings.repo:
        return []
    return [
        Diagnostic(
            "mkdocs.yml",
            None,
            "repo_url",
            "repo_url is geen GitHub-repository (https://github.com/eigenaar/naam); /admin/ kan zo niet werken.",
            "Zet in mkdocs.yml het adres van de repository op GitHub bij repo_url.",
        )
    ]


# -- the templates: key order, body, guidance --------------------------------------------------------

_KEY_RE = re.compile(r"^([a-z_]+):")
_COMMENT_KEY_RE = re.compile(r"^# ([a-z_]+):")


def template_parts(paths: Paths, kind: str) -> tuple[list[str], str]:
    """(key order, body) of the type's template, read as make check reads it (new.read_template).

    The order is that of the template's keys; a field the template only mentions in a comment
    (``# origin: ...``) goes where that comment stands; fields it does not name at all come last.
    A template that cannot be read (make check says why, and nothing is generated) gives no order and no body.
    """
    text, raw, problems = read_template(paths, kind)
    fields = list(types.get(kind).model.model_fields)
    if raw is None or problems:
        return fields, ""
    front = text.split("\n")[1 : raw.body_line - 2]
    real = [m.group(1) for line in front if (m := _KEY_RE.match(line)) and m.group(1) in fields]
    order: list[str] = []
    for line in front:
        m = _KEY_RE.match(line) or _COMMENT_KEY_RE.match(line)
        if m and m.group(1) in fields and m.group(1) not in order and (_KEY_RE.match(line) or m.group(1) not in real):
            order.append(m.group(1))
    order += [f for f in fields if f not in order]
    return order, raw.body


# -- JSON Schema property → Decap field ------------------------------------------------------------


def field_label(name: str, prop: dict | None = None) -> str | None:
    """The Dutch label of a field: FIELD_LABELS, the plural of the one type it links to, or the title the model
    gives it (``Field(title=...)``); None when there is none of these (pydantic's own English title does not count)."""
    allowed = LINK_FIELDS.get(name)
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    if allowed and len(allowed) == 1:
        return types.get(allowed[0]).plural
    title = (prop or {}).get("title")
    return title if title and title != name.replace("_", " ").title() else None


def _options(prop: dict) -> list | None:
    return prop.get("enum") or ([prop["const"]] if "const" in prop else None)


def _resolve(schema_defs: dict, prop: dict) -> dict:
    """The property without its ``null`` alternative (optional fields are left out, never null), ``$ref`` resolved."""
    options = prop.get("anyOf")
    if options:
        rest = [o for o in options if o.get("type") != "null"]
        if len(rest) == 1:
            prop = {**prop, **rest[0]}
            prop.pop("anyOf", None)
    if "$ref" in prop:
        prop = {**schema_defs[prop["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in prop.items() if k != "$ref"}}
    return prop


class ConfigBuilder:
    """Decap fields for the entry types, from the JSON Schema plus the knowledge base's vocabularies."""

    def __init__(self, kb: KnowledgeBase, paths: Paths):
        self.defs = union_schema()["$defs"]
        self.kb = kb
        self.paths = paths

    # options that come from the vocabularies and the knowledge base (a build's snapshot)
    def theme_options(self) -> list[dict]:
        themes = self.kb.vocabulary.themes.values()
        return [{"label": t.label, "value": t.id} for t in sorted(themes, key=lambda t: t.label.lower())]

    def target_group_options(self) -> list[dict]:
        groups = self.kb.vocabulary.target_groups.values()
        return [{"label": g.label, "value": g.id} for g in sorted(groups, key=lambda g: g.label.lower())]

    def source_options(self) -> list[dict]:
        found = []
        for key, source in sorted(self.kb.vocabulary.sources.items()):
            who = source.author or source.publication or ""
            when = f" ({source.date})" if source.date else ""
            found.append(
                {"label": f"{who}{when}: {source.title} [{key}]" if who else f"{source.title} [{key}]", "value": key}
            )
        return found

    def entry_options(self) -> list[dict]:
        entries = sorted(self.kb.entries.values(), key=lambda e: (e.model.title.lower(), e.id))
        return [{"label": f"{e.model.title} ({types.get(e.type).label})", "value": e.id} for e in entries]

    def field(self, name: str, prop: dict, required: bool) -> dict:
        prop = _resolve(self.defs, prop)
        base = {"name": name, "label": field_label(name, prop) or name, "required": required}
        if prop.get("description", ""):
            base["hint"] = prop["description"]
        return {**base, **self.widget(name, prop, required)}

    def widget(self, name: str, prop: dict, required: bool) -> dict:
        """Decap's widget for a property: by the field's name first, then its choices, then its JSON type."""
        named = self.named(name, prop)
        if named is not None:
            return named
        options = _options(prop)
        if options:
            choice = {"widget": "select", "options": [{"label": str(o), "value": o} for o in options]}
            return {**choice, "default": prop["default"]} if "default" in prop and not required else choice
        kind = "object" if prop.get("type") == "object" or "properties" in prop else prop.get("type")
        if kind == "array":
            return self.array(name, prop)
        if kind == "object":
            return {"widget": "object", "collapsed": False, "fields": self.fields(prop)}
        if kind == "boolean":
            return {"widget": "boolean"}
        if kind in ("integer", "number"):
            return self.number(name, prop)
        if prop.get("format") == "date":
            return dict(DATE_WIDGET)  # no default: a date nobody checked would claim a check (ux review 3)
        return self.text(name, prop)

    def named(self, name: str, prop: dict) -> dict | None:
        """The fields whose widget their name decides: the type, the id, links, themes, target groups, sources."""
        if name == "type" and "const" in prop:
            return {"widget": "hidden", "default": prop["const"]}
        if name == "id":
            return {"widget": "string", "pattern": [ID_PATTERN, ID_PATTERN_HINT]}
        if name in LINK_FIELDS or name == "entries":
            return self.reference(name, prop)
        if name == "themes":
            return {"widget": "select", "multiple": True, "min": 1, "options": self.theme_options()}
        if name == "target_groups":  # a filter on Verkennen: only values from practices/doelgroepen.yml
            return {"widget": "select", "multiple": True, "options": self.target_group_options()}
        if name == "sources":
            return self.sources(prop)
        return None

    def number(self, name: str, prop: dict) -> dict:
        number = {"widget": "number", "value_type": "int" if prop.get("type") == "integer" else "float"}
        if prop.get("type") == "number":
            number["step"] = 0.0001
        for key, decap in (("minimum", "min"), ("maximum", "max")):
            if key in prop:
                number[decap] = prop[key]
        if name in ("lat", "lon"):  # the model's own rule: places lie in the European Netherlands
            lon_min, lat_min, lon_max, lat_max = NL_BOUNDS
            number["min"], number["max"] = (lat_min, lat_max) if name == "lat" else (lon_min, lon_max)
        return number

    def text(self, name: str, prop: dict) -> dict:
        """Single-line fields are string inputs; long texts (up to 2,000 characters, line breaks allowed) text areas."""
        if name in ("url", "website"):
            return {
                "widget": "string",
                "pattern": [
                    HTTP_URL_PATTERN,
                    "Een webadres dat begint met https:// of http://, zonder spaties of haakjes "
                    "(schrijf die als %20, %28, %29).",
                ],
            }
        if name == "date":
            return {
                "widget": "string",
                "pattern": [PARTIAL_DATE_PATTERN, "Schrijf JJJJ, JJJJ-MM of JJJJ-MM-DD, zoals 2014 of 2019-07-23."],
            }
        if name == "key":
            return {
                "widget": "string",
                "pattern": [ID_PATTERN, "Alleen kleine letters a-z, cijfers en koppeltekens, zoals buurtkrant-zwolle."],
            }
        low, high = prop.get("minLength", 1), prop.get("maxLength", 300)
        if high > 400:
            return {
                "widget": "text",
                "pattern": [rf"^(?=[\s\S]*\S)[\s\S]{{{low},{high}}}$", f"Vul tekst in: {low} tot {high} tekens."],
            }
        if low > 1:
            return {
                "widget": "string",
                "pattern": [rf"^(?=[^\n]*\S)[^\n]{{{low},{high}}}$", f"Eén regel van {low} tot {high} tekens."],
            }
        return {
            "widget": "string",
            "pattern": [rf"^(?=[^\n]*\S)[^\n]{{1,{high}}}$", f"Vul tekst in, op één regel (hooguit {high} tekens)."],
        }

    def reference(self, name: str, prop: dict) -> dict:
        """Links to a typed kind of page: a relation widget (live list); to any page: a select of all pages."""
        many = prop.get("type") == "array"
        allowed = LINK_FIELDS.get(name)
        limits = {"min": prop["minItems"]} if prop.get("minItems") else {}
        if allowed and len(allowed) == 1:
            return {
                "widget": "relation",
                "collection": types.get(allowed[0]).folder,
                "value_field": "id",
                "search_fields": ["title", "id"],
                "display_fields": ["title"],
                "multiple": many,
                "options_length": 200,
                **limits,
            }
        return {"widget": "select", "multiple": many, "options": self.entry_options(), **limits}

    def sources(self, prop: dict) -> dict:
        """A key from bronnen.yml or a source written out: a list of two types that the format turns back."""
        inline = _resolve(self.defs, {"$ref": "#/$defs/Source"})
        return {
            "widget": "list",
            "min": prop.get("minItems", 0),
            "typeKey": SOURCE_TYPE_KEY,
            "summary": "{{fields.key}}",
            "types": [
                {
                    "name": REGISTRY_SOURCE,
                    "label": "Bron uit bronnen.yml",
                    "widget": "object",
                    "summary": "{{fields.key}}",
                    "fields": [
                        {
                            "name": "key",
                            "label": "Bron",
                            "widget": "select",
                            "required": True,
                            "hint": "In de tekst verwijs je ernaar met [@key]; de key staat tussen [ ] achter de bron.",
                            "options": self.source_options(),
                        }
                    ],
                },
                {
                    "name": INLINE_SOURCE,
                    "label": "Uitgeschreven bron",
                    "widget": "object",
                    "summary": "{{fields.title}}",
                    "fields": self.fields(inline),
                },
            ],
        }

    def array(self, name: str, prop: dict) -> dict:
        items = _resolve(self.defs, prop.get("items", {}))
        limits = {"min": prop["minItems"]} if prop.get("minItems") else {}
        options = _options(items)
        if options:
            return {
                "widget": "select",
                "multiple": True,
                "options": [{"label": str(o), "value": o} for o in options],
                **limits,
            }
        if items.get("type") == "object" or "properties" in items:
            return {"widget": "list", "collapsed": False, "fields": self.fields(items), **limits}
        single = self.text(name, items) if name != "former_ids" else self.text("key", items)
        singular = {"name": "item", "label": field_label(name, prop) or name, **single}
        return {"widget": "list", "collapsed": False, "field": singular, **limits}

    def fields(self, schema: dict, order: list[str] | None = None) -> list[dict]:
        props = schema.get("properties", {})
        required = set(schema.get("required", []))
        names = [n for n in (order or []) if n in props] + [n for n in props if n not in (order or [])]
        return [self.field(n, props[n], n in required) for n in names]

    def collection(self, kind: str) -> dict:
        order, body = template_parts(self.paths, kind)
        props = model_properties(kind)
        required = set(_required(kind))
        fields = [self.field(n, props[n], n in required) for n in order]
        entry_type = types.get(kind)
        return {
            "name": entry_type.folder,
            "label": entry_type.plural,
            "label_singular": entry_type.singular,
            "folder": f"practices/{entry_type.folder}",
            "extension": "md",
            "format": FORMAT,
            "create": True,
            "delete": False,
            "slug": "{{id}}",
            "identifier_field": "title",
            "summary": "{{title}}",
            "sortable_fields": ["title", "reviewed", "status"],
            "fields": [*fields, self.body_field(kind, body)],
        }

    def body_field(self, kind: str, body: str) -> dict:
        required, optional = types.get(kind).required, types.get(kind).optional_sections
        headings = (f"Verplichte kopjes: {', '.join('## ' + h for h in required)}. " if required else "") + (
            f"Mag erbij: {', '.join('## ' + h for h in optional)}. " if optional else ""
        )
        if types.get(kind).full_coverage:
            cite = (
                "Elke alinea, elk lijstpunt, elke tabel en elk citaat krijgt een verwijzing naar een bron van deze "
                f"pagina, aan het eind: [@key]. {SYNTAX_HINT} Eigen advies van de redactie zet je onder "
                f"{EDITORS_BLOCK_EXAMPLE}, met vier spaties ervoor; daar hoort geen verwijzing bij."
            )
        else:
            cite = f"Zet achter de zinnen die uit een bron komen een verwijzing: [@key]. {SYNTAX_HINT}"
        hint = (
            f"{headings}{cite} Naar een andere pagina verwijs je met [[id]]. Geen HTML, geen afbeeldingen van "
            "andere websites; links beginnen met https://. Noem van bewoners geen naam, leeftijd of ander detail "
            "waaraan iemand te herkennen is."
        )
        pattern = "".join(rf"(?=[\s\S]*(?:^|\n)## {re.escape(h)}[ \t]*(?:\n|$))" for h in required)
        field = {
            "name": "body",
            "label": FIELD_LABELS["body"],
            "widget": "markdown",
            "modes": ["raw"],
            "buttons": [],
            "editor_components": [],
            "sanitize_preview": True,
            "required": bool(required),
            "hint": hint,
            "default": body,
        }
        if required:
            field["pattern"] = [
                pattern + r"[\s\S]*",
                "De tekst mist een verplicht kopje: " + ", ".join(f"## {h}" for h in required) + ".",
            ]
        return field


def _required(kind: str) -> list[str]:
    return [n for n, info in types.get(kind).model.model_fields.items() if info.is_required()]


def decap_config(kb: KnowledgeBase, paths: Paths, local_backend: str | None = None) -> dict:
    """The whole config.yml: backend from mkdocs.yml, one collection per entry type.

    ``local_backend``: under ``make cms``, the gate's address with this run's token (cms_gate.Gate.url).
    """
    settings = paths.settings
    backend = {
        "name": "github",
        "repo": settings.repo,
        "branch": settings.branch,
        "open_authoring": True,
        "always_fork": True,
        "squash_merges": True,
        "commit_messages": {
            "create": "Nieuw: {{collection}} '{{slug}}' (via het formulier)",
            "update": "Bijgewerkt: {{collection}} '{{slug}}' (via het formulier)",
            "delete": "Verwijderd: {{collection}} '{{slug}}'",
            "uploadMedia": "Bestand '{{path}}' toegevoegd",
            "deleteMedia": "Bestand '{{path}}' verwijderd",
            "openAuthoring": "{{message}}",
        },
        **settings.oauth,  # extra.cms in mkdocs.yml: the maintainers' OAuth proxy (see README)
    }
    builder = ConfigBuilder(kb, paths)
    config = {
        "locale": "nl",
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "site_url": settings.site_url,
        "display_url": settings.site_url,
        "show_preview_links": False,
        "search": True,
        "media_folder": "practices/_bestanden",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [builder.collection(t.name) for t in types.TYPES],
    }
    if local_backend is not None:
        config["local_backend"] = {"url": local_backend}
    return config


def body_rules(paths: Paths) -> dict:
    """What the form's copy of make check's body rules needs (docs/assets/cms/wijkpraktijk-rules.js), from the
    very declarations and templates the check reads: the headings per type (types.py), the types whose every
    block cites a source, the editors' block and the templates' placeholders with their messages (leftovers.py).
    """
    return {
        "sections": {t.name: {"required": list(t.required), "order": list(t.sections)} for t in types.TYPES},
        "full_coverage": sorted(t.name for t in types.TYPES if t.full_coverage),
        "editors_title": EDITORS_TITLE,
        "editors_example": EDITORS_BLOCK_EXAMPLE,
        "placeholders": new.placeholders(paths).form_data(),
        "not_prose": sorted(leftovers.NOT_PROSE),
        "leftovers": {
            "body_message": leftovers.BODY_MESSAGE,
            "body_hint": leftovers.BODY_HINT,
            "field_message": leftovers.FIELD_MESSAGE,
            "field_hint": leftovers.FIELD_HINT,
        },
    }


def used_ids(kb: KnowledgeBase) -> list[str]:
    """Ids a new page may not take: in use, once used (former_ids) or reserved for the site."""
    used = set(kb.entries) | set(reserved_ids())
    for entry in kb.entries.values():
        used.update(entry.model.former_ids)
    return sorted(used)


# -- the page and its files ------------------------------------------------------------------------

# 'unsafe-eval': Decap validates its config with Ajv, which compiles validators with new Function
# (decaporg/decap-cms#2138, still open); no inline script is allowed, and scripts come only from the site.
POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: {avatars}; font-src 'self' data:; connect-src 'self' {api}{proxy}; "
    "frame-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'"
)


def policy(local_backend: str | None) -> str:
    """The page's CSP; under ``make cms`` it may also talk to the gate (its origin: the token is in the path)."""
    where = urlsplit(local_backend) if local_backend else None
    proxy = f" {where.scheme}://{where.netloc}" if where else ""
    return POLICY.format(avatars=GITHUB_AVATARS, api=GITHUB_API, proxy=proxy)


def missing_vendor_files() -> list[Diagnostic]:
    """Decap and yaml come from npm, like cytoscape: without them, say to run make setup."""
    missing = [p for p in (DECAP_DIST / "decap-cms.js", YAML_DIST / "index.js") if not p.is_file()]
    return [
        Diagnostic(
            str(p.relative_to(NODE_MODULES.parent)),
            None,
            None,
            "Dit bestand ontbreekt; het formulier op /admin/ kan niet worden gemaakt.",
            "Voer 'make setup' uit (dat installeert de npm-pakketten uit package-lock.json met scripts/setup/npm.sh).",
        )
        for p in missing
    ]


@functools.cache
def _vendor_files() -> dict[str, bytes]:
    """Decap's bundle with its lazily loaded chunks (no source maps), and yaml's browser build."""
    files: dict[str, bytes] = {"vendor/decap-cms.js": (DECAP_DIST / "decap-cms.js").read_bytes()}
    for chunk in sorted(DECAP_DIST.glob("*.decap-cms.js")):
        files[f"vendor/{chunk.name}"] = chunk.read_bytes()
    for path in sorted(YAML_DIST.rglob("*.js")):
        files[f"vendor/yaml/{path.relative_to(YAML_DIST).as_posix()}"] = path.read_bytes()
    return files


def admin_files(kb: KnowledgeBase, paths: Paths, local_backend: str | None = None) -> dict[str, str | bytes]:
    """{path under docs/admin/: content}: the page, config.yml, the used ids and Decap's (and yaml's) files."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    config = decap_config(kb, paths, local_backend)
    files: dict[str, str | bytes] = {
        "index.html": env.get_template("admin.html").render(policy=policy(local_backend)),
        # Written as JSON, which is YAML too (Decap reads it with a YAML 1.2 parser): a YAML dumper took a
        # third of every preview regeneration, more with 1,000 pages in the select lists (profiled).
        "config.yml": "# Generated by scripts/wijkpraktijk/cms.py from model.py and the vocabularies; do not edit.\n"
        + json.dumps(config, ensure_ascii=False, indent=1)
        + "\n",
        "wijkpraktijk-ids.json": json.dumps(used_ids(kb), ensure_ascii=False) + "\n",
        "wijkpraktijk-rules.json": json.dumps(body_rules(paths), ensure_ascii=False, indent=1) + "\n",
    }
    files.update(_vendor_files())
    return files
