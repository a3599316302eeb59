"""The search's word rules (search_index.py, wp-woorden.js): one corpus, both implementations, and the word list."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

import pytest
import yaml
from wijkpraktijk import search_index
from wijkpraktijk.search_index import ENDINGS, base, fold, word_index, words

HERE = Path(__file__).resolve().parent
CORPUS = yaml.safe_load((HERE / "fixtures" / "woordvormen.yml").read_text(encoding="utf-8"))


def _key(word: str) -> str:
    return base(fold(word))


@pytest.mark.parametrize("group", CORPUS["same"], ids=lambda g: g[0])
def test_forms_of_a_word_share_a_key(group):
    assert len({_key(w) for w in group}) == 1, {w: _key(w) for w in group}


@pytest.mark.parametrize("pair", CORPUS["apart"], ids=lambda p: "-".join(p))
def test_different_words_stay_apart(pair):
    assert _key(pair[0]) != _key(pair[1])


@pytest.mark.parametrize("text, expected", CORPUS["texts"], ids=lambda x: str(x)[:20])
def test_words_of_a_text(text, expected):
    assert words(text) == [str(w) for w in expected]


def test_javascript_gives_the_same_folds_keys_and_words():
    every = sorted({w for group in CORPUS["same"] + CORPUS["apart"] for w in group})
    job = {"endings": list(ENDINGS), "words": every, "texts": [t for t, _ in CORPUS["texts"]]}
    out = subprocess.run(
        ["node", "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", str(HERE / "js" / "woorden.mjs")],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        check=True,
    )
    got = json.loads(out.stdout)
    assert got["base"] == {w: [fold(w), _key(w)] for w in every}
    assert got["words"] == [words(t) for t, _ in CORPUS["texts"]]


def _fragment(title: str, content: str, kind: str = "Methode", **meta) -> dict:
    return {"content": content, "meta": {"title": title, **meta}, "filters": {"type": [kind], "thema": ["Eenzaamheid"]}}


def test_word_index_keys_flags_compounds_and_facets():
    data = word_index(
        [
            ("nl_a", _fragment("Huisbezoek", "Op huisbezoek bij eenzame bewoners.", aliassen="thuisbezoek")),
            ("nl_b", _fragment("Huizum", "Een wijk. Het keukentafelgesprek en de keukentafel.", kind="Plaats")),
            ("nl_c", _fragment("Vakgroepen", "Sociaal team", verwant="buurtteam")),
        ]
    )
    index, chunks = data["index"], data["chunks"]
    assert [p[0] for p in index["pages"]] == ["nl_a", "nl_b", "nl_c"]
    assert [t["label"] for t in index["types"]] == ["Methode", "Plaats"]
    assert [t["tier"] for t in index["types"]] == [0, 1]  # places and organisations after equal matches
    flags = index["flags"]

    def postings(word):
        key = base(fold(word))
        return {p // flags: p % flags for p in chunks[key[:2]][key]["p"]}

    assert postings("huisbezoeken") == {0: search_index.STRONG}
    assert postings("eenzaam") == {0: 0}
    assert postings("thuisbezoek") == {0: search_index.STRONG}
    assert postings("buurtteam") == {2: search_index.NEAR}
    assert postings("keukentafel") == {1: 0}  # and not only inside the compound
    assert postings("keukentafelgesprek") == {1: 0}
    assert data["facets"]["thema"]["Eenzaamheid"] == [0, 1, 2]
    assert "dementi" not in chunks.get("de", {})


def test_compound_head_finds_the_compound():
    data = word_index(
        [
            ("nl_a", _fragment("Gesprek", "Het gesprek aan de keukentafel.")),
            ("nl_b", _fragment("X", "Een keukentafelgesprek.")),
        ]
    )
    key = base("keukentafel")
    assert {p // 8: p % 8 for p in data["chunks"][key[:2]][key]["p"]} == {0: 0, 1: search_index.COMPOUND}


def test_written_files_are_read_back_from_pagefind_fragments(tmp_path):
    bundle = tmp_path / "pagefind"
    (bundle / "fragment").mkdir(parents=True)
    raw = search_index.FRAGMENT_SIGNATURE + json.dumps(_fragment("Presentie", "Eenzame bewoners.")).encode()
    (bundle / "fragment" / "nl_1.pf_fragment").write_bytes(gzip.compress(raw))
    search_index.write_word_index(bundle)
    index = json.loads((bundle / "woorden" / "index.json").read_text(encoding="utf-8"))
    assert index["pages"] == [["nl_1", 0]]
    chunk = json.loads((bundle / "woorden" / index["chunks"]["en"]).read_text(encoding="utf-8"))
    assert chunk[base("eenzame")]["f"] == ["eenzame"]
    assert (bundle / "woorden" / index["facets"]).is_file()
