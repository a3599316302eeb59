"""Generated page paths → the URLs MkDocs gives them, for links inside raw HTML.

MkDocs rewrites Markdown links, but not an ``href`` inside inline SVG or
HTML. Those links are made relative here, from one generated page to
another, so the site works under any base path and offline.
"""

from __future__ import annotations


def page_url(md_path: str) -> str:
    """'deventer.md' → 'deventer/'; 'overzicht/index.md' → 'overzicht/' (directory URLs)."""
    stem = md_path[:-3] if md_path.endswith(".md") else md_path
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def entry_url(site_url: str, entry_id: str, subtree: str) -> str:
    """The public, permanent address of an entry: citations, QR codes, exports and the feed share it."""
    return f"{site_url}{subtree}/{page_url(f'{entry_id}.md')}"


def _relpath(target: str, start: str) -> str:
    """``posixpath.relpath`` for the plain relative paths of the subtree (no '.' or '..' parts),
    without its two ``getcwd`` calls: it runs for every link of every page."""
    to, here = [p for p in target.split("/") if p], [p for p in start.split("/") if p]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def relative(from_md: str, to: str) -> str:
    """Relative URL from the page ``from_md`` to a page (.md) or a file in the subtree."""
    here = page_url(from_md)
    target = page_url(to) if to.endswith(".md") else to
    rel = _relpath(target, here)
    if to.endswith(".md") or not target:
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel
