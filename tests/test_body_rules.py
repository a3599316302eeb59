"""One rule corpus, two implementations: make check (Python) and the form at /admin/ (wijkpraktijk-rules.js)
judge every example page of tests/fixtures/body_rules.yml alike, with the same Dutch messages and hints.

The form refuses before saving what make check would refuse after (issue 26, ux review 3: a paragraph without
a source was saved as "Gepubliceerd" and the page then silently did not appear). If the two drift, this fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE, REPO
from wijkpraktijk import cms, leftovers
from wijkpraktijk.config import Paths
from wijkpraktijk.new import TEMPLATE_DIR, create
from wijkpraktijk.pipeline import load

CORPUS = yaml.safe_load((REPO / "tests" / "fixtures" / "body_rules.yml").read_text(encoding="utf-8"))
DRIVER = REPO / "tests" / "js" / "body_rules.mjs"


def _tree(tmp_path: Path, real_vocabulary: bool) -> Paths:
    """The fixture knowledge base, or (for a template) the real vocabulary and no pages, with the templates."""
    practices = tmp_path / "practices"
    if real_vocabulary:
        practices.mkdir()
        for name in ("themas.yml", "bronnen.yml", "doelgroepen.yml"):
            shutil.copy(REPO / "practices" / name, practices / name)
    else:
        shutil.copytree(FIXTURE / "practices", practices)
    shutil.copytree(REPO / "practices" / TEMPLATE_DIR, practices / TEMPLATE_DIR)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return Paths(tmp_path)


def _with_body(text: str, body: str, changes: dict) -> str:
    _, front, _ = text.split("---\n", 2)
    data = yaml.safe_load(front)
    data.update(changes)
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body


def _body_start(text: str) -> int:
    """The file line of the body's first line (the line after the closing ---)."""
    return text[: text.index("\n---\n", 3) + 5].count("\n") + 1


def _said_by_python(paths: Paths, target: Path, text: str) -> list[dict]:
    rel = target.relative_to(paths.root).as_posix()
    start = _body_start(text)
    found = []
    for d in load(paths).problems:
        if d.file != rel:
            continue
        if d.field:
            found.append({"field": d.field, "message": d.message, "hint": d.hint})
        else:
            found.append({"line": d.line - start + 1, "message": d.message, "hint": d.hint})
    return found


def _said_by_form(paths: Paths, texts: list[str]) -> list[list[dict]]:
    result = subprocess.run(
        ["node", "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", str(DRIVER)],
        input=json.dumps({"rules": cms.body_rules(paths), "pages": texts}),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _short(problem: dict) -> str:
    where = f"veld {problem['field']}" if "field" in problem else f"regel {problem['line']}"
    return f"{where}: {problem['message']}"


def _key(problem: dict) -> tuple:
    return (problem.get("field") or "", problem.get("line") or 0, problem["message"], problem["hint"])


# Safety rules stay with make check and the build (wijkpraktijk-rules.js says why): what the rendered body holds
# beyond the allowlist. A '# Titel' gets that message too from make check, and the heading rule's from both.
SAFETY_ONLY = ("De tekst levert opmaak op die niet is toegestaan",)


@pytest.mark.parametrize("example", CORPUS, ids=[e["name"] for e in CORPUS])
def test_make_check_and_the_form_say_the_same(example, tmp_path):
    if "template" in example:
        paths = _tree(tmp_path, real_vocabulary=True)
        target = create(paths, example["template"], "Buurtcirkel in Zwolle").path
        text = target.read_text(encoding="utf-8")
    else:
        paths = _tree(tmp_path, real_vocabulary=False)
        target = paths.practices / example["page"]
        text = _with_body(target.read_text(encoding="utf-8"), example["body"], example.get("set", {}))
        target.write_text(text, encoding="utf-8")
    python = sorted(
        (p for p in _said_by_python(paths, target, text) if not p["message"].startswith(SAFETY_ONLY)), key=_key
    )
    form = sorted(_said_by_form(paths, [text])[0], key=_key)
    assert [_key(p) for p in form] == [_key(p) for p in python], (
        "make check: "
        + json.dumps(python, ensure_ascii=False, indent=1)
        + "\nform: "
        + json.dumps(form, ensure_ascii=False, indent=1)
    )
    if example.get("expect_from") == "template":
        # An unedited template is refused for its template text, in the body and in the fields.
        assert {p["message"] for p in python} == {leftovers.BODY_MESSAGE, leftovers.FIELD_MESSAGE}
    else:
        assert sorted(_short(p) for p in python) == sorted(example["expect"])


def test_the_corpus_covers_every_rule_family():
    """Each kind of refusal the form copies is in the corpus at least once."""
    said = " ".join(" ".join(e.get("expect", [])) for e in CORPUS)
    for words in (
        "noemt geen bron",
        "nergens een bron",
        "Onbekende kop",
        "twee keer",
        "Verplichte kop",
        "vaste volgorde",
        "automatisch gemaakt",
        "één #",
    ):
        assert words in said, words
    assert any("template" in e for e in CORPUS)
