"""The page-kind table: optional pages are left out until built, required ones must exist."""

from __future__ import annotations

import pytest
from page_kinds import PAGE_KINDS, PageKind, resolve
from wijkpraktijk.config import Paths


def test_optional_page_is_skipped_until_built_and_required_page_must_exist(tmp_path):
    paths = Paths(tmp_path)
    (paths.site / "kaart").mkdir(parents=True)
    (paths.site / "kaart" / "index.html").write_text("<html lang='nl'></html>", encoding="utf-8")
    assert resolve(PageKind("kaart", "kaart/", optional=True), paths, {}) == "kaart/"
    assert resolve(PageKind("later", "later/", optional=True), paths, {}) is None
    assert resolve(PageKind("p", "{practice}"), paths, {"{practice}": "kaart/"}) == "kaart/"
    with pytest.raises(AssertionError, match="missing"):
        resolve(PageKind("weg", "weg/"), paths, {})
    with pytest.raises(AssertionError, match="no page for"):
        resolve(PageKind("p", "{practice}"), paths, {})


def test_names_are_unique():
    names = [kind.name for kind in PAGE_KINDS]
    assert len(names) == len(set(names))
