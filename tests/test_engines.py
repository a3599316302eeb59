"""The same docs/ built by MkDocs and by Zensical (engine.py), compared page by page.

The fixture knowledge base, with one entry renamed so a page at a former id is compared too, is built with
each engine. Every page must exist in both, with the same title, language, metadata (description, canonical,
robots, refresh, Pagefind's metadata and filters), headings with their ids, text of the content and Bronnen
list, and every link target. Link targets agree because every generated page is the index.md of its own
folder (config.page_file): Zensical reads a raw-HTML link from the source file, MkDocs from the page's address
(README, "Two engines").
"""

from __future__ import annotations

import pytest
import yaml
from conftest import FIXTURE
from engine_parity import facts, pages
from sitecheck import copy_repo
from wijkpraktijk import engine
from wijkpraktijk.linkcheck import broken_internal_links
from wijkpraktijk.pipeline import generate
from wijkpraktijk.site import build_site

pytestmark = pytest.mark.slow
OLD, NEW = "huisbezoek", "huisbezoek-thuis"


def renamed_fixture(root):
    """The fixture with huisbezoek renamed, its old id kept (as test_handout_browser.py does)."""
    paths = copy_repo(root, practices=FIXTURE / "practices")
    old = paths.practices / "methoden" / f"{OLD}.md"
    (paths.practices / "methoden" / f"{NEW}.md").write_text(
        old.read_text(encoding="utf-8").replace(f"id: {OLD}", f"id: {NEW}\nformer_ids: [{OLD}]"), encoding="utf-8"
    )
    old.unlink()
    for linking in set(paths.practices.glob("*/*.md")) - {paths.practices / "methoden" / f"{NEW}.md"}:
        text = linking.read_text(encoding="utf-8")
        for before, after in ((f"[{OLD}]", f"[{NEW}]"), (f"[[{OLD}|", f"[[{NEW}|"), (f"[[{OLD}]]", f"[[{NEW}]]")):
            text = text.replace(before, after)
        linking.write_text(text, encoding="utf-8")
    if not (paths.docs / "over.md").exists():
        (paths.docs / "over.md").write_text("# Over Wijkpraktijk\n", encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    built = {}
    for name in engine.ENGINES:
        paths = renamed_fixture(tmp_path_factory.mktemp(f"parity-{name}"))
        loaded, report = generate(paths)
        assert report is not None, loaded.problems
        assert build_site(paths, strict=True, downloads=False, engine=name) == 0
        built[name] = paths
    return built


def test_both_engines_build_the_same_pages(sites):
    assert pages(sites["mkdocs"].site) == pages(sites["zensical"].site)
    assert len(pages(sites["mkdocs"].site)) > 20
    assert (sites["zensical"].site / "kennisbank" / OLD / "index.html").exists()  # the generator's redirect page


@pytest.mark.parametrize("aspect", ["title", "lang", "meta", "headings", "text", "sources"])
def test_every_page_says_the_same_with_either_engine(sites, aspect):
    mkdocs, zensical = sites["mkdocs"].site, sites["zensical"].site
    compared = differ = 0
    differences = {}
    for rel in pages(mkdocs):
        ours, theirs = getattr(facts(mkdocs, rel), aspect), getattr(facts(zensical, rel), aspect)
        compared += bool(ours)
        if ours != theirs:
            differ += 1
            differences[rel] = (ours, theirs)
    assert differences == {}
    assert compared > 0 or aspect == "sources"


def test_the_bronnen_lists_were_compared(sites):
    """The Bronnen list is found on the entry pages (so its comparison above is not vacuous)."""
    site = sites["mkdocs"].site
    assert facts(site, f"kennisbank/{NEW}/index.html").sources
    assert facts(site, "kennisbank/buurtteam-voorbeeld/index.html").sources


def test_every_link_target_is_the_same_with_either_engine(sites):
    mkdocs, zensical = sites["mkdocs"].site, sites["zensical"].site
    assert {rel: facts(mkdocs, rel).links for rel in pages(mkdocs)} == {
        rel: facts(zensical, rel).links for rel in pages(mkdocs)
    }
    assert sum(len(facts(mkdocs, rel).links) for rel in pages(mkdocs)) > 200  # the comparison is not vacuous


@pytest.mark.parametrize("name", engine.ENGINES)
def test_no_internal_link_is_broken_on_either_build(sites, name):
    """Raw HTML too (bodies' [[links]], the neighbourhood drawing, timeline, map, cards), which neither engine's
    --strict checks. The downloads are not built here."""
    assert [line for line in broken_internal_links(sites[name].site) if "downloads/" not in line] == []


def test_every_generated_page_is_an_index_page(sites):
    """What keeps the links the same: a page's source file sits in its address's folder (config.page_file)."""
    generated = sites["mkdocs"].generated
    pages_written = [p for p in generated.rglob("*.md") if "_fragmenten" not in p.parts]
    assert pages_written and all(p.name == "index.md" for p in pages_written)


def test_zensical_gets_the_classic_look_no_search_of_its_own_and_the_navigation_once(sites):
    paths = sites["zensical"]
    home = (paths.site / "index.html").read_text(encoding="utf-8")
    assert "assets/stylesheets/classic/" in home and "assets/stylesheets/modern/" not in home
    assert 'class="md-search"' not in home  # so wp-search.js starts Pagefind's dialog
    config = yaml.safe_load((paths.root / engine.ZENSICAL_CONFIG).read_text(encoding="utf-8"))
    generated = yaml.safe_load((paths.root / engine.GENERATED_CONFIG).read_text(encoding="utf-8"))
    assert config["nav"] == generated["nav"] and "INHERIT" not in config
    assert config["plugins"] == {"search": {"enabled": False}}


def test_zensical_preview_writes_beside_site_never_into_it(tree):
    """make serve ENGINE=zensical: Zensical's preview writes its site_dir, so that is not site/."""
    generate(tree)
    command = engine.serve_command(tree, "zensical", "127.0.0.1:8000")
    assert command[1:4] == ["-m", "zensical", "serve"]
    preview = yaml.safe_load((tree.root / engine.ZENSICAL_PREVIEW_CONFIG).read_text(encoding="utf-8"))
    assert preview["site_dir"] == engine.PREVIEW_DIR != "site" and preview["theme"]["variant"] == "classic"
    assert engine.serve_command(tree, "mkdocs", "127.0.0.1:8000")[1:4] == ["-m", "mkdocs", "serve"]
    with pytest.raises(ValueError):
        engine.serve_command(tree, "hugo", "127.0.0.1:8000")


def test_the_command_line_takes_the_engine_and_refuses_another():
    from wijkpraktijk.cli import parser

    assert parser().parse_args(["build"]).engine == engine.BUILD_ENGINE == "zensical"
    assert parser().parse_args(["serve"]).engine == parser().parse_args(["cms"]).engine == engine.PREVIEW_ENGINE
    assert engine.PREVIEW_ENGINE == "mkdocs"
    assert parser().parse_args(["build", "--engine", "zensical"]).engine == "zensical"
    assert parser().parse_args(["serve", "--engine", "zensical"]).engine == "zensical"
    with pytest.raises(SystemExit):
        parser().parse_args(["build", "--engine", "hugo"])


def test_the_form_at_admin_is_the_same_file_with_either_engine(sites):
    """/admin/ is a page the generator writes whole (cms.py) and both engines copy: byte for byte the same, so
    the form's own browser tests (test_cms_browser.py) hold for either build."""
    mkdocs, zensical = sites["mkdocs"].site / "admin", sites["zensical"].site / "admin"
    files = sorted(p.relative_to(mkdocs).as_posix() for p in mkdocs.rglob("*") if p.is_file())
    assert "index.html" in files and files == sorted(
        p.relative_to(zensical).as_posix() for p in zensical.rglob("*") if p.is_file()
    )
    assert all((mkdocs / rel).read_bytes() == (zensical / rel).read_bytes() for rel in files)


def test_a_strict_zensical_build_fails_on_a_broken_link_and_keeps_the_site(tree, capsys):
    """make build ENGINE=zensical: a broken link in raw HTML, which Zensical's --strict does not see, fails the
    build as --strict fails on a warning; site/ stays."""
    generate(tree)
    assert build_site(tree, downloads=False, engine="mkdocs") == 0
    before = (tree.site / "index.html").read_bytes()
    with (tree.docs / "over.md").open("a", encoding="utf-8") as page:
        page.write('\n<p><a href="../kennisbank/bestaat-niet/">nergens</a></p>\n')
    assert build_site(tree, downloads=False, engine="zensical") == 1
    err = capsys.readouterr().err
    assert "1 kapotte interne link(s) in wat Zensical bouwde" in err and "bestaat-niet" in err
    assert (tree.site / "index.html").read_bytes() == before
