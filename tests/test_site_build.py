"""End to end: the real practices/ become a strict MkDocs site with links both ways."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sitecheck import REPO, broken_internal_links, page_file
from wijkpraktijk.pipeline import load
from wijkpraktijk.read import entry_files

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(real_site):
    return real_site, load(real_site)


def test_every_practice_file_became_a_page(built):
    paths, loaded = built
    files = entry_files(paths.practices)
    assert len(files) == len(loaded.kb.entries) > 0
    for entry in loaded.kb.entries.values():
        assert page_file(paths.site, f"kennisbank/{entry.id}/"), entry.id


def test_every_forward_link_has_its_backlink(built):
    paths, loaded = built
    linked_from: dict[str, set[str]] = {}  # each target page parsed once

    def links_on(target: str) -> set[str]:
        if target not in linked_from:
            html = page_file(paths.site, f"kennisbank/{target}/").read_text(encoding="utf-8")
            soup = BeautifulSoup(html, "html.parser")
            linked_from[target] = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in soup.select("article a[href]")}
        return linked_from[target]

    for source, links in loaded.graph.forward.items():
        for link in links:
            assert source in links_on(link.target), f"{link.target} mist een terugverwijzing naar {source} ({link.via})"


def test_no_broken_internal_links(built):
    paths, _ = built
    assert broken_internal_links(paths.site) == []


def test_overviews_and_home(built):
    paths, loaded = built
    for overview in ("praktijken", "methoden", "begrippen", "plaatsen", "organisaties", "themas", "tijdlijn"):
        assert page_file(paths.site, f"kennisbank/overzicht/{overview}/"), overview
    home = (paths.site / "index.html").read_text(encoding="utf-8")
    assert 'lang="nl"' in home
    assert "--8<--" not in home  # snippets were included
    # The home page lists the newest practice stories, each linking to its page.
    soup = BeautifulSoup(home, "html.parser")
    links = {a.get_text(" ", strip=True): a["href"] for a in soup.select("article a[href]")}
    newest = sorted(loaded.kb.of_type("practice"), key=lambda e: (e.model.reviewed, e.model.title), reverse=True)[:5]
    assert newest
    for practice in newest:
        assert links.get(practice.model.title, "").rstrip("/").endswith(f"kennisbank/{practice.id}"), practice.id


def test_nav_does_not_list_entries(built):
    paths, loaded = built
    html = (paths.site / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    nav_links = {a.get("href", "") for a in soup.select("nav.md-nav--primary a")}
    assert not any(f"kennisbank/{entry_id}/" in href for href in nav_links for entry_id in loaded.kb.entries)


def test_handwritten_pages_untouched(built):
    paths, _ = built
    assert (paths.docs / "index.md").read_text(encoding="utf-8") == (REPO / "docs" / "index.md").read_text(
        encoding="utf-8"
    )


def test_site_is_readable_by_a_web_server(built):
    """site/ starts as a mkdtemp folder (0700); it must end up like any folder the umask allows."""
    import stat

    from wijkpraktijk.write import DIR_MODE, FILE_MODE

    paths, _ = built
    assert stat.S_IMODE(paths.site.stat().st_mode) == DIR_MODE
    for rel in ("index.html", "kennisbank/cite/aepb.bib", "kennisbank/qr/aepb.png"):
        assert stat.S_IMODE((paths.site / rel).stat().st_mode) == FILE_MODE
