"""Shared fixtures: a small valid knowledge base in a temp tree, and the real repo."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from wijkpraktijk.config import Paths
from wijkpraktijk.pipeline import load

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "kb"


@pytest.fixture
def tree(tmp_path: Path) -> Paths:
    """A copy of the fixture knowledge base plus the real site config, safe to modify."""
    shutil.copytree(FIXTURE / "practices", tmp_path / "practices")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", tmp_path / "overrides")
    (tmp_path / "docs").mkdir()
    for item in (REPO / "docs").iterdir():
        if item.name == "kennisbank":
            continue
        if item.is_dir():
            shutil.copytree(item, tmp_path / "docs" / item.name)
        else:
            shutil.copy(item, tmp_path / "docs" / item.name)
    return Paths(tmp_path)


def write(paths: Paths, rel: str, text: str) -> Path:
    target = paths.practices / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def replace_in(paths: Paths, rel: str, old: str, new: str) -> None:
    target = paths.practices / rel
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    target.write_text(text.replace(old, new), encoding="utf-8")


def problems_of(paths: Paths):
    return load(paths).problems
