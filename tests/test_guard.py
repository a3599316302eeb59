"""What a checkout may not hold (guard.py): build state that git tracks, and symlinks where the build reads.

A pull request carries more than its diff shows a reviewer: a force-added cache, compiled code, a .env, a
symlink. Each is refused in Dutch before anything is read or written, by ``make`` (the system Python, before
.venv exists) and by every command of the package.
"""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
import subprocess
from hashlib import sha1
from pathlib import Path

import orjson
import pytest
from conftest import FIXTURE, REPO
from jinja2.bccache import bc_magic
from sitecheck import copy_repo
from wijkpraktijk import guard, pages
from wijkpraktijk.cli import main
from wijkpraktijk.config import Paths

GUARD = REPO / "scripts" / "wijkpraktijk" / "guard.py"
POISON = '<p>Deze pagina is verhuisd.</p><meta http-equiv="refresh" content="0;url=http://127.0.0.1:9911/phish">'


def _git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env.update(GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def committed(tmp_path_factory) -> Path:
    """The site's files with the fixture's content, committed, as a fork's branch holds them: made once per
    module (git add and commit were most of each test's time); each test works on its own copy."""
    root = tmp_path_factory.mktemp("committed") / "repo"
    root.mkdir()
    copy_repo(root, practices=FIXTURE / "practices")
    shutil.copy(REPO / ".gitignore", root / ".gitignore")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "eerste")
    return root


def _repository(root: Path, committed: Path, caches: Path) -> Paths:
    """A copy of ``committed`` at ``root``; ``caches``: the fixture's (conftest.fixture_cache), copied to where
    this checkout's go, as after an earlier run."""
    shutil.copytree(committed, root, symlinks=True)
    paths = Paths(root)
    shutil.copytree(caches, paths.cache)
    return paths


def _run_guard(root: Path) -> subprocess.CompletedProcess:
    """As the Makefile runs it: the system Python, isolated, before any of the package is imported."""
    return subprocess.run(["python3", "-I", str(GUARD), str(root)], capture_output=True, text=True)


def _jinja_payloads(folder: Path, marker: Path) -> None:
    """The review's bytecode files: Jinja's magic, then a pickle that runs code when loaded (open() makes a file)."""

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    folder.mkdir(parents=True)
    for template in pages.TEMPLATES.glob("*.j2"):
        key = sha1(template.name.encode())
        key.update(f"|{os.path.join(str(pages.TEMPLATES), template.name)}".encode())
        (folder / f"__jinja2_{key.hexdigest()}.cache").write_bytes(bc_magic + pickle.dumps(Payload(), 2))


def test_a_fork_with_a_committed_cache_and_env_is_refused_and_its_files_never_read(
    tmp_path, capsys, committed, fixture_cache
):
    """Security review 3, B1, B2 and A15 in one pull request; the clone is what CI and a maintainer check out."""
    fork = _repository(tmp_path / "fork", committed, fixture_cache)
    assert main(["--root", str(fork.root), "generate"]) == 0  # a real body cache to poison
    poisoned = fork.root / ".cache" / "bodies" / "cache.sqlite3"
    poisoned.parent.mkdir(parents=True)
    shutil.copy(fork.cache / "bodies" / "cache.sqlite3", poisoned)
    with sqlite3.connect(poisoned) as db:
        db.execute("UPDATE entries SET value = ?", (orjson.dumps([[[0, POISON]], []]),))
    marker = tmp_path / "the-payload-ran"
    _jinja_payloads(fork.root / ".cache" / "jinja", marker)
    (fork.root / ".env").write_text("# lokale instellingen voor het formulier\nORIGIN=*\n", encoding="utf-8")
    _git(fork.root, "add", "-f", ".cache", ".env")
    _git(fork.root, "commit", "-qm", "Nieuw: begrip (via het formulier)")

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(fork.root), str(clone)], check=True)
    result = _run_guard(clone)
    assert result.returncode == 1
    for path in (
        ".cache/: Git bewaart hier een cache",
        ".cache/bodies/cache.sqlite3",
        ".env: Git bewaart hier instell",
    ):
        assert path in result.stderr, result.stderr
    assert "Er is niets gebouwd" in result.stderr and "git rm -r --cached" in result.stderr
    capsys.readouterr()
    for command in ("check", "generate", "build"):
        assert main(["--root", str(clone), command]) == 1, command
    assert "bestand(en), zoals .cache/bodies/cache.sqlite3)" in capsys.readouterr().err
    assert not marker.exists() and not (clone / "site").exists() and not (clone / "docs" / "kennisbank").exists()

    # A maintainer's checkout where the files stay behind, untracked: nothing reads them.
    _git(clone, "rm", "-rq", "--cached", ".cache", ".env")
    assert main(["--root", str(clone), "generate"]) == 0
    assert not marker.exists(), "a bytecode file in the checkout was loaded"
    pages = "".join(p.read_text(encoding="utf-8") for p in (clone / "docs" / "kennisbank").glob("*.md"))
    assert "verhuisd" not in pages and "http-equiv" not in pages


@pytest.mark.parametrize(
    "name",
    [
        ".cache/handout/cache.sqlite3",
        "site/index.html",
        "site.old/index.html",
        "docs/kennisbank/huisbezoek.md",
        "docs/admin/config.yml",
        ".env",
        "practices/.env",
        "mkdocs.generated.yml",
        "node_modules/.package-lock.sha",  # set-up would skip npm ci and copy what the branch brought
        ".venv/bin/python",  # set-up would run it
        "scripts/wijkpraktijk/__pycache__/cli.cpython-311.pyc",  # an unchecked-hash .pyc runs without its .py
        "scripts/wijkpraktijk/cli.cpython-311-x86_64-linux-gnu.so",  # imported before cli.py
        "test-artifacts/notes.txt",  # anything .gitignore keeps out
    ],
)
def test_every_kind_of_committed_build_state_is_refused(tmp_path, name, capsys, committed, fixture_cache):
    paths = _repository(tmp_path / "repo", committed, fixture_cache)
    (paths.root / name).parent.mkdir(parents=True, exist_ok=True)
    (paths.root / name).write_text("x\n", encoding="utf-8")
    _git(paths.root, "add", "-f", name)
    shown = f"{name.split('/')[0]}/" if name.split("/")[0] in guard.BUILD_STATE else name
    shown = "docs/" + name.split("/")[1] + "/" if name.startswith("docs/") else shown
    assert [f.path for f in guard.check(paths.root)] == [shown]
    assert _run_guard(paths.root).returncode == 1
    assert main(["--root", str(paths.root), "check"]) == 1
    err = capsys.readouterr().err
    assert f"{shown}: Git bewaart hier" in err and f"git rm -r --cached -- '{shown}'" in err


def test_a_clean_repository_and_an_untracked_cache_pass(tmp_path, committed, fixture_cache):
    paths = _repository(tmp_path / "repo", committed, fixture_cache)
    (paths.root / ".cache").mkdir()  # left behind by an older version: ignored, untracked, never read
    (paths.root / ".cache" / "x").write_text("x", encoding="utf-8")
    assert guard.check(paths.root) == []
    assert _run_guard(paths.root).returncode == 0


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("docs/assets/leak-gitconfig.css", "../../.git/config"),  # security review 3, B4 (F6)
        ("docs/leak-hostname.txt", "/etc/hostname"),
        ("overrides/partials/leak.html", "/etc/hostname"),
        ("practices/_bestanden/leak.txt", "/etc/hostname"),  # I3: it broke the form's media library
        ("practices/_bestanden/inrepo.txt", "../../.git/config"),  # I3: the form served it
        ("practices/_sjablonen/begrip.md", "{outside}"),  # B5 (F5)
        ("practices/begrippen/gelinkt.md", "{outside}"),
        ("docs/kennisbank", "{outside_folder}"),
        ("mkdocs.yml", "{outside}"),
    ],
)
def test_a_symlink_where_the_build_reads_is_refused_before_anything_is_written(
    tmp_path, link, target, capsys, committed, fixture_cache
):
    paths = _repository(tmp_path / "repo", committed, fixture_cache)
    outside = tmp_path / "buiten.md"
    outside.write_text("---\nid: geheim\n---\nGEHEIM-BUITEN-DE-REPOSITORY\n", encoding="utf-8")
    (tmp_path / "buiten").mkdir()
    path = paths.root / link
    if path.exists():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target.format(outside=outside, outside_folder=tmp_path / "buiten"))
    assert main(["--root", str(paths.root), "check"]) == 1
    assert main(["--root", str(paths.root), "build"]) == 1
    err = capsys.readouterr().err
    assert f"{link}: {link} is een snelkoppeling (symbolische link)" in err
    assert not (paths.root / "site").exists() and not (paths.generated / "huisbezoek/index.md").exists()
    assert not list((tmp_path / "buiten").iterdir())
    assert _run_guard(paths.root).returncode == 1


def test_the_guard_runs_before_set_up_with_nothing_from_the_checkout_on_its_path(tmp_path):
    """The Makefile runs guard.py first, with python3 -I: a module planted beside it is never imported."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "GUARD := python3 -I scripts/wijkpraktijk/guard.py" in makefile
    for target in ("setup", "setup-dev"):
        recipe = makefile.split(f"\n{target}:\n", 1)[1]
        assert recipe.startswith("\t@$(GUARD)\n"), target
    copy = tmp_path / "scripts" / "wijkpraktijk"
    copy.mkdir(parents=True)
    shutil.copy(GUARD, copy / "guard.py")
    marker = tmp_path / "planted-module-ran"
    for name in ("subprocess.py", "os.py", "fnmatch.py"):
        (copy / name).write_text(f"open({str(marker)!r}, 'w')\n", encoding="utf-8")
    result = subprocess.run(["python3", "-I", str(copy / "guard.py"), str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not marker.exists()


# -- linked folders --------------------------------------------------------------------------------------


def test_a_linked_output_folder_deletes_nothing(tree, capsys):
    before = sorted(p.relative_to(tree.practices) for p in tree.practices.rglob("*"))
    (tree.docs / "kennisbank").symlink_to(tree.practices, target_is_directory=True)
    assert main(["--root", str(tree.root), "generate"]) == 1
    assert sorted(p.relative_to(tree.practices) for p in tree.practices.rglob("*")) == before
    assert "docs/kennisbank is een snelkoppeling" in capsys.readouterr().err


def test_a_linked_practices_folder_is_not_followed(tree, tmp_path_factory, capsys):
    elsewhere = tmp_path_factory.mktemp("elders") / "practices"
    tree.practices.rename(elsewhere)
    tree.practices.symlink_to(elsewhere, target_is_directory=True)
    assert main(["--root", str(tree.root), "check"]) == 1
    assert "practices is een snelkoppeling" in capsys.readouterr().err
