"""Graph and rendering: links both ways, wikilinks, escaping, overview pages."""

from conftest import render_all, replace_in
from wijkpraktijk.graph import BODY_LINK, Moment
from wijkpraktijk.pipeline import load
from wijkpraktijk.text import md_text, nl_date


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
        assert f"{entry_id}/index.md" in pages
    for overview in (
        "index.md",
        "overzicht/praktijken/index.md",
        "overzicht/methoden/index.md",
        "overzicht/begrippen/index.md",
        "overzicht/plaatsen/index.md",
        "overzicht/organisaties/index.md",
        "overzicht/themas/index.md",
        "overzicht/thema/eenzaamheid/index.md",
        "overzicht/tijdlijn/index.md",
        "_fragmenten/nieuwste.md",
    ):
        assert overview in pages


def test_entry_page_content(tree):
    loaded = load(tree)
    pages = render_all(loaded.kb, loaded.graph)
    practice = pages["buurtteam-voorbeeld/index.md"]
    # Bodies arrive as sanitised HTML, wikilinks as final relative URLs (headings stay Markdown).
    assert '<a href="../huisbezoek/">huisbezoeken</a>' in practice  # wikilink with text
    assert '<a href="../voorbeeldstad/">Voorbeeldstad</a>' in practice  # wikilink without text takes the title
    assert "\n## Aanpak\n" in practice
    assert "| Inwoners | 1.000 | [bron 1](#bron-1) |" in practice
    # Sources: an HTML list whose items the reference markers link to; the author as a reader writes it.
    assert '<li id="bron-1"><p>Anna Auteur (oktober 2014). <em>Een testartikel</em>. Artikel in Testblad' in practice
    # [@testbron]: "1" to the eye, "Bron 1: Auteur (2014)" to a screen reader (visually hidden text).
    link = '<a class="footnote-ref" data-pagefind-ignore="all" href="#bron-1">'
    bron = '<span class="wp-sr">Bron </span>'
    assert f'{link}{bron}1<span class="wp-sr">: Auteur (2014)</span></a>' in practice
    assert f'{link}{bron}1: aanpak<span class="wp-sr">, Auteur (2014)</span></a>' in practice  # [@testbron, "aanpak"]
    assert "**Onderbouwing:** Ervaring van betrokkenen" in practice
    method = pages["huisbezoek/index.md"]
    assert "## Gebruikt in" in method and "[Buurtteam Voorbeeld](../buurtteam-voorbeeld/index.md)" in method
    assert (
        "1. **Maak een afspraak**  \n   Bel of schrijf "
        f'[{bron}1<span class="wp-sr">: Auteur \\(2014\\)</span>](#bron-1)'
        '{ .footnote-ref data-pagefind-ignore="all" }' in method
    )
    assert "2. **Ga langs** *(advies van de redactie)*" in method
    tension = pages["dichtbij-of-loslaten/index.md"]
    assert "## De standpunten" in tension and "### Loslaten" in tension and "## Vragen voor het gesprek" in tension
    assert (
        f'Het team blijft dichtbij [{bron}1: slot<span class="wp-sr">, Auteur \\(2014\\)</span>]'
        '(#bron-1){ .footnote-ref data-pagefind-ignore="all" }'
    ) in tension
    theme = pages["overzicht/thema/eenzaamheid/index.md"]
    assert "(../../../huisbezoek/index.md)" in theme
    assert "(kennisbank/huisbezoek/index.md)" in pages["_fragmenten/uitgelicht.md"]


def test_front_matter_text_cannot_inject_markup(tree):
    replace_in(
        tree,
        "methoden/huisbezoek.md",
        "title: Huisbezoek",
        'title: "<script>alert(1)</script> [x](javascript:alert(1))"',
    )
    loaded = load(tree)
    assert loaded.problems == []
    page = render_all(loaded.kb, loaded.graph)["huisbezoek/index.md"]
    meta, body = page.split("\n---\n", 1)
    assert "<script>" not in page and "](javascript:" not in body
    assert page.startswith('---\ntitle: "&lt;script&gt;')  # HTML-escaped meta, escaped heading


def test_md_text_and_dates():
    assert md_text("a*b_[c](d)") == r"a\*b\_\[c\]\(d\)"
    assert md_text("A & B <i>") == r"A &amp; B &lt;i\>"
    assert (
        nl_date("2019-07-23") == "23 juli 2019" and nl_date("2014-10") == "oktober 2014" and nl_date("2015") == "2015"
    )


def test_compiled_templates_stay_in_memory_and_a_changed_template_is_recompiled(tree, tmp_path, monkeypatch):
    """No bytecode file is ever read: Jinja's file cache unpickles what it finds, and a pull request can add one."""
    import shutil

    from wijkpraktijk import pages
    from wijkpraktijk.config import entry_path

    templates = tmp_path / "templates"
    shutil.copytree(pages.TEMPLATES, templates)
    monkeypatch.setattr(pages, "TEMPLATES", templates)
    compiled = pages._CompiledTemplates()
    monkeypatch.setattr(pages, "COMPILED", compiled)
    loaded = load(tree)
    calls = []
    monkeypatch.setattr(pages.Environment, "compile", _counting(pages.Environment.compile, calls))
    first = render_all(loaded.kb, loaded.graph, tree, env=pages.environment())
    assert compiled._code and calls, "no compiled templates were kept"
    count = len(calls)
    assert render_all(loaded.kb, loaded.graph, tree, env=pages.environment()) == first
    assert len(calls) == count, "a second run in the same process compiled again"
    assert isinstance(pages.COMPILED, pages.BytecodeCache) and not hasattr(pages, "FileSystemBytecodeCache")
    assert not (tree.root / ".cache" / "jinja").exists() and not (tree.cache / "jinja").exists()
    entry = next(iter(loaded.kb.entries.values()))
    template = templates / "entry.md.j2"  # the base every entry type extends
    template.write_text(template.read_text(encoding="utf-8") + "\nNIEUWE REGEL\n", encoding="utf-8")
    later = render_all(loaded.kb, loaded.graph, tree, env=pages.environment())
    assert "NIEUWE REGEL" in later[entry_path(entry.id)]


def _counting(compile_, calls: list):
    def counted(self, *args, **kwargs):
        calls.append(args[1] if len(args) > 1 else None)
        return compile_(self, *args, **kwargs)

    return counted


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


def test_timeline_holds_periods_founding_years_and_events(tree):
    """One event told on two pages is one item; a founding year and a range get their years; nothing else does."""
    event = "events:\n  - year: 2005\n    end: 2010\n    label: De wijk wordt vernieuwd\n    source: testbron\n"
    replace_in(tree, "plaatsen/voorbeeldstad.md", "  lon: 5.12\n", "  lon: 5.12\n" + event)
    organisation = "organisaties/voorbeeldorganisatie.md"
    replace_in(tree, organisation, "website: https://example.org\n", "founded: 1998\n" + event)
    loaded = load(tree)
    assert loaded.problems == []
    years = loaded.graph.years
    assert sorted(years) == [1998, 2005, 2007]
    assert years[1998] == [Moment(1998, None, ("voorbeeldorganisatie",), "founded")]
    both = ("voorbeeldorganisatie", "voorbeeldstad")
    assert years[2005] == [Moment(2005, 2010, both, "event", "De wijk wordt vernieuwd", None, "testbron")]
    page = render_all(loaded.kb, loaded.graph)["overzicht/tijdlijn/index.md"]
    assert page.count('<li class="wp-tl-item') == 3 and page.count('class="wp-tl-label"') == 3
    assert 'data-year="2005" data-end="2010" data-entries="voorbeeldorganisatie voorbeeldstad"' in page
    assert "bron: Anna Auteur, Een testartikel" in page and "opgericht in 1998" in page
    assert '<a href="#jaar-1998">1998</a> <a href="#jaar-2005">2005</a> <a href="#jaar-2007">2007</a>' in page
    place = render_all(loaded.kb, loaded.graph)["voorbeeldstad/index.md"]
    timeline = "([tijdlijn](../overzicht/tijdlijn/index.md#jaar-2005))"
    assert f"**In de tijd:** 2005–2010: De wijk wordt vernieuwd {timeline}" in place
