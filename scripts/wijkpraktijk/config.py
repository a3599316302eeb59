"""Where things live: the project's folders, the settings read from mkdocs.yml, and page paths and URLs.

One place, so tests can point the pipeline at a temporary tree (``Paths``), mkdocs.yml is read once into
typed ``Settings`` (as Material declares its plugins' options), and every stage agrees on the path and the
URL a page gets.
"""

from __future__ import annotations

import functools
import hashlib
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
import yaml

GENERATED_SUBTREE = "kennisbank"
ADMIN_SUBTREE = "admin"
# Where the generator writes inside the subtree, beside the entries' own pages (kennisbank/<id>/index.md).
OVERVIEW_DIR = "overzicht"  # the overview pages
FRAGMENT_DIR = "_fragmenten"  # included by hand-written pages
CARDS_NAME = "werkkaarten"  # the workshop cards (CARDS_PAGE, below page_file)
CITE_FOLDER = "cite"  # reference-manager files per page
QR_FOLDER = "qr"  # QR codes per page
WERKMAP_FOLDER = "werkmap"  # the werkmap's records
DATA_DIR = "data"  # the open data
ASSETS = "assets"  # files the overviews load (vendored scripts, generated styles)
DEFAULT_SITE_URL = "https://wijkpraktijk.nl/"
# The checkout this code runs from: the default project root, and where `make setup` installs
# the npm packages (cytoscape, Pagefind) that the generator and build copy.
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
    def settings(self) -> Settings:
        """mkdocs.yml as the generator reads it (read again only when the file changes)."""
        return Settings.read(self.mkdocs_yml)

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


MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")  # MkDocs adds these to every site's Markdown extensions
_REPO_RE = re.compile(r"^https://github\.com/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?:\.git)?$")
_BRANCH_RE = re.compile(r"^(?:edit|blob)/([^/]+)/")


@dataclass(frozen=True)
class Settings:
    """What the generator reads from mkdocs.yml, each with its default; nothing else reads that file."""

    site_url: str = DEFAULT_SITE_URL  # the public address, ending in '/'
    repo: str = ""  # 'owner/name' from repo_url, when it is a GitHub repository
    branch: str = "main"  # from edit_uri ('edit/<branch>/docs/')
    oauth: dict[str, str] = field(default_factory=dict)  # extra.cms: base_url, auth_endpoint (the form's login)
    markdown: tuple[tuple[str, dict], ...] = ()  # MkDocs' built-ins, then markdown_extensions, with options
    exclude_docs: str = ""
    nav: list | None = None
    contact_email: str = ""  # extra.contact_email: the editors' address on the Meedoen page (meedoen.py)

    @classmethod
    def read(cls, path: Path) -> Settings:
        config = mkdocs_config(path)
        url = str(config.get("site_url") or DEFAULT_SITE_URL)
        repo = _REPO_RE.match(str(config.get("repo_url") or "").rstrip("/"))
        branch = _BRANCH_RE.match(str(config.get("edit_uri") or ""))
        extra = config.get("extra") or {}
        cms = extra.get("cms") or {}
        email = extra.get("contact_email")
        return cls(
            site_url=url if url.endswith("/") else url + "/",
            repo=repo.group(1) if repo else "",
            branch=branch.group(1) if branch else "main",
            oauth={k: str(cms[k]) for k in ("base_url", "auth_endpoint") if cms.get(k)},
            markdown=_extensions(config.get("markdown_extensions") or []),
            exclude_docs=str(config.get("exclude_docs") or ""),
            nav=config.get("nav"),
            contact_email=email.strip() if isinstance(email, str) else "",
        )


def _extensions(listed: list) -> tuple[tuple[str, dict], ...]:
    """MkDocs' built-in extensions, then mkdocs.yml's markdown_extensions, merged as MkDocs merges them."""
    names, configs = list(MKDOCS_BUILTINS), {}
    for item in listed:
        name, options = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        if name not in names:
            names.append(name)
        configs[name] = options or {}
    return tuple((name, configs.get(name, {})) for name in names)


def site_url(paths: Paths) -> str:
    """The public address, always ending in '/'."""
    return paths.settings.site_url


# -- URLs of generated pages, for links inside raw HTML (MkDocs rewrites only Markdown links) ----------


def page_file(name: str) -> str:
    """The file of the generated page called ``name``: 'overzicht/kaart' → 'overzicht/kaart/index.md'.

    Every generated page is the index.md of a folder of its own, so the folder of its source file is its
    address. Links in raw HTML are relative: MkDocs leaves them alone (relative to the address), Zensical
    resolves them from the source file. Only where the two are the same folder do both engines agree.
    """
    return f"{name}.md" if name == "index" or name.endswith("/index") else f"{name}/index.md"


CARDS_PAGE = page_file(CARDS_NAME)
MAP_PAGE = page_file(f"{OVERVIEW_DIR}/kaart")


def entry_path(entry_id: str) -> str:
    """An entry's page inside the subtree: kennisbank/<id>/index.md, so its address is /kennisbank/<id>/."""
    return page_file(entry_id)


def page_url(md_path: str) -> str:
    """'deventer/index.md' → 'deventer/'; 'over.md' → 'over/' (directory URLs, for hand-written pages too)."""
    stem = md_path[:-3] if md_path.endswith(".md") else md_path
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def entry_url(base: str, entry_id: str) -> str:
    """The public, permanent address of an entry: citations, QR codes, exports and the feed share it."""
    return f"{base}{GENERATED_SUBTREE}/{page_url(entry_path(entry_id))}"


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
