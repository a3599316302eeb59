"""Where things live: the project's folders, the site's public address from mkdocs.yml, and page URLs.

One place, so tests can point the pipeline at a temporary tree (``Paths``),
and every stage agrees on the URL an entry gets.
"""

from __future__ import annotations

import functools
import hashlib
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import yaml

GENERATED_SUBTREE = "kennisbank"
ADMIN_SUBTREE = "admin"
# What the generator writes directly in the subtree, beside the entries' own pages (kennisbank/<id>/):
# validate.RESERVED_IDS is made from these, so a folder added here can never be taken by an id.
OVERVIEW_DIR = "overzicht"  # render.py
FRAGMENT_DIR = "_fragmenten"  # render.py, included by hand-written pages
CARDS_PAGE = "werkkaarten.md"  # render.py
CITE_FOLDER = "cite"  # citing.py
QR_FOLDER = "qr"  # citing.py
WERKMAP_FOLDER = "werkmap"  # citing.py, the werkmap's records
DATA_DIR = "data"  # export.py, the open data
ASSETS = "assets"  # views.py, the scripts of the overviews
SUBTREE_NAMES = (OVERVIEW_DIR, FRAGMENT_DIR, CARDS_PAGE, CITE_FOLDER, QR_FOLDER, WERKMAP_FOLDER, DATA_DIR, ASSETS)
DEFAULT_SITE_URL = "https://wijkpraktijk.nl/"
# The checkout this code runs from: the default project root, and where `make setup` installs
# the npm packages (cytoscape, Pagefind, the iframe-worker shim) that the generator and build copy.
CHECKOUT = Path(__file__).resolve().parents[2]
NODE_MODULES = CHECKOUT / "node_modules"
# Where build state lives instead of the checkout: this variable, or the platform's per-user cache folder.
CACHE_ENV = "WIJKPRAKTIJK_CACHE"


def cache_home() -> Path:
    """The per-user folder that holds the caches of every checkout (~/.cache/wijkpraktijk on Linux)."""
    return Path(os.environ.get(CACHE_ENV) or platformdirs.user_cache_path("wijkpraktijk", appauthor=False))


@dataclass(frozen=True)
class Paths:
    root: Path

    @property
    def practices(self) -> Path:
        return self.root / "practices"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def generated(self) -> Path:
        return self.docs / GENERATED_SUBTREE

    @property
    def admin(self) -> Path:
        """The contributors' form (/admin/), generated like the subtree (cms.py)."""
        return self.docs / ADMIN_SUBTREE

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def cache(self) -> Path:
        """This checkout's caches, outside it: no pull request can put a file there, and no engine cleans it.

        One folder per checkout (its name and a hash of its absolute path); cache.private_folder makes it,
        mode 0700, and refuses one that is not this user's own.
        """
        where = os.fsencode(self.root.resolve())
        name = re.sub(r"[^A-Za-z0-9._-]", "_", self.root.resolve().name)[:40]
        return cache_home() / f"{name}-{hashlib.sha256(where).hexdigest()[:16]}"


# -- mkdocs.yml: the one place where the site's address and Markdown extensions are set -------------


class _AnyTagLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Tags like !ENV or !!python/name, which only MkDocs resolves, read as None instead of failing."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@functools.lru_cache(maxsize=4)
def _read(path: Path, mtime_ns: int) -> dict:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader) or {}
    except (OSError, yaml.YAMLError):
        return {}


def mkdocs_config(path: Path) -> dict:
    """The plain keys of mkdocs.yml (read again only when the file changes)."""
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return {}
    return _read(path, mtime)


def site_url(paths: Paths) -> str:
    """The public address, always ending in '/'."""
    url = mkdocs_config(paths.mkdocs_yml).get("site_url") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


# -- URLs of generated pages, for links inside raw HTML (MkDocs rewrites only Markdown links) ----------


def page_url(md_path: str) -> str:
    """'deventer.md' → 'deventer/'; 'overzicht/index.md' → 'overzicht/' (directory URLs)."""
    stem = md_path[:-3] if md_path.endswith(".md") else md_path
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def entry_url(base: str, entry_id: str, subtree: str = GENERATED_SUBTREE) -> str:
    """The public, permanent address of an entry: citations, QR codes, exports and the feed share it."""
    return f"{base}{subtree}/{page_url(f'{entry_id}.md')}"


def relative(from_md: str, to: str) -> str:
    """Relative URL from the page ``from_md`` to a page (.md) or a file in the subtree.

    Relative, so the site works under any base path and offline.
    """
    here = page_url(from_md)
    target = page_url(to) if to.endswith(".md") else to
    # Both from one made-up root: posixpath.relpath then never asks for the working directory.
    rel = posixpath.relpath("/" + target, "/" + here)
    if to.endswith(".md") or not target:
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel
