"""Advice kept apart from practice (issue 23, item 4): what make check sees, and where it stays quiet."""

from conftest import problems_of, replace_in, write
from wijkpraktijk.cli import main
from wijkpraktijk.config import CHECKOUT, Paths
from wijkpraktijk.pipeline import load

PRACTICE = "praktijken/buurtteam-voorbeeld.md"
METHOD = "methoden/huisbezoek.md"

SOURCES = """- key: testbron
  author: Auteur, Anna
  title: Een testartikel
  publication: Testblad, jaargang 1, nummer 2
  kind: artikel
  date: 2014-10
  basis: [ervaring, plan]
- key: columnbron
  author: Schrijver, Sam
  title: Een column met een standpunt
  kind: column
  basis: [pleidooi]
"""


def line_of(tree, rel: str, needle: str) -> int:
    lines = (tree.practices / rel).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def with_kinds(tree) -> None:
    """The fixture's source gets a kind, and a second source is only an opinion."""
    write(tree, "bronnen.yml", SOURCES)


def step_from_the_column(tree) -> None:
    with_kinds(tree)
    replace_in(tree, METHOD, "sources: [testbron]", "sources: [testbron, columnbron]")
    replace_in(tree, METHOD, "Bel of schrijf [@testbron].", "Bel of schrijf [@columnbron].")


def messages(tree) -> list[str]:
    return [p.message for p in problems_of(tree)]


def test_the_fixture_and_the_real_pages_keep_advice_apart():
    """No real page trips a rule, so each failure below is the rule's own."""
    real = [p for p in load(Paths(CHECKOUT)).problems if not p.warning]
    assert real == []


def test_an_editors_box_that_cites_a_source_is_refused_at_its_line(tree):
    assert problems_of(tree) == []
    replace_in(tree, PRACTICE, "    Begin klein.", "    Begin klein, zoals de bron laat zien [@testbron].")
    problem = next(p for p in problems_of(tree) if "Advies van de redactie" in p.message)
    assert problem.message == "Een kader 'Advies van de redactie' verwijst naar een bron."
    assert problem.line == line_of(tree, PRACTICE, "zoals de bron laat zien")
    assert "Zet wat de bron zegt buiten het kader" in problem.hint


def test_a_source_cited_in_another_box_is_fine(tree):
    replace_in(tree, PRACTICE, '!!! tip "Advies van de redactie"', '!!! note "Let op"')
    replace_in(tree, PRACTICE, "    Begin klein.", "    Begin klein [@testbron].")
    assert problems_of(tree) == []


def test_an_editorial_step_that_cites_a_source_is_refused(tree):
    cited = "  - title: Ga langs\n    text: Zoals de bron zegt [@testbron].\n"
    replace_in(tree, METHOD, "  - title: Ga langs\n", cited)
    problem = next(p for p in problems_of(tree) if "editorial: true" in p.message)
    assert problem.field == "steps"
    assert problem.message.startswith("Stap 2 ('Ga langs') heet advies van de redactie (editorial: true)")
    assert problem.line == line_of(tree, METHOD, "editorial: true")


def test_a_page_cannot_rest_on_a_kind_of_support_its_sources_do_not_offer(tree):
    with_kinds(tree)
    assert problems_of(tree) == []
    replace_in(tree, METHOD, "basis: [ervaring, plan]", "basis: [ervaring, evaluatie]")
    problem = next(p for p in problems_of(tree) if p.field == "basis")
    assert problem.message == (
        "De pagina zegt te steunen op 'evaluatie' (gemeten resultaten), maar geen van haar bronnen is dat volgens "
        "practices/bronnen.yml."
    )
    assert problem.line == line_of(tree, METHOD, "basis:")
    assert "'ervaring' (ervaring van betrokkenen), 'plan' (plan of verwachting)" in problem.hint


def test_a_step_from_an_opinion_on_a_page_that_says_it_was_practised_is_refused(tree):
    step_from_the_column(tree)
    problem = next(p for p in problems_of(tree) if p.field == "steps")
    assert problem.message == (
        "Stap 1 ('Maak een afspraak') steunt alleen op een bron die 'pleidooi' (pleidooi of mening) is, maar de "
        "pagina zegt te steunen op 'ervaring' (ervaring van betrokkenen), 'plan' (plan of verwachting)."
    )
    assert problem.line == line_of(tree, METHOD, "- title: Maak een afspraak")
    assert "schrijf hem dan als advies" in problem.hint


def test_the_same_step_is_fine_once_the_page_says_it_rests_on_an_opinion(tree):
    step_from_the_column(tree)
    replace_in(tree, METHOD, "basis: [ervaring, plan]", "basis: [ervaring, plan, pleidooi]")
    assert problems_of(tree) == []


def test_a_step_that_also_cites_a_described_practice_is_fine(tree):
    step_from_the_column(tree)
    replace_in(tree, METHOD, "Bel of schrijf [@columnbron].", "Bel of schrijf [@columnbron; @testbron].")
    assert problems_of(tree) == []


def test_sources_without_a_kind_are_not_guessed(tree):
    """The fixture's bronnen.yml says nothing about kinds: neither basis rule may fire."""
    replace_in(tree, METHOD, "basis: [ervaring, plan]", "basis: [evaluatie]")
    assert not [m for m in messages(tree) if "steunen op" in m]


def test_make_check_exits_non_zero_with_the_dutch_hint_and_no_traceback(tree, capsys):
    """In process (cli.main, as the entry point calls it; test_cli.py runs the entry point itself)."""
    step_from_the_column(tree)
    assert main(["--root", str(tree.root), "check"]) == 1
    err = capsys.readouterr().err
    line = line_of(tree, METHOD, "- title: Maak een afspraak")
    assert f"practices/{METHOD}:{line} [steps]: Stap 1 ('Maak een afspraak') steunt alleen op" in err
    assert "Traceback" not in err
