"""Offline link check of a built site/: every internal link and #anchor must resolve.

Used by the tests (tests/sitecheck.py) and by CI (`make linkcheck`) alike, so
both apply the same crawler. It never touches the network: links to other
hosts are skipped, not fetched.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from bs4 import BeautifulSoup


def page_file(site: Path, url_path: str) -> Path | None:
    path = site / unquote(url_path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.exists() else None


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def broken_internal_links(site: Path) -> list[str]:
    """Every relative href/src must point at a file, and every #fragment at an id."""
    broken: list[str] = []
    ids_cache: dict[Path, set[str]] = {}

    def ids(path: Path) -> set[str]:
        if path not in ids_cache:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids_cache[path] = {tag["id"] for tag in soup.find_all(id=True)}
        return ids_cache[path]

    for page in html_pages(site):
        base = "http://site/" + page.relative_to(site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "script", "img"]):
            ref = tag.get("href") or tag.get("src")
            if not ref or ref.startswith(("mailto:", "data:")):
                continue
            url = urlparse(urljoin(base, ref))
            if url.netloc != "site":
                continue
            target = page_file(site, url.path)
            if target is None:
                broken.append(f"{page.relative_to(site)} → {ref}")
            elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in ids(target):
                broken.append(f"{page.relative_to(site)} → {ref} (anker ontbreekt)")
    return broken


def check_site(site: Path) -> list[str]:
    if not (site / "index.html").exists():
        return [f"{site} bevat geen gebouwde site; draai eerst 'make build'."]
    return broken_internal_links(site)
