"""A hostile contribution cannot put markup on a built page, and a failed build keeps site/."""

from __future__ import annotations

import pytest
from conftest import FIXTURE
from sitecheck import build, copy_repo
from wijkpraktijk.cli import main

pytestmark = pytest.mark.slow


def test_hostile_front_matter_is_inert_in_html(tmp_path):
    paths = copy_repo(tmp_path, practices=FIXTURE / "practices")
    method = paths.practices / "methoden" / "huisbezoek.md"
    text = method.read_text(encoding="utf-8")
    text = text.replace("title: Huisbezoek", "title: '<script>alert(1)</script>\"><img src=x onerror=alert(2)>'")
    text = text.replace(
        "summary: Regelmatig langsgaan bij een bewoner om vertrouwen op te bouwen.",
        "summary: '\"><script>alert(3)</script> Regelmatig langsgaan bij een bewoner.'",
    )
    method.write_text(text, encoding="utf-8")
    build(paths)  # with the downloads: the offline copy is scanned too
    for page in paths.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, page


def test_failed_build_keeps_previous_site(tmp_path, capsys):
    paths = copy_repo(tmp_path, practices=FIXTURE / "practices")
    build(paths, downloads=False)
    marker = paths.site / "index.html"
    before = marker.read_text(encoding="utf-8")
    (paths.practices / "begrippen" / "kapot.md").write_text("---\nid: kapot\n", encoding="utf-8")
    assert main(["--root", str(paths.root), "build"]) == 1
    assert marker.read_text(encoding="utf-8") == before
    assert (paths.generated / "huisbezoek/index.md").exists()


def test_failed_mkdocs_build_keeps_previous_site(tmp_path):
    paths = copy_repo(tmp_path, practices=FIXTURE / "practices")
    build(paths, downloads=False)
    before = (paths.site / "index.html").read_text(encoding="utf-8")
    (paths.docs / "index.md").write_text("# Home\n\n[kapot](bestaat-niet.md)\n", encoding="utf-8")
    assert main(["--root", str(paths.root), "build"]) == 1
    assert (paths.site / "index.html").read_text(encoding="utf-8") == before
