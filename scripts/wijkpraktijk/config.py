"""Where things live. One place, so tests can point the pipeline at a temp tree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

GENERATED_SUBTREE = "kennisbank"


@dataclass(frozen=True)
class Paths:
    root: Path

    @property
    def practices(self) -> Path:
        return self.root / "practices"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def generated(self) -> Path:
        return self.docs / GENERATED_SUBTREE

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"


def repo_root() -> Path:
    return Path(__file__).resolve().parents[2]
