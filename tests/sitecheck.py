"""Helpers for tests over a built site: copy the repo, build it, crawl its links."""

from __future__ import annotations

import shutil
from pathlib import Path

from wijkpraktijk.config import ADMIN_SUBTREE, GENERATED_SUBTREE, Paths
from wijkpraktijk.engine import BUILD_ENGINE
from wijkpraktijk.linkcheck import broken_internal_links, html_pages, page_file
from wijkpraktijk.pipeline import generate
from wijkpraktijk.site import build_site

REPO = Path(__file__).resolve().parent.parent
# What the generator and make serve write into docs/ (git-ignored): a test tree makes its own. Copied along from a
# checkout that ran make serve, the form alone is 6.5 MB per test.
GENERATED_IN_DOCS = shutil.ignore_patterns(GENERATED_SUBTREE, ADMIN_SUBTREE, "pagefind", ".pagefind-*")


def copy_repo(target: Path, practices: Path | None = None) -> Paths:
    """A private copy of everything the build reads, so tests never touch the checkout."""
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, target / name)
    shutil.copytree(REPO / "overrides", target / "overrides")
    shutil.copytree(REPO / "docs", target / "docs", ignore=GENERATED_IN_DOCS)
    shutil.copytree(practices or REPO / "practices", target / "practices")
    return Paths(target)


def build(paths: Paths, downloads: bool = True, engine: str = BUILD_ENGINE, strict: bool = True) -> None:
    """Generate and build ``paths`` as `make build` does; ``downloads=False`` leaves out the cards PDF and the
    offline copy (a print and a copy of every page), for tests that look at the site itself; ``engine``: ENGINES."""
    loaded, report = generate(paths)
    assert report is not None, "\n".join(p.format() for p in loaded.problems)
    assert build_site(paths, strict=strict, downloads=downloads, engine=engine) == 0


# The crawler lives in the package so CI (`make linkcheck`) uses the very same one.
__all__ = ["GENERATED_IN_DOCS", "REPO", "broken_internal_links", "build", "copy_repo", "html_pages", "page_file"]
