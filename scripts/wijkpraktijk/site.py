"""Turn docs/ into site/ with MkDocs and Pagefind, without ever leaving a half-built site/.

The generator stays independent of MkDocs: this module only runs the
``mkdocs`` command on a finished docs/, so Zensical could replace it.

Search runs on Pagefind, not Material's own search, which ships one JSON
index of the whole site to every visitor (megabytes at thousands of pages).
Pagefind splits the index into small chunks that the browser fetches per
query, stems Dutch, folds diacritics and supports the filters of the explore
page. It runs on the temporary build folder before the swap, so a failed
index keeps the previous site/. The binary comes from the pinned npm package
(1.6 searches a large index several times as fast as 1.5.2, the newest on PyPI).
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import safety
from .config import NODE_MODULES, Paths
from .engine import DEFAULT_ENGINE, build, config_file, output_problems
from .write import DIR_MODE

OUTPUT_SUBDIR = "pagefind"
BUILDING_PREFIX = ".site-"  # the site being built (git-ignored), swapped in as site/ when complete
_NPM_CPU = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}


def pagefind_binary() -> Path:
    """The binary from the platform package that scripts/setup/npm.sh installed (package-lock.json)."""
    cpu = _NPM_CPU.get(platform.machine().lower(), platform.machine().lower())
    return NODE_MODULES / "@pagefind" / f"linux-{cpu}" / "bin" / "pagefind_extended"


def build_search_index(site_dir: Path) -> int:
    """Index ``site_dir`` into ``site_dir/pagefind``; returns the exit status."""
    cmd = [
        str(pagefind_binary()),
        "--site",
        str(site_dir),
        "--output-subdir",
        OUTPUT_SUBDIR,
        "--force-language",
        "nl",
        "--exclude-selectors",
        ".headerlink",
        "--quiet",
    ]
    fix = (
        "→ Voer 'make setup' uit: scripts/setup/npm.sh installeert Pagefind uit package-lock.json "
        "(@pagefind/linux-x64 of -arm64; voor andere systemen is er geen pakket)."
    )
    try:
        result = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as exc:
        print(
            f"De zoekindex (Pagefind) kon niet worden gemaakt: {exc.strerror or exc}: {cmd[0]}\n{fix}", file=sys.stderr
        )
        return 2
    if result.returncode != 0 or not (site_dir / OUTPUT_SUBDIR / "pagefind.js").exists():
        print(
            "De zoekindex (Pagefind) kon niet worden gemaakt:\n"
            + (result.stderr or result.stdout)[-2000:]
            + "\n"
            + fix,
            file=sys.stderr,
        )
        return result.returncode or 2
    return 0


def build_site(
    paths: Paths,
    strict: bool = True,
    extra_args: list[str] | None = None,
    downloads: bool = True,
    engine: str = DEFAULT_ENGINE,
) -> int:
    """Build into a temporary folder with ``engine`` (engine.ENGINES) and swap it in only when that succeeded."""
    # Next to site/, so the swap below is one rename; mkdtemp's random name is never one a checkout carries.
    tmp = Path(tempfile.mkdtemp(prefix=BUILDING_PREFIX, dir=paths.root))
    tmp.chmod(DIR_MODE)  # becomes site/: readable like any folder, not 0700
    from .downloads import DownloadError, OfflineBuild, add_downloads

    offline = OfflineBuild(paths) if downloads else None  # the offline copy builds on the other core meanwhile
    try:
        flags = (*(["--strict"] if strict else []), *(extra_args or []))
        status = build(paths, config_file(paths), tmp, *flags, engine=engine)
        if status != 0:
            shutil.rmtree(tmp, ignore_errors=True)
            return status
        problems = output_problems(engine, tmp, downloads)
        if problems:
            print("\n".join(problems), file=sys.stderr)
        if problems and strict:  # as the engine's own --strict: the previous site/ is kept
            shutil.rmtree(tmp, ignore_errors=True)
            return 1
        if offline is not None:  # workshop cards PDF and the offline zip (downloads.py), before the swap
            try:
                add_downloads(tmp, offline)
            except DownloadError as exc:
                print(exc, file=sys.stderr)
                shutil.rmtree(tmp, ignore_errors=True)
                return 1
    finally:
        if offline is not None:
            offline.close()
    # The last line of defence (safety.py): no active content anywhere, then a CSP on every page.
    findings = safety.harden(tmp)
    if findings:
        print(
            "De gebouwde site bevat iets dat code zou kunnen uitvoeren; de vorige versie in site/ is bewaard:\n"
            + "\n".join(f"  {finding}" for finding in findings[:50])
            + "\n→ Dit hoort make check al te weigeren: meld het als fout, met het bestand dat het veroorzaakt.",
            file=sys.stderr,
        )
        shutil.rmtree(tmp, ignore_errors=True)
        return 1
    # Search index on the finished temp site, so a failed index keeps the old site/.
    status = build_search_index(tmp)
    if status != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        return status
    old = paths.site.with_name(paths.site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if paths.site.exists():
        paths.site.rename(old)
    tmp.rename(paths.site)
    shutil.rmtree(old, ignore_errors=True)
    return 0
