"""Synonym list and per-entry search data (search_terms.py), without a browser."""

from __future__ import annotations

from conftest import write
from wijkpraktijk.pipeline import load
from wijkpraktijk.search_terms import Synonyms, fold, load_synonyms, search_meta


def test_fold_removes_diacritics_and_case():
    assert fold("Coöperatie Ideeën") == "cooperatie ideeen"


def test_expand_finds_inflected_terms_and_skips_present_ones():
    syn = Synonyms.of([("wijkteam", "buurtteam", "sociaal team"), ("keukentafelgesprek", "huisbezoek")])
    assert syn.expand("Twee Wijkteams werken samen") == ["buurtteam", "sociaal team"]
    assert syn.expand("keukentafelgesprekken") == ["huisbezoek"]
    assert syn.expand("teamwerk") == []


def test_missing_file_is_fine(tree):
    synonyms, problems = load_synonyms(tree.practices, tree.root)
    assert synonyms.groups == () and problems == []


def test_bad_groups_get_dutch_messages_with_lines(tree):
    write(
        tree,
        "synoniemen.yml",
        "- terms: [wijkteam, buurtteam]\n- terms: [alleen]\n- terms: [a, A]\n- woorden: [x, y]\n",
    )
    synonyms, problems = load_synonyms(tree.practices, tree.root)
    assert synonyms.groups == (("wijkteam", "buurtteam"),)
    by_line = {p.line: p for p in problems}
    assert set(by_line) >= {2, 3, 4}
    assert "minstens twee" in by_line[2].hint
    assert "twee keer" in by_line[3].message
    assert all(p.file == "practices/synoniemen.yml" for p in problems)
    assert load(tree).problems  # make check reports them too


def test_search_meta_gives_aliases_synonyms_and_facets(tree):
    write(
        tree,
        "synoniemen.yml",
        "- terms: [buurtteam, wijkteam, sociaal team]\n- terms: [huisbezoek, keukentafelgesprek]\n",
    )
    loaded = load(tree)
    assert not loaded.problems
    entry = loaded.kb.entries["buurtteam-voorbeeld"]
    titles = {e.id: e.model.title for e in loaded.kb.entries.values()}
    themes = {k: t.label for k, t in loaded.kb.vocabulary.themes.items()}
    meta = search_meta(entry, titles, themes, loaded.synonyms, entry.body)
    # The title 'Buurtteam Voorbeeld' holds 'buurtteam' but is not it: its synonyms weigh less than an alias.
    assert meta["strong"].split(" · ") == ["Voorbeeldteam"]
    assert meta["near"].split(" · ") == ["wijkteam", "sociaal team"]
    assert "keukentafelgesprek" in meta["weak"]
    assert meta["filters"]["type"] == ["Praktijkverhaal"]
    assert meta["filters"]["thema"] == ["Eenzaamheid"]
    assert meta["filters"]["methode"] == [titles["huisbezoek"]]
    assert meta["filters"]["periode"] == ["2000–2009"]
    assert meta["filters"]["doelgroep"] == ["ouderen"]


def test_a_page_named_by_a_term_gets_its_synonyms_as_aliases():
    synonyms = Synonyms.of([("wijkteam", "buurtteam", "sociaal team")])
    assert synonyms.named(["Sociaal (wijk)team", "Wijkteams"]) == ["buurtteam", "sociaal team"]  # plural allowed
    assert synonyms.named(["Kwartiermaken voor een nieuw sociaal team"]) == []
    assert synonyms.expand("Kwartiermaken voor een nieuw sociaal team") == ["wijkteam", "buurtteam"]
