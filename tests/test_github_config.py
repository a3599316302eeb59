"""The files in .github/ and .pre-commit-config.yaml: valid YAML with the keys GitHub needs.

actionlint is not installable from PyPI or npm without downloading a binary,
so these tests check structure: parse, required keys, and that the workflows
run the project's own commands.
"""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import REPO

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the bare key 'on' as True.
    value = workflow.get("on", workflow.get(True))
    return {value: None} if isinstance(value, str) else {k: None for k in value} if isinstance(value, list) else value


def all_runs(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", []))


def all_uses(workflow: dict) -> list[str]:
    return [step["uses"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "uses" in step]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_structure(path):
    workflow = load(path)
    assert isinstance(workflow.get("name"), str) and triggers(workflow)
    assert workflow["jobs"]
    for name, job in workflow["jobs"].items():
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", name)
        assert "runs-on" in job and job["steps"], name
        for need in [job["needs"]] if isinstance(job.get("needs"), str) else job.get("needs", []):
            assert need in workflow["jobs"]
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[\w.-]+", step["uses"]), step["uses"]
    text = path.read_text(encoding="utf-8")
    assert "\t" not in text
    for expression in re.findall(r"\$\{\{(.*?)\}\}", text):
        assert expression.strip() and expression.count("(") == expression.count(")")


def test_pull_request_workflow_runs_every_check_and_keeps_the_site():
    workflow = load(GITHUB / "workflows" / "pull-request.yml")
    assert "pull_request" in triggers(workflow) and "pull_request_target" not in triggers(workflow)
    runs = all_runs(workflow)
    for command in ("make check", "make build", "make test", "make linkcheck"):
        assert command in runs
    assert any(u.startswith("actions/upload-artifact@") for u in all_uses(workflow))
    assert workflow["permissions"] == {"contents": "read"}


def test_deploy_workflow_publishes_main_to_pages():
    workflow = load(GITHUB / "workflows" / "deploy.yml")
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert "make build" in all_runs(workflow) and "make linkcheck" in all_runs(workflow)
    uses = all_uses(workflow)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    deploy = next(
        job
        for job in workflow["jobs"].values()
        if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"])
    )
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_issue_form_structure(path):
    form = load(path)
    for key in ("name", "description", "body"):
        assert form.get(key), key
    ids = []
    for item in form["body"]:
        assert item["type"] in FORM_TYPES
        if item["type"] == "markdown":
            assert item["attributes"]["value"]
            continue
        assert re.fullmatch(r"[a-z0-9_-]+", item["id"]) and item["attributes"]["label"]
        ids.append(item["id"])
        if item["type"] in ("dropdown", "checkboxes"):
            assert item["attributes"]["options"]
    assert len(ids) == len(set(ids)) and ids


def test_issue_forms_include_the_two_contributor_forms():
    names = {load(p)["name"] for p in FORMS}
    assert {"Nieuwe praktijk voorstellen", "Fout melden"} <= names
    assert isinstance(load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")["blank_issues_enabled"], bool)


def test_report_link_prefills_fields_that_exist_in_the_form():
    template = (REPO / "overrides" / "partials" / "actions.html").read_text(encoding="utf-8")
    fields = dict(re.findall(r'"[^"]*[?&]([a-z_]+)=([^"&]*)"', template))
    form_name = fields.pop("template")
    form = load(GITHUB / "ISSUE_TEMPLATE" / form_name)
    ids = {item.get("id") for item in form["body"]}
    assert set(fields) - {"title"} <= ids and {"pagina", "bronbestand"} <= set(fields)


def test_pull_request_template_has_the_editorial_checklist():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for phrase in ("eigen woorden", "bronnen", "anoniem", "toestemming", "CC BY-SA 4.0", "make check"):
        assert phrase in text
    assert text.count("- [ ]") >= 5


def test_pre_commit_runs_ruff_and_make_check_locally():
    config = load(REPO / ".pre-commit-config.yaml")
    hooks = {hook["id"]: hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]}
    assert "ruff" in hooks["ruff"]["entry"] and hooks["make-check"]["entry"] == "make check"
    for hook in hooks.values():
        assert {"id", "name", "entry", "language"} <= set(hook)


# -- review of what is not content: code owners, and labels on a pull request ---------------------------------


def test_code_owners_review_everything_but_contributors_pages():
    rules = [
        line.split()
        for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert rules[0] == ["*", "@wijkpraktijk/beheerders"]  # first, so every later line narrows it
    assert [r for r in rules[1:] if len(r) > 1] == []  # contributors' pages: no owner
    assert {r[0] for r in rules[1:]} == {"/practices/", "/docs/*.md"}


def test_the_label_workflow_never_touches_the_pull_requests_files():
    workflow = load(GITHUB / "workflows" / "pull-request-labels.yml")
    assert set(triggers(workflow)) == {"pull_request_target"}
    assert workflow["permissions"] == {"contents": "read", "pull-requests": "write"}
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    assert all("run" not in step for step in steps)  # nothing in a shell
    checkout = next(s for s in steps if s["uses"].startswith("actions/checkout@"))
    assert "ref" not in checkout["with"] and checkout["with"]["persist-credentials"] is False  # the base branch
    script = next(s for s in steps if "script" in s.get("with", {}))["with"]["script"]
    text = (GITHUB / "workflows" / "pull-request-labels.yml").read_text(encoding="utf-8")
    assert "github.event.pull_request.head" not in text and "${{" not in script


LABEL_CASES = """
const labels = require(process.argv[1]);
const file = (filename, extra = {}) =>
  ({ filename, status: "modified", additions: 1, deletions: 0, patch: "@@", ...extra });
const cases = {
  content: [file("practices/begrippen/x.md"), file("docs/over.md"), file("practices/_bestanden/foto.jpg")],
  code: [file("scripts/wijkpraktijk/cli.py"), file("docs/assets/werkmap.js"), file("Makefile"), file("mkdocs.yml"),
         file(".github/workflows/deploy.yml"), file("docs/kennisbank/x.md")],
  moved: [file("practices/begrippen/x.md", { status: "renamed", previous_filename: "scripts/x.md" })],
  binary: [file("practices/begrippen/y.md", { status: "added", additions: 0, patch: undefined }),
           file("scripts/wijkpraktijk/__pycache__/cli.cpython-311.pyc", { status: "added" })],
  removed: [file("scripts/oud.py", { status: "removed", additions: 0, deletions: 9, patch: undefined })],
};
const out = {};
for (const [name, files] of Object.entries(cases)) {
  const found = labels.findings(files);
  out[name] = { outside: found.outside.map((f) => f.filename), binary: found.binary.map((f) => f.filename) };
}
console.log(JSON.stringify(out));
"""


def test_the_label_script_sorts_files_into_content_code_and_binary():
    import json
    import subprocess

    result = subprocess.run(
        ["node", "-e", LABEL_CASES, str(GITHUB / "scripts" / "pr-labels.js")],
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(result.stdout)
    assert found["content"] == {"outside": [], "binary": ["practices/_bestanden/foto.jpg"]}
    assert found["code"]["outside"] == [
        "scripts/wijkpraktijk/cli.py",
        "docs/assets/werkmap.js",
        "Makefile",
        "mkdocs.yml",
        ".github/workflows/deploy.yml",
        "docs/kennisbank/x.md",
    ]
    assert found["moved"]["outside"] == ["practices/begrippen/x.md"]  # moved out of the code into practices/
    assert found["binary"]["binary"] == [
        "practices/begrippen/y.md",
        "scripts/wijkpraktijk/__pycache__/cli.cpython-311.pyc",
    ]
    assert found["removed"] == {"outside": ["scripts/oud.py"], "binary": []}
