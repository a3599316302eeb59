"""The command line: exit codes, readable output, and nothing lost on failure."""

import os
import subprocess
import sys

import pytest
from conftest import REPO, replace_in, write
from wijkpraktijk.cli import main
from wijkpraktijk.config import CACHE_ENV


def run(tree, *args):
    return subprocess.run(
        [sys.executable, "-m", "wijkpraktijk", "--root", str(tree.root), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "scripts"), "PATH": "/usr/bin:/bin", CACHE_ENV: os.environ[CACHE_ENV]},
    )


def test_check_ok(tree, capsys):
    assert main(["--root", str(tree.root), "check"]) == 0
    assert "In orde: 6" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"no front matter",
        b"---\nid: [unclosed\n---\n",
        b"---\nid: x\n",
        "---\ntitle: caf\xe9\n---\n".encode("latin-1"),
        b"---\n" + b"[" * 5000 + b"\n---\n",
        b"---\na: !!python/object/apply:os.system [echo hi]\n---\n",
        b"---\nid: x\ntype: practice\nreviewed: 2026-02-30\n---\n",
    ],
)
def test_bad_input_gives_message_not_traceback(tree, content):
    (tree.practices / "praktijken" / "x.md").write_bytes(content)
    result = run(tree, "check")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "practices/praktijken/x.md" in result.stderr


def test_failed_generate_keeps_previous_pages(tree, capsys):
    assert main(["--root", str(tree.root), "generate"]) == 0
    page = tree.generated / "huisbezoek.md"
    before = page.read_text()
    replace_in(tree, "methoden/huisbezoek.md", "title: Huisbezoek", "title: Huisbezoek nieuw")
    write(tree, "begrippen/kapot.md", "---\nid: [\n---\n")
    assert main(["--root", str(tree.root), "generate"]) == 1
    assert page.read_text() == before
    assert "kapot.md" in capsys.readouterr().err
