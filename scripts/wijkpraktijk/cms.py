"""The contributors' form at /admin/: Decap CMS, configured from the schema.

Why generated: the form must never drift from ``model.py`` and the vocabularies, so its
``config.yml`` is derived from the JSON Schema of every entry type (the one ``export.py``
publishes), from ``themas.yml``, ``doelgroepen.yml`` and ``bronnen.yml``, from the templates in
``practices/_sjablonen/`` (key order, body and its guidance) and from ``mkdocs.yml``
(``repo_url``, the branch in ``edit_uri``, the OAuth proxy under ``extra.cms``).

The generator writes the page, its config and Decap's files (copied from node_modules, like
cytoscape) into ``docs/admin/``, a generated folder MkDocs copies as it is, so the same
``/admin/`` works under ``make serve`` (with ``make cms``: the local route) and in ``site/``.
The page carries its own Content-Security-Policy: the site's policy plus GitHub's API.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import leftovers
from .body import BODY_SECTIONS, _page_order
from .config import NODE_MODULES, Paths, mkdocs_config, site_url
from .diagnostics import Diagnostic
from .export import model_properties
from .model import (
    ENTRY_MODELS,
    HTTP_URL_PATTERN,
    ID_PATTERN,
    NL_BOUNDS,
    REFERENCE_FIELDS,
    TYPE_FOLDERS,
    TYPE_LABELS,
)
from .new import read_template
from .references import EDITORS_TITLE
from .validate import EDITORS_BLOCK_EXAMPLE, FULL_COVERAGE, RESERVED_IDS, SYNTAX_HINT, KnowledgeBase

STATIC = Path(__file__).parent / "static" / "cms"
DECAP_DIST = NODE_MODULES / "decap-cms" / "dist"
YAML_DIST = NODE_MODULES / "yaml" / "browser" / "dist"
FORMAT = "wijkpraktijk"  # the custom format registered by wijkpraktijk-format.js
SOURCE_TYPE_KEY = "soort"  # sources: a key from bronnen.yml, or a source written out (see wijkpraktijk-format.js)
REGISTRY_SOURCE, INLINE_SOURCE = "bronnenlijst", "uitgeschreven"
DEFAULT_PROXY_PORT = 8081
GITHUB_API = "https://api.github.com"
GITHUB_AVATARS = "https://avatars.githubusercontent.com"

# Dutch labels, one per field name of every model (tests/test_cms.py fails on a field without one).
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
    "concepts": "Begrippen",
    "basis": "Onderbouwing",
    "places": "Plaatsen",
    "period": "Periode",
    "organisations": "Organisaties",
    "methods": "Methoden",
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
# One-line fields: a text that must not be empty (the model strips spaces first) and holds no line break.
NOT_BLANK = r"^[^\n]*\S[^\n]*$"
PARTIAL_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
REFERENCE_ALL = "alle"  # marker for a reference field that may point at any type


# -- mkdocs.yml: repository, branch and OAuth proxy ------------------------------------------------


def repository(paths: Paths) -> tuple[str, str]:
    """('owner/name', branch) from repo_url and edit_uri: one place to set them."""
    config = mkdocs_config(paths.mkdocs_yml)
    url = str(config.get("repo_url") or "").rstrip("/")
    match = re.match(r"^https://github\.com/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?:\.git)?$", url)
    edit = re.match(r"^(?:edit|blob)/([^/]+)/", str(config.get("edit_uri") or ""))
    return (match.group(1) if match else ""), (edit.group(1) if edit else "main")


def oauth(paths: Paths) -> dict[str, str]:
    """``extra.cms.base_url`` / ``auth_endpoint``: the maintainers' OAuth proxy (see README)."""
    extra = (mkdocs_config(paths.mkdocs_yml).get("extra") or {}).get("cms") or {}
    found = {k: str(extra[k]) for k in ("base_url", "auth_endpoint") if extra.get(k)}
    return found


def problems(paths: Paths) -> list[Diagnostic]:
    """A repo_url that is not a GitHub repository leaves the form without a backend: say so in Dutch."""
    if repository(paths)[0]:
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
    fields = list(ENTRY_MODELS[kind].model_fields)
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
        from .export import _union_schema

        self.defs = _union_schema()["$defs"]
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
        return [{"label": f"{e.model.title} ({TYPE_LABELS[e.type][0].lower()})", "value": e.id} for e in entries]

    def field(self, name: str, prop: dict, required: bool) -> dict:
        prop = _resolve(self.defs, prop)
        description = prop.get("description", "")
        base = {"name": name, "label": FIELD_LABELS[name], "required": required}
        if description:
            base["hint"] = description
        if name == "type" and "const" in prop:
            return {**base, "widget": "hidden", "default": prop["const"]}
        if name == "id":
            return {
                **base,
                "widget": "string",
                "pattern": [
                    ID_PATTERN,
                    "Alleen kleine letters a-z, cijfers en koppeltekens, zoals buurtcirkel-zwolle.",
                ],
            }
        if name in REFERENCE_FIELDS or name == "entries":
            return {**base, **self.reference(name, prop)}
        if name == "themes":
            return {**base, "widget": "select", "multiple": True, "min": 1, "options": self.theme_options()}
        if name == "target_groups":  # a filter on Verkennen: only values from practices/doelgroepen.yml
            return {**base, "widget": "select", "multiple": True, "options": self.target_group_options()}
        if name == "sources":
            return {**base, **self.sources(prop)}
        options = _options(prop)
        if options:
            field = {**base, "widget": "select", "options": [{"label": str(o), "value": o} for o in options]}
            if "default" in prop and not required:
                field["default"] = prop["default"]
            return field
        kind_ = prop.get("type")
        if kind_ == "array":
            return {**base, **self.array(name, prop)}
        if kind_ == "object" or "properties" in prop:
            return {**base, "widget": "object", "collapsed": False, "fields": self.fields(prop)}
        if kind_ == "boolean":
            return {**base, "widget": "boolean"}
        if kind_ in ("integer", "number"):
            number = {"widget": "number", "value_type": "int" if kind_ == "integer" else "float"}
            if kind_ == "number":
                number["step"] = 0.0001
            for key, decap in (("minimum", "min"), ("maximum", "max")):
                if key in prop:
                    number[decap] = prop[key]
            if name in ("lat", "lon"):  # the model's own rule: places lie in the European Netherlands
                lon_min, lat_min, lon_max, lat_max = NL_BOUNDS
                number["min"], number["max"] = (lat_min, lat_max) if name == "lat" else (lon_min, lon_max)
            return {**base, **number}
        if prop.get("format") == "date":
            return {
                **base,
                "widget": "datetime",
                "format": "YYYY-MM-DD",
                "date_format": "DD-MM-YYYY",
                "time_format": False,
                "picker_utc": True,
            }
        return {**base, **self.text(name, prop)}

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
        allowed = REFERENCE_FIELDS.get(name)
        limits = {"min": prop["minItems"]} if prop.get("minItems") else {}
        if allowed and len(allowed) == 1:
            return {
                "widget": "relation",
                "collection": TYPE_FOLDERS[allowed[0]],
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
        singular = {"name": "item", "label": FIELD_LABELS[name], **single}
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
        singular, plural = TYPE_LABELS[kind]
        return {
            "name": TYPE_FOLDERS[kind],
            "label": plural,
            "label_singular": singular,
            "folder": f"practices/{TYPE_FOLDERS[kind]}",
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
        from .body import BODY_SECTIONS

        required, optional = BODY_SECTIONS[kind]
        headings = (f"Verplichte kopjes: {', '.join('## ' + h for h in required)}. " if required else "") + (
            f"Mag erbij: {', '.join('## ' + h for h in optional)}. " if optional else ""
        )
        if kind in FULL_COVERAGE:
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
    return [n for n, info in ENTRY_MODELS[kind].model_fields.items() if info.is_required()]


def decap_config(kb: KnowledgeBase, paths: Paths, local_backend: str | None = None) -> dict:
    """The whole config.yml: backend from mkdocs.yml, one collection per entry type.

    ``local_backend``: under ``make cms``, the gate's address with this run's token (cms_gate.Gate.url).
    """
    repo, branch = repository(paths)
    backend = {
        "name": "github",
        "repo": repo,
        "branch": branch,
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
        **oauth(paths),
    }
    builder = ConfigBuilder(kb, paths)
    config = {
        "locale": "nl",
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "site_url": site_url(paths),
        "display_url": site_url(paths),
        "show_preview_links": False,
        "search": True,
        "media_folder": "practices/_bestanden",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [builder.collection(kind) for kind in ENTRY_MODELS],
    }
    if local_backend is not None:
        config["local_backend"] = {"url": local_backend}
    return config


def body_rules(paths: Paths) -> dict:
    """What the form's copy of make check's body rules needs (static/cms/wijkpraktijk-rules.js), from the very
    constants and templates the check reads: the headings per type, the types whose every block cites a source,
    the editors' block and the templates' placeholders with their messages (leftovers.py)."""
    return {
        "sections": {
            kind: {"required": list(required), "order": list(_page_order(required, optional))}
            for kind, (required, optional) in BODY_SECTIONS.items()
        },
        "full_coverage": sorted(FULL_COVERAGE),
        "editors_title": EDITORS_TITLE,
        "editors_example": EDITORS_BLOCK_EXAMPLE,
        "placeholders": leftovers.form_data(paths),
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
    used = set(kb.entries) | set(RESERVED_IDS)
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
    """{path under docs/admin/: content}: the page, config.yml, the project's scripts and Decap's files."""
    env = Environment(loader=FileSystemLoader(STATIC), autoescape=select_autoescape(["html"]))
    config = decap_config(kb, paths, local_backend)
    files: dict[str, str | bytes] = {
        "index.html": env.get_template("index.html").render(policy=policy(local_backend)),
        # Written as JSON, which is YAML too (Decap reads it with a YAML 1.2 parser): a YAML dumper took a
        # third of every preview regeneration, more with 1,000 pages in the select lists (profiled).
        "config.yml": "# Generated by scripts/wijkpraktijk/cms.py from model.py and the vocabularies; do not edit.\n"
        + json.dumps(config, ensure_ascii=False, indent=1)
        + "\n",
        "wijkpraktijk-ids.json": json.dumps(used_ids(kb), ensure_ascii=False) + "\n",
        "wijkpraktijk-rules.json": json.dumps(body_rules(paths), ensure_ascii=False, indent=1) + "\n",
    }
    for name in (
        "wijkpraktijk-cms.js",
        "wijkpraktijk-format.js",
        "wijkpraktijk-rules.js",
        "wijkpraktijk-cms.css",
        "wijkpraktijk-cms-preview.css",
    ):
        files[name] = (STATIC / name).read_text(encoding="utf-8")
    files.update(_vendor_files())
    return files
