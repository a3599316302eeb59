"""No source syntax reaches a reader: attribute lists, references, wikilinks, template tags (leaks.py)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import replace_in
from wijkpraktijk import leaks
from wijkpraktijk.pipeline import generate, load
from wijkpraktijk.site import build_site


def test_a_printed_attribute_list_is_found():
    html = "<p><strong>Bronnen:</strong> Naomi Woltring (2014); Edwin Broekman (z.d.){ .wp-card-sources }</p>"
    (found,) = leaks.in_html(html)
    assert "{ .wp-card-sources }" in found and "Broekman" in found


@pytest.mark.parametrize("text", ["{: .x }", "{#kop .y}", '{ data-x="1" }', "[@woltring-leeuwarden]", "[[presentie]]"])
def test_other_source_syntax_is_found(text):
    assert leaks.in_html(f"<p>tekst {text} tekst</p>")


def test_attributes_code_and_scripts_are_not_text():
    html = (
        '<p class="wp-card-sources" data-x="{ .y }">Bronnen</p><pre><code>@online{broekman, title = {a}}\n'
        "[@woltring-leeuwarden]</code></pre><p>Zet er <code>{: .x }</code> achter.</p>"
        "<script>var a = {b: 1}; if (x) {{}}</script><p>Een accolade { zo } mag.</p>"
    )
    assert leaks.in_html(html) == []


PRACTICE = "praktijken/buurtteam-voorbeeld.md"


@pytest.mark.parametrize("text", ["![[", "een [[ zonder einde", "{{ titel }}", "{% if %}", "\\[\\[presentie\\]\\]"])
def test_check_refuses_source_syntax_the_body_would_print(tree, text):
    """The fuzzer's find: '![[' passed make check and then failed the build on the leak scan."""
    replace_in(tree, PRACTICE, "## Aanleiding\n", f"## Aanleiding\n\nZie {text} hier.\n")
    problems = [p for p in load(tree).problems if "als gewone tekst" in p.message]
    assert len(problems) == 1, problems
    (problem,) = problems
    body_start = (tree.practices / PRACTICE).read_text(encoding="utf-8").split("\n").index("## Aanleiding")
    assert problem.file.endswith(PRACTICE) and problem.line == body_start + 3
    assert "backticks" in problem.hint


def test_code_may_show_source_syntax(tree):
    replace_in(tree, PRACTICE, "## Aanleiding\n", "## Aanleiding\n\nSchrijf `[[id]]` of `{{`.\n")
    assert not [p for p in load(tree).problems if "als gewone tekst" in p.message]


def test_check_refuses_source_syntax_in_a_field(tree):
    text = (tree.practices / PRACTICE).read_text(encoding="utf-8")
    summary = next(line for line in text.split("\n") if line.startswith("summary:"))
    replace_in(tree, PRACTICE, summary, summary + " Zie [[presentie]].")
    (problem,) = [p for p in load(tree).problems if "als gewone tekst" in p.message]
    assert problem.field == "summary" and problem.line == text.split("\n").index(summary) + 1
    assert "'[['" in problem.message


@pytest.mark.slow
def test_no_leak_on_the_real_site_and_every_card_has_its_sources(real_site):
    assert leaks.in_site(real_site.site) == []
    methods = load(real_site).kb.of_type("method")
    cards_page = real_site.site / "kennisbank" / "werkkaarten" / "index.html"
    soup = BeautifulSoup(cards_page.read_text(encoding="utf-8"), "html.parser")
    cards = soup.select("h2.wp-card")
    assert len(cards) == len(methods) > 0
    for card in cards:
        sources = card.find_next_sibling("p", class_="wp-card-sources")
        assert sources is not None and sources.get_text().startswith("Bronnen:"), card.get_text()
        assert "{" not in sources.get_text()


@pytest.mark.slow
def test_a_leak_fails_the_build_and_keeps_the_old_site(tree, capsys):
    _, report = generate(tree)
    assert report is not None
    tree.site.mkdir()
    (tree.site / "index.html").write_text("oud", encoding="utf-8")
    over = tree.docs / "over.md"
    over.write_text(over.read_text(encoding="utf-8") + "\nZo niet{: .wp-x } dus.\n", encoding="utf-8")
    assert build_site(tree, strict=True, downloads=False) == 1
    err = capsys.readouterr().err
    assert "opmaakcode als gewone tekst" in err and "over/index.html" in err and "{: .wp-x }" in err
    assert (tree.site / "index.html").read_text(encoding="utf-8") == "oud"
