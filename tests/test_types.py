"""types.py is the one declaration of the entry types: a seventh type needs nothing else.

The test adds a type the way a contributor would (a model, a declaration, a page template and a commented
new-file template) and touches no other module: every stage must pick it up from ``types.TYPES``.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Literal

import pytest
import yaml
from pydantic import Field
from wijkpraktijk import cli, leftovers, types
from wijkpraktijk.model import EntryBase, ShortText
from wijkpraktijk.new import TEMPLATE_DIR, create
from wijkpraktijk.pipeline import generate, load

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


class Project(EntryBase):
    """A neighbourhood project: the model a new type brings."""

    type: Literal["project"]
    budget: ShortText | None = Field(
        default=None, title="Begroting", description="Het budget, zoals de bron het noemt."
    )


PROJECT = types.EntryType(
    name="project",
    model=Project,
    folder="projecten",
    singular="Buurtproject",
    plural="Buurtprojecten",
    order=6,
    sections=("Wat het is", "Hoe het liep"),
    optional=frozenset({"Hoe het liep"}),
    full_coverage=True,
    new_file="buurtproject.md",
    graph_column=1,
    colour="#123456",
    intro="Projecten die bewoners en teams samen opzetten.",
)
PAGE_TEMPLATE = """{% extends "entry.md.j2" %}
{% block facts %}
{% if e.budget %}
- **Budget:** {{ e.budget|md }}
{% endif %}
{% endblock %}
"""
NEW_FILE = """---
# SJABLOON VOOR EEN BUURTPROJECT.
id: nieuw-project
type: project
title: Naam van het project
summary: Vervang deze zin door een korte samenvatting in je eigen woorden.
themes: [eenzaamheid]
sources:
  - testbron
credits:
  - name: Jouw naam
    role: tekst
reviewed: 2026-01-01
status: concept
# budget: het budget, zoals de bron het noemt.
---
## Wat het is

Een project in de buurt [@testbron].
"""
ENTRY = """---
id: buurtmoestuin
type: project
title: Buurtmoestuin
summary: Bewoners en het team leggen samen een moestuin aan.
themes: [eenzaamheid]
sources: [testbron]
credits:
  - name: Test Redactie
reviewed: 2026-11-02
status: concept
budget: "€ 2.000"
related: [huisbezoek]
---
## Wat het is

Een moestuin in [[voorbeeldstad]] [@testbron].

## Hoe het liep

Goed [@testbron].
"""


@pytest.fixture
def seventh(tree, tmp_path, monkeypatch):
    """The fixture knowledge base with a seventh type, declared and templated as types.py says."""
    templates = tmp_path / "own-templates"
    templates.mkdir()
    (templates / "project.md.j2").write_text(PAGE_TEMPLATE, encoding="utf-8")
    monkeypatch.setattr(types, "TYPES", (*types.TYPES, dataclasses.replace(PROJECT, template_folder=templates)))
    (tree.practices / TEMPLATE_DIR).mkdir(exist_ok=True)
    (tree.practices / TEMPLATE_DIR / "buurtproject.md").write_text(NEW_FILE, encoding="utf-8")
    (tree.practices / "projecten").mkdir()
    (tree.practices / "projecten" / "buurtmoestuin.md").write_text(ENTRY, encoding="utf-8")
    return tree


def test_a_seventh_type_reaches_every_stage(seventh):
    loaded, report = generate(seventh)
    assert report is not None, "\n".join(p.format() for p in loaded.problems)
    out = seventh.generated
    page = (out / "buurtmoestuin" / "index.md").read_text(encoding="utf-8")
    assert "Buurtproject" in page and "**Budget:** € 2.000" in page  # its own template, its label
    overview = (out / "overzicht" / "projecten" / "index.md").read_text(encoding="utf-8")
    assert "Projecten die bewoners en teams samen opzetten." in overview and "Buurtmoestuin" in overview
    assert "[Buurtprojecten](overzicht/projecten/index.md) (1)" in (out / "index.md").read_text(encoding="utf-8")
    assert "- **Buurtprojecten:** [Buurtmoestuin]" in (out / "huisbezoek" / "index.md").read_text(encoding="utf-8")
    graph = json.loads((out / "data" / "graph.json").read_text(encoding="utf-8"))
    assert graph["types"]["project"] == {"label": "Buurtproject", "column": 1, "colour": "#123456", "side": "b"}
    assert ".wp-t-project { --wp-c: #123456; }" in (out / "assets" / "soorten.css").read_text(encoding="utf-8")
    connections = (out / "overzicht" / "verbanden" / "index.md").read_text(encoding="utf-8")
    assert 'value="project"' in connections and "## Buurtprojecten" in connections
    schema = json.loads((out / "data" / "schema.json").read_text(encoding="utf-8"))
    assert "project" in schema["discriminator"]["mapping"] and "budget" in schema["$defs"]["Project"]["properties"]
    assert "project" in schema["$defs"]["Practice"]["properties"]["type"]["description"]
    assert "`budget`" in (out / "overzicht" / "open-data" / "index.md").read_text(encoding="utf-8")  # the codebook
    nav = yaml.safe_load((seventh.root / "mkdocs.generated.yml").read_text(encoding="utf-8"))["nav"]
    assert "kennisbank/overzicht/projecten/index.md" in nav[1]["Kennisbank"]
    config = yaml.safe_load((seventh.admin / "config.yml").read_text(encoding="utf-8"))
    collection = next(c for c in config["collections"] if c["name"] == "projecten")
    assert collection["label"] == "Buurtprojecten" and "budget" in [f["name"] for f in collection["fields"]]
    body = next(f for f in collection["fields"] if f["name"] == "body")
    assert "## Wat het is" in body["hint"] and body["default"].startswith("## Wat het is")


def test_a_seventh_type_is_validated_by_its_declaration(seventh):
    entry = seventh.practices / "projecten" / "buurtmoestuin.md"
    entry.write_text(ENTRY.replace("## Wat het is\n", "## Iets anders\n").replace("Goed [@testbron].", "Goed."))
    messages = {p.message for p in load(seventh).problems if p.file.endswith("buurtmoestuin.md")}
    assert "Onbekende kop '## Iets anders'." in messages  # its sections
    assert "Deze alinea noemt geen bron." in messages  # its coverage rule
    (seventh.practices / "methoden" / "buurtmoestuin.md").write_text(ENTRY)
    wrong_folder = [p for p in load(seventh).problems if p.file == "practices/methoden/buurtmoestuin.md"]
    assert any("practices/projecten/" in p.message for p in wrong_folder)


def test_make_new_and_the_command_line_offer_a_seventh_type(seventh, capsys):
    created = create(seventh, "buurtproject", "Samen koken")
    assert created.path == seventh.practices / "projecten" / "samen-koken.md"
    # Unedited, the new page is refused for its template's text only (rules.no_template_text), as every type's.
    refused = {p.message for p in load(seventh).problems if p.file.endswith("samen-koken.md")}
    assert refused and refused <= {leftovers.BODY_MESSAGE, leftovers.FIELD_MESSAGE}, refused
    with pytest.raises(SystemExit):
        cli.main(["new", "--help"])
    assert "buurtproject" in capsys.readouterr().out


@pytest.mark.parametrize("entry_type", types.TYPES, ids=[t.name for t in types.TYPES])
def test_every_type_has_its_page_template_and_new_file(entry_type):
    from wijkpraktijk.pages import TEMPLATES

    assert (TEMPLATES / entry_type.template).is_file()
    assert (SCRIPTS.parent / "practices" / TEMPLATE_DIR / entry_type.new_file).is_file()
    assert entry_type.required == tuple(s for s in entry_type.sections if s not in entry_type.optional)


def test_no_module_names_a_type_in_dutch_but_types_py():
    """The Dutch names (labels and folders) of the types appear only in types.py and in templates."""
    words = {w for t in types.TYPES for w in (t.singular, t.plural, t.folder)}
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b")
    found = []
    for path in sorted((SCRIPTS / "wijkpraktijk").rglob("*")):
        if path.suffix not in (".py", ".js", ".css", ".html") or path.name == "types.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if pattern.search(line):
                found.append(f"{path.relative_to(SCRIPTS)}:{number}: {line.strip()}")
    assert found == []
