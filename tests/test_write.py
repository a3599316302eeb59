"""Writer: changed-only, atomic, stale files removed, never outside its folder."""

import pytest
from wijkpraktijk.write import MARKER, UnsafePath, sync


def test_changed_only_and_stale_removal(tmp_path):
    out = tmp_path / "docs" / "kennisbank"
    report = sync(out, {"a.md": "A", "sub/b.md": "B"})
    assert sorted(report.written) == ["a.md", "sub/b.md"] and (out / MARKER).exists()
    mtime = (out / "a.md").stat().st_mtime_ns
    report = sync(out, {"a.md": "A", "c.md": "C"})
    assert report.written == ["c.md"] and report.unchanged == 1 and report.removed == ["sub/b.md"]
    assert (out / "a.md").stat().st_mtime_ns == mtime
    assert not (out / "sub").exists()


@pytest.mark.parametrize("bad", ["../escape.md", "/abs.md", "a/../../b.md", "nul\x00.md", "back\\slash.md", ""])
def test_refuses_paths_outside(tmp_path, bad):
    out = tmp_path / "gen"
    handwritten = tmp_path / "index.md"
    handwritten.write_text("hand")
    with pytest.raises(UnsafePath):
        sync(out, {"ok.md": "x", bad: "y"})
    assert not (out / "ok.md").exists()  # nothing written when one path is bad
    assert handwritten.read_text() == "hand"
