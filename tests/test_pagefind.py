"""The Pagefind step: the pinned npm binary, and a clear message when it is missing."""

from __future__ import annotations

import json
import subprocess

from conftest import REPO
from wijkpraktijk import search_index


def test_binary_is_the_version_pinned_in_package_json():
    pinned = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["optionalDependencies"]
    binary = search_index.pagefind_binary()
    assert binary.parent.parent.name in {name.split("/")[1] for name in pinned}
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True, check=True).stdout
    assert version.split()[-1] == pinned[f"@pagefind/{binary.parent.parent.name}"]


def test_missing_binary_fails_with_a_fix_and_no_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(search_index, "NODE_MODULES", tmp_path / "node_modules")
    (tmp_path / "site").mkdir()
    assert search_index.build_search_index(tmp_path / "site") != 0
    err = capsys.readouterr().err
    assert "zoekindex" in err and "make setup" in err and "Traceback" not in err
    assert not (tmp_path / "site" / "pagefind").exists()
