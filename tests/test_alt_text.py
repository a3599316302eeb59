"""Images need a description: validation refuses an empty alt text, and the built site has none without."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import problems_of, replace_in
from sitecheck import html_pages

METHOD = "methoden/huisbezoek.md"


@pytest.mark.parametrize("image", ["![](foto.jpg)", "![   ](foto.jpg)"])
def test_image_without_alt_text_is_refused_with_line_and_fix(tree, image):
    replace_in(tree, METHOD, "Een methode uit de test.", f"Een methode uit de test.\n\n{image}")
    hits = [p for p in problems_of(tree) if "alt-tekst" in p.message]
    assert len(hits) == 1
    assert hits[0].file.endswith("huisbezoek.md") and hits[0].line and "vierkante haken" in hits[0].hint


def test_image_with_alt_text_is_accepted(tree):
    replace_in(
        tree,
        METHOD,
        "Een methode uit de test.",
        "Een methode uit de test.\n\n![Bewoners aan tafel in het buurthuis](foto.jpg)",
    )
    assert [p for p in problems_of(tree) if "alt-tekst" in p.message] == []


@pytest.mark.slow
def test_every_built_page_is_dutch_and_every_image_described(real_site):
    pages = html_pages(real_site.site)
    assert pages
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        rel = page.relative_to(real_site.site)
        assert soup.html.get("lang") == "nl", f"{rel}: <html lang> is {soup.html.get('lang')!r}"
        for img in soup.find_all("img"):
            assert img.get("alt") is not None, f"{rel}: <img src={img.get('src')!r}> has no alt"
