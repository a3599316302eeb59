"""Relative links between generated pages (for raw HTML, which MkDocs does not rewrite)."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st
from wijkpraktijk.config import entry_path, entry_url, page_file, page_url, relative

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


@given(path, path)
def test_a_link_means_the_same_from_a_page_file_and_from_its_address(source, target):
    """Every generated page is <name>/index.md: a relative link read from the source file's folder (Zensical) and
    from the page's address (MkDocs) leads to the same page."""
    from_md, to = page_file(source or "index"), page_file(target or "index")
    assert page_url(from_md) == page_url((source or "index") + ".md")
    link = relative(from_md, to)
    from_address = posixpath.normpath(posixpath.join("/", page_url(from_md), link))
    from_file = posixpath.normpath(posixpath.join("/", posixpath.dirname(from_md), link))
    assert from_address == from_file == posixpath.normpath("/" + page_url(to))


def test_page_file_examples():
    assert page_file("index") == "index.md"
    assert page_file("overzicht/kaart") == "overzicht/kaart/index.md"
    assert entry_path("presentie") == "presentie/index.md"
    assert relative(entry_path("deventer"), page_file("overzicht/kaart")) == "../overzicht/kaart/"
