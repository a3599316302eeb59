"""The preview renders again only what an edit changed, and never leaves a stale page (issue 25, item 1).

make serve keeps the previous run's entry pages with what each one read (render.PageMemo); these tests edit
the real content the way a contributor does and compare every generated file with a run from scratch.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from sitecheck import REPO, copy_repo
from wijkpraktijk import citing, makers
from wijkpraktijk.config import CARDS_PAGE
from wijkpraktijk.pages import Site
from wijkpraktijk.pipeline import Memo, generate, load
from wijkpraktijk.write import MANIFEST, MARKER

TODAY = dt.date(2026, 12, 1)
EDITED = "krachtstroom-wezep"
LINK = "\n\nZie ook [[vilans]] [@krachtstroom-column].\n"


class Preview:
    """What make serve keeps between runs, and each run's report."""

    def __init__(self, paths):
        self.paths, self.memo = paths, Memo()

    def run(self):
        loaded, report = generate(self.paths, memo=self.memo)
        assert report is not None, "\n".join(p.format() for p in loaded.problems)
        return report


def _on_disk(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name not in (MARKER, MANIFEST)
    }


def _from_scratch(paths) -> dict[str, bytes]:
    """Every generated file as a fresh process would write it: no reader, no memo."""
    loaded = load(paths)
    site = Site(loaded.kb, loaded.graph, paths, loaded.synonyms, citing.build(paths, loaded.kb))
    return {k: v if isinstance(v, bytes) else v.encode("utf-8") for k, v in makers.collect(site).items()}


def _edit(paths, entry_id: str, change) -> None:
    source = next(paths.practices.rglob(f"{entry_id}.md"))
    source.write_text(change(source.read_text(encoding="utf-8")), encoding="utf-8")


def _set_field(name: str, value: str):
    return lambda text: re.sub(rf"^{name}: .*$", f"{name}: {value}", text, count=1, flags=re.M)


@pytest.fixture(scope="module")
def _warm_preview(tmp_path_factory):
    """One copy of the real content generated once (cold, that is most of these tests' time)."""
    preview = Preview(copy_repo(tmp_path_factory.mktemp("incremental")))
    preview.run()
    return preview


@pytest.fixture
def preview(_warm_preview):
    """The warm preview, its practices/ put back as the checkout has them after each test, and run again: the
    next test starts from the unedited content (test_an_unchanged_run_renders_no_entry_page checks that)."""
    yield _warm_preview
    practices = _warm_preview.paths.practices
    shutil.rmtree(practices)
    shutil.copytree(REPO / "practices", practices)
    _warm_preview.run()


def test_a_title_edit_rewrites_exactly_the_pages_that_show_it(preview):
    title = "Krachtstroom testtitel Zwaluwstaart"
    _edit(preview.paths, EDITED, _set_field("title", title))
    report = preview.run()
    files = _on_disk(preview.paths.generated)
    assert files == _from_scratch(preview.paths)  # no stale page anywhere
    showing = {path for path, data in files.items() if title.encode() in data}
    assert set(report.written) == showing, "herschreven zonder de titel, of met de titel maar niet herschreven"
    entry_pages = {p for p in showing if p.count("/") == 1 and p.endswith("/index.md") and p != CARDS_PAGE}
    assert f"{EDITED}/index.md" in entry_pages and len(entry_pages) > 5  # the pages that link to it or that it links to
    # Only the pages that read the title were rendered again, not all 68.
    assert preview.memo.pages.rendered < len(files) / 4


def test_edits_of_links_summaries_and_entries_never_leave_a_stale_page(preview):
    paths = preview.paths
    steps = [
        (EDITED, _set_field("summary", "Een nieuwe samenvatting voor de test.")),
        # A new body link: the target's backlinks ('Genoemd in') and neighbourhood change.
        (EDITED, lambda text: text.rstrip("\n") + LINK),
        ("vilans", _set_field("title", "Vilans, hernoemd")),
        (EDITED, lambda text: text.replace(LINK, "\n")),  # the link goes again
    ]
    for entry_id, change in steps:
        _edit(paths, entry_id, change)
        report = preview.run()
        assert _on_disk(paths.generated) == _from_scratch(paths), f"verouderde pagina na {entry_id}"
        assert report.written
    # An entry added (every page is rendered: the counts change), then removed: its page goes.
    original = next(paths.practices.rglob("zorgmijder.md"))
    added = original.with_name("testbegrip.md")
    text = original.read_text(encoding="utf-8").replace("id: zorgmijder", "id: testbegrip")
    added.write_text(_set_field("title", "Testbegrip")(re.sub(r"^aliases:.*?(?=^\w)", "", text, flags=re.M | re.S)))
    assert "testbegrip/index.md" in preview.run().written
    assert _on_disk(paths.generated) == _from_scratch(paths)
    added.unlink()
    assert "testbegrip/index.md" in preview.run().removed
    assert _on_disk(paths.generated) == _from_scratch(paths)


def test_an_unchanged_run_renders_no_entry_page(preview):
    report = preview.run()
    assert report.written == [] and preview.memo.pages.rendered == 0
