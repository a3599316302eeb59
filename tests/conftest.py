"""Shared fixtures: a small valid knowledge base in a temp tree, and the real repo."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from wijkpraktijk.config import CACHE_ENV, Paths
from wijkpraktijk.pipeline import load

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "kb"


def pytest_configure(config):
    """The test trees' caches in one throwaway folder, not in the user's own (config.CACHE_ENV); subprocesses too."""
    config.wijkpraktijk_cache = tempfile.mkdtemp(prefix="wijkpraktijk-test-cache-")
    os.environ[CACHE_ENV] = config.wijkpraktijk_cache


def pytest_unconfigure(config):
    shutil.rmtree(getattr(config, "wijkpraktijk_cache", ""), ignore_errors=True)


@pytest.fixture
def tree(tmp_path: Path) -> Paths:
    """A copy of the fixture knowledge base plus the real site config, safe to modify."""
    shutil.copytree(FIXTURE / "practices", tmp_path / "practices")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", tmp_path / "overrides")
    (tmp_path / "docs").mkdir()
    for item in (REPO / "docs").iterdir():
        if item.name == "kennisbank":
            continue
        if item.is_dir():
            shutil.copytree(item, tmp_path / "docs" / item.name)
        else:
            shutil.copy(item, tmp_path / "docs" / item.name)
    return Paths(tmp_path)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Paths:
    """The real practices/ built once per test session, in a private copy of the repo."""
    from sitecheck import build, copy_repo

    paths = copy_repo(tmp_path_factory.mktemp("real-site"))
    build(paths)
    return paths


@pytest.fixture(scope="session")
def site_url(real_site: Paths):
    """The built site served over HTTP on loopback, as a visitor would get it."""
    from browser_support import serve_directory

    with serve_directory(real_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def page_kinds(real_site: Paths):
    """Every kind of page (tests/page_kinds.py) → (kind, URL path, or None if optional and not built)."""
    from page_kinds import resolved

    return resolved(real_site)


@pytest.fixture(scope="session")
def browser():
    from browser_support import launch

    with launch() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def write(paths: Paths, rel: str, text: str) -> Path:
    target = paths.practices / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def replace_in(paths: Paths, rel: str, old: str, new: str) -> None:
    target = paths.practices / rel
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    target.write_text(text.replace(old, new), encoding="utf-8")


def problems_of(paths: Paths):
    return load(paths).problems
