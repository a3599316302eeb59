"""Graph and rendering: links both ways, wikilinks, escaping, overview pages."""

from conftest import replace_in
from wijkpraktijk.graph import BODY_LINK, Moment
from wijkpraktijk.pipeline import load
from wijkpraktijk.render import RenderSettings, md_text, nl_date, render_all


def test_forward_and_backlinks(tree):
    graph = load(tree).graph
    assert graph.targets("buurtteam-voorbeeld") == ["voorbeeldstad", "voorbeeldorganisatie", "huisbezoek", "wijkteam"]
    assert graph.used_in("huisbezoek") == ["buurtteam-voorbeeld"]
    assert "buurtteam-voorbeeld" in graph.mentioned_in("voorbeeldstad")
    assert any(link.via == BODY_LINK for link in graph.backward["buurtteam-voorbeeld"])
    for source, links in graph.forward.items():
        for link in links:
            assert link in graph.backward[link.target], (source, link)


def test_taxonomies(tree):
    graph = load(tree).graph
    assert graph.themes["eenzaamheid"] == ["buurtteam-voorbeeld", "huisbezoek"]
    assert graph.years == {2007: [Moment(2007, None, ("buurtteam-voorbeeld",), "period", note=None)]}


def test_pages_for_every_entry_and_overview(tree):
    loaded = load(tree)
    pages = render_all(loaded.kb, loaded.graph)
    for entry_id in loaded.kb.entries:
        assert f"{entry_id}.md" in pages
    for overview in (
        "index.md",
        "overzicht/praktijken.md",
        "overzicht/methoden.md",
        "overzicht/begrippen.md",
        "overzicht/plaatsen.md",
        "overzicht/organisaties.md",
        "overzicht/themas.md",
        "overzicht/thema/eenzaamheid.md",
        "overzicht/tijdlijn.md",
        "_fragmenten/nieuwste.md",
    ):
        assert overview in pages


def test_entry_page_content(tree):
    loaded = load(tree)
    pages = render_all(loaded.kb, loaded.graph)
    practice = pages["buurtteam-voorbeeld.md"]
    # Bodies arrive as sanitised HTML, wikilinks as final relative URLs (headings stay Markdown).
    assert '<a href="../huisbezoek/">huisbezoeken</a>' in practice  # wikilink with text
    assert '<a href="../voorbeeldstad/">Voorbeeldstad</a>' in practice  # wikilink without text takes the title
    assert "\n## Aanpak\n" in practice
    assert "| Inwoners | 1.000 | bron 1 |" in practice
    assert "A. Auteur (oktober 2014). *Een testartikel*." in practice
    method = pages["huisbezoek.md"]
    assert "## Gebruikt in" in method and "[Buurtteam Voorbeeld](buurtteam-voorbeeld.md)" in method
    assert "1. **Maak een afspraak**" in method
    theme = pages["overzicht/thema/eenzaamheid.md"]
    assert "(../../huisbezoek.md)" in theme
    assert "(kennisbank/huisbezoek.md)" in pages["_fragmenten/uitgelicht.md"]


def test_front_matter_text_cannot_inject_markup(tree):
    replace_in(
        tree,
        "methoden/huisbezoek.md",
        "title: Huisbezoek",
        'title: "<script>alert(1)</script> [x](javascript:alert(1))"',
    )
    loaded = load(tree)
    assert loaded.problems == []
    page = render_all(loaded.kb, loaded.graph)["huisbezoek.md"]
    meta, body = page.split("\n---\n", 1)
    assert "<script>" not in page and "](javascript:" not in body
    assert page.startswith('---\ntitle: "&lt;script&gt;')  # HTML-escaped meta, escaped heading


def test_md_text_and_dates():
    assert md_text("a*b_[c](d)") == r"a\*b\_\[c\]\(d\)"
    assert md_text("A & B <i>") == r"A &amp; B &lt;i\>"
    assert (
        nl_date("2019-07-23") == "23 juli 2019" and nl_date("2014-10") == "oktober 2014" and nl_date("2015") == "2015"
    )


def test_compiled_templates_are_cached_and_a_changed_template_is_recompiled(tree, tmp_path, monkeypatch):
    import shutil

    from wijkpraktijk import render

    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, templates)
    monkeypatch.setattr(render, "TEMPLATES", templates)
    loaded = load(tree)
    settings = RenderSettings(bytecode_cache=tmp_path / "jinja")
    first = render_all(loaded.kb, loaded.graph, settings)
    assert list((tmp_path / "jinja").iterdir()), "no compiled templates were stored"
    assert render_all(loaded.kb, loaded.graph, settings) == first
    entry = next(iter(loaded.kb.entries.values()))
    path = render.entry_path(entry.id)
    template = templates / "entry.md.j2"  # the base every entry type extends
    template.write_text(template.read_text(encoding="utf-8") + "\nNIEUWE REGEL\n", encoding="utf-8")
    assert "NIEUWE REGEL" in render_all(loaded.kb, loaded.graph, settings)[path]


def test_contributors_list_each_page_once_with_every_role(tree):
    from wijkpraktijk.contributors import contributors

    replace_in(
        tree,
        "praktijken/buurtteam-voorbeeld.md",
        "  - name: Test Redactie\n",
        "  - name: Test Redactie\n  - name: Test Redactie\n    role: redactie\n",
    )
    loaded = load(tree)
    assert not loaded.problems, loaded.problems
    person = next(p for p in contributors(loaded.kb) if p.name == "Test Redactie")
    assert person.entry_ids.count("buurtteam-voorbeeld") == 1
    assert len(person.entry_ids) == len(set(person.entry_ids)) == len(loaded.kb.entries)
    assert {"tekst", "redactie"} <= person.roles
