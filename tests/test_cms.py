"""The form's config (cms.py) against the schema, and its file format (wijkpraktijk-format.js) against read.py.

The config is compared with the JSON Schema that export.py publishes, field by field and all the way
down, so a model field without a widget (or with the wrong one) fails here. The format runs in Node with
npm's yaml (the package the page vendors) over every file of the real knowledge base and the fixture.
"""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE, REPO
from wijkpraktijk import cms, safety, types
from wijkpraktijk.export import model_properties, union_schema
from wijkpraktijk.pipeline import load
from wijkpraktijk.read import parse

FORMAT_SCRIPT = REPO / "tests" / "js" / "cms_format.mjs"
ENTRY_FILES = sorted(
    p for root in (REPO / "practices", FIXTURE / "practices") for p in root.glob("*/*.md") if p.parent.name[0] != "_"
)


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    """config.yml for the fixture knowledge base, as the generator writes it, and its path."""
    from sitecheck import copy_repo

    paths = copy_repo(tmp_path_factory.mktemp("cms-config"), practices=FIXTURE / "practices")
    kb = load(paths).kb
    data = cms.decap_config(kb, paths)
    path = paths.root / "config.yml"
    path.write_text(cms.admin_files(kb, paths)["config.yml"], encoding="utf-8")
    return data, path, paths, kb


# -- the config against the JSON Schema ---------------------------------------------------------------


def _resolve(prop: dict) -> dict:
    return cms._resolve(union_schema()["$defs"], prop)


def schema_mismatches(fields: list[dict], schema: dict, where: str) -> list[str]:
    """Every difference between Decap fields and a JSON Schema object: missing or extra fields, required
    flags, labels, hints and widgets that do not fit the type. Empty when the form covers the schema."""
    props = schema.get("properties", {})
    required = set(schema.get("required", []))
    by_name = {f["name"]: f for f in fields if f["name"] != "body"}
    found = [f"{where}: no widget for '{n}'" for n in props if n not in by_name]
    found += [f"{where}: widget '{n}' is not in the schema" for n in by_name if n not in props]
    for name, prop in props.items():
        field = by_name.get(name)
        if field is None:
            continue
        at = f"{where}.{name}"
        prop = _resolve(prop)
        if field.get("required") != (name in required):
            found.append(f"{at}: required is {field.get('required')}, the schema says {name in required}")
        if not field.get("label"):
            found.append(f"{at}: no Dutch label")
        if prop.get("description") and field.get("hint") != prop["description"]:
            found.append(f"{at}: the hint is not the field's description")
        found += _widget_mismatches(field, prop, at)
    return found


def _widget_mismatches(field: dict, prop: dict, at: str) -> list[str]:
    widget = field["widget"]
    kind = prop.get("type")
    items = _resolve(prop.get("items", {}))
    choices = prop.get("enum") or items.get("enum")
    if "const" in prop:
        return [] if widget == "hidden" and field["default"] == prop["const"] else [f"{at}: type must be hidden"]
    if field["name"] == "sources":
        inline = next(t for t in field["types"] if t["name"] == cms.INLINE_SOURCE)
        return schema_mismatches(inline["fields"], _resolve({"$ref": "#/$defs/Source"}), at)
    if choices:
        values = [o["value"] for o in field.get("options", [])]
        ok = widget == "select" and values == choices and field.get("multiple", False) == (kind == "array")
        return [] if ok else [f"{at}: a select of {choices} expected"]
    if kind == "array":
        if (prop.get("minItems") or 0) != (field.get("min") or 0):
            return [f"{at}: min {field.get('min')} but minItems {prop.get('minItems')}"]
        if widget in ("relation", "select"):
            return [] if field.get("multiple") else [f"{at}: a list needs multiple: true"]
        if widget != "list":
            return [f"{at}: a list widget expected, not {widget}"]
        if items.get("type") == "object" or "properties" in items:
            return schema_mismatches(field.get("fields", []), items, at)
        return [] if field.get("field") else [f"{at}: a list of texts needs 'field'"]
    if kind == "object" or "properties" in prop:
        return [] if widget == "object" else [f"{at}: an object widget expected"]
    if prop.get("format") == "date":
        ok = widget == "datetime" and field["format"] == "YYYY-MM-DD" and field["time_format"] is False
        return [] if ok else [f"{at}: a date widget writing YYYY-MM-DD expected"]
    expected = {"boolean": ("boolean",), "integer": ("number",), "number": ("number",)}.get(
        kind, ("string", "text", "relation", "select")
    )
    if widget not in expected:
        return [f"{at}: {widget} does not fit {kind}"]
    if kind in ("integer", "number"):
        bounds = (prop.get("minimum"), prop.get("maximum"))
        if (field.get("min"), field.get("max")) != bounds and field["name"] not in ("lat", "lon"):
            return [f"{at}: min/max {field.get('min'), field.get('max')} but the schema says {bounds}"]
    return []


@pytest.mark.parametrize("kind", types.names())
def test_the_form_covers_every_field_of_the_schema(config, kind):
    data, _, _, _ = config
    collection = next(c for c in data["collections"] if c["name"] == types.get(kind).folder)
    schema = {"properties": model_properties(kind), "required": union_schema()["$defs"][kind_name(kind)]["required"]}
    assert schema_mismatches(collection["fields"], schema, kind) == []
    assert collection["folder"] == f"practices/{types.get(kind).folder}" and collection["slug"] == "{{id}}"
    assert collection["fields"][-1]["name"] == "body" and collection["fields"][-1]["modes"] == ["raw"]


def kind_name(kind: str) -> str:
    return types.get(kind).model.__name__


def test_a_model_field_without_a_widget_is_found(config):
    """The comparison above can fail: drop one widget, or make an optional one required."""
    data, _, _, _ = config
    fields = [dict(f) for f in data["collections"][0]["fields"]]
    schema = {"properties": model_properties("practice"), "required": union_schema()["$defs"]["Practice"]["required"]}
    without = [f for f in fields if f["name"] != "roles"]
    assert schema_mismatches(without, schema, "practice") == ["practice: no widget for 'roles'"]
    wrong = [{**f, "required": True} if f["name"] == "aliases" else f for f in fields]
    assert schema_mismatches(wrong, schema, "practice") == ["practice.aliases: required is True, the schema says False"]


def test_every_field_name_has_a_dutch_label():
    names = set()
    props_by_name: dict[str, dict] = {}
    for kind in types.names():
        stack = [model_properties(kind)]
        while stack:
            props = stack.pop()
            for name, prop in props.items():
                names.add(name)
                props_by_name.setdefault(name, prop)
                prop = _resolve(prop)
                items = _resolve(prop.get("items", {}))
                for nested in (prop, items):
                    if "properties" in nested:
                        stack.append(nested["properties"])
                for option in prop.get("anyOf", []) + items.get("anyOf", []):
                    if "$ref" in option:
                        stack.append(_resolve(option)["properties"])
    assert sorted(n for n in names if not cms.field_label(n, props_by_name.get(n))) == []


def test_choices_come_from_the_vocabularies_and_links_from_the_knowledge_base(config):
    data, _, _, kb = config
    method = {f["name"]: f for f in next(c for c in data["collections"] if c["name"] == "methoden")["fields"]}
    assert [o["value"] for o in method["themes"]["options"]] == sorted(
        kb.vocabulary.themes, key=lambda t: kb.vocabulary.themes[t].label.lower()
    )
    # Doelgroep is a controlled list too: a select of doelgroepen.yml, none required.
    groups = method["target_groups"]
    assert groups["widget"] == "select" and groups["multiple"] is True and groups["required"] is False
    assert [o["value"] for o in groups["options"]] == sorted(
        kb.vocabulary.target_groups, key=lambda g: kb.vocabulary.target_groups[g].label.lower()
    )
    registry = next(t for t in method["sources"]["types"] if t["name"] == cms.REGISTRY_SOURCE)
    assert [o["value"] for o in registry["fields"][0]["options"]] == sorted(kb.vocabulary.sources)
    assert [o["value"] for o in method["basis"]["options"]] == ["plan", "ervaring", "pleidooi", "verslag", "evaluatie"]
    assert method["organisations"]["widget"] == "relation" and method["organisations"]["collection"] == "organisaties"
    assert method["related"]["widget"] == "select" and {o["value"] for o in method["related"]["options"]} == set(
        kb.entries
    )
    assert "[@key]" in method["body"]["hint"] and 'Advies van de redactie"' in method["body"]["hint"]
    assert method["body"]["default"].startswith("## Achtergrond")
    # Laatst gecontroleerd starts empty (ux review 3: prefilled with today, it claimed a check nobody did).
    assert "default" not in method["reviewed"] and method["reviewed"]["widget"] == "datetime"


def test_fields_follow_the_templates_order(config):
    data, _, _, _ = config
    names = [f["name"] for f in next(c for c in data["collections"] if c["name"] == "methoden")["fields"]]
    assert names == [
        "id", "type", "title", "summary", "aliases", "themes", "sources", "credits", "reviewed", "status", "basis",
        "purpose", "target_groups", "level", "use_when", "avoid_when", "steps", "active_elements", "preconditions",
        "pitfalls", "origin", "recognition", "workshop", "organisations", "places", "related", "concepts",
        "former_ids", "events", "body",
    ]  # fmt: skip


def test_backend_comes_from_repo_url_and_edit_uri(config, tmp_path):
    data, _, paths, kb = config
    assert data["backend"]["repo"] == "wijkpraktijk/wijkpraktijk" and data["backend"]["branch"] == "main"
    assert data["backend"]["open_authoring"] is True and data["publish_mode"] == "editorial_workflow"
    assert data["locale"] == "nl" and "local_backend" not in data
    text = paths.mkdocs_yml.read_text(encoding="utf-8")
    paths.mkdocs_yml.write_text(
        text.replace("wijkpraktijk/wijkpraktijk\n", "een-team/kennis\n", 1).replace("edit/main/", "edit/werk/")
        + "\nextra:\n  cms:\n    base_url: https://oauth.voorbeeld.nl\n    auth_endpoint: auth\n",
        encoding="utf-8",
    )
    try:
        changed = cms.decap_config(kb, paths, "http://127.0.0.1:8123/geheim/api/v1")
        assert changed["backend"]["repo"] == "een-team/kennis" and changed["backend"]["branch"] == "werk"
        assert changed["backend"]["base_url"] == "https://oauth.voorbeeld.nl"
        assert changed["local_backend"] == {"url": "http://127.0.0.1:8123/geheim/api/v1"}
        own = cms.policy("http://127.0.0.1:8123/geheim/api/v1")
        assert "connect-src 'self' https://api.github.com http://127.0.0.1:8123;" in own and "geheim" not in own
        assert "127.0.0.1" not in cms.policy(None)
    finally:
        paths.mkdocs_yml.write_text(text, encoding="utf-8")


# -- the file format, in Node --------------------------------------------------------------------------


def run_format(config_path: Path, jobs: list[dict]) -> list[str]:
    result = subprocess.run(
        ["node", "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", str(FORMAT_SCRIPT)],
        input=json.dumps({"config": str(config_path), "jobs": jobs}),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_saving_any_entry_unchanged_gives_the_same_bytes(config):
    _, path, _, _ = config
    texts = [p.read_text(encoding="utf-8") for p in ENTRY_FILES]
    assert len(texts) > 10
    assert run_format(path, [{"text": t} for t in texts]) == texts


def test_one_edit_changes_one_line_and_keeps_the_body(config):
    """What the form writes after an edit: the data of the file with that one change, the body as it was,
    and every other line untouched (comments, quoting, flow lists and key order stay)."""
    _, path, _, _ = config
    texts = [p.read_text(encoding="utf-8") for p in ENTRY_FILES]
    out = run_format(path, [{"text": t, "set": {"title": "Nieuw: yes"}} for t in texts])
    for file, before, after in zip(ENTRY_FILES, texts, out, strict=True):
        old, _ = parse(before, file.name)
        new, problems = parse(after, file.name)
        assert problems == [], file
        assert new.data == {**old.data, "title": "Nieuw: yes"} and new.body == old.body, file
        changed = [a for a, b in zip(before.split("\n"), after.split("\n"), strict=True) if a != b]
        assert [line.split(":")[0] for line in changed] == ["title"], file


def test_new_keys_go_where_the_template_puts_them_and_empty_ones_are_left_out(config):
    _, path, _, _ = config
    text = (FIXTURE / "practices" / "methoden" / "huisbezoek.md").read_text(encoding="utf-8")
    jobs = [
        {"text": text, "set": {"origin": "Uit de bron [@testbron].", "aliases": [], "recognition": "", "places": []}},
        {"text": text, "set": {"workshop": {"materials": ["flappen"], "time": "1:30", "group_size": " "}}},
    ]
    first, second = run_format(path, jobs)
    data = parse(first, "huisbezoek.md")[0].data
    assert data["origin"] == "Uit de bron [@testbron]." and "recognition" not in data
    order = [f["name"] for f in config[0]["collections"][1]["fields"]]
    before = list(data)[: list(data).index("origin")]  # after every key the template puts before it
    assert before and all(order.index(k) < order.index("origin") for k in before), before
    assert "null" not in first and "recognition" not in first
    workshop = parse(second, "huisbezoek.md")[0].data["workshop"]
    assert workshop == {"time": "1:30", "materials": ["flappen"]}  # template order; the blank one left out


TRICKY = [
    "yes", "No", "on", "OFF", "y", "n", "true", "null", "~", "", " ", "=", "<<", "1:30", "0:30", "12:30:00",
    "1_000", "017", "09", "0x1F", "0b101", "0o17", "1e3", "1.5e+3", ".5", "+12", ".inf", ".NaN", "2026-11-30",
    "2026-13-01", "2001-12-14t21:59:43.10-05:00", "#x", "a #b", "- a", "? a", ": a", "a: b", "a:b", "[a]", "{a}",
    "'quoted'", '"dq"', "„Dutch” quotes", "|", ">", "!tag", "&anchor", "*alias", "%x", "@x", "`x`", " lead",
    "trail ", "tab\tin", "ë ü ç — ‘’", "[@key]", "multi\nline", "\\", "a\\nb", "---", "...",
]  # fmt: skip


def test_any_text_the_form_takes_comes_back_as_the_same_text(config):
    """YAML 1.1 (what make check reads) turns yes, 1:30, 017 or 1_000 into other types when unquoted."""
    _, path, _, _ = config
    rng = random.Random(17)
    alphabet = "ab yYnN01789:._-+#@&*!|>?'\"`,[]{}%=<\\\t\n ëé„”"
    texts = TRICKY + ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(600)]
    jobs = [{"new": {"id": "proef", "type": "concept", "title": t, "aliases": [t, "x"]}} for t in texts]
    for text, out in zip(texts, run_format(path, jobs), strict=True):
        raw, problems = parse(out, "proef.md")
        assert problems == [], (text, out)
        if text.strip() == "":
            assert "title" not in raw.data, (text, out)  # empty: left out, never null
        else:
            assert raw.data["title"] == text and raw.data["aliases"] == [text, "x"], (text, out)


def test_the_format_reads_a_file_as_read_py_does(config):
    """The form must show what make check sees: the same value for every field of every file."""
    _, path, _, _ = config
    probe = "---\nid: p\ntype: concept\ntitle: 017\naliases: [y, 1e3, 09, 0:30, 1:30, yes]\n---\n"
    out = run_format(path, [{"text": probe, "set": {"summary": "Een nieuwe samenvatting."}}])[0]
    raw = parse(out, "p.md")[0]
    assert raw.data["title"] == 15 and raw.data["aliases"] == ["y", "1e3", "09", "0:30", 90, True]


# -- the built page's own policy (safety.py) --------------------------------------------------------------


def test_a_page_with_its_own_strict_policy_keeps_it_and_a_weak_one_fails(tmp_path):
    own = cms.policy(None)
    strict = (
        f'<html><head><meta charset=utf-8><meta http-equiv="Content-Security-Policy" content="{own}"></head></html>'
    )
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "index.html").write_text(strict, encoding="utf-8")
    (tmp_path / "index.html").write_text("<html><head><meta charset=utf-8></head></html>", encoding="utf-8")
    assert safety.harden(tmp_path) == []
    assert (tmp_path / "admin" / "index.html").read_text(encoding="utf-8") == strict
    assert "Content-Security-Policy" in (tmp_path / "index.html").read_text(encoding="utf-8")
    weak = strict.replace("script-src 'self'", "script-src 'self' 'unsafe-inline' https://cdn.example")
    (tmp_path / "admin" / "index.html").write_text(weak, encoding="utf-8")
    assert safety.harden(tmp_path) == [
        "admin/index.html: eigen Content-Security-Policy met script-src "
        "'self' 'unsafe-inline' https://cdn.example 'unsafe-eval'"
    ]


def test_the_admin_files_are_complete(config):
    _, _, paths, kb = config
    files = cms.admin_files(kb, paths)
    assert {"index.html", "config.yml", "wijkpraktijk-ids.json", "vendor/decap-cms.js"} <= set(files)
    assert "vendor/decap-cms.js" in files and "vendor/yaml/index.js" in files
    assert not any(name.endswith(".map") for name in files)
    page = files["index.html"]
    assert '<meta name="robots" content="noindex, nofollow">' in page and "<script>" not in page
    assert yaml.safe_load(files["config.yml"])["collections"][0]["format"] == cms.FORMAT
    assert set(json.loads(files["wijkpraktijk-ids.json"])) >= set(kb.entries)


def test_rules_that_need_more_than_one_field_are_refused_in_dutch_on_saving(config):
    """validate.py's rules the widgets cannot show: the form names the same rule before anything is written."""
    _, path, _, _ = config
    base = {
        "id": "nieuw",
        "type": "method",
        "sources": [{"soort": "bronnenlijst", "key": "testbron"}],
        "steps": [{"title": "Stap", "text": "Zo [@testbron]."}, {"title": "Eigen", "editorial": True}],
        "facts": [{"label": "Inwoners", "value": "10", "source": "testbron"}],
    }
    cases = [
        ({}, {"isNew": True}, None),
        ({}, {"isNew": True, "used": ["nieuw"]}, "is al in gebruik"),
        ({}, {"isNew": False, "slug": "oud"}, "verander je niet"),
        ({"related": ["nieuw"]}, {"isNew": True}, "naar zichzelf"),
        ({"status": "compleet", "basis": ["plan"]}, {"isNew": True}, "alleen op een plan"),
        ({"period": {"start": 2020, "end": 2019}}, {"isNew": True}, "eindjaar"),
        ({"steps": [{"title": "Stap zonder bron"}]}, {"isNew": True}, "Stap 1 ('Stap zonder bron') noemt geen bron"),
        ({"origin": "Ergens vandaan."}, {"isNew": True}, "herkomst"),
        ({"positions": [{"title": "Eén kant", "summary": "Zo."}]}, {"isNew": True}, "'Eén kant' noemt geen bron"),
        ({"facts": [{"label": "Aantal", "source": "elders"}]}, {"isNew": True}, "Kies een van: testbron"),
    ]
    jobs = [{"check": {**base, **change}, "used": [], **how} for change, how, _ in cases]
    for (_, _, expected), message in zip(cases, run_format(path, jobs), strict=True):
        assert message is None if expected is None else expected in message, (expected, message)
