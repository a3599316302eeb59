"""The contributor's front door (issue 26, ux review 3: no Meedoen page, no link to /admin/, no route without a
GitHub account): the page is in the navigation, names the form and the editors' address from mkdocs.yml."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO
from sitecheck import page_file
from wijkpraktijk import meedoen
from wijkpraktijk.pipeline import generate

CONFIG = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/name:", ""))


def test_the_address_comes_from_mkdocs_yml(tree):
    text = tree.mkdocs_yml.read_text(encoding="utf-8")
    tree.mkdocs_yml.write_text(text.replace(CONFIG["extra"]["contact_email"], "team@buurt.example"), encoding="utf-8")
    loaded, report = generate(tree)
    assert report is not None, [p.format() for p in loaded.problems]
    fragment = (tree.generated / meedoen.FRAGMENT).read_text(encoding="utf-8")
    assert "[team@buurt.example](mailto:team@buurt.example?subject=Correctie%20op%20Wijkpraktijk)" in fragment
    assert "mailto:team@buurt.example?subject=Praktijkverhaal%20voor%20Wijkpraktijk" in fragment
    assert "(admin/index.html)" in fragment
    assert f"{CONFIG['repo_url'].rstrip('/')}/blob/main/CONTRIBUTING.md" in fragment


@pytest.mark.parametrize("value", [None, "", "geen adres", "a@b", "<x@y.nl>"])
def test_without_a_valid_address_the_build_stops_in_dutch(tree, value):
    data = tree.mkdocs_yml.read_text(encoding="utf-8")
    line = f"  contact_email: {CONFIG['extra']['contact_email']}\n"
    assert line in data
    tree.mkdocs_yml.write_text(data.replace(line, "" if value is None else f"  contact_email: '{value}'\n"))
    loaded, report = generate(tree)
    assert report is None
    [problem] = loaded.problems
    assert problem.file == "mkdocs.yml" and problem.field == "extra.contact_email"
    assert "e-mailadres" in problem.message and "contact_email:" in problem.hint


@pytest.mark.slow
def test_the_built_page_is_in_the_navigation_with_three_routes(real_site):
    html = page_file(real_site.site, "meedoen/").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article")
    assert article.h1.get_text(strip=True).startswith("Meedoen")
    routes = [h.get_text(" ", strip=True).rstrip("¶") for h in article.select("h2")]
    assert len(routes) == 3 and routes[0].startswith("Zonder account")
    mail = [urlparse(a["href"]) for a in article.select("a[href^='mailto:']")]
    assert {m.path for m in mail} == {CONFIG["extra"]["contact_email"]} and len(mail) == 2
    assert all(parse_qs(m.query)["subject"][0] for m in mail)
    form = article.select_one("a[href$='admin/index.html'], a[href$='admin/']")
    assert form is not None and (real_site.site / "admin" / "index.html").is_file()
    # In the navigation of every page: the home page links to it.
    home = BeautifulSoup(page_file(real_site.site, "").read_text(encoding="utf-8"), "html.parser")
    assert any(a.get_text(strip=True) == "Meedoen" for a in home.select("nav a"))
