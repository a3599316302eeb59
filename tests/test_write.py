"""Writer: changed-only, atomic, stale files removed, never outside its folder."""

import os
from pathlib import Path

import pytest
from wijkpraktijk.write import MANIFEST, MARKER, UnsafePath, sync


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


def test_unchanged_files_are_not_read_again(tmp_path, monkeypatch):
    out = tmp_path / "gen"
    sync(out, {"a.md": "A" * 100, "qr/a.png": b"\x89PNG"})
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"read {self}"))
    report = sync(out, {"a.md": "A" * 100, "qr/a.png": b"\x89PNG"})
    assert report.unchanged == 2 and not report.written


def test_a_hand_edited_generated_file_is_put_back(tmp_path):
    out = tmp_path / "gen"
    sync(out, {"a.md": "origineel"})
    target = out / "a.md"
    target.write_text("veranderd")  # same length, new content and time
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 1_000_000))
    report = sync(out, {"a.md": "origineel"})
    assert report.written == ["a.md"] and target.read_text() == "origineel"


@pytest.mark.parametrize("manifest", ["{kapot", "[]", ""])
def test_a_damaged_manifest_only_costs_a_read(tmp_path, manifest):
    out = tmp_path / "gen"
    sync(out, {"a.md": "A"})
    (out / MANIFEST).write_text(manifest)
    report = sync(out, {"a.md": "A", "b.md": "B"})
    assert report.written == ["b.md"] and report.unchanged == 1
    assert sync(out, {"a.md": "A", "b.md": "B"}).unchanged == 2


def test_written_files_are_readable_like_any_other_file(tmp_path):
    """mkstemp makes 0600 files; generated pages and site files get what the umask allows (0644 with 022)."""
    import stat

    from wijkpraktijk.write import FILE_MODE, UMASK

    pages = {"a.md": "A", "qr/b.png": b"\x89PNG"}
    sync(tmp_path / "out", pages)
    for rel in ("a.md", "qr/b.png", MANIFEST):
        assert stat.S_IMODE((tmp_path / "out" / rel).stat().st_mode) == FILE_MODE == 0o666 & ~UMASK
    (tmp_path / "out" / "a.md").chmod(0o600)  # as older versions left them
    assert sync(tmp_path / "out", pages).unchanged == 2
    assert stat.S_IMODE((tmp_path / "out" / "a.md").stat().st_mode) == FILE_MODE
