"""What a checkout may not hold before anything is built: build state git tracks, and symlinks the build would read.

Why: a pull request carries more than a reviewer reads. A file .gitignore keeps out can still be force-added
(``git add -f``): a cache the build trusts, compiled Python that is imported before the .py beside it, a .venv or
node_modules/ whose stamp makes set-up skip the install, a .env that decap-server reads. And a symlink in
practices/, docs/ or overrides/ makes the build publish a file from outside the repository (.git/config, which
holds CI's token, or /etc/hostname). Both are refused here, in Dutch, before anything is read or written.

Only the standard library and nothing from this package: the Makefile runs this file first, with the system
Python in isolated mode (``python3 -I scripts/wijkpraktijk/guard.py``), before .venv or any module of the
checkout is used. ``pipeline.load`` calls ``check`` too, so every command and every test tree gets the same rules.
"""

from __future__ import annotations

import fnmatch
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

# What the build makes or installs itself (folder → what it is): a pull request never carries any of it.
BUILD_STATE = {
    ".cache": "een cache van de bouw",
    "site": "de gebouwde site",
    "site.old": "de gebouwde site",
    "docs/kennisbank": "gegenereerde pagina's",
    "docs/admin": "het gegenereerde formulier",
    ".venv": "geïnstalleerde Python-pakketten",
    "node_modules": "geïnstalleerde npm-pakketten",
}
# The same, anywhere in the tree (file name pattern → what it is); __pycache__/ holds *.pyc.
ANYWHERE = {
    ".env": "instellingen voor decap-server (het formulier)",
    "*.generated.yml": "een gegenereerde MkDocs-configuratie",
    "*.py[co]": "gecompileerde Python-code",
    "*.so": "gecompileerde code",
}
IGNORED = "een bestand dat .gitignore buiten de repository houdt"
READ_BY_BUILD = ("practices", "docs", "overrides")  # no symlink anywhere below these
READ_FILES = ("mkdocs.yml",)
SHOWN = 20  # findings listed one by one; the rest are counted


class Finding(NamedTuple):
    path: str  # relative to the checkout, with forward slashes
    message: str
    hint: str


def _git_files(root: Path, *args: str) -> list[str] | None:
    """``git ls-files`` in ``root``, or None where git or a repository is missing."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", *args],
            capture_output=True,
            timeout=60,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    return [name for name in result.stdout.decode("utf-8", "replace").split("\0") if name]


def _folder(name: str) -> str | None:
    return next((f for f in BUILD_STATE if name == f or name.startswith(f + "/")), None)


def _what(name: str) -> str:
    """What a tracked file that matched one of the rules is, in Dutch."""
    folder = _folder(name)
    if folder is not None:
        return BUILD_STATE[folder]
    base = name.rsplit("/", 1)[-1]
    return next((what for pattern, what in ANYWHERE.items() if fnmatch.fnmatchcase(base, pattern)), IGNORED)


def tracked_build_state(root: Path) -> list[Finding]:
    """Files git tracks that the build makes itself, or that .gitignore keeps out (two ``git ls-files``).

    One finding per file, but one per folder of BUILD_STATE, however many files it holds.
    """
    specs = [f":(literal){folder}" for folder in BUILD_STATE] + [f":(glob)**/{p}" for p in ANYWHERE]
    names = set(_git_files(root, "--", *specs) or [])
    names.update(_git_files(root, "--cached", "--ignored", "--exclude-standard") or [])
    grouped: dict[str, list[str]] = {}
    for name in sorted(names):
        grouped.setdefault(_folder(name) or name, []).append(name)
    found = []
    for key, members in grouped.items():
        shown = key if members == [key] else f"{key}/"
        count = f" ({len(members)} bestand(en), zoals {members[0]})" if members != [key] else ""
        found.append(
            Finding(
                shown,
                f"Git bewaart hier {_what(members[0])}{count}. Dat hoort niet in de repository: een meegestuurd "
                "exemplaar kan code of HTML buiten elke controle om in de bouw of op de site brengen.",
                f"Haal het uit git (wat op je schijf staat, blijft staan): git rm -r --cached -- '{shown}'",
            )
        )
    return found


def _symlink(rel: str) -> Finding:
    return Finding(
        rel,
        f"{rel} is een snelkoppeling (symbolische link). De bouw volgt geen snelkoppelingen in practices/, docs/ "
        "en overrides/: zo kan geen bestand van buiten de repository op de site komen.",
        f"Zet het bestand of de map zelf op deze plek, of haal de koppeling weg: git rm -- '{rel}'",
    )


def symlinks(root: Path) -> list[Finding]:
    """Every symlink in the folders the build reads, and the files it reads, without following any."""
    found: list[Finding] = []
    for name in READ_FILES:
        if (root / name).is_symlink():
            found.append(_symlink(name))
    for top in READ_BY_BUILD:
        if (root / top).is_symlink():
            found.append(_symlink(top))
            continue
        for folder, dirs, files in os.walk(root / top):  # os.walk never descends into a linked folder
            for name in dirs + files:
                path = os.path.join(folder, name)
                if os.path.islink(path):
                    found.append(_symlink(Path(path).relative_to(root).as_posix()))
    return sorted(found)


def check(root: Path) -> list[Finding]:
    """Everything this module refuses in the checkout at ``root``; at most SHOWN of them, then a count."""
    found = symlinks(root) + tracked_build_state(root)
    if len(found) <= SHOWN:
        return found
    rest = len(found) - SHOWN
    return found[:SHOWN] + [
        Finding(".", f"En nog {rest} bestand(en) van dezelfde soort.", "Los eerst de meldingen hierboven op.")
    ]


def _shown(text: str) -> str:
    """Control characters in a file name written out (\\x1b), so a terminal shows them instead of obeying."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: repr(m.group())[1:-1], text)


def _escape(text: str) -> str:
    """As GitHub's toolkit escapes a workflow command's data, so a file name cannot end it early."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def main(root: Path) -> int:
    found = check(root)
    for finding in found:
        print(_shown(f"{finding.path}: {finding.message}") + "\n    → " + _shown(finding.hint), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            where = _escape(finding.path).replace(":", "%3A").replace(",", "%2C")
            print(_shown(f"::error file={where}::{_escape(finding.message + ' ' + finding.hint)}"))
    if found:
        print(f"\n{len(found)} fout(en) in de checkout. Er is niets gebouwd of overschreven.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2]))
