"""Relative links between generated pages: the fast path must agree with posixpath.relpath."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st
from wijkpraktijk import siteurls

segment = st.sampled_from(["kennisbank", "overzicht", "thema", "a", "b", "qr", "deventer", "index"])
path = st.lists(segment, max_size=4).map("/".join)


@given(path, path)
def test_relpath_matches_the_standard_library(target, start):
    assert siteurls._relpath(target, start) == posixpath.relpath(target or ".", start or ".")


@given(path, path)
def test_relative_links_between_pages(source, target):
    from_md, to = (source or "index") + ".md", (target or "index") + ".md"
    here, there = siteurls.page_url(from_md), siteurls.page_url(to)
    expected = posixpath.relpath(there or ".", here or ".")
    expected = expected.rstrip("/") + "/" if expected != "." else "./"
    assert siteurls.relative(from_md, to) == expected


def test_examples():
    assert siteurls.relative("deventer.md", "overzicht/thema/eenzaamheid.md") == "../overzicht/thema/eenzaamheid/"
    assert siteurls.relative("overzicht/kaart.md", "deventer.md") == "../../deventer/"
    assert siteurls.relative("deventer.md", "qr/deventer.svg") == "../qr/deventer.svg"
    assert siteurls.relative("index.md", "index.md") == "./"
