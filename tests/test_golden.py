"""Golden output: the fixture knowledge base generated, and every file compared with tests/golden/.

Why: a reviewer sees what a change does to the pages as a diff in the pull request, without a browser
(Pelican's tests/output/, mkdocs-gen-files' tests/nav/). After an intended change, accept it with

    .venv/bin/python -m pytest tests/test_golden.py --update-golden

and commit tests/golden/ with the change. File dates are fixed, and citations carry no date (the reader's
day is filled in on the page), so the output is the same on every machine.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
from pathlib import Path

import pytest
from wijkpraktijk.pipeline import generate

GOLDEN = Path(__file__).parent / "golden"
CHANGED = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC).timestamp()  # 'laatst gewijzigd' (no git: file times)
VENDORED = ("kennisbank/assets/vendor/", "admin/vendor/")  # copies of npm packages, not our output
# The generated MkDocs config, under a name guard.py lets git track: it refuses any *.generated.yml in a
# checkout (a committed one is what a build would read), and .gitignore keeps them out.
CONFIG_GOLDEN = "mkdocs-generated-config.yml"


def _generated(paths) -> dict[str, bytes]:
    for file in paths.practices.rglob("*"):
        os.utime(file, (CHANGED, CHANGED))
    loaded, report = generate(paths)
    assert report is not None, "\n".join(p.format() for p in loaded.problems)
    found = {}
    for folder in (paths.generated, paths.admin):
        for file in sorted(folder.rglob("*")):
            rel = file.relative_to(paths.docs).as_posix()
            if file.is_file() and not file.name.startswith(".") and not rel.startswith(VENDORED):
                found[rel] = file.read_bytes()
    found[CONFIG_GOLDEN] = (paths.root / "mkdocs.generated.yml").read_bytes()
    return found


def _diff(rel: str, old: bytes, new: bytes) -> str:
    try:
        lines = difflib.unified_diff(
            old.decode("utf-8").splitlines(), new.decode("utf-8").splitlines(), f"golden/{rel}", rel, lineterm="", n=1
        )
        return "\n".join(list(lines)[:40])
    except UnicodeDecodeError:
        return f"{rel}: binary file differs"


def test_generated_pages_equal_the_golden_files(tree, request):
    found = _generated(tree)
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, data in found.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(data)
        pytest.skip(f"tests/golden/ rewritten: {len(found)} files; review the diff and commit it")
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in sorted(GOLDEN.rglob("*")) if p.is_file()}
    problems = [f"new file {rel}" for rel in found.keys() - golden.keys()]
    problems += [f"missing file {rel}" for rel in golden.keys() - found.keys()]
    problems += [
        _diff(rel, golden[rel], found[rel]) for rel in sorted(found.keys() & golden.keys()) if golden[rel] != found[rel]
    ]
    assert not problems, (
        "The generated pages differ from tests/golden/ (accept an intended change with "
        "`pytest tests/test_golden.py --update-golden`):\n" + "\n".join(problems[:30])
    )
