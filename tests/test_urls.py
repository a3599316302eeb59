"""Relative links between generated pages (for raw HTML, which MkDocs does not rewrite)."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st
from wijkpraktijk.config import entry_url, page_url, relative

segment = st.sampled_from(["kennisbank", "overzicht", "thema", "a", "b", "qr", "deventer", "index"])
path = st.lists(segment, max_size=4).map("/".join)


@given(path, path)
def test_relative_links_between_pages(source, target):
    from_md, to = (source or "index") + ".md", (target or "index") + ".md"
    here, there = page_url(from_md), page_url(to)
    expected = posixpath.relpath(there or ".", here or ".")
    expected = expected.rstrip("/") + "/" if expected != "." else "./"
    assert relative(from_md, to) == expected


def test_examples():
    assert relative("deventer.md", "overzicht/thema/eenzaamheid.md") == "../overzicht/thema/eenzaamheid/"
    assert relative("overzicht/kaart.md", "deventer.md") == "../../deventer/"
    assert relative("deventer.md", "qr/deventer.svg") == "../qr/deventer.svg"
    assert relative("index.md", "index.md") == "./"
    assert relative("overzicht/thema/zorg.md", "data/graph.json") == "../../../data/graph.json"


def test_entry_urls_are_directory_urls_below_the_subtree():
    assert entry_url("https://wijkpraktijk.nl/", "presentie") == "https://wijkpraktijk.nl/kennisbank/presentie/"
    assert page_url("overzicht/index.md") == "overzicht/"
