"""`make new` and the templates in practices/_sjablonen/: a filled template always validates."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import REPO, replace_in
from wijkpraktijk import leftovers, types
from wijkpraktijk.cli import main
from wijkpraktijk.config import CACHE_ENV, Paths
from wijkpraktijk.new import TEMPLATE_DIR, NewEntryError, create
from wijkpraktijk.pipeline import load

TEMPLATE_PATHS = {t.name: REPO / "practices" / TEMPLATE_DIR / t.new_file for t in types.TYPES}


@pytest.fixture
def empty_kb(tmp_path) -> Paths:
    """The real vocabulary and templates, no entries."""
    practices = tmp_path / "practices"
    practices.mkdir()
    for name in ("themas.yml", "bronnen.yml", "doelgroepen.yml"):
        shutil.copy(REPO / "practices" / name, practices / name)
    shutil.copytree(REPO / "practices" / TEMPLATE_DIR, practices / TEMPLATE_DIR)
    # The site's Markdown set-up: without attr_list a reference marker's '{ .footnote-ref }' would be text.
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return Paths(tmp_path)


@pytest.fixture
def tree_with_templates(tree) -> Paths:
    shutil.copytree(REPO / "practices" / TEMPLATE_DIR, tree.practices / TEMPLATE_DIR)
    return tree


def test_every_filled_template_is_refused_only_for_its_template_text(empty_kb, monkeypatch):
    today = dt.date(2026, 11, 23)
    for kind in types.names():
        created = create(empty_kb, kind, f"Nieuwe {kind} in Zwolle", today=today)
        assert created.path == empty_kb.practices / types.get(kind).folder / f"nieuwe-{kind}-in-zwolle.md"
        text = created.path.read_text(encoding="utf-8")
        assert "reviewed: 2026-11-23" in text and f'title: "Nieuwe {kind} in Zwolle"' in text
    # The tension template's positions point at real practice stories; this knowledge base has only the new one.
    tension = empty_kb.practices / types.get("tension").folder / "nieuwe-tension-in-zwolle.md"
    text = tension.read_text(encoding="utf-8")
    for real in ("sociale-teams-deventer", "wijkteam-nijlan-huizum"):
        assert f"[{real}]" in text
        text = text.replace(f"[{real}]", "[nieuwe-practice-in-zwolle]")
    tension.write_text(text, encoding="utf-8")
    # Unedited, every page is refused for its template text alone (ux review 3: it passed make check)...
    loaded = load(empty_kb)
    assert loaded.problems, "an unedited template passes make check"
    assert {p.message for p in loaded.problems} <= {leftovers.BODY_MESSAGE, leftovers.FIELD_MESSAGE}, "\n".join(
        p.format() for p in loaded.problems
    )
    refused = {p.file for p in loaded.problems}
    assert refused == {f"practices/{t.folder}/nieuwe-{t.name}-in-zwolle.md" for t in types.TYPES}, refused
    # ...and nothing else: without that rule every template is a valid page of its type.
    monkeypatch.setattr(leftovers.Placeholders, "of", classmethod(lambda cls, raws: cls()))  # the templates say nothing
    loaded = load(empty_kb)
    assert loaded.problems == [], "\n".join(p.format() for p in loaded.problems)
    assert len(loaded.kb.entries) == len(types.TYPES)


@pytest.mark.parametrize("kind", types.names())
def test_every_field_is_explained_in_dutch(kind):
    text = TEMPLATE_PATHS[kind].read_text(encoding="utf-8")
    front = text.split("\n---\n", 1)[0]
    comments = "\n".join(line for line in front.splitlines() if line.lstrip().startswith("#") or " # " in line)
    for field in types.get(kind).model.model_fields:
        assert re.search(rf"\b{field}\b", comments), f"{TEMPLATE_PATHS[kind].name}: no comment explains '{field}'"
    data = yaml.safe_load(front.removeprefix("---\n"))
    assert data["type"] == kind


def test_slug_is_plain_ascii(empty_kb):
    created = create(empty_kb, "begrip", "  Één gezin, één plan: ‘zo’ — in Súdwest-Fryslân!  ")
    assert created.entry_id == "een-gezin-een-plan-zo-in-sudwest-fryslan"


def test_refuses_to_overwrite(tree_with_templates):
    target = tree_with_templates.practices / "methoden" / "buurtcirkel.md"
    target.write_text("eigen tekst", encoding="utf-8")
    with pytest.raises(NewEntryError, match="bestaat al"):
        create(tree_with_templates, "methode", "Buurtcirkel")
    assert target.read_text(encoding="utf-8") == "eigen tekst"


def test_refuses_an_id_used_by_another_type(tree_with_templates):
    with pytest.raises(NewEntryError, match="al in gebruik"):
        create(tree_with_templates, "begrip", "Huisbezoek")


def test_refuses_a_former_id(tree_with_templates):
    replace_in(
        tree_with_templates,
        "methoden/huisbezoek.md",
        "status: gedeeltelijk",
        "status: gedeeltelijk\nformer_ids: [op-bezoek]",
    )
    with pytest.raises(NewEntryError, match="former_ids"):
        create(tree_with_templates, "methode", "Op bezoek")
    assert not (tree_with_templates.practices / "methoden" / "op-bezoek.md").exists()


@pytest.mark.parametrize(
    ("kind", "title", "message"),
    [
        ("recept", "Iets", "Onbekend soort pagina"),
        ("methode", "   ", "Geef een titel"),
        ("methode", "!!!", "geen id"),
        ("methode", "Index", "gereserveerd"),
    ],
)
def test_bad_requests_get_a_message(empty_kb, kind, title, message):
    with pytest.raises(NewEntryError, match=message):
        create(empty_kb, kind, title)


def test_cli_with_arguments_and_without_a_terminal(empty_kb, capsys):
    assert main(["--root", str(empty_kb.root), "new", "--type", "praktijkverhaal", "--title", "Wijkteam aan zee"]) == 0
    out = capsys.readouterr().out
    assert "practices/praktijken/wijkteam-aan-zee.md" in out
    assert "[@woltring-leeuwarden]" in out and "Advies van de redactie" in out  # it teaches the reference syntax
    result = subprocess.run(
        [sys.executable, "-m", "wijkpraktijk", "--root", str(empty_kb.root), "new"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "scripts"), "PATH": "/usr/bin:/bin", CACHE_ENV: os.environ[CACHE_ENV]},
    )
    assert result.returncode == 1 and "TYPE=" in result.stderr and "Traceback" not in result.stderr


def test_templates_are_not_entries(tree_with_templates):
    assert load(tree_with_templates).problems == []


# -- the templates are read, and checked, like entries (security review 3, F5) ---------------------

BEGRIP = "practices/_sjablonen/begrip.md"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: x\ntitle: geen afsluitende streepjes\n", "begint niet met een front-matterblok"),  # B6
        ("---\nid: x\ntitle: geen afsluitende streepjes\n", "wordt niet afgesloten met een regel '---'"),
        ("---\nid: x\ntype: concept\ntitle: t\nreviewed: 2026-01-01\nkleur: rood\n---\n", "niet kent: 'kleur'"),
        ("---\nid: x\ntype: method\ntitle: t\nreviewed: 2026-01-01\n---\n", "hoort 'type: concept'"),
        ("---\ntype: concept\ntitle: t\nreviewed: 2026-01-01\n---\n", "mist het veld 'id'"),
        ("---\nid: x\nextra:\n" + "- " * 30_000 + "x\n---\n", "te diep genest"),  # 60 KB: under the size limit
        ("---\nid: x\n---\n" + "a" * 300_000, "te groot"),
    ],
)
def test_a_broken_template_is_a_message_from_check_and_build_not_a_traceback(
    tree_with_templates, text, message, capsys
):
    (tree_with_templates.root / BEGRIP).write_text(text, encoding="utf-8")
    for command in ("check", "build"):  # in this process: an exception would fail the test
        assert main(["--root", str(tree_with_templates.root), command]) == 1
        err = capsys.readouterr().err
        assert BEGRIP in err and message in err
    assert not tree_with_templates.site.exists() and not tree_with_templates.generated.exists()
    with pytest.raises(NewEntryError, match=re.escape(message)):
        create(tree_with_templates, "begrip", "Nieuw begrip")


def test_a_template_that_is_not_a_regular_file_is_never_opened(tree_with_templates, tmp_path):
    """A link to /dev/zero took all memory (B7); a FIFO would hang. The reader refuses both unread."""
    from wijkpraktijk.new import read_template

    template = tree_with_templates.root / BEGRIP
    template.unlink()
    template.symlink_to("/dev/zero")
    assert "snelkoppeling" in read_template(tree_with_templates, "concept")[2][0].message
    template.unlink()
    os.mkfifo(template)
    assert "geen gewoon bestand" in read_template(tree_with_templates, "concept")[2][0].message
