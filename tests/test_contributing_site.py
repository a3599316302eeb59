"""On the built site: edit links open the source file, error reports are prefilled, credit is given."""

from __future__ import annotations

import posixpath
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup
from sitecheck import REPO, html_pages, page_file
from wijkpraktijk.contributors import anchor
from wijkpraktijk.pipeline import load

pytestmark = pytest.mark.slow

CONFIG = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/name:", ""))
REPO_URL = CONFIG["repo_url"].rstrip("/")


def actions(site, url_path):
    soup = BeautifulSoup(page_file(site, url_path).read_text(encoding="utf-8"), "html.parser")
    nav = soup.select_one("nav.wp-actions")
    assert nav is not None, url_path
    return {a["data-wp-action"]: a["href"] for a in nav.find_all("a")}


@pytest.fixture(scope="module")
def built(real_site):
    return real_site, load(real_site)


def test_entry_pages_edit_their_source_in_practices(built):
    paths, loaded = built
    for entry in loaded.kb.entries.values():
        links = actions(paths.site, f"kennisbank/{entry.id}/")
        assert links["edit"] == f"{REPO_URL}/edit/main/{entry.path}", entry.id
        assert (REPO / entry.path).exists() or (paths.root / entry.path).exists()
        report = urlparse(links["report"])
        query = parse_qs(report.query)
        assert report.path.endswith("/issues/new") and query["template"] == ["fout-melden.yml"]
        assert query["bronbestand"] == [entry.path] and query["pagina"][0].endswith(f"/kennisbank/{entry.id}/")
        assert query["title"][0].startswith("Fout op: ")


def test_hand_written_pages_keep_their_docs_edit_link(built):
    paths, _ = built
    assert actions(paths.site, "")["edit"] == f"{REPO_URL}/edit/main/docs/index.md"
    assert actions(paths.site, "over/")["edit"] == f"{REPO_URL}/edit/main/docs/over.md"


def test_no_page_edits_a_generated_file(built):
    paths, _ = built
    for page in html_pages(paths.site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select("nav.wp-actions a, a[rel=edit]"):
            assert "docs/kennisbank" not in a["href"], page
        if soup.select_one("article") and page.name == "index.html" and "404" not in page.parts:
            assert soup.select_one("nav.wp-actions a[data-wp-action=report]"), page


def test_contributors_page_credits_everyone(built):
    paths, loaded = built
    soup = BeautifulSoup(
        page_file(paths.site, "kennisbank/overzicht/bijdragers/").read_text(encoding="utf-8"), "html.parser"
    )
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    for entry in loaded.kb.entries.values():
        for credit in entry.model.credits:
            assert anchor(credit.name) in ids, credit.name

    def nav_link(page: BeautifulSoup) -> str:
        return next(a["href"] for a in page.select("nav.md-nav a[href]") if a.get_text(strip=True) == "Bijdragers")

    # The navigation lists the page, as the current one: MkDocs links it as "./", Zensical as "././".
    assert posixpath.normpath(nav_link(soup)) == "."
    entry = next(iter(loaded.kb.entries.values()))
    page = BeautifulSoup(page_file(paths.site, f"kennisbank/{entry.id}/").read_text(encoding="utf-8"), "html.parser")
    assert nav_link(page) == "../overzicht/bijdragers/"
    credit_links = [a["href"] for a in page.find_all("a") if "#bijdrager-" in a.get("href", "")]
    assert credit_links and all(h.startswith("../overzicht/bijdragers/#") for h in credit_links)
