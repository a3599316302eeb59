"""Helpers for tests over a built site: copy the repo, build it, crawl its links."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from bs4 import BeautifulSoup
from wijkpraktijk.config import Paths
from wijkpraktijk.pipeline import generate
from wijkpraktijk.site import build_site

REPO = Path(__file__).resolve().parent.parent


def copy_repo(target: Path, practices: Path | None = None) -> Paths:
    """A private copy of everything the build reads, so tests never touch the checkout."""
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, target / name)
    shutil.copytree(REPO / "overrides", target / "overrides")
    shutil.copytree(REPO / "docs", target / "docs", ignore=shutil.ignore_patterns("kennisbank"))
    shutil.copytree(practices or REPO / "practices", target / "practices")
    return Paths(target)


def build(paths: Paths) -> None:
    loaded, report = generate(paths)
    assert report is not None, "\n".join(p.format() for p in loaded.problems)
    assert build_site(paths, strict=True) == 0


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
