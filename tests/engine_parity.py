"""What a page says, engine-independently: the parity test (test_engines.py) compares these, page by page."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from bs4 import BeautifulSoup

SKIP = ("assets/", "pagefind/", "admin/vendor/")  # the themes' and vendored files, not pages


@dataclass(frozen=True)
class PageFacts:
    title: str
    lang: str
    meta: tuple  # description, canonical, robots, refresh; the search metadata (data-pagefind-*)
    headings: tuple  # (level, id, text) in the content
    text: str  # the content's text, whitespace folded
    links: tuple  # every link target in the content, as a path from the site's root (with its #fragment)
    sources: tuple  # the Bronnen list's items


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("¶", "")).strip()


def _target(page: str, href: str) -> str:
    """A link as the browser resolves it from ``page``, from the site's root ('kennisbank/x/#y')."""
    url = urlparse(urljoin("http://site/" + page, href))
    if url.netloc != "site":
        return href
    path = unquote(url.path).lstrip("/")
    path = path.removesuffix("index.html")
    return path + (f"#{url.fragment}" if url.fragment else "")


def facts(site: Path, rel: str) -> PageFacts:
    soup = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")
    content = soup.find("article") or soup.body
    for link in content.select("a.headerlink"):
        link.decompose()
    search_data = [tag.extract() for tag in content.select(".wp-search-data")]  # hidden: compared as metadata
    meta = []
    for name in ("description", "robots"):
        tag = soup.find("meta", attrs={"name": name})
        meta.append((name, tag.get("content") if tag else None))
    canonical = soup.find("link", rel="canonical")
    meta.append(("canonical", canonical.get("href") if canonical else None))
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    meta.append(("refresh", refresh.get("content") if refresh else None))
    # Pagefind's metadata and filters: a set (MiniJinja's items filter sorts a mapping, Jinja's keeps its order).
    search = []
    for block in search_data:
        for tag in block.select("[data-pagefind-meta], [data-pagefind-filter], [data-pagefind-sort]"):
            key = tag.get("data-pagefind-meta") or tag.get("data-pagefind-filter") or tag.get("data-pagefind-sort")
            search.append((key, _words(tag.get_text())))
    meta.extend(sorted(search))
    headings = tuple(
        (int(h.name[1]), h.get("id"), _words(h.get_text())) for h in content.find_all(re.compile(r"^h[1-6]$"))
    )
    links = tuple(_target(rel, a["href"]) for a in content.find_all("a", href=True))
    sources = ()
    bronnen = content.find(lambda tag: re.fullmatch(r"h[2-3]", tag.name or "") and _words(tag.get_text()) == "Bronnen")
    if bronnen is not None:
        listed = bronnen.find_next(["ol", "ul"])
        sources = tuple(_words(li.get_text()) for li in listed.find_all("li", recursive=False)) if listed else ()
    return PageFacts(
        title=_words(soup.title.get_text()) if soup.title else "",
        lang=(soup.html or {}).get("lang", ""),
        meta=tuple(meta),
        headings=headings,
        text=_words(content.get_text(" ")),
        links=links,
        sources=sources,
    )


def pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as a path from its root, without the themes' own files."""
    found = (p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return sorted(rel for rel in found if not rel.startswith(SKIP) and posixpath.basename(rel) != "404.html")
