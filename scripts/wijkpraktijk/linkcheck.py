"""Offline link check of a built site/: every internal link and #anchor must resolve.

Used by the tests (tests/sitecheck.py) and by CI (`make linkcheck`) alike, so
both apply the same crawler. It never touches the network: links to other
hosts are skipped, not fetched.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from lxml import etree
from lxml import html as lxml_html

LINKING = ("a", "link", "script", "img")


def page_file(site: Path, url_path: str) -> Path | None:
    path = site / unquote(url_path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.exists() else None


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def _links_and_ids(path: Path) -> tuple[list[str], set[str]]:
    """A page's link targets (href, else src, of a, link, script and img) and its ids, from one lxml parse:
    lxml, not BeautifulSoup, because a Zensical build runs this over every page (about 10× faster)."""
    try:
        root = lxml_html.fromstring(path.read_bytes())
    except (etree.ParserError, ValueError):  # an empty or unreadable page links nowhere and has no ids
        return [], set()
    refs = [el.get("href") or el.get("src") for el in root.iter(*LINKING)]
    return [ref for ref in refs if ref], {el.get("id") for el in root.iter() if el.get("id") is not None}


def broken_internal_links(site: Path) -> list[str]:
    """Every relative href/src must point at a file, and every #fragment at an id."""
    broken: list[str] = []
    parsed: dict[Path, tuple[list[str], set[str]]] = {}

    def read(path: Path) -> tuple[list[str], set[str]]:
        if path not in parsed:
            parsed[path] = _links_and_ids(path)
        return parsed[path]

    for page in html_pages(site):
        base = "http://site/" + page.relative_to(site).as_posix()
        for ref in read(page)[0]:
            if ref.startswith(("mailto:", "data:")):
                continue
            url = urlparse(urljoin(base, ref))
            if url.netloc != "site":
                continue
            target = page_file(site, url.path)
            if target is None:
                broken.append(f"{page.relative_to(site)} → {ref}")
            elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in read(target)[1]:
                broken.append(f"{page.relative_to(site)} → {ref} (anker ontbreekt)")
    return broken


def check_site(site: Path) -> list[str]:
    if not (site / "index.html").exists():
        return [f"{site} bevat geen gebouwde site; draai eerst 'make build'."]
    return broken_internal_links(site)
