"""The modules of scripts/wijkpraktijk/ import only downward: no import circle can come back unnoticed.

LAYERS is the architecture of the README, floor by floor, lowest first. A module may import a module
listed before it (on its own floor or below), never one after it: any circle breaks that order. Imports
inside functions count too, and a new module must be given its floor here.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "wijkpraktijk"
LAYERS = (
    (
        "foundations",
        (
            "text",
            "diagnostics",
            "config",
            "guard",
            "cache",
            "write",
            "gitdates",
            "safety",
            "linkcheck",
            "engine",
            "layout",
            "leaks",
        ),
    ),
    ("schema", ("model", "types", "citations")),
    ("reading", ("read", "body", "vocabulary", "search_terms", "allowlist", "knowledge")),
    ("validation", ("leftovers", "rules", "validate")),
    ("graph", ("graph", "contributors")),
    ("outputs", ("citing", "export", "drawings", "search_index", "offline")),
    ("pages", ("pages", "render", "overviews", "views", "redirects", "meedoen", "makers", "new", "cms")),
    ("commands", ("pipeline", "downloads", "site", "cms_gate", "preview_search", "serve", "cli", "__main__")),
)
ORDER = [name for _, names in LAYERS for name in names]


def _imports(path: Path) -> set[str]:
    """The package modules ``path`` imports, anywhere in it (``from .x import y``, ``from . import x``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found.update([node.module.split(".")[0]] if node.module else [alias.name for alias in node.names])
    return found


def test_every_module_has_a_floor():
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert sorted(modules - set(ORDER)) == [] and sorted(set(ORDER) - modules) == []


def test_every_import_points_down():
    upward = []
    for position, name in enumerate(ORDER):
        for target in sorted(_imports(PACKAGE / f"{name}.py")):
            if target in ORDER and ORDER.index(target) >= position:
                upward.append(f"{name} imports {target}, which is not below it")
    assert upward == []


def test_importing_in_layer_order_never_loads_a_higher_module():
    """The same, at run time: importing each module in turn loads nothing that comes after it."""
    script = f"""
import importlib, sys
order = {ORDER!r}
for position, name in enumerate(order):
    importlib.import_module("wijkpraktijk." + name)
    later = [m for m in order[position + 1:] if "wijkpraktijk." + m in sys.modules]
    assert not later, f"importing {{name}} loaded {{later}}"
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=PACKAGE.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
