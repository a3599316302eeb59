"""`make check` output as a contributor reads it: where, what, and what to do, in Dutch."""

from __future__ import annotations

import contextlib
import io

from conftest import replace_in, write
from wijkpraktijk.cli import main
from wijkpraktijk.diagnostics import Diagnostic

PRACTICE = "praktijken/buurtteam-voorbeeld.md"


def check_output(tree) -> str:
    """What `make check` prints on stderr (main, as the entry point calls it; test_cli runs the entry point)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["--root", str(tree.root), "check"]) == 1
    return err.getvalue()


def test_unknown_method_and_theme(tree):
    replace_in(tree, PRACTICE, "methods: [huisbezoek]", "methods: [huisbezoeken]")
    replace_in(tree, PRACTICE, "themes: [eenzaamheid]", "themes: [eenzaam]")
    out = check_output(tree)
    assert (
        "practices/praktijken/buurtteam-voorbeeld.md:17 [methods]: Er is geen pagina met id 'huisbezoeken'.\n"
        "    → Bedoelde je: huisbezoek?" in out
    )
    assert "practices/praktijken/buurtteam-voorbeeld.md:7 [themes]: 'eenzaam' staat niet in de themalijst." in out
    assert (
        "Bedoelde je: eenzaamheid? Toegestane thema's: eenzaamheid, preventie. "
        "Een nieuw thema voeg je toe in practices/themas.yml." in out
    )
    assert out.rstrip().endswith("2 fout(en) in 1 bestand(en). Er is niets gebouwd of overschreven.")


def test_unknown_target_group_names_the_list_and_its_values(tree):
    """Doelgroep is a controlled list (practices/doelgroepen.yml), so free text is refused with the choices."""
    replace_in(tree, PRACTICE, "target_groups: [ouderen]", "target_groups:\n  - bewoners\n  - oudere")
    out = check_output(tree)
    assert (
        "practices/praktijken/buurtteam-voorbeeld.md:22 [target_groups]: 'oudere' staat niet in de lijst met "
        "doelgroepen (practices/doelgroepen.yml).\n"
        "    → Bedoelde je: ouderen? Toegestane doelgroepen: bewoners, ouderen. "
        "Staat de jouwe er niet bij, voeg haar dan toe in practices/doelgroepen.yml." in out
    ), out
    assert out.rstrip().endswith("1 fout(en) in 1 bestand(en). Er is niets gebouwd of overschreven.")


def test_choices_are_listed_in_dutch(tree):
    replace_in(tree, PRACTICE, "status: compleet", "status: klaar")
    assert "Kies uit: 'concept', 'gedeeltelijk' of 'compleet'." in check_output(tree)


def test_yaml_mistakes_are_explained(tree):
    write(tree, "begrippen/dubbelepunt.md", "---\nid: dubbelepunt\ntitle: Nieuw: iets\n---\n")
    write(tree, "begrippen/tab.md", "---\nid: tab\n\ttitle: x\n---\n")
    write(tree, "begrippen/dubbel.md", "---\nid: dubbel\ntitle: a\ntitle: b\n---\n")
    write(tree, "begrippen/quote.md", "---\nid: quote\ntitle: 'open\n---\n")
    out = check_output(tree)
    assert (
        "begrippen/dubbelepunt.md:3: Er staat een dubbele punt (:)" in out
        and 'title: "Buurtwerk: zo doe je het"' in out
    )
    assert "begrippen/tab.md:3: Er staat een tab-teken" in out
    assert "begrippen/dubbel.md:4 [title]: Het veld 'title' staat twee keer" in out
    assert "begrippen/quote.md" in out and "aanhalingsteken" in out


def test_unknown_field_points_to_templates(tree):
    replace_in(tree, PRACTICE, "status: compleet", "status: compleet\nsummery: x")
    out = check_output(tree)
    assert "[summery]: Dit veld bestaat niet voor dit soort pagina." in out and "practices/_sjablonen/" in out


def test_a_bare_year_is_a_valid_source_date(tree):
    replace_in(tree, "begrippen/wijkteam.md", "date: 2019-07-23", "date: 2019")
    from wijkpraktijk.pipeline import load

    assert load(tree).problems == []


# -- what reaches a terminal and GitHub's annotations ---------------------------------------------------


def test_terminal_and_annotations_get_control_characters_written_out():
    problem = Diagnostic("practices/a,b:c.md", 3, "title", "Rood \x1b[31m\r\n::error::nep %", None)
    assert "\x1b" not in problem.format() and "\r" not in problem.format() and "\\x1b" in problem.format()
    annotation = problem.github_annotation()
    assert annotation.startswith("::error file=practices/a%2Cb%3Ac.md,line=3::")
    assert "\n" not in annotation and "\r" not in annotation and "%0D%0A" in annotation and "%25" in annotation
