"""Synonym list and per-entry search data (search_terms.py), without a browser."""

from __future__ import annotations

from conftest import write
from hypothesis import given, settings
from hypothesis import strategies as st
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
    groups = {k: g.label for k, g in loaded.kb.vocabulary.target_groups.items()}
    meta = search_meta(entry, titles, themes, loaded.synonyms, groups)
    # The title 'Buurtteam Voorbeeld' holds 'buurtteam' but is not it: its synonyms weigh less than an alias.
    assert meta["strong"].split(" · ") == ["Voorbeeldteam"]
    assert meta["near"].split(" · ") == ["wijkteam", "sociaal team"]
    assert "keukentafelgesprek" in meta["weak"]
    assert meta["filters"]["type"] == ["Praktijkverhaal"]
    assert meta["filters"]["thema"] == ["Eenzaamheid"]
    assert meta["filters"]["methode"] == [titles["huisbezoek"]]
    assert meta["filters"]["periode"] == ["2000–2009"]
    assert meta["filters"]["doelgroep"] == ["Ouderen"]  # the label from doelgroepen.yml, not the id
    assert "niveau" not in meta["filters"]  # a practice story has no level
    method = loaded.kb.entries["huisbezoek"]
    assert search_meta(method, titles, themes, loaded.synonyms, groups)["filters"]["niveau"] == ["Individu"]


def test_a_page_named_by_a_term_gets_its_synonyms_as_aliases():
    synonyms = Synonyms.of([("wijkteam", "buurtteam", "sociaal team")])
    assert synonyms.named(["Sociaal (wijk)team", "Wijkteams"]) == ["buurtteam", "sociaal team"]  # plural allowed
    assert synonyms.named(["Kwartiermaken voor een nieuw sociaal team"]) == []
    assert synonyms.expand("Kwartiermaken voor een nieuw sociaal team") == ["wijkteam", "buurtteam"]


def _every_group(synonyms: Synonyms, text: str) -> list[str]:
    """What expand() gave before it looked groups up by their words: every group tested against the text."""
    folded = fold(text)
    found: list[str] = []
    for group, patterns in zip(synonyms.groups, synonyms._patterns, strict=True):
        present = [first in folded and bool(pattern.search(folded)) for first, pattern in patterns]
        if any(present):
            found += [t for t, here in zip(group, present, strict=True) if not here]
    return list(dict.fromkeys(found))


TERMS = ["wijkteam", "sociaal team", "sociaal-werk", "'t hoekje", "80-20-5", "auto", "coöperatie", "dr. Bakker", "&"]
WORDS = [*TERMS, "wijkteams", "auto's", "autoen", "coöperaties", "sociaal", "team", "werk", "hoekje", "x", ",", "-"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12), st.sampled_from([" ", "  ", "\n", ", ", "(", "-"]))
def test_looking_groups_up_by_word_finds_exactly_what_testing_every_group_finds(words, glue):
    synonyms = Synonyms.of([(TERMS[i], TERMS[i + 1], f"woord{i}") for i in range(len(TERMS) - 1)])
    text = glue.join(words)
    assert synonyms.expand(text) == _every_group(synonyms, text)


def test_the_real_list_finds_the_same_on_every_real_page():
    from conftest import REPO
    from wijkpraktijk.config import Paths

    loaded = load(Paths(REPO))
    for entry in loaded.kb.entries.values():
        text = f"{entry.model.summary} {entry.body}"
        assert loaded.synonyms.expand(text) == _every_group(loaded.synonyms, text), entry.id


def test_the_synonym_list_has_a_budget(tree):
    from wijkpraktijk.search_terms import MAX_GROUP_TERMS, MAX_SYNONYM_GROUPS

    many = "".join(f"- terms: [a{i}, b{i}]\n" for i in range(MAX_SYNONYM_GROUPS + 1))
    write(tree, "synoniemen.yml", many)
    problems = load_synonyms(tree.practices, tree.root)[1]
    assert problems[0].message == f"Dit bestand heeft {MAX_SYNONYM_GROUPS + 1} groepen; maximaal {MAX_SYNONYM_GROUPS}."
    write(tree, "synoniemen.yml", "- terms: [" + ", ".join(f"w{i}" for i in range(MAX_GROUP_TERMS + 1)) + "]\n")
    assert load_synonyms(tree.practices, tree.root)[1]
