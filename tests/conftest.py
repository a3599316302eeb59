"""Shared fixtures: a small valid knowledge base in a temp tree, and the real repo."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from sitecheck import GENERATED_IN_DOCS
from wijkpraktijk.config import CACHE_ENV, Paths
from wijkpraktijk.engine import BUILD_ENGINE
from wijkpraktijk.pipeline import generate, load

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "kb"

# Property tests draw the same cases on every run of make test, so a red run always means a change, never a new
# random draw (stop 31: the fuzzer found '![[' in CI, by chance, and the whole submission did not land).
# `make fuzz` draws new cases on each run; what it finds becomes an @example in the test.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def pytest_configure(config):
    """The test trees' caches in one throwaway folder, not in the user's own (config.CACHE_ENV); subprocesses too."""
    config.wijkpraktijk_cache = tempfile.mkdtemp(prefix="wijkpraktijk-test-cache-")
    os.environ[CACHE_ENV] = config.wijkpraktijk_cache


def pytest_unconfigure(config):
    shutil.rmtree(getattr(config, "wijkpraktijk_cache", ""), ignore_errors=True)


def _fixture_tree(root: Path) -> Paths:
    """A copy of the fixture knowledge base plus the real site config in ``root``."""
    shutil.copytree(FIXTURE / "practices", root / "practices")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(REPO / "docs", root / "docs", ignore=GENERATED_IN_DOCS)
    return Paths(root)


@pytest.fixture(scope="session")
def fixture_cache(tmp_path_factory) -> Path:
    """The caches (citations, QR codes, bodies) of the fixture knowledge base, generated once per session.

    Each tree is a new checkout, so its own cache folder (Paths.cache) would start cold: formatting the APA texts
    and drawing the QR codes again took about 0.35 s of every test that generates. The cache is content-keyed
    (input plus a digest of the rules, library versions and Markdown settings), so a tree that changes a body,
    a source or mkdocs.yml misses on what it changed and makes it, exactly as a second run of a real checkout
    does. Tests of a cold cache use ``cold_tree``.
    """
    paths = _fixture_tree(tmp_path_factory.mktemp("fixture-cache"))
    loaded, report = generate(paths)
    assert report is not None, [p.format() for p in loaded.problems]
    return paths.cache


@pytest.fixture
def cold_tree(tmp_path: Path) -> Paths:
    """A copy of the fixture knowledge base plus the real site config, safe to modify; its cache empty."""
    return _fixture_tree(tmp_path)


@pytest.fixture
def tree(cold_tree: Paths, fixture_cache: Path) -> Paths:
    """``cold_tree`` with the fixture's caches copied in (``fixture_cache``), as after one earlier run."""
    shutil.copytree(fixture_cache, cold_tree.cache)
    return cold_tree


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Paths:
    """The real practices/ built once per test session by the build engine, in a private copy of the repo."""
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


# The engines whose build the browser gates run on. By default only the build engine (engine.BUILD_ENGINE):
# every gate on the other engine's build as well adds about 150 browser tests (about 6 minutes on 2 cores).
# WP_GATE_ENGINES=mkdocs,zensical make test runs them on both; the parity test (test_engines.py) builds with
# both engines in every run.
GATE_ENGINES = tuple(
    name.strip() for name in os.environ.get("WP_GATE_ENGINES", BUILD_ENGINE).split(",") if name.strip()
)


@pytest.fixture(scope="session", params=GATE_ENGINES)
def engine_site(request, tmp_path_factory) -> Paths:
    """The real practices/ built by each engine of GATE_ENGINES: the browser gates run on each build.

    The build engine's is ``real_site`` itself; the other's is built only when a test asks for it.
    """
    if request.param == BUILD_ENGINE:
        return request.getfixturevalue("real_site")
    from sitecheck import build, copy_repo

    paths = copy_repo(tmp_path_factory.mktemp(f"real-site-{request.param}"))
    build(paths, downloads=False, engine=request.param)
    return paths


@pytest.fixture(scope="session")
def engine_url(engine_site: Paths):
    """``engine_site`` served over HTTP on loopback."""
    from browser_support import serve_directory

    with serve_directory(engine_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def engine_page_kinds(engine_site: Paths):
    """``page_kinds`` of ``engine_site``."""
    from page_kinds import resolved

    return resolved(engine_site)


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


@pytest.fixture(scope="module")
def tabs(browser):
    """browser_support.Tabs: one reused tab per set of context options, for one module's page-by-page gates."""
    from browser_support import Tabs

    opened = Tabs(browser)
    yield opened
    opened.close()


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


def render_all(kb, graph, paths: Paths | None = None, **site) -> dict[str, str | bytes]:
    """Every page of the subtree as the page makers make it (makers.collect), without writing anything."""
    from wijkpraktijk import makers, pages

    return makers.collect(pages.Site(kb, graph, paths or Paths(REPO), **site))


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="write the fixture's generated pages into tests/golden/ instead of comparing (test_golden.py)",
    )
    parser.addoption(
        "--screenshots",
        action="store_true",
        help="also save a full-page screenshot of every kind of page at both sizes (test_layout.py)",
    )


# -- markers: every test that builds the real site or starts a browser is slow, found by its fixtures --------

SLOW_FIXTURES = frozenset(
    {"real_site", "site_url", "page_kinds", "engine_site", "engine_url", "engine_page_kinds"}
)  # the real practices/ built once per session
BROWSER_FIXTURES = frozenset({"browser", "page", "tabs"})  # Debian's Chromium


def pytest_collection_modifyitems(config, items):
    """So `pytest -m "not slow"` runs without a site build or a browser, whatever a test file declares."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & (SLOW_FIXTURES | BROWSER_FIXTURES):
            item.add_marker(pytest.mark.slow)
