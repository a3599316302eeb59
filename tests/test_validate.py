"""Validation: every error names file, line and field, and all errors come in one run."""

import re

import pytest
from conftest import problems_of, replace_in, write
from markup_support import refused
from wijkpraktijk.model import ID_PATTERN
from wijkpraktijk.pipeline import load

PRACTICE = "praktijken/buurtteam-voorbeeld.md"
METHOD = "methoden/huisbezoek.md"


def only(problems, field=None, text=None):
    hits = [p for p in problems if (field is None or p.field == field) and (text is None or text in p.message)]
    assert hits, "\n".join(p.format() for p in problems)
    return hits[0]


def test_fixture_is_valid(tree):
    loaded = load(tree)
    assert loaded.problems == []
    assert set(loaded.kb.entries) == {
        "buurtteam-voorbeeld",
        "huisbezoek",
        "wijkteam",
        "voorbeeldstad",
        "voorbeeldorganisatie",
        "dichtbij-of-loslaten",
    }


def test_missing_required_field_has_line_and_example(tree):
    replace_in(tree, PRACTICE, "summary: Een testverhaal over een buurtteam dat een methode gebruikt.\n", "")
    p = only(problems_of(tree), "summary")
    assert p.file == f"practices/{PRACTICE}" and "ontbreekt" in p.message and "Voorbeeld" in p.hint


def test_unknown_field_is_named(tree):
    replace_in(tree, PRACTICE, "status: compleet", "status: compleet\nsummery: typo")
    p = only(problems_of(tree), "summery")
    assert p.line == 13 and "bestaat niet" in p.message


def test_literal_lists_choices(tree):
    replace_in(tree, PRACTICE, "status: compleet", "status: klaar")
    p = only(problems_of(tree), "status")
    assert "concept" in p.hint and "compleet" in p.hint


def test_bad_id_and_filename_mismatch(tree):
    replace_in(tree, PRACTICE, "id: buurtteam-voorbeeld", "id: Buurtteam Voorbeeld")
    assert "geen geldige id" in only(problems_of(tree), "id").message
    replace_in(tree, PRACTICE, "id: Buurtteam Voorbeeld", "id: ander-team")
    assert "bestandsnaam" in only(problems_of(tree), "id").message


def test_wrong_folder_for_type(tree):
    (tree.practices / METHOD).rename(tree.practices / "begrippen" / "huisbezoek.md")
    assert "practices/methoden/" in only(problems_of(tree), "type").message


def test_unknown_type_lists_types(tree):
    replace_in(tree, METHOD, "type: method", "type: methode")
    p = only(problems_of(tree), "type")
    assert "method" in p.hint and "practice" in p.hint


def test_unknown_reference_suggests(tree):
    replace_in(tree, PRACTICE, "methods: [huisbezoek]", "methods: [huisbezoeken]")
    p = only(problems_of(tree), "methods")
    assert p.line == 17 and "huisbezoeken" in p.message and "Bedoelde je: huisbezoek" in p.hint


def test_reference_of_wrong_type(tree):
    replace_in(tree, PRACTICE, "methods: [huisbezoek]", "methods: [wijkteam]")
    assert "begrip" in only(problems_of(tree), "methods").message


def test_theme_outside_vocabulary_lists_allowed(tree):
    replace_in(tree, PRACTICE, "themes: [eenzaamheid]", "themes: [eenzaam]")
    p = only(problems_of(tree), "themes")
    assert "eenzaamheid" in p.hint and "preventie" in p.hint and "themas.yml" in p.hint


def test_duplicate_id(tree):
    text = (tree.practices / METHOD).read_text()
    write(tree, "methoden/kopie.md", text)
    p = only(problems_of(tree), "id", "al gebruikt")
    assert p.file == "practices/methoden/kopie.md" and "practices/methoden/huisbezoek.md" in p.message


def test_former_id_cannot_be_reused(tree):
    replace_in(tree, METHOD, "status: gedeeltelijk", "status: gedeeltelijk\nformer_ids: [wijkteam]")
    p = only(problems_of(tree), "id", "eerder gebruikt")
    assert p.file.endswith("wijkteam.md")


def test_bad_dates(tree):
    replace_in(tree, PRACTICE, "reviewed: 2026-11-01", "reviewed: 2026-13-01")
    assert "datum" in only(problems_of(tree), "reviewed").message
    replace_in(tree, "begrippen/wijkteam.md", "date: 2019-07-23", "date: juli 2019")
    assert "datum" in only(problems_of(tree), "sources.0.date").message


def test_period_order(tree):
    replace_in(tree, PRACTICE, "  start: 2007", "  start: 2007\n  end: 2001")
    assert "eindjaar" in only(problems_of(tree), "period").message


def test_only_web_urls(tree):
    replace_in(
        tree, "organisaties/voorbeeldorganisatie.md", "website: https://example.org", "website: javascript:alert(1)"
    )
    assert "webadres" in only(problems_of(tree), "website").message
    replace_in(tree, "begrippen/wijkteam.md", "url: https://example.org/artikel", "url: data:text/html,x")
    assert "webadres" in only(problems_of(tree), "sources.0.url").message


def test_fact_must_cite_an_entry_source(tree):
    replace_in(tree, PRACTICE, "    source: testbron", "    source: andere-bron")
    assert "andere-bron" in only(problems_of(tree), "facts.source").message


def test_unknown_source_key(tree):
    replace_in(tree, METHOD, "sources: [testbron]", "sources: [testbronn]")
    p = only(problems_of(tree), "sources")
    assert "Bedoelde je: testbron" in p.hint


def test_body_headings(tree):
    replace_in(tree, PRACTICE, "## Lessen", "## Geleerd")
    problems = problems_of(tree)
    assert "Onbekende kop" in only(problems, text="Onbekende kop").message
    assert only(problems, text="ontbreken").message


def test_body_may_not_hold_html_or_unsafe_links(tree):
    replace_in(
        tree,
        METHOD,
        "Een methode uit de test.",
        "<script>alert(1)</script>\n\n[klik](javascript:alert(1))\n\n![](foto.png)",
    )
    problems = [p for p in problems_of(tree) if p.file.endswith("huisbezoek.md")]
    messages = " ".join(p.message for p in problems)
    assert "HTML" in messages and "niet toegestaan" in messages and "alt-tekst" in messages
    html = next(p for p in problems if "HTML" in p.message)
    assert html.line == 23


def test_broken_wikilink(tree):
    replace_in(tree, PRACTICE, "[[voorbeeldstad]]", "[[voorbeldstad]]")
    p = only(problems_of(tree), text="wikilink")
    assert "Bedoelde je: voorbeeldstad" in p.hint


def test_all_errors_in_one_run(tree):
    replace_in(tree, PRACTICE, "status: compleet", "status: klaar")
    replace_in(tree, METHOD, "level: [individu]", "level: [wereld]")
    write(tree, "begrippen/leeg.md", "")
    write(tree, "plaatsen/kapot.md", "---\nid: [\n---\n")
    files = {p.file for p in problems_of(tree)}
    assert len(files) == 4


def test_vocabulary_file_errors(tree):
    (tree.practices / "themas.yml").write_text("- id: Foute Id\n  label: x\n- label: zonder id\n", encoding="utf-8")
    problems = problems_of(tree)
    assert any(p.file == "practices/themas.yml" and p.line == 1 for p in problems)
    assert any(p.file == "practices/themas.yml" and p.line == 3 for p in problems)


def test_year_only_source_date_is_accepted(tree):
    replace_in(tree, "begrippen/wijkteam.md", "date: 2019-07-23", "date: 2019")
    assert problems_of(tree) == []


EVENT = "events:\n  - year: 2010\n    end: {end}\n    label: De wijk wordt vernieuwd\n    source: {source}\n"


def test_event_must_cite_an_entry_source(tree):
    replace_in(tree, "plaatsen/voorbeeldstad.md", "  lon: 5.12\n", "  lon: 5.12\n" + EVENT.format(end=2012, source="x"))
    p = only(problems_of(tree), "events.source")
    assert "De wijk wordt vernieuwd" in p.message and "testbron" in p.hint and p.line == 22  # the source line


def test_event_ends_after_it_starts(tree):
    replace_in(
        tree, "plaatsen/voorbeeldstad.md", "  lon: 5.12\n", "  lon: 5.12\n" + EVENT.format(end=2008, source="testbron")
    )
    p = only(problems_of(tree), "events.0")
    assert "eindjaar" in p.message and "events:" in p.hint


def test_a_title_cannot_reverse_the_text_it_is_shown_in(tree):
    """Security review 3, R7d (I6): U+202E in a title showed 'Zorgmijder' backwards, on pages and in exports."""
    for char in ("\u202e", "\u202a", "\u2067"):
        replace_in(tree, METHOD, "title: Huisbezoek", f'title: "Huis{char}bezoek"')
        assert "leesrichting" in only(problems_of(tree), "title").message
        replace_in(tree, METHOD, f'title: "Huis{char}bezoek"', "title: Huisbezoek")
    replace_in(tree, METHOD, "title: Huisbezoek", 'title: "Huis\u200ebezoek"')  # a left-to-right mark is fine
    assert not problems_of(tree)


def test_a_field_links_to_at_most_fifty_pages(tree):
    from wijkpraktijk.rules import MAX_LINKS_PER_FIELD

    many = ", ".join(["wijkteam"] * (MAX_LINKS_PER_FIELD + 1))
    replace_in(tree, PRACTICE, "status: ", f"related: [{many}]\nstatus: ")
    p = only(problems_of(tree), "related", f"noemt {MAX_LINKS_PER_FIELD + 1} pagina's; maximaal {MAX_LINKS_PER_FIELD}")
    lines = (tree.practices / PRACTICE).read_text(encoding="utf-8").split("\n")
    assert p.line == next(i for i, line in enumerate(lines, start=1) if line.startswith("related:"))


def test_the_open_data_folder_is_a_reserved_id(tree):
    """Security review 3, C8b/C8c (F10): id 'data' or former id 'data' put a page into kennisbank/data/."""
    text = (tree.practices / METHOD).read_text(encoding="utf-8").replace("id: huisbezoek", "id: data")
    write(tree, "methoden/data.md", text)
    assert "gereserveerd" in only(problems_of(tree), "id", "data").message
    (tree.practices / "methoden" / "data.md").unlink()
    replace_in(tree, METHOD, "status: gedeeltelijk", "status: gedeeltelijk\nformer_ids: [data]")
    assert only(problems_of(tree), "former_ids", "'data'")


def test_every_name_the_generator_writes_beside_the_entries_is_reserved(tree):
    """The reserved ids come from what the page makers write: whatever lands in the subtree is never an id."""
    from wijkpraktijk.makers import reserved_ids
    from wijkpraktijk.pipeline import generate

    RESERVED_IDS = reserved_ids()
    loaded, report = generate(tree)
    assert report is not None
    names = {p.name.removesuffix(".md") for p in tree.generated.iterdir() if not p.name.startswith(".")}
    # The writer's hidden files and files such as zoekhulp.json have names no id can take (ID_PATTERN has no dot).
    written = {n for n in names - set(loaded.kb.entries) if re.fullmatch(ID_PATTERN, n)}
    assert written and written <= RESERVED_IDS, written - RESERVED_IDS
    assert {"data", "overzicht", "cite", "qr", "werkmap", "assets", "werkkaarten", "index"} <= RESERVED_IDS


# -- ids and single-line fields ---------------------------------------------------------------------------


def test_former_ids_cannot_take_the_sites_own_pages(tree):
    replace_in(tree, METHOD, "status: gedeeltelijk", "status: gedeeltelijk\nformer_ids: [index, werkkaarten]")
    assert refused(tree, "'index'", "gereserveerd").field == "former_ids"
    refused(tree, "'werkkaarten'", "gereserveerd")


@pytest.mark.parametrize("char", ["\\x01", "\\b", "\\uFFFE", "\\r", "\\e"])
def test_control_characters_in_single_line_fields_are_refused(tree, char):
    replace_in(tree, METHOD, "  - name: Test Redactie", f'  - name: "Test{char}Redactie"')
    assert "één regel" in refused(tree, "credits").message
