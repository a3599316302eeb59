"""Inline references ([@key]) and the coverage rules of issue 16: what make check refuses, and why."""

import contextlib
import io
import re
from dataclasses import dataclass

from conftest import problems_of, render_all, replace_in
from hypothesis import given
from hypothesis import strategies as st
from wijkpraktijk.body import parse
from wijkpraktijk.cli import main
from wijkpraktijk.model import Source
from wijkpraktijk.pipeline import load

PRACTICE = "praktijken/buurtteam-voorbeeld.md"
METHOD = "methoden/huisbezoek.md"
CONCEPT = "begrippen/wijkteam.md"
TENSION = "spanningsvelden/dichtbij-of-loslaten.md"
BODY_START = {PRACTICE: 26, METHOD: 23}  # first body line of the fixtures (the line after the closing ---)


@dataclass
class Checked:
    returncode: int
    stdout: str
    stderr: str


def check(tree) -> Checked:
    """`make check` on ``tree`` (main, as the entry point calls it): its exit status and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--root", str(tree.root), "check"])
    return Checked(status, out.getvalue(), err.getvalue())


def line_of(tree, rel: str, needle: str) -> int:
    lines = (tree.practices / rel).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_make_check_refuses_an_unreferenced_narrative_paragraph(tree):
    replace_in(tree, PRACTICE, "Meer contact [@testbron].", "Meer contact.\n\n- Een punt zonder bron")
    result = check(tree)
    assert result.returncode == 1
    paragraph = line_of(tree, PRACTICE, "Meer contact.")
    item = line_of(tree, PRACTICE, "- Een punt zonder bron")
    assert f"practices/{PRACTICE}:{paragraph}: Deze alinea noemt geen bron." in result.stderr
    assert f"practices/{PRACTICE}:{item}: Dit lijstpunt noemt geen bron." in result.stderr
    assert "[@testbron]" in result.stderr and "Advies van de redactie" in result.stderr  # the hint teaches both
    assert "Traceback" not in result.stderr


def test_make_check_refuses_an_unknown_key_with_a_suggestion(tree):
    replace_in(tree, PRACTICE, "Meer contact [@testbron].", "Meer contact [@testbrom].")
    result = check(tree)
    line = line_of(tree, PRACTICE, "[@testbrom]")
    assert result.returncode == 1
    assert f"practices/{PRACTICE}:{line}: Er is geen bron met key 'testbrom'" in result.stderr
    assert "Bedoelde je: testbron?" in result.stderr


def test_make_check_refuses_a_step_that_is_neither_referenced_nor_editorial(tree):
    replace_in(tree, METHOD, "    editorial: true\n", "")
    result = check(tree)
    line = line_of(tree, METHOD, "- title: Ga langs")
    assert result.returncode == 1
    assert (
        f"practices/{METHOD}:{line} [steps]: Stap 2 ('Ga langs') noemt geen bron en is niet gemarkeerd als advies "
        "van de redactie." in result.stderr
    )
    assert "editorial: true" in result.stderr


def test_the_editors_block_needs_no_reference_but_other_admonitions_do(tree):
    replace_in(tree, PRACTICE, "    Begin klein.", "    Begin klein, zonder bron.")
    assert problems_of(tree) == []
    replace_in(tree, PRACTICE, '!!! tip "Advies van de redactie"', '!!! note "Let op"')
    problem = next(p for p in problems_of(tree) if "noemt geen bron" in p.message)
    assert problem.line == line_of(tree, PRACTICE, "Begin klein, zonder bron.")


def test_a_registry_source_must_be_listed_on_the_page(tree):
    (tree.practices / "bronnen.yml").write_text(
        (tree.practices / "bronnen.yml").read_text() + "- key: tweede\n  title: Tweede bron\n  kind: blog\n"
    )
    replace_in(tree, PRACTICE, "Meer contact [@testbron].", "Meer contact [@tweede].")
    problem = next(p for p in problems_of(tree) if "tweede" in p.message)
    assert "niet onder 'sources:'" in problem.message and "- tweede" in problem.hint


def test_an_unused_source_is_a_warning_not_an_error(tree):
    replace_in(tree, CONCEPT, "Zie [[buurtteam-voorbeeld]] [@inline].", "Zie [[buurtteam-voorbeeld]] [@testbron].")
    replace_in(tree, CONCEPT, "sources:\n", "sources:\n  - testbron\n")
    loaded = load(tree)
    assert loaded.problems == []
    warning = next(w for w in loaded.warnings if "inline" in w.message)
    assert warning.warning and warning.line == line_of(tree, CONCEPT, "- key: inline")
    result = check(tree)
    assert result.returncode == 0 and "waarschuwing: De bron 'inline'" in result.stderr


def test_a_concept_needs_at_least_one_reference(tree):
    replace_in(tree, CONCEPT, "Zie [[buurtteam-voorbeeld]] [@inline].", "Zie [[buurtteam-voorbeeld]].")
    problem = next(p for p in problems_of(tree) if p.file.endswith(CONCEPT) and "bron" in p.message)
    assert problem.message == "De tekst noemt nergens een bron."


def test_unreadable_reference_names_the_syntax(tree):
    replace_in(tree, PRACTICE, "Meer contact [@testbron].", "Meer contact [@Test Bron].")
    problem = next(p for p in problems_of(tree) if "kan niet worden gelezen" in p.message)
    assert "[@key1; @key2]" in problem.hint


def test_ages_of_people_and_straight_closing_quotes_are_refused(tree):
    replace_in(tree, PRACTICE, "Meer contact [@testbron].", 'Een 69-jarige bewoonster zei „dank je" [@testbron].')
    messages = [p.message for p in problems_of(tree)]
    assert any("leeftijd bij een persoon ('69-jarige')" in m for m in messages)
    assert any("recht aanhalingsteken" in m for m in messages)


def test_a_story_resting_only_on_a_plan_cannot_be_complete(tree):
    replace_in(tree, PRACTICE, "basis: [ervaring]", "basis: [plan]")
    problem = next(p for p in problems_of(tree) if "plan" in p.message)
    assert "compleet" in problem.message and "gedeeltelijk" in problem.hint


def test_basis_is_required_on_stories_and_methods(tree):
    replace_in(tree, METHOD, "basis: [ervaring, plan]\n", "")
    problem = next(p for p in problems_of(tree) if p.field == "basis")
    assert problem.message == "Dit verplichte veld ontbreekt." and "basis: [ervaring, plan]" in problem.hint


def test_tension_positions_need_a_reference_and_link_back(tree):
    loaded = load(tree)
    assert "dichtbij-of-loslaten" in loaded.graph.mentioned_in("buurtteam-voorbeeld")
    pages = render_all(loaded.kb, loaded.graph)
    assert "[Dichtbij blijven of loslaten]" in pages["buurtteam-voorbeeld/index.md"]  # 'Genoemd in'
    replace_in(tree, TENSION, "Het team laat bewoners zelf beslissen [@testbron].", "Het team laat los.")
    problem = next(p for p in problems_of(tree) if p.field == "positions.summary")
    assert "Loslaten" in problem.message and problem.line == line_of(tree, TENSION, "Het team laat los.")


def test_references_in_code_stay_text_and_groups_split():
    body = 'Tekst [@a; @b, "p. 3"] en `[@code]`.\n\n```\n[@fence]\n```\n'
    parsed = parse(body)
    assert [(c.key, c.locator) for c in parsed.citations] == [("a", None), ("b", "p. 3")] and not parsed.unreadable
    out = parsed.substitute(citations=lambda cs: "<" + ",".join(c.key for c in cs) + ">")
    assert out.startswith("Tekst <a,b> en `[@code]`.") and "[@fence]" in out


def test_blocks_follow_lists_tables_and_admonitions():
    body = (
        "Alinea\nnog een regel\n\n- een\n- twee\n  vervolg\n\n| a |\n| - |\n\n"
        '!!! tip "Advies van de redactie"\n\n    Eigen advies.\n\nNa het blok.'
    )
    got = [(b.line, b.kind, b.editorial) for b in parse(body).blocks]
    assert got == [
        (1, "alinea", False),
        (4, "lijstpunt", False),
        (5, "lijstpunt", False),
        (8, "tabel", False),
        (13, "alinea", True),
        (15, "alinea", False),
    ]


@given(st.text(alphabet=st.sampled_from(list('[]@;, ab-\n`"')), max_size=200))
def test_reading_and_replacing_never_crash_and_keep_text_without_references(text):
    parsed = parse(text)
    found, out = parsed.citations, parsed.substitute(citations=lambda cs: "")
    if not found:
        assert out == text


def test_source_author_splits_without_a_particle_list():
    velden = Source(author="Velden, Kim van der", title="T")
    assert velden.name_parts() == ("Velden", "Kim", "van der") and velden.shown_author == "Kim van der Velden"
    assert Source(author="Redactie Wijkpraktijk", title="T").shown_author == "Redactie Wijkpraktijk"


def test_every_story_and_method_marker_links_to_the_source_it_cites(real_site):
    """On the built site: each [@key] of a practice story or method is a marker whose target names that source."""
    from bs4 import BeautifulSoup

    loaded = load(real_site)
    counts = {}
    for entry in loaded.kb.entries.values():
        sources = loaded.kb.sources_of(entry)
        html = (real_site.site / "kennisbank" / entry.id / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        markers = soup.select("article a.footnote-ref")
        counts[entry.type] = counts.get(entry.type, 0) + len(markers)
        if entry.type in ("practice", "method"):
            assert markers, entry.id
        cited_in_body = [c.key for c in entry.body.citations]
        body_markers = [m for m in markers if not m.find_parent(class_="wp-positions")]
        assert len(body_markers) >= len(cited_in_body), entry.id
        for marker in markers:
            target = soup.find(id=marker["href"].lstrip("#"))
            assert target is not None and target.find_parent("ol", class_="wp-sources"), (entry.id, marker)
            number = int(marker["href"].rsplit("-", 1)[1])
            assert sources[number - 1].title in target.get_text(), (entry.id, marker)
    assert all(counts.get(kind) for kind in ("practice", "method", "tension")), counts


def _page_html(tree, rel: str) -> str:
    """A generated page as the site's Markdown (MkDocs' configuration) makes it HTML."""
    from wijkpraktijk import allowlist

    text = (tree.generated / rel).read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return allowlist.render_markdown(text, tree.settings)


def test_a_body_heading_cannot_take_the_anchor_a_marker_jumps_to(tree):
    """Security review 3, C13/R6b (F9): '### Bron 1' took id="bron-1", so [1] led to the contributor's fake source."""
    from wijkpraktijk.pipeline import generate

    fake = "Een nagemaakte bron: Rijksoverheid, officieel rapport (2024) [@testbron]."
    headings = ("Bron 1", "bron-2", "Citeren", "Jaar 2015", "wp-werkmap", "Bronnen bij dit stuk")
    body = "".join(f"### {h}\n\n{fake}\n\n" for h in headings)
    replace_in(tree, METHOD, "Een methode uit de test.", body + "Een methode uit de test.")
    assert generate(tree)[1] is not None
    html = _page_html(tree, "huisbezoek/index.md")
    ids = re.findall(r'id="([^"]+)"', html)
    assert ids.count("bron-1") == 1 and '<li id="bron-1">' in html  # the source keeps its anchor
    assert ids.count("citeren") == 1 and '<h2 id="citeren">' in html  # and the citation block its own
    assert not {"bron-2", "jaar-2015", "wp-werkmap"} & set(ids)
    for renamed in ("kop-bron-1", "kop-bron-2", "kop-citeren", "kop-jaar-2015", "kop-wp-werkmap"):
        assert renamed in ids, renamed
    assert "bronnen-bij-dit-stuk" in ids  # an ordinary heading keeps its ordinary anchor
    marker = '<span class="wp-sr">Bron </span>1<span class="wp-sr">: Auteur (2014)</span>'
    assert f'<a class="footnote-ref" data-pagefind-ignore="all" href="#bron-1">{marker}</a>' in html


def test_every_id_the_templates_write_is_one_a_heading_cannot_take():
    """own_anchor() is made from the pages' constants; a template that writes an id by hand must be among them."""
    from wijkpraktijk.pages import CITE_ANCHOR, SOURCE_ANCHOR, TEMPLATES, YEAR_ANCHOR, own_anchor

    literal = []
    for template in TEMPLATES.glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        literal += re.findall(r'\bid="([^"{]+)"', text) + re.findall(r"\{ #([^\s{}]+) ", text)
    assert literal and all(own_anchor(a) for a in literal), [a for a in literal if not own_anchor(a)]
    for anchor in (SOURCE_ANCHOR.format(12), CITE_ANCHOR, YEAR_ANCHOR.format(1999), "__config", "wp-graph"):
        assert own_anchor(anchor)
    assert not own_anchor("bronnen") and not own_anchor("aanpak")
