"""The command line: exit codes, readable output, and nothing lost on failure."""

import os
import subprocess
import sys

import pytest
from conftest import REPO, replace_in, write
from wijkpraktijk.cli import main
from wijkpraktijk.config import CACHE_ENV


def run(tree, *args):
    """The real entry point, ``python -m wijkpraktijk``, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "wijkpraktijk", "--root", str(tree.root), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "scripts"), "PATH": "/usr/bin:/bin", CACHE_ENV: os.environ[CACHE_ENV]},
    )


def test_the_entry_point_exits_with_the_status_and_messages_of_main(tree):
    (tree.practices / "praktijken" / "x.md").write_bytes(b"---\nid: [unclosed\n---\n")
    result = run(tree, "check")
    assert result.returncode == 1 and "practices/praktijken/x.md" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


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
def test_bad_input_gives_message_not_traceback(tree, content, capsys):
    """In process (main, as the entry point calls it): any exception would fail the test as a traceback would."""
    (tree.practices / "praktijken" / "x.md").write_bytes(content)
    assert main(["--root", str(tree.root), "check"]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.err + out.out
    assert "practices/praktijken/x.md" in out.err


def test_failed_generate_keeps_previous_pages(tree, capsys):
    assert main(["--root", str(tree.root), "generate"]) == 0
    page = tree.generated / "huisbezoek/index.md"
    before = page.read_text()
    replace_in(tree, "methoden/huisbezoek.md", "title: Huisbezoek", "title: Huisbezoek nieuw")
    write(tree, "begrippen/kapot.md", "---\nid: [\n---\n")
    assert main(["--root", str(tree.root), "generate"]) == 1
    assert page.read_text() == before
    assert "kapot.md" in capsys.readouterr().err
